import { HttpResponse, delay } from 'msw'
import type { SimResponse } from '../../simulator/sim-types.js'

/**
 * Acts a {@link SimResponse} out as msw's `HttpResponse`: latency through msw's `delay`, a
 * `timeout` fault as a hold followed by a network error (what a client sees when the provider
 * never answers and the connection dies), a `drop` as an immediate network error. JSON is
 * serialised here rather than with `HttpResponse.json` so the simulator's own headers
 * (content-type, `allow`, `x-fintwin-*`) pass through untouched. Declared as the Fetch `Response`
 * it is (an `HttpResponse` is one) rather than `HttpResponse<string>`: msw's `HttpResponse` takes
 * a type parameter only in later 2.x releases, and this declaration is read against the app's own
 * msw (a peer dependency, any 2.x from 2.7).
 */
export async function toHttpResponse(response: SimResponse): Promise<Response> {
  if (response.fault) {
    if (response.fault.kind === 'timeout') await delay(response.fault.holdMs)
    return HttpResponse.error()
  }
  if (response.delayMs !== undefined && response.delayMs > 0) await delay(response.delayMs)
  const headers = new Headers(response.headers)
  const hasBody = response.body !== undefined && response.status !== 204 && response.status !== 304
  if (hasBody && !headers.has('content-type')) headers.set('content-type', 'application/json')
  return new HttpResponse(hasBody ? JSON.stringify(response.body) : null, {
    status: response.status,
    headers,
  })
}
