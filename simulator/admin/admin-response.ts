import type { SimResponse } from '../sim-types.js'

/** An admin answer: JSON, never a provider's envelope. */
export function adminJson(status: number, body: unknown): SimResponse {
  return { status, headers: { 'content-type': 'application/json' }, body }
}

/** An admin refusal: `{"error","message"}` plus any detail fields (e.g. the bad field paths). */
export function adminProblem(
  status: number,
  error: string,
  message: string,
  detail: Record<string, unknown> = {},
): SimResponse {
  return adminJson(status, { error, message, ...detail })
}

/** One bad field of an admin request body: its JSON pointer and what is wrong with it. */
export interface FieldProblem {
  readonly path: string
  readonly message: string
}

/**
 * A 400 naming every bad field (`fields: [{path, message}]`), the message listing them too, so a
 * person reading `curl -s` output sees each at once; the request changed nothing.
 */
export function adminInvalid(
  error: string,
  what: string,
  fields: readonly FieldProblem[],
): SimResponse {
  const listed = fields.map((f) => `${f.path || '/'}: ${f.message}`).join('; ')
  return adminProblem(400, error, `${what}: ${listed}`, { fields })
}
