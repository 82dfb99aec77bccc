/**
 * The request did not complete (headers and body) within the client's `timeoutMs`. The SDK
 * aborts the fetch, so no late answer is processed. Whether the provider acted on the request is
 * unknown: for state-changing calls (generate-OTP, send-OTP) check the state before retrying.
 */
export class TimeoutError extends Error {
  override readonly name = 'TimeoutError'
  readonly method: string
  readonly url: string
  /** The limit that was exceeded, in milliseconds. */
  readonly timeoutMs: number

  constructor(init: { method: string; url: string; timeoutMs: number }) {
    super(`${init.method} ${init.url} timed out after ${init.timeoutMs} ms`)
    this.method = init.method
    this.url = init.url
    this.timeoutMs = init.timeoutMs
  }
}

/** Type guard that works across copies of the SDK (checks the name, not the prototype). */
export function isTimeoutError(error: unknown): error is TimeoutError {
  return error instanceof Error && error.name === 'TimeoutError'
}
