import { buildOpenApiDocument } from '../../contracts/openapi.js'
import { isInvalidTimeError, parseInstant } from '../core/index.js'
import { timingSafeEqualString } from '../eko/secret-key.js'
import type { Simulator } from '../create-simulator-core.js'
import { createPresets, UnknownPresetError } from './presets.js'
import { ScenarioInputError, type ScenarioInput } from '../pipeline/scenarios.js'
import type { SimRequest, SimResponse } from '../sim-types.js'

/** Whether a path is the admin API's (`/__sim` and below). */
export function isAdminPath(path: string): boolean {
  return path === '/__sim' || path.startsWith('/__sim/')
}

/** `/__sim/…`: the control surface QA and tests use; the same routes in every door. */
export interface AdminApi {
  handle(request: SimRequest): Promise<SimResponse>
}

type Route = (request: SimRequest, id: string | undefined) => SimResponse | Promise<SimResponse>

/** The admin token a request carries, if any. */
function adminTokenOf(request: SimRequest): string {
  const header = request.headers['x-fintwin-admin-token']
  if (header !== undefined) return header
  return /^Bearer\s+(\S+)$/.exec(request.headers.authorization ?? '')?.[1] ?? ''
}

const json = (status: number, body: unknown): SimResponse => ({
  status,
  headers: { 'content-type': 'application/json' },
  body,
})
const problem = (status: number, error: string, message: string): SimResponse =>
  json(status, { error, message })

/**
 * Builds the admin API over a simulator. Admin answers are not journaled (the journal is of
 * provider traffic) and never go through contract validation (they are fintwin's own).
 */
