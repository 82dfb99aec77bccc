/** What Surepass puts in every error body (the Surepass API docs, share.apidog.com/apidoc/docs-site/750756). */
export interface SurepassErrorEnvelope {
  data: unknown
  status_code: number
  success: false
  message: string | null
  message_code: string | null
}

/**
 * Surepass refused the request with its error envelope and a non-2xx status, e.g. 422
 * `mobile_number_not_matched`, 401 `unauthorized`, 404 `client_not_found`. Branch on
 * `messageCode` (the provider's stable code), not on `message` (free text that differs between
 * Surepass pages).
 */
export class SurepassError extends Error {
  override readonly name = 'SurepassError'
  readonly method: string
  readonly url: string
  /** HTTP status (Surepass mirrors it in `status_code`). */
  readonly status: number
  /** Surepass `message_code`, e.g. `invalid_otp`; `null` on the few endpoints that omit it. */
  readonly messageCode: string | null
  /** Surepass's own `message` text (the error's `message` is the full log line). */
  readonly providerMessage: string | null
  /** The whole error envelope as received. */
  readonly body: SurepassErrorEnvelope

  constructor(init: { method: string; url: string; status: number; body: SurepassErrorEnvelope }) {
    const code = init.body.message_code ?? 'error'
    const text = init.body.message ? `: ${init.body.message}` : ''
    super(`${init.method} ${init.url} → ${init.status} ${code}${text}`)
    this.method = init.method
    this.url = init.url
    this.status = init.status
    this.messageCode = init.body.message_code
    this.providerMessage = init.body.message
    this.body = init.body
  }
}

/** Type guard that works across copies of the SDK (checks the name, not the prototype). */
export function isSurepassError(error: unknown): error is SurepassError {
  return error instanceof Error && error.name === 'SurepassError'
}
