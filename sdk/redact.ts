/** Node's hook for `util.inspect` / `console.log` (a registered symbol: no `node:util` import needed). */
export const INSPECT = Symbol.for('nodejs.util.inspect.custom')

/** What every client prints instead of a secret. */
export const REDACTED = '[redacted]'

/** `becb…0567`: enough to tell two keys apart in a log, not enough to use one. */
export function maskKey(value: string): string {
  return value.length <= 8 ? REDACTED : `${value.slice(0, 4)}…${value.slice(-4)}`
}
