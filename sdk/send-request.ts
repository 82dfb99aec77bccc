import type { ContractViolationHandler } from './contract-check.js'
import { NetworkError } from './network-error.js'
import { TimeoutError } from './timeout-error.js'

/** The `fetch` the clients call: the global one or an injected one (tests, proxies, tracing). */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>

/** The default deadline of a whole request, headers and body. */
export const DEFAULT_TIMEOUT_MS = 30_000

/** How a client talks HTTP and checks answers; shared by both clients' options. */
export interface TransportOptions {
  /** Deadline for a whole request, headers and body. Default 30 000 ms; `0` = none. */
  timeoutMs?: number
  /** A `fetch` to use instead of the global one. */
  fetch?: FetchLike
  /**
   * Check every response against the contracts (`validateResponse`) and throw a
   * `ContractViolationError` listing the differences. For tests and sandbox runs: it catches a
   * provider (or a mock) that drifted from what this SDK was built against.
   */
  validateResponses?: boolean
  /** With `validateResponses`: receive each violating response here instead of throwing. */
  onContractViolation?: ContractViolationHandler
}

/** A response read to the end: status, headers and the body parsed when it is JSON. */
export interface RawResponse {
  status: number
  statusText: string
  headers: Headers
  /** Parsed JSON, else the raw text; `undefined` for an empty body. */
  body: unknown
  /** Whether `body` came from JSON. */
  isJson: boolean
}

/** One request as the clients send it: a JSON body, a multipart `FormData`, or none. */
export interface SendRequestInit {
  fetch: FetchLike
  method: string
  url: string
  headers: Record<string, string>
  body: unknown
  /** Covers the whole exchange, headers and body; `0` or `Infinity` = no limit. */
  timeoutMs: number
}

/**
 * Sends a request (JSON, or a multipart `FormData`) and reads the whole response under one deadline.
 *
 * Why one AbortController for headers and body: a server that sends headers and then stalls
 * would otherwise hang the caller past `timeoutMs`. Why `redirect: 'manual'`: a redirect would
 * replay the Eko signature headers to wherever it points; a 3xx surfaces as an HttpError instead.
 *
 * @throws TimeoutError when the deadline passes; NetworkError when fetch rejects otherwise.
 */
export async function sendRequest(init: SendRequestInit): Promise<RawResponse> {
  const controller = new AbortController()
  let timedOut = false
  const limited = init.timeoutMs > 0 && Number.isFinite(init.timeoutMs)
  const timer = limited
    ? setTimeout(() => {
        timedOut = true
        controller.abort(new Error(`timed out after ${init.timeoutMs} ms`))
      }, init.timeoutMs)
    : undefined
  const fail = (cause: unknown): never => {
    if (timedOut)
      throw new TimeoutError({ method: init.method, url: init.url, timeoutMs: init.timeoutMs })
    throw new NetworkError({ method: init.method, url: init.url, cause })
  }
  try {
    let response: Response
    try {
      response = await init.fetch(init.url, {
        method: init.method,
        // A FormData body (a multipart upload) is sent as is: fetch writes its content type,
        // boundary included.
        headers: {
          accept: 'application/json',
          ...(init.body instanceof FormData ? {} : { 'content-type': 'application/json' }),
          ...init.headers,
        },
        body:
          init.body === undefined || init.body instanceof FormData
            ? init.body
            : JSON.stringify(init.body),
        signal: controller.signal,
        redirect: 'manual',
      })
    } catch (error) {
      return fail(error)
    }
    let text: string
    try {
      text = await response.text()
    } catch (error) {
      return fail(error)
    }
    if (timedOut) return fail(undefined)
    const { body, isJson } = parseBody(text)
    return {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
      body,
      isJson,
    }
  } finally {
    if (timer !== undefined) clearTimeout(timer)
  }
}

function parseBody(text: string): { body: unknown; isJson: boolean } {
  if (text.trim() === '') return { body: undefined, isJson: false }
  try {
    return { body: JSON.parse(text) as unknown, isJson: true }
  } catch {
    return { body: text, isJson: false }
  }
}

/** `non-JSON body: <html>…` for error messages, without echoing a whole page. */
export function describeNonJson(body: unknown): string {
  if (body === undefined) return 'empty body'
  const text = String(body).replace(/\s+/g, ' ').trim()
  return `non-JSON body: ${text.length > 80 ? `${text.slice(0, 80)}…` : text}`
}

/** A text body's one line (APIcast's answers are short US-ASCII texts), or undefined. */
export function plainText(body: unknown): string | undefined {
  if (typeof body !== 'string') return undefined
  const text = body.trim()
  return text === '' ? undefined : text
}
