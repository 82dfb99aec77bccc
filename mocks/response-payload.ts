import type { SimResponse } from '../simulator/sim-types.js'

/**
 * The bytes a door sends for a {@link SimResponse}: its body as JSON, except a string body
 * whose `content-type` is not JSON (the QA console's HTML, a `text/plain` curl line), which is
 * sent as it is. Both doors use this one rule, so `/__sim/ui` looks the same over HTTP and msw.
 */
export function responsePayload(response: SimResponse): string {
  const { body } = response
  if (body === undefined) return ''
  if (typeof body === 'string' && isTextContentType(response.headers['content-type'])) return body
  return JSON.stringify(body)
}

/** A content type that is set and is not JSON (`text/html`, `text/plain`, …). */
function isTextContentType(contentType: string | undefined): boolean {
  return contentType !== undefined && !contentType.includes('json')
}
