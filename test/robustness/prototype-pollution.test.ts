/**
 * Prototype pollution: `__proto__`, `constructor.prototype` and `prototype` keys, at the top and
 * nested, in JSON and form bodies, in queries and headers, on provider and admin routes. After
 * each: `({}).polluted` is undefined, `Object.prototype` is untouched, and fixtures, scenarios and
 * behaviour are as they were.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { operations } from '../../contracts/index.js'
import { parseRequestBody, startServer, type RunningServer } from '../../mocks/index.js'
import { createSimulator, type SimRequest, type Simulator } from '../../simulator/index.js'
import { SUREPASS_FIXTURE_TOKEN } from '../../simulator/surepass/jwt.js'
import { EKO_UAT_CREDENTIALS } from '../../simulator/fixtures/index.js'
import { ekoHeaders } from '../support/eko-signer.js'
import { ekoOperationRequest } from '../support/eko-aeps.js'
import {
  SUREPASS_OPS,
  bodyOf,
  ckycFixture,
  surepassRequest,
  type SurepassStep,
} from '../support/sim-requests.js'

const POISON_JSON = [
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"prototype":{"polluted":"yes"}}',
  '{"document_type":"PAN","id_number":"ABCDE1234F","__proto__":{"polluted":"yes","document_type":"VOTER"}}',
  '{"a":{"b":{"__proto__":{"polluted":"yes"}}}}',
  '{"residence_address":{"line":"x","__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}}',
  '[{"__proto__":{"polluted":"yes"}},{"constructor":{"prototype":{"polluted":"yes"}}}]',
  '{"__proto__":[{"polluted":"yes"}],"toString":"x","valueOf":"y","hasOwnProperty":"z"}',
  '{"\\u005f\\u005fproto\\u005f\\u005f":{"polluted":"yes"}}',
]
const POISON_FORM = [
  '__proto__[polluted]=yes',
  '__proto__.polluted=yes&constructor[prototype][polluted]=yes',
  '__proto__=yes&constructor=yes&prototype=yes',
  'document_type=PAN&id_number=ABCDE1234F&__proto__=x',
]

const prototypeNames = (o: object) => Object.getOwnPropertyNames(o).sort()
const baseline = {
  object: prototypeNames(Object.prototype),
  array: prototypeNames(Array.prototype),
  function: prototypeNames(Function.prototype),
  string: prototypeNames(String.prototype),
}

function expectNoPollution(): void {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  expect(([] as unknown as Record<string, unknown>).polluted).toBeUndefined()
  expect((Object.create({}) as Record<string, unknown>).polluted).toBeUndefined()
  expect(prototypeNames(Object.prototype)).toEqual(baseline.object)
  expect(prototypeNames(Array.prototype)).toEqual(baseline.array)
  expect(prototypeNames(Function.prototype)).toEqual(baseline.function)
  expect(prototypeNames(String.prototype)).toEqual(baseline.string)
  expect(Object.getPrototypeOf({})).toBe(Object.prototype)
  expect(typeof Object.prototype.toString).toBe('function')
}

afterEach(() => expectNoPollution())

/** Operation id → its Surepass step, from the support module's own table. */
const SUREPASS_STEPS: Record<string, SurepassStep> = Object.fromEntries(
  Object.entries(SUREPASS_OPS).map(([step, id]) => [id, step as SurepassStep]),
)

async function requestFor(
  sim: Simulator,
  operationId: string,
  body: unknown,
  contentType: string,
): Promise<SimRequest> {
  const step = SUREPASS_STEPS[operationId]
  if (step) return surepassRequest(step, body, { headers: { 'content-type': contentType } })
  return ekoOperationRequest(sim, operationId, {
    body: body as Record<string, unknown>,
    contentType,
  })
}

/** What a clean search of the happy persona answers: must not change after poisoned requests. */
async function cleanSearch(sim: Simulator): Promise<unknown> {
  const happy = ckycFixture(sim, 'happy')
  const response = await sim.handle(
    surepassRequest('search', { document_type: happy.document_type, id_number: happy.id_number }),
  )
  expect(response.status).toBe(200)
  const { client_id: _id, ...data } = bodyOf(response).data as Record<string, unknown>
  return data
}

