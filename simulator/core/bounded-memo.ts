/**
 * A bounded cache for a pure function of a string: what the simulator derives again and again
 * from the same input (a decrypted Aadhaar ciphertext, the persona registry of a seed). The
 * oldest entry goes when it is full, so memory stays flat. Not state: dropping an entry only
 * costs the recomputation, which is why it may be shared by every simulator of a process.
 */
export function boundedMemo<V>(compute: (key: string) => V, capacity: number): (key: string) => V {
  if (!(Number.isSafeInteger(capacity) && capacity >= 1))
    throw new RangeError(`boundedMemo: capacity must be an integer >= 1, got ${capacity}`)
  const entries = new Map<string, V>()
  return (key) => {
    if (entries.has(key)) return entries.get(key) as V
    const value = compute(key)
    if (entries.size >= capacity) entries.delete(entries.keys().next().value as string)
    entries.set(key, value)
    return value
  }
}
