import { constantTimeEqual } from '../core/index.js'
import type { SimRequest, SimResponse } from '../sim-types.js'
import { adminProblem } from './admin-response.js'

/** The query parameter that carries the admin token where no header can (an `EventSource`). */
const ADMIN_TOKEN_QUERY = 'admin_token'

/**
 * The admin token a request carries, if any: `x-fintwin-admin-token`, else a Bearer token, else
 * (only where `inQuery`) the {@link ADMIN_TOKEN_QUERY} query parameter.
 */
function adminTokenOf(request: SimRequest, inQuery: boolean): string {
  const header = request.headers['x-fintwin-admin-token']
  if (header !== undefined) return header
  const bearer = /^Bearer\s+(\S+)$/.exec(request.headers.authorization ?? '')?.[1]
  if (bearer !== undefined) return bearer
  return (inQuery ? request.query[ADMIN_TOKEN_QUERY] : undefined) ?? ''
}

/**
 * The one check guarding the control surface (every `/__sim` route of every sandbox, the sandbox
 * registry, snapshots, the helpers): a 401 when a token is set and the request does not carry it,
 * compared in constant time. Undefined when the request may pass. With no token (a loopback
 * server) everything passes: the CLI sets one whenever it binds beyond loopback.
 */
export function refuseWithoutAdminToken(
  request: SimRequest,
  token: string | undefined,
  inQuery = false,
): SimResponse | undefined {
  if (token === undefined || constantTimeEqual(token, adminTokenOf(request, inQuery)))
    return undefined
  return adminProblem(
    401,
    'admin_token_required',
    "this simulator's admin API needs its token: Authorization: Bearer <token> or x-fintwin-admin-token",
  )
}
