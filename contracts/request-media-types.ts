/**
 * The request-body media types fintwin can read, and the form encoding of a body: shared by the
 * OpenAPI export (which declares, per operation, the ones its contract admits) and the tests
 * that hold that declaration to what the simulator really accepts.
 */

/**
 * What the simulator's body parser turns into a value (`simulator/body-parser.ts`): JSON, and
 * `application/x-www-form-urlencoded`, which Eko's v1/v2 APIs and its official Node SDK send.
 * An operation admits one when its contract's `content-type` header schema does.
 */
export const REQUEST_BODY_MEDIA_TYPES: readonly string[] = [
  'application/json',
  'application/x-www-form-urlencoded',
]

/** The form media type, which only carries strings. */
export const FORM_MEDIA_TYPE = 'application/x-www-form-urlencoded'

/**
 * A body object as `application/x-www-form-urlencoded` text, the way form clients send one:
 * strings as they are, numbers and booleans as their text, objects and arrays as JSON text
 * (Eko's Onboard User takes `residence_address` so in a form body). Keys in order.
 */
export function toFormBody(body: Readonly<Record<string, unknown>>): string {
  const form = new URLSearchParams()
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined) continue
    form.append(key, typeof value === 'object' ? JSON.stringify(value) : String(value))
  }
  return form.toString()
}

/** The object a form body decodes to (every value a string), as a form-reading server sees it. */
export function fromFormBody(text: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(text))
}
