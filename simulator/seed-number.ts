/**
 * A seed string as the 32-bit number faker wants (FNV-1a), so `--seed demo` and `--seed 42`
 * both give a repeatable persona set.
 */
export function seedNumber(seed: string): number {
  if (/^\d{1,9}$/.test(seed)) return Number(seed)
  let hash = 0x811c9dc5
  for (let i = 0; i < seed.length; i++) {
    hash ^= seed.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}
