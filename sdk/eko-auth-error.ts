/**
 * Eko answered HTTP 403: it did not accept the request's authentication (wrong access key or
 * developer key, a timestamp outside Eko's window — check the server clock —, a non-allow-listed
 * IP, or a service not activated; developers.eko.in/docs/authentication; eps.eko.in/docs/how-auth-works). Kept apart from {@link HttpError} because the fix
 * is configuration, not a retry. Against fintwin, `reason` names the exact failed check
 * (`signature_mismatch`, `timestamp_skew`…) from the `x-fintwin-auth-error` header; real Eko
 * gives no reason.
 */
export class EkoAuthError extends Error {
  override readonly name = 'EkoAuthError'
  readonly method: string
  readonly url: string
  /** Always 403. */
  readonly status: number
  /** The failed check, when the server names it (fintwin's `x-fintwin-auth-error`). */
  readonly reason: string | undefined
  /** The body as received (JSON, text, or `undefined`); its shape is undocumented by Eko. */
  readonly body: unknown

  constructor(init: {
    method: string
    url: string
    status: number
    reason: string | undefined
    body: unknown
  }) {
    const message = bodyMessage(init.body)
    super(
      `${init.method} ${init.url} → ${init.status} ${message ?? 'Forbidden'}` +
        (init.reason ? ` (${init.reason})` : '') +
        ': Eko refused the authentication — check developer_key, access key and the server clock',
    )
    this.method = init.method
    this.url = init.url
    this.status = init.status
    this.reason = init.reason
    this.body = init.body
  }
}

/** Type guard that works across copies of the SDK (checks the name, not the prototype). */
export function isEkoAuthError(error: unknown): error is EkoAuthError {
  return error instanceof Error && error.name === 'EkoAuthError'
}

function bodyMessage(body: unknown): string | undefined {
  if (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as { message?: unknown }).message === 'string'
  ) {
    return (body as { message: string }).message
  }
  return undefined
}
