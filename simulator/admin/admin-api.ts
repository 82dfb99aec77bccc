import { buildOpenApiDocument } from '../../contracts/openapi.js'
import { buildCatalogue } from '../catalogue/operation-catalogue.js'
import { isInvalidTimeError, parseInstant } from '../core/index.js'
import type { Simulator } from '../create-simulator-core.js'
import { isAdminInputError } from './admin-input-error.js'
import { baseUrlOf } from './base-url.js'
import { CONSOLE_PAGE } from './console/console-page.js'
import { encryptAadhaarField, signatureHeaderLines, signEkoRequest } from './eko-tools.js'
import { buildPostmanCollection } from './postman-collection.js'
import { createPresets, UnknownPresetError } from './presets.js'
import { ScenarioInputError, type ScenarioInput } from '../pipeline/scenarios.js'
import type { SimRequest, SimResponse } from '../sim-types.js'
import { adminInvalid, adminJson as json, adminProblem as problem } from './admin-response.js'
import { refuseWithoutAdminToken } from './admin-token.js'
import { isSnapshotError } from '../snapshot/snapshot-error.js'
import { FIXTURE_SCHEMAS } from '../../contracts/index.js'
import { isTestDataError } from '../pipeline/index.js'
import { queryPersonas, type PersonaView } from './persona-query.js'

/** Whether a path is the admin API's: `/__sim` and below, and `/` (which leads to the console). */
export function isAdminPath(path: string): boolean {
  return path === '/__sim' || path.startsWith('/__sim/') || path === '/' || path === ''
}

/** Admin routes anyone may read without the admin token: they hold no state and no secret. */
const OPEN_ROUTES = new Set(['health', 'ui'])

/** `/__sim/…`: the control surface QA and tests use; the same routes in every door. */
export interface AdminApi {
  handle(request: SimRequest): Promise<SimResponse>
  /**
   * Route name (`/__sim/<name>`) → the methods it takes: the table the OpenAPI description of
   * the admin API (`contracts/openapi-admin.ts`) is checked against, so neither drifts.
   */
  readonly routes: Readonly<Record<string, readonly string[]>>
}

type Route = (request: SimRequest, id: string | undefined) => SimResponse | Promise<SimResponse>

const text = (contentType: string, body: string): SimResponse => ({
  status: 200,
  headers: { 'content-type': `${contentType}; charset=utf-8`, 'cache-control': 'no-store' },
  body,
})

/**
 * Builds the admin API over a simulator. Admin answers are not journaled (the journal is of
 * provider traffic) and never go through contract validation (they are fintwin's own).
 */
