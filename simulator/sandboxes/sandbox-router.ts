import { adminJson, adminProblem } from '../admin/admin-response.js'
import { refuseWithoutAdminToken } from '../admin/admin-token.js'
import { baseUrlOf } from '../admin/base-url.js'
import type { SimRequest, SimResponse } from '../sim-types.js'
import { isSandboxError, SandboxError } from './sandbox-error.js'
import type { Sandbox, SandboxManager } from './sandbox-manager.js'

/** The request header that selects a sandbox, for clients that cannot change their base path. */
export const SANDBOX_HEADER = 'x-fintwin-sandbox'
/** Paths under `/sbx/{id}/…` are those of sandbox `{id}`: a client needs only another base URL. */
export const SANDBOX_PATH_PREFIX = '/sbx/'

const REGISTRY_PATH = '/__sim/sandboxes'

/** Where a request goes: to a sandbox (the path it sees there), or answered here. */
export type SandboxResolution =
  | { readonly kind: 'sandbox'; readonly sandbox: Sandbox; readonly request: SimRequest }
  | {
      readonly kind: 'reply'
      readonly sandbox: Sandbox | undefined
      readonly response: SimResponse
    }

/** A sandbox as the admin API shows it. */
export interface SandboxView {
  id: string
  name: string
  default: boolean
  /** The path prefix of every route of this sandbox. */
  base_path: string
  /** The base URL to point a client at (from the request's Host). */
  base_url: string
  created_at: string
  last_used_at: string
  /** When it will be deleted if unused until then; null for the default sandbox. */
  expires_at: string | null
  seed: string
  otp: string | null
  eko_skew_ms: number
  /** The sandbox's own clock. */
  now: string
  state: ReturnType<Sandbox['simulator']['stats']>
}

/** Puts a {@link SandboxManager} in front of its simulators: routes each request to its sandbox. */
export interface SandboxRouter {
  readonly manager: SandboxManager
  /**
   * Which sandbox a request is for (`/sbx/{id}/…`, else header `x-fintwin-sandbox`, else the
   * default), and the request as that sandbox sees it (prefix stripped). The registry routes
   * (`/__sim/sandboxes…`) and an unknown id are answered here.
   */
  resolve(request: SimRequest): SandboxResolution
  /** {@link resolve}, then the sandbox's own `handle`. */
  handle(request: SimRequest): Promise<SimResponse>
}

export function createSandboxRouter(manager: SandboxManager): SandboxRouter {
  const adminToken = () => manager.default.simulator.config.adminToken

  function view(sandbox: Sandbox, request: SimRequest): SandboxView {
    const basePath = `${request.basePath ?? ''}${sandbox.isDefault ? '' : `${SANDBOX_PATH_PREFIX}${sandbox.id}`}`
    const expires = manager.expiresAt(sandbox)
    return {
      id: sandbox.id,
      name: sandbox.name,
      default: sandbox.isDefault,
      base_path: basePath,
      base_url: baseUrlOf({ ...request, basePath }),
      created_at: new Date(sandbox.createdAt).toISOString(),
      last_used_at: new Date(sandbox.lastUsedAt).toISOString(),
      expires_at: expires === null ? null : new Date(expires).toISOString(),
      ...sandbox.settings,
      now: new Date(sandbox.simulator.clock.now()).toISOString(),
      state: sandbox.simulator.stats(),
    }
  }

  const unknown = (id: string): SandboxError =>
    new SandboxError(
      'unknown_sandbox',
      `no sandbox "${id}": it never existed, was deleted, or expired after ${manager.limits.idleMs} ms unused; create one with POST /__sim/sandboxes`,
      [],
      id,
    )

  /** `/__sim/sandboxes[/{id}]`: the registry, global whichever sandbox the request came through. */
  function registry(request: SimRequest, rest: string): SimResponse {
    const refused = refuseWithoutAdminToken(request, adminToken())
    if (refused) return refused
    const id = rest === '' || rest === '/' ? undefined : rest.slice(1)
    if (id?.includes('/')) return adminProblem(404, 'not_found', `no admin route ${request.path}`)
    const method = request.method.toUpperCase()
    const allowed = id === undefined ? ['GET', 'POST'] : ['GET', 'DELETE']
    if (!allowed.includes(method))
      return {
        ...adminProblem(405, 'method_not_allowed', `${method} not allowed on ${request.path}`),
        headers: { 'content-type': 'application/json', allow: allowed.join(', ') },
      }
    if (request.bodyError)
      return adminProblem(400, 'invalid_body', `the body could not be read (${request.bodyError})`)
    try {
      if (id === undefined && method === 'POST')
        return adminJson(201, view(manager.create(request.body), request))
      if (id === undefined)
        return adminJson(200, {
          sandboxes: manager.list().map((s) => view(s, request)),
          max_sandboxes: manager.limits.maxSandboxes,
          idle_ms: manager.limits.idleMs,
        })
      if (method === 'DELETE') {
        if (!manager.delete(id)) throw unknown(id)
        return adminJson(200, { deleted: id })
      }
      const sandbox = manager.get(id)
      if (!sandbox) throw unknown(id)
      return adminJson(200, view(sandbox, request))
    } catch (error) {
      if (isSandboxError(error)) return error.toResponse()
      throw error
    }
  }

  function resolve(request: SimRequest): SandboxResolution {
    let sandbox: Sandbox | undefined = manager.default
    let inner = request
    const { path } = request
    if (path.startsWith(SANDBOX_PATH_PREFIX)) {
      const end = path.indexOf('/', SANDBOX_PATH_PREFIX.length)
      const id = path.slice(SANDBOX_PATH_PREFIX.length, end === -1 ? undefined : end)
      sandbox = manager.get(id)
      if (!sandbox) return { kind: 'reply', sandbox, response: unknown(id).toResponse() }
      inner = {
        ...request,
        path: end === -1 ? '/' : path.slice(end),
        basePath: `${request.basePath ?? ''}${SANDBOX_PATH_PREFIX}${id}`,
      }
    } else {
      const id = request.headers[SANDBOX_HEADER]
      if (id !== undefined) {
        sandbox = manager.get(id)
        if (!sandbox) return { kind: 'reply', sandbox, response: unknown(id).toResponse() }
        inner = { ...request, basePath: `${request.basePath ?? ''}${SANDBOX_PATH_PREFIX}${id}` }
      }
    }
    manager.touch(sandbox)
    if (inner.path === REGISTRY_PATH || inner.path.startsWith(`${REGISTRY_PATH}/`))
      return {
        kind: 'reply',
        sandbox,
        response: registry(inner, inner.path.slice(REGISTRY_PATH.length)),
      }
    return { kind: 'sandbox', sandbox, request: inner }
  }

  return {
    manager,
    resolve,
    async handle(request) {
      const resolution = resolve(request)
      return resolution.kind === 'reply'
        ? resolution.response
        : resolution.sandbox.simulator.handle(resolution.request)
    },
  }
}
