import type { SimResponse } from '../sim-types.js'

/**
 * A request to the admin API that cannot be honoured because of one field: renders itself as
 * `400 {"error":"invalid_body","field","message"}`, so a tool (Postman, the console, a script)
 * can point at what to fix. The simulator's state is untouched when it is thrown.
 */
export class AdminInputError extends Error {
  override readonly name = 'AdminInputError'

  constructor(
    /** The field at fault, as the caller spelt it (`body` for the body as a whole). */
    readonly field: string,
    message: string,
  ) {
    super(message)
  }

  toResponse(): SimResponse {
    return {
      status: 400,
      headers: { 'content-type': 'application/json' },
      body: { error: 'invalid_body', field: this.field, message: this.message },
    }
  }
}

/** Whether `error` is an {@link AdminInputError}. */
export function isAdminInputError(error: unknown): error is AdminInputError {
  return error instanceof AdminInputError
}

/**
 * The body of an admin request as an object with only the `allowed` fields (an absent body is
 * `{}`); a typo'd field is refused by name rather than silently ignored.
 */
export function objectBody(body: unknown, allowed: readonly string[]): Record<string, unknown> {
  if (body === undefined || body === null || body === '') return {}
  if (typeof body !== 'object' || Array.isArray(body))
    throw new AdminInputError('body', 'the body must be a JSON object')
  for (const key of Object.keys(body))
    if (!allowed.includes(key))
      throw new AdminInputError(key, `unknown field "${key}"; allowed: ${allowed.join(', ')}`)
  return body as Record<string, unknown>
}