export function createAdminApi(sim: Simulator): AdminApi {
  let openapi: unknown
  const presets = createPresets(sim)
  /** Your own test data: 201 with what `/__sim/fixtures` now lists, or 400 naming each bad field. */
  const addTestData = (kind: string, document: unknown): SimResponse => {
    try {
      return json(201, sim.addTestData(kind, document))
    } catch (error) {
      if (isTestDataError(error))
        return adminInvalid(`invalid_${kind}`, `invalid ${kind}, nothing added`, error.fields)
      throw error
    }
  }
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
        if (req.query.format !== undefined && req.query.format !== 'curl')
          return problem(400, 'invalid_query', 'format must be "curl" (or absent, for JSON)')
        try {
          const result = await presets.apply(id, baseUrlOf(req))
          return req.query.format === 'curl'
            ? text('text/plain', `${result.curl}\n`)
            : json(200, result)
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
    personas: {
      GET: (req) => {
        const result = queryPersonas(sim.fixtures().surepass.ckyc as PersonaView[], req.query)
        return 'problems' in result
          ? adminInvalid('invalid_query', 'cannot filter personas so', result.problems)
          : json(200, result)
      },
      POST: (req) => addTestData('persona', req.body),
    },
    agents: {
      GET: () => json(200, { agents: sim.fixtures().eko.agents }),
      POST: (req) => addTestData('agent', req.body),
    },
    schemas: {
      GET: (_req, id) => {
        if (id === undefined)
          return json(200, {
            schemas: Object.keys(FIXTURE_SCHEMAS).map((kind) => `/__sim/schemas/${kind}.json`),
          })
        const schema = (FIXTURE_SCHEMAS as Record<string, unknown>)[id.replace(/\.json$/, '')]
        return schema
          ? json(200, schema)
          : problem(404, 'not_found', `no schema ${id}; see GET /__sim/schemas`)
      },
    },
    snapshot: {
      GET: () => json(200, sim.snapshot()),
      PUT: (req) => {
        try {
          sim.restore(req.body)
        } catch (error) {
          if (isSnapshotError(error)) return error.toResponse()
          throw error
        }
        return json(200, { restored: true, state: sim.stats() })
      },
    },
    'openapi.json': {
      GET: () => {
        openapi ??= buildOpenApiDocument()
        return json(200, openapi)
      },
    },
    catalogue: { GET: () => json(200, buildCatalogue()) },
    ui: { GET: () => text('text/html', CONSOLE_PAGE) },
    eko: {
      POST: async (req, id) => {
        if (id === 'encrypt') return json(200, encryptAadhaarField(req.body))
        if (id !== 'sign')
          return problem(404, 'not_found', 'POST /__sim/eko/sign or POST /__sim/eko/encrypt')
        if (req.query.format !== undefined && req.query.format !== 'headers')
          return problem(400, 'invalid_query', 'format must be "headers" (or absent, for JSON)')
        const signature = await signEkoRequest(sim, req.body)
        return req.query.format === 'headers'
          ? text('text/plain', signatureHeaderLines(signature))
          : json(200, signature)
      },
    },
    'postman.json': {
      GET: (req) => json(200, buildPostmanCollection(sim, baseUrlOf(req))),
    },
  }

  return {
    routes: Object.fromEntries(Object.entries(routes).map(([name, r]) => [name, Object.keys(r)])),
    async handle(request) {
      if (request.path === '/' || request.path === '') return consoleRedirect(request)
      const [, , name = '', id, ...rest] = request.path.split('/')
      const refused = OPEN_ROUTES.has(name)
        ? undefined
        : refuseWithoutAdminToken(request, sim.config.adminToken)
      if (refused) return refused
      const route = rest.length === 0 ? routes[name] : undefined
      if (!route)
        return problem(
          404,
          'not_found',
          `no admin route ${request.path}; see GET /__sim/ui (the console), /__sim/health, /fixtures, /otps, /clock, /scenarios, /presets, /journal, /snapshot, /sandboxes, /catalogue, /openapi.json, /postman.json`,
        )
      if (request.bodyError)
        return problem(400, 'invalid_body', `the body could not be read (${request.bodyError})`)
      const handler = route[request.method.toUpperCase()]
      if (!handler)
        return {
          ...problem(405, 'method_not_allowed', `${request.method} not allowed on ${request.path}`),
          headers: { 'content-type': 'application/json', allow: Object.keys(route).join(', ') },
        }
      if (
        id !== undefined &&
        name !== 'scenarios' &&
        name !== 'presets' &&
        name !== 'eko' &&
        name !== 'schemas'
      )
        return problem(404, 'not_found', `no admin route ${request.path}`)
      try {
        return await handler(request, id === '' ? undefined : id)
      } catch (error) {
        if (isAdminInputError(error)) return error.toResponse()
        throw error
      }
    },
  }
}

/** `GET /` → the console, under the same prefix (a sandbox's console from a sandbox's root). */
function consoleRedirect(request: SimRequest): SimResponse {
  const method = request.method.toUpperCase()
  if (method !== 'GET' && method !== 'HEAD')
    return {
      ...problem(
        405,
        'method_not_allowed',
        `${request.method} not allowed on /; GET it for the console`,
      ),
      headers: { 'content-type': 'application/json', allow: 'GET, HEAD' },
    }
  return {
    status: 302,
    headers: { location: `${request.basePath ?? ''}/__sim/ui`, 'content-type': 'application/json' },
    body: { see: `${request.basePath ?? ''}/__sim/ui` },
  }
}
