/**
 * `fetch` itself rejected: DNS failure, refused or reset connection, TLS error. No HTTP response
 * exists. The original rejection is kept as `cause` (its message names the system error code,
 * e.g. `ECONNREFUSED`), and the message repeats it so a log line alone is enough.
 */
export class NetworkError extends Error {
  override readonly name = 'NetworkError'
  readonly method: string
  readonly url: string

  constructor(init: { method: string; url: string; cause: unknown }) {
    super(`${init.method} ${init.url} failed: ${describeCause(init.cause)}`, { cause: init.cause })
    this.method = init.method
    this.url = init.url
  }
}

/** Type guard that works across copies of the SDK (checks the name, not the prototype). */
export function isNetworkError(error: unknown): error is NetworkError {
  return error instanceof Error && error.name === 'NetworkError'
}

/** `fetch failed (ECONNREFUSED)`: undici hides the system error in `cause`. */
function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause)
  const inner = cause.cause as { code?: unknown; message?: unknown } | undefined
  const code =
    typeof inner?.code === 'string'
      ? inner.code
      : typeof inner?.message === 'string'
        ? inner.message
        : undefined
  return code ? `${cause.message} (${code})` : cause.message
}
