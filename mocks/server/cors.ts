import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'

/**
 * Cross-origin access to the server door, for a front end on another origin (a dev server on
 * `http://localhost:5173`) calling fintwin directly. Off unless asked for: Surepass and Eko send
 * no CORS headers, so a browser app that works against fintwin without `--cors` would also be
 * refused by the real API, and with it the developer has chosen to differ from the provider.
 */
export interface CorsOptions {
  /** `'*'` for any origin, or the exact origins allowed (`http://localhost:5173`). Default `'*'`. */
  readonly origins?: '*' | readonly string[]
}

/** What the dispatcher asks of a CORS policy. */
export interface CorsPolicy {
  /** Answers a preflight `OPTIONS` and returns its status; `undefined` when `req` is none. */
  preflight(req: IncomingMessage, res: ServerResponse): number | undefined
  /** Adds the `Access-Control-*` headers an actual response to `req` needs. */
  decorate(req: IncomingMessage, headers: OutgoingHttpHeaders): void
}

/**
 * Response headers not worth exposing: those a browser lets scripts read anyway (the Fetch
 * standard's safelist) and the connection-level ones.
 */
const UNEXPOSED_RESPONSE_HEADERS = new Set([
  'connection',
  'vary',
  'cache-control',
  'content-language',
  'content-length',
  'content-type',
  'expires',
  'last-modified',
  'pragma',
])

/** How long a browser may reuse a preflight answer, seconds. */
const PREFLIGHT_MAX_AGE_S = '600'

/** An origin as a browser sends it: scheme, host and port, nothing else. */
export function isOrigin(text: string): boolean {
  try {
    const url = new URL(text)
    return url.origin !== 'null' && url.origin === text
  } catch {
    return false
  }
}

/**
 * The policy of {@link CorsOptions}. A preflight from an allowed origin gets 204 granting the
 * method and the headers it asked for (the providers' auth headers, `x-fintwin-scenario`, the
 * admin token); one from any other origin gets 403 in JSON naming the origin, so the reason shows
 * in the browser's network panel. Actual responses to an allowed origin expose every header that
 * is not safelisted, `x-fintwin-*` included, so a test page can read
 * `x-fintwin-contract-violation` and `x-fintwin-auth-error`. No credentials mode: fintwin's
 * tokens travel in headers, never in cookies.
 */
export function createCorsPolicy(options: CorsOptions = {}): CorsPolicy {
  const origins = options.origins ?? '*'
  const anyOrigin = origins === '*'
  const allowed = new Set(anyOrigin ? [] : origins)
  for (const origin of allowed)
    if (!isOrigin(origin)) throw new RangeError(`cors: "${origin}" is not an origin`)

  const allowOrigin = (origin: string | undefined): string | undefined => {
    if (origin === undefined) return undefined
    if (anyOrigin) return '*'
    return allowed.has(origin) ? origin : undefined
  }

  return {
    preflight(req, res) {
      const method = req.headers['access-control-request-method']
      if (req.method !== 'OPTIONS' || method === undefined || req.headers.origin === undefined)
        return undefined
      const origin = req.headers.origin
      const granted = allowOrigin(origin)
      const vary = anyOrigin
        ? 'Access-Control-Request-Headers'
        : 'Origin, Access-Control-Request-Headers'
      if (granted === undefined) {
        const body = JSON.stringify({
          error: 'cors_origin_not_allowed',
          field: 'origin',
          origin,
          allowed: [...allowed],
        })
        res.writeHead(403, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          vary,
        })
        res.end(body)
        return 403
      }
      const headers: OutgoingHttpHeaders = {
        'access-control-allow-origin': granted,
        'access-control-allow-methods': method,
        'access-control-max-age': PREFLIGHT_MAX_AGE_S,
        vary,
        'content-length': 0,
      }
      const asked = req.headers['access-control-request-headers']
      if (asked !== undefined) headers['access-control-allow-headers'] = asked
      // Chrome's Private Network Access: a page on a public origin calling a loopback fintwin.
      if (req.headers['access-control-request-private-network'] === 'true')
        headers['access-control-allow-private-network'] = 'true'
      res.writeHead(204, headers)
      res.end()
      return 204
    },

    decorate(req, headers) {
      if (!anyOrigin) headers.vary = 'Origin'
      const granted = allowOrigin(req.headers.origin)
      if (granted === undefined) return
      const exposed = Object.keys(headers).filter(
        (name) => !UNEXPOSED_RESPONSE_HEADERS.has(name.toLowerCase()),
      )
      headers['access-control-allow-origin'] = granted
      if (exposed.length > 0) headers['access-control-expose-headers'] = exposed.join(', ')
    },
  }
}
