import { http, type HttpHandler, type HttpRequestHandler } from 'msw'
import { listRoutes, providers, type HttpMethod } from '../../contracts/index.js'
import type { Simulator } from '../../simulator/create-simulator.js'
import { DEFAULT_BODY_LIMIT } from '../body-limit.js'
import { toHttpResponse } from './to-http-response.js'
import { toSimRequest } from './to-sim-request.js'

/** Options of {@link createHandlers}. */
export interface CreateHandlersOptions {
  /**
   * Origin the provider paths are matched on. Default `'*'`: any origin, so the app under test
   * keeps its real base URLs (`https://sandbox.surepass.io`, `https://staging.eko.in/ekoapi/v3`,
   * `https://api.eko.in/ekoicici/v3`) and is still answered in-process.
   */
  origin?: string
  /** Largest body read before answering the provider's 413. Default 1 MiB, as the server. */
  bodyLimit?: number
  /** Serve `/__sim/*` too (default true), so tests and a browser worker can drive the simulator. */
  admin?: boolean
  /**
   * Answer every other path on the providers' documented hosts too (default true): an unknown
   * path there gets the provider's own 404 envelope instead of leaking to the real network.
   */
  providerHosts?: boolean
}

/** The contracts' methods onto msw's; a method the contracts add later fails loudly here. */
const METHOD_HANDLERS: Record<HttpMethod, HttpRequestHandler> = {
  GET: http.get,
  POST: http.post,
  PUT: http.put,
  PATCH: http.patch,
  DELETE: http.delete,
}

/**
 * msw request handlers for every contract route, answered by `simulator.handle`: the in-process
 * door (`setupServer(...createHandlers(sim))` in Node, `setupWorker` in a browser). The routes
 * come from the contract registry, never from a list kept here, so a new contract operation is
 * served without touching this file. Order matters to msw (first match wins): the method-specific
 * handlers, then one `http.all` per contract path so a wrong method gets the provider's 405, then
 * the admin routes, then the providers' hosts. Isomorphic: no `node:` imports.
 */
export function createHandlers(
  simulator: Simulator,
  options: CreateHandlersOptions = {},
): HttpHandler[] {
  const origin = options.origin ?? '*'
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT
  const resolve = async ({ request }: { request: Request }) =>
    toHttpResponse(await simulator.handle(await toSimRequest(request, bodyLimit)), request.signal)

  const routes = listRoutes()
  const handlers: HttpHandler[] = routes.map(({ method, path }) => {
    const factory: HttpRequestHandler | undefined = METHOD_HANDLERS[method]
    if (!factory) throw new Error(`createHandlers: no msw handler for method ${method} (${path})`)
    return factory(origin + mswPath(path), resolve)
  })
  for (const path of new Set(routes.map((route) => mswPath(route.path))))
    handlers.push(http.all(origin + path, resolve))
  if (options.admin ?? true) handlers.push(http.all(`${origin}/__sim/*`, resolve))
  if (options.providerHosts ?? true) {
    for (const provider of providers.values()) {
      for (const host of [...provider.hosts.sandbox, ...provider.hosts.production])
        handlers.push(http.all(`${host}/*`, resolve))
    }
  }
  return handlers
}

/**
 * A contract path as msw matches it. A path with `{name}` parameters (which may sit inside a
 * segment, as Eko's `user_code:{user_code}`, a syntax msw's matcher cannot say) is matched from
 * its last static segment on with a wildcard: the simulator's router then takes the exact route
 * (or answers the provider's 404), so nothing is decided twice.
 */
export function mswPath(path: string): string {
  const brace = path.indexOf('{')
  return brace === -1 ? path : `${path.slice(0, path.lastIndexOf('/', brace))}/*`
}