describe('the body parser', () => {
  it.each(POISON_JSON)('JSON %s: no prototype-named key survives, no prototype changes', (text) => {
    const parsed = parseRequestBody('application/json', text)
    expect(parsed.ok).toBe(true)
    const seen: string[] = []
    const walk = (value: unknown): void => {
      if (value === null || typeof value !== 'object') return
      expect([Object.prototype, Array.prototype]).toContain(Object.getPrototypeOf(value))
      for (const key of Object.keys(value)) {
        seen.push(key)
        walk((value as Record<string, unknown>)[key])
      }
    }
    walk(parsed.ok ? parsed.body : undefined)
    expect(seen).not.toContain('__proto__')
    expect(seen).not.toContain('constructor')
    expect(seen).not.toContain('prototype')
  })

  it.each(POISON_FORM)('form %s: no prototype-named key survives', (text) => {
    const parsed = parseRequestBody('application/x-www-form-urlencoded', text)
    expect(parsed.ok).toBe(true)
    const body = (parsed.ok ? parsed.body : {}) as Record<string, unknown>
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype)
    for (const key of Object.keys(body))
      expect(['__proto__', 'constructor', 'prototype']).not.toContain(key)
    expect(Object.hasOwn(body, '__proto__')).toBe(false)
  })
})

describe('in-process: every operation', () => {
  let sim: Simulator
  let fixturesBefore: string
  let searchBefore: unknown
  beforeAll(async () => {
    sim = createSimulator({ seed: 'proto', config: { onContractViolation: 'throw' } })
    fixturesBefore = JSON.stringify(sim.fixtures())
    searchBefore = await cleanSearch(sim)
  })

  it.each([...operations.keys()])(
    '%s: poisoned JSON and form bodies change nothing',
    async (id) => {
      for (const [contentType, texts] of [
        ['application/json', POISON_JSON],
        ['application/x-www-form-urlencoded', POISON_FORM],
      ] as const) {
        for (const text of texts) {
          const parsed = parseRequestBody(contentType, text)
          const request = await requestFor(
            sim,
            id,
            parsed.ok ? parsed.body : undefined,
            contentType,
          )
          const response = await sim.handle(request)
          expect(response.status).toBeLessThan(500)
          expectNoPollution()
        }
      }
      expect(JSON.stringify(sim.fixtures())).toBe(fixturesBefore)
      expect(sim.scenarios.list()).toEqual([])
      expect(await cleanSearch(sim)).toEqual(searchBefore)
    },
  )

  it('a body object carrying an own __proto__ key (JSON.parse without the door) is refused by the contract', async () => {
    const happy = ckycFixture(sim, 'happy')
    const body = JSON.parse(
      `{"document_type":"${happy.document_type}","id_number":"${happy.id_number}","__proto__":{"polluted":"yes"}}`,
    ) as unknown
    const response = await sim.handle(surepassRequest('search', body))
    expect(response.status).toBe(400)
    expect(bodyOf(response).message_code).toBe('invalid_input')
  })

  it('scenarios.add with a match holding an own __proto__ key never pollutes and is refused', () => {
    const input = JSON.parse(
      '{"operation":"surepass.ckyc.search","outcome":"verification_failed","match":{"__proto__":{"polluted":"yes"}}}',
    ) as never
    expect(() => sim.scenarios.add(input, new Date().toISOString())).toThrow(/match/)
    expect(sim.scenarios.list()).toEqual([])
  })
})

