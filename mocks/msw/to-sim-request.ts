import { isMultipart, parseRequestBody } from '../body-parser.js'
import { binaryString } from '../multipart.js'
import type { SimRequest } from '../../simulator/sim-types.js'

/** The body text of a request, or the fact that it was larger than allowed. */
export type BodyText = { ok: true; text: string } | { ok: false; error: 'too_large' }

/**
 * Reads a Fetch body as UTF-8 text, giving up as soon as more than `limit` bytes arrived.
 * `request.text()` would buffer any size first; reading the stream chunk by chunk keeps a
 * 2 GiB upload from ever being held in memory, in Node and in a browser alike.
 */
export async function readBodyText(
  request: Request,
  limit: number,
  /** Read one char per byte (a multipart upload), so file sizes stay exact. */
  binary = false,
): Promise<BodyText> {
  const declared = request.headers.get('content-length')
  if (declared !== null && Number(declared) > limit) {
    discard(request.body?.cancel())
    return { ok: false, error: 'too_large' }
  }
  if (request.body === null) return { ok: true, text: '' }
  const reader = request.body.getReader()
  const decoder = new TextDecoder()
  let size = 0
  let text = ''
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      discard(reader.cancel())
      return { ok: false, error: 'too_large' }
    }
    text += binary ? binaryString(value) : decoder.decode(value, { stream: true })
  }
  return { ok: true, text: binary ? text : text + decoder.decode() }
}

/**
 * Cancels without waiting: under msw's interceptor a cancel can stay pending until the whole
 * upload has been consumed, which would hold the 413 hostage to the body it refuses.
 */
function discard(cancelling: Promise<void> | undefined): void {
  cancelling?.catch(() => undefined)
}

/**
 * Turns a Fetch `Request` into the plain {@link SimRequest} the simulator takes: lower-case
 * headers (Fetch `Headers` already iterates them so), the query as a flat record (the last
 * value of a repeated key wins, as in most server frameworks), and the body parsed the one way
 * every door parses it, or the reason it could not be.
 */
export async function toSimRequest(request: Request, bodyLimit: number): Promise<SimRequest> {
  const url = new URL(request.url)
  const headers: Record<string, string> = {}
  request.headers.forEach((value, name) => {
    headers[name] = value
  })
  const query: Record<string, string> = {}
  url.searchParams.forEach((value, name) => {
    query[name] = value
  })
  const simRequest: SimRequest = {
    method: request.method.toUpperCase(),
    path: url.pathname,
    query,
    headers,
    body: undefined,
  }
  const read = await readBodyText(request, bodyLimit, isMultipart(headers['content-type']))
  if (!read.ok) {
    simRequest.bodyError = read.error
    return simRequest
  }
  const parsed = parseRequestBody(headers['content-type'], read.text)
  if (parsed.ok) simRequest.body = parsed.body
  else simRequest.bodyError = parsed.error
  return simRequest
}
