/** A response read once: status, headers and parsed JSON body (or the text when it is not JSON). */
export interface JsonResponse<T = any> {
  status: number
  headers: Headers
  body: T
}

/**
 * `fetch` + JSON in one call, for tests that assert on status and body together. A body object
 * is sent as JSON; a string is sent as is (to test malformed bodies).
 */
export async function requestJson<T = any>(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = { ...init.headers }
  let body: string | undefined
  if (typeof init.body === 'string') body = init.body
  else if (init.body !== undefined) {
    body = JSON.stringify(init.body)
    headers['content-type'] ??= 'application/json'
  }
  const response = await fetch(url, {
    method: init.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    body,
  })
  const text = await response.text()
  let parsed: unknown = text
  try {
    parsed = text.length > 0 ? JSON.parse(text) : undefined
  } catch {
    // not JSON: the test sees the text
  }
  return { status: response.status, headers: response.headers, body: parsed as T }
}
