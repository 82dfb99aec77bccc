/**
 * The provider answered, but not in a way its contract gives a typed error for: an HTTP status
 * the SDK does not expect from that provider (Surepass 5xx without an envelope, Eko 404/405/415/
 * 500), or a body that is not the provider's JSON envelope. Separate from {@link SurepassError} /
 * {@link EkoError} so that callers can retry or alert on infrastructure trouble without parsing
 * business codes.
 */
export class HttpError extends Error {
  override readonly name = 'HttpError'
  /** HTTP method of the request, e.g. `POST`. */
  readonly method: string
  /** Full request URL (never carries credentials: they travel in headers). */
  readonly url: string
  /** HTTP status of the response. */
  readonly status: number
  /** Parsed JSON body, or the raw text when it was not JSON (`undefined` when empty). */
  readonly body: unknown
  /**
   * The answer's text when it was plain text rather than JSON: Eko's gateway (3scale APIcast)
   * answers an unknown path "No Mapping Rule matched" and a spent usage limit "Usage limit
   * exceeded" so (github.com/3scale/porta db/schema.rb). `undefined` otherwise.
   */
  readonly text: string | undefined

  constructor(init: {
    method: string
    url: string
    status: number
    statusText?: string
    body: unknown
    /** Set when the body was plain text (see {@link text}). */
    text?: string
    detail?: string
  }) {
    const text = init.statusText ? ` ${init.statusText}` : ''
    const detail = init.detail ? `: ${init.detail}` : ''
    super(`${init.method} ${init.url} → ${init.status}${text}${detail}`)
    this.method = init.method
    this.url = init.url
    this.status = init.status
    this.body = init.body
    this.text = init.text
  }
}

/** Type guard that works across copies of the SDK (checks the name, not the prototype). */
export function isHttpError(error: unknown): error is HttpError {
  return error instanceof Error && error.name === 'HttpError'
}
