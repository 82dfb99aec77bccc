/**
 * Compares two values (strings, or byte arrays) in time that depends only on their lengths, not
 * on where they first differ: response time must not reveal how much of a forged signature,
 * OTP or admin token was right. The simulator does not teach clients to rely on a timing side
 * channel a real provider would not have. The loop runs over the longer input; a length
 * mismatch is folded into the result rather than returned early. The one compare of the tree.
 */
export function constantTimeEqual(
  a: string | ArrayLike<number>,
  b: string | ArrayLike<number>,
): boolean {
  const at = unitAt(a)
  const bt = unitAt(b)
  let diff = a.length ^ b.length
  const n = Math.max(a.length, b.length)
  for (let i = 0; i < n; i++) diff |= at(i) ^ bt(i)
  return diff === 0
}

/** Code unit (or byte) at `i`, 0 past the end (the length term already flags it). */
function unitAt(value: string | ArrayLike<number>): (i: number) => number {
  return typeof value === 'string' ? (i) => value.charCodeAt(i) | 0 : (i) => value[i] ?? 0
}
