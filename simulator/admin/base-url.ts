import type { SimRequest } from '../sim-types.js'

/** What a `Host` header may hold to be echoed into a curl line or a collection: a host and port. */
const SAFE_HOST = /^[A-Za-z0-9.-]+(?::[0-9]{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::[0-9]{1,5})?$/
/** A sandbox prefix as a door hands it: path segments of safe characters. */
const SAFE_BASE_PATH = /^(?:\/[A-Za-z0-9._~-]+)*$/

/**
 * This simulator's own base URL as the client reached it: scheme (`x-forwarded-proto` behind a
 * TLS proxy), `Host`, and the prefix it is mounted under (`request.basePath`, a sandbox's
 * `/sbx/{id}`). Preset curl lines and the Postman collection are built on it, so what they say
 * works against the server (and sandbox) that served them. A `Host` that is not a plain host
 * and port is not echoed (it would land in a shell line): the default address is used instead.
 */
export function baseUrlOf(request: SimRequest): string {
  const proto = request.headers['x-forwarded-proto']?.split(',')[0]?.trim()
  const host = request.headers.host ?? ''
  const basePath = request.basePath ?? ''
  return `${proto === 'https' ? 'https' : 'http'}://${SAFE_HOST.test(host) ? host : '127.0.0.1:4010'}${SAFE_BASE_PATH.test(basePath) ? basePath : ''}`
}
