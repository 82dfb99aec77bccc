/** The Eko envelope of a business failure (github.com/ekoindia/openapi-spec docs/docs.md §4; eps.eko.in/docs/error-codes): HTTP 200 with a non-zero `status`. */
export interface EkoErrorEnvelope {
  status: number
  message: string
  response_status_id: number
  response_type_id: number
  data?: Record<string, unknown>
  invalid_params?: Record<string, string>
}

/**
 * Eko answered HTTP 200 with a non-zero `status`: Eko's way of refusing a request (github.com/ekoindia/openapi-spec docs/docs.md §4; eps.eko.in/docs/error-codes),
 * e.g. 346 agent not allowed, 461 wrong or expired OTP, 1714 daily KYC before eKYC, 97 with
 * `invalidParams`. Branch on `responseTypeId` (Eko's id of the response shape) or `status`;
 * `reason` surfaces `data.reason`, where Eko puts the actual cause of 461 / 1714.
 */
export class EkoError extends Error {
  override readonly name = 'EkoError'
  readonly method: string
  readonly url: string
  /** Eko's `status` (non-zero), not the HTTP status (which was 200). */
  readonly status: number
  readonly responseTypeId: number
  readonly responseStatusId: number
  /** Field → message on input-validation failures (`response_type_id` -1). */
  readonly invalidParams: Readonly<Record<string, string>> | undefined
  /** `data.reason` when Eko gave one. */
  readonly reason: string | undefined
  /** The whole envelope as received. */
  readonly body: EkoErrorEnvelope

  constructor(init: { method: string; url: string; body: EkoErrorEnvelope }) {
    const b = init.body
    const reason =
      typeof b.data?.reason === 'string' && b.data.reason !== ''
        ? (b.data.reason as string)
        : undefined
    const parts = [
      `${init.method} ${init.url} → status ${b.status} (response_type_id ${b.response_type_id}): ${b.message}`,
    ]
    if (reason) parts.push(` — ${reason}`)
    if (b.invalid_params)
      parts.push(` [invalid_params: ${Object.keys(b.invalid_params).join(', ')}]`)
    super(parts.join(''))
    this.method = init.method
    this.url = init.url
    this.status = b.status
    this.responseTypeId = b.response_type_id
    this.responseStatusId = b.response_status_id
    this.invalidParams = b.invalid_params
    this.reason = reason
    this.body = b
  }
}

/** Type guard that works across copies of the SDK (checks the name, not the prototype). */
export function isEkoError(error: unknown): error is EkoError {
  return error instanceof Error && error.name === 'EkoError'
}