describe('over HTTP, provider and admin routes', () => {
  let server: RunningServer
  let sim: Simulator
  beforeAll(async () => {
    sim = createSimulator({ seed: 'proto-http', config: { onContractViolation: 'flag' } })
    server = await startServer({ simulator: sim, port: 0, quiet: true })
  })
  afterAll(() => server.close())
  beforeEach(async () => {
    expect((await fetch(`${server.url}/__sim/reset`, { method: 'POST' })).status).toBe(200)
  })

  const post = async (path: string, body: string, headers: Record<string, string>) => {
    const response = await fetch(`${server.url}${path}`, {
      method: path.startsWith('/ekoapi') ? 'PUT' : 'POST',
      headers,
      body,
    })
    return { status: response.status, body: (await response.json()) as Record<string, unknown> }
  }

  it('poisoned bodies to every provider route and the admin routes change nothing', async () => {
    const fixturesBefore = JSON.stringify(
      await (await fetch(`${server.url}/__sim/fixtures`)).json(),
    )
    const searchBefore = await cleanSearch(sim)
    const paths = [
      '/api/v1/ckyc/search',
      '/api/v1/ckyc-v2/generate-otp',
      '/api/v1/ckyc-v2/download',
      '/ekoapi/v3/user/collection/aeps-fingpay/kyc/otp/verify',
      '/__sim/clock',
      '/__sim/otps',
    ]
    for (const path of paths) {
      for (const [contentType, texts] of [
        ['application/json', POISON_JSON],
        ['application/x-www-form-urlencoded', POISON_FORM],
      ] as const) {
        for (const text of texts) {
          const auth = path.startsWith('/ekoapi')
            ? await ekoHeaders(EKO_UAT_CREDENTIALS, sim.clock.now())
            : { authorization: `Bearer ${SUREPASS_FIXTURE_TOKEN}` }
          const response = await post(path, text, { ...auth, 'content-type': contentType })
          expect(response.status, `${path} ${text}`).toBeLessThan(500)
          expectNoPollution()
        }
      }
    }
    for (const query of [
      '__proto__[polluted]=yes',
      '__proto__=x&constructor=y',
      'constructor[prototype][polluted]=yes&limit=1',
    ]) {
      expect((await fetch(`${server.url}/__sim/otps?${query}`)).status).toBeLessThan(500)
      expect((await fetch(`${server.url}/__sim/journal?${query}`)).status).toBeLessThan(500)
    }
    expect(JSON.stringify(await (await fetch(`${server.url}/__sim/fixtures`)).json())).toBe(
      fixturesBefore,
    )
    expect(await (await fetch(`${server.url}/__sim/scenarios`)).json()).toEqual({ scenarios: [] })
    expect(await cleanSearch(sim)).toEqual(searchBefore)
  })

  it('POST /__sim/scenarios whose match is only __proto__ is refused, not widened to "every request"', async () => {
    const happy = ckycFixture(sim, 'happy')
    for (const match of [
      '{"__proto__":{"id_number":"nobody"}}',
      '{"constructor":{"prototype":{"id_number":"nobody"}}}',
      '{}',
    ]) {
      const created = await post(
        '/__sim/scenarios',
        `{"operation":"surepass.ckyc.search","outcome":"verification_failed","match":${match}}`,
        { 'content-type': 'application/json' },
      )
      expect(created.status, match).toBe(400)
      expect(created.body).toMatchObject({ error: 'invalid_scenario' })
    }
    expect(await (await fetch(`${server.url}/__sim/scenarios`)).json()).toEqual({ scenarios: [] })
    // The clean search is not forced to fail.
    const search = await post(
      '/api/v1/ckyc/search',
      JSON.stringify({ document_type: happy.document_type, id_number: happy.id_number }),
      { authorization: `Bearer ${SUREPASS_FIXTURE_TOKEN}`, 'content-type': 'application/json' },
    )
    expect(search.status).toBe(200)
  })

  it('a scenario match with a real field next to __proto__ only matches that field', async () => {
    const happy = ckycFixture(sim, 'happy')
    const created = await post(
      '/__sim/scenarios',
      `{"operation":"surepass.ckyc.search","outcome":"verification_failed","match":{"id_number":"ABCDE9999Z","__proto__":{"id_number":"${happy.id_number}"}}}`,
      { 'content-type': 'application/json' },
    )
    expect(created.status).toBe(201)
    expect(created.body.match).toEqual({ id_number: 'ABCDE9999Z' })
    const search = await post(
      '/api/v1/ckyc/search',
      JSON.stringify({ document_type: happy.document_type, id_number: happy.id_number }),
      { authorization: `Bearer ${SUREPASS_FIXTURE_TOKEN}`, 'content-type': 'application/json' },
    )
    expect(search.status).toBe(200)
  })
})