export function createAdminApi(sim: Simulator): AdminApi {
  let openapi: unknown
  const presets = createPresets(sim)
  const routes: Record<string, Partial<Record<string, Route>>> = {
    health: { GET: () => json(200, sim.health()) },
    reset: {
      POST: () => {
        sim.reset()
        return json(200, { status: 'reset', now: new Date(sim.clock.now()).toISOString() })
      },
    },
    fixtures: { GET: () => json(200, sim.fixtures()) },
    otps: {
      GET: (req) => {
        const limit = req.query.limit === undefined ? 50 : Number(req.query.limit)
        if (!Number.isInteger(limit) || limit < 1)
          return problem(400, 'invalid_query', 'limit must be a positive integer')
        return json(200, {
          otps: sim.otps({
            ref: req.query.ref,
            phone: req.query.phone,
            provider: req.query.provider,
            limit,
          }),
        })
      },
    },
    clock: {
      GET: () => json(200, sim.clock.toJSON()),
      POST: (req) => {
        const body = (req.body ?? {}) as Record<string, unknown>
        if (typeof body !== 'object' || Array.isArray(body))
          return problem(
            400,
            'invalid_body',
            'expected {"advance_ms":n}, {"set":"ISO"} or {"freeze":bool}',
          )
        // Every field is checked before any is applied: a 400 must leave the clock as it was.
        if ('set' in body && typeof body.set !== 'string' && typeof body.set !== 'number')
          return problem(400, 'invalid_body', '"set" must be an ISO date string or epoch ms')
        if (
          'advance_ms' in body &&
          (typeof body.advance_ms !== 'number' || !Number.isFinite(body.advance_ms))
        )
          return problem(400, 'invalid_body', '"advance_ms" must be a number')
        if ('freeze' in body && typeof body.freeze !== 'boolean')
          return problem(400, 'invalid_body', '"freeze" must be a boolean')
        try {
          let acted = false
          if ('set' in body) {
            if ('advance_ms' in body)
              parseInstant(parseInstant(body.set as string | number) + (body.advance_ms as number))
            sim.clock.set(body.set as string | number)
            acted = true
          }
          if ('advance_ms' in body) {
            sim.clock.advance(body.advance_ms as number)
            acted = true
          }
          if ('freeze' in body) {
            sim.clock.freeze(body.freeze as boolean)
            acted = true
          }
          if (!acted)
            return problem(
              400,
              'invalid_body',
              'expected {"advance_ms":n}, {"set":"ISO"} or {"freeze":bool}',
            )
        } catch (error) {
          if (isInvalidTimeError(error)) return problem(400, 'invalid_body', error.message)
          throw error
        }
        return json(200, sim.clock.toJSON())
      },
    },
    scenarios: {
      GET: (_req, id) => {
        if (id === undefined) return json(200, { scenarios: sim.scenarios.list() })
        const rule = sim.scenarios.list().find((r) => r.id === id)
        return rule ? json(200, rule) : problem(404, 'not_found', `no scenario ${id}`)
      },
      POST: (req, id) => {
        if (id !== undefined)
          return problem(405, 'method_not_allowed', 'POST /__sim/scenarios takes no id')
        try {
          return json(
            201,
            sim.scenarios.add(req.body as ScenarioInput, new Date(sim.clock.now()).toISOString()),
          )
        } catch (error) {
          if (error instanceof ScenarioInputError)
            return problem(400, 'invalid_scenario', error.message)
          throw error
        }
      },
      DELETE: (_req, id) => {
        if (id === undefined) {
          sim.scenarios.clear()
          return json(200, { deleted: 'all' })
        }
        return sim.scenarios.remove(id)
          ? json(200, { deleted: id })
          : problem(404, 'not_found', `no scenario ${id}`)
      },
    },
    journal: {
      GET: (req) => {
        const limit = req.query.limit === undefined ? 100 : Number(req.query.limit)
        if (!Number.isInteger(limit) || limit < 1)
          return problem(400, 'invalid_query', 'limit must be a positive integer')
        return json(200, { entries: sim.journal.list(limit), size: sim.journal.size })
      },
    },
    presets: {
      GET: (_req, id) =>
        id === undefined
          ? json(200, { presets: presets.list() })
          : problem(405, 'method_not_allowed', `apply a preset with POST /__sim/presets/${id}`),
      POST: async (req, id) => {
        if (id === undefined)
          return problem(404, 'not_found', 'POST /__sim/presets/:name; see GET /__sim/presets')
        try {
          return json(
            200,
            await presets.apply(id, `http://${req.headers.host ?? '127.0.0.1:4010'}`),
          )
        } catch (error) {
          if (error instanceof UnknownPresetError)
            return problem(404, 'unknown_preset', error.message)
          return problem(
            500,
            'preset_failed',
            error instanceof Error ? error.message : String(error),
          )
        }
      },
    },
    'openapi.json': {
      GET: () => {
        openapi ??= buildOpenApiDocument()
        return json(200, openapi)
      },
    },
  }

  return {
    async handle(request) {
      const [, , name = '', id, ...rest] = request.path.split('/')
      const token = sim.config.adminToken
      if (
        token !== undefined &&
        name !== 'health' &&
        !timingSafeEqualString(token, adminTokenOf(request))
      ) {
        return problem(
          401,
          'admin_token_required',
          "this simulator's admin API needs its token: Authorization: Bearer <token> or x-fintwin-admin-token",
        )
      }
      const route = rest.length === 0 ? routes[name] : undefined
      if (!route)
        return problem(
          404,
          'not_found',
          `no admin route ${request.path}; see GET /__sim/health, /fixtures, /otps, /clock, /scenarios, /presets, /journal, /openapi.json`,
        )
      if (request.bodyError)
        return problem(400, 'invalid_body', `the body could not be read (${request.bodyError})`)
      const handler = route[request.method.toUpperCase()]
      if (!handler)
        return {
          ...problem(405, 'method_not_allowed', `${request.method} not allowed on ${request.path}`),
          headers: { 'content-type': 'application/json', allow: Object.keys(route).join(', ') },
        }
      if (id !== undefined && name !== 'scenarios' && name !== 'presets')
        return problem(404, 'not_found', `no admin route ${request.path}`)
      return handler(request, id === '' ? undefined : id)
    },
  }
}
