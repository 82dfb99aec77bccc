/**
 * Safe by default for a shared team server: beyond loopback the admin token guards the control
 * surface of every sandbox (each admin route under `/sbx/{id}/__sim/…` and through the header
 * `x-fintwin-sandbox`), the sandbox registry, the Eko helpers and the snapshot, and a refused
 * request changes nothing; sandbox ids carry 128 bits from the CSPRNG; snapshot and fixtures
 * documents are bounded and their prototype keys never reach a table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PERSONA_EXAMPLE } from '../../contracts/index.js'
import { buildOpenApiDocument } from '../../contracts/openapi.js'
import { SANDBOX_PREFIX } from '../../contracts/openapi-admin.js'
import { runCli } from '../../mocks/cli/main.js'
import { startServer, type RunningServer } from '../../mocks/index.js'
import { MAX_SCENARIOS } from '../../simulator/pipeline/scenarios.js'
import { MAX_TEST_DATA_PER_KIND } from '../../simulator/pipeline/test-data-store.js'
import { createSimulator } from '../../simulator/index.js'
import {
  createSandboxManager,
  SANDBOX_ID_PATTERN,
  type SandboxManager,
} from '../../simulator/sandboxes/index.js'
import { requestJson } from '../support/http-json.js'

const TOKEN = 'adm-Shared_team-server-t0ken'
const withToken = { 'x-fintwin-admin-token': TOKEN }

let server: RunningServer
let base: string
let sandbox: string

beforeAll(async () => {
  const out: string[] = []
  const started = await runCli(['--port', '0', '--host', '0.0.0.0', '--quiet'], {
    stdout: (t: string) => void out.push(t),
    stderr: (t: string) => void out.push(t),
    env: { FINTWIN_ADMIN_TOKEN: TOKEN },
  })
  if (typeof started === 'number') throw new Error(`runCli exited ${started}: ${out.join('')}`)
  server = started
  base = `http://127.0.0.1:${server.port}`
  const created = await requestJson(`${base}/__sim/sandboxes`, {
    method: 'POST',
    headers: withToken,
  })
  expect(created.status).toBe(201)
  sandbox = created.body.id
})
afterAll(() => server?.close())

/** Every guarded admin operation of the OpenAPI description, as a concrete request. */
function guardedRequests(): { method: string; path: string }[] {
  const paths = buildOpenApiDocument().paths as Record<string, Record<string, unknown>>
  return Object.entries(paths)
    .filter(([path]) => path.startsWith('/__sim/') || path.startsWith(SANDBOX_PREFIX))
    .flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, op]) => (op as { security: unknown[] }).security.length > 0)
        .map(([method]) => ({
          method: method.toUpperCase(),
          path: path
            .replace('{sandbox}', sandbox)
            .replace('/sandboxes/{id}', `/sandboxes/${sandbox}`)
            .replace(/\{[a-z]+\}/g, 'x'),
        })),
    )
}

describe('beyond loopback, the admin token guards every sandbox', () => {
  it('every admin route (default, /sbx/{id}, x-fintwin-sandbox), the registry, the Eko helpers and the snapshot: 401 without it, nothing changed', async () => {
    const requests = guardedRequests()
    const paths = requests.map((r) => `${r.method} ${r.path}`)
    for (const expected of [
      'POST /__sim/sandboxes',
      `DELETE /__sim/sandboxes/${sandbox}`,
      `PUT /sbx/${sandbox}/__sim/snapshot`,
      `POST /sbx/${sandbox}/__sim/eko/sign`,
      `POST /sbx/${sandbox}/__sim/eko/encrypt`,
      `POST /sbx/${sandbox}/__sim/personas`,
      `POST /sbx/${sandbox}/__sim/sandboxes`,
    ])
      expect(paths).toContain(expected)
    const before = (
      await requestJson(`${base}/sbx/${sandbox}/__sim/snapshot`, { headers: withToken })
    ).body
    const bodies = { persona: PERSONA_EXAMPLE, clock: { advance_ms: 600_000 } }
    for (const { method, path } of requests)
      for (const headers of [{}, { authorization: 'Bearer wrong-token' }] as Record<
        string,
        string
      >[]) {
        const body = path.endsWith('/clock') ? bodies.clock : bodies.persona
        const refused = await requestJson(`${base}${path}`, {
          method,
          headers,
          body: method === 'GET' || method === 'DELETE' ? undefined : body,
        })
        expect(refused.status, `${method} ${path}`).toBe(401)
        expect(refused.body.error, `${method} ${path}`).toBe('admin_token_required')
      }
    // The header that selects a sandbox is no way around the token.
    for (const route of ['clock', 'snapshot', 'reset', 'eko/sign'])
      expect(
        (
          await requestJson(`${base}/__sim/${route}`, {
            method: route === 'snapshot' ? 'GET' : 'POST',
            headers: { 'x-fintwin-sandbox': sandbox },
          })
        ).status,
        route,
      ).toBe(401)
    // Nothing changed: the sandbox is there, alone, with the state it had.
    const list = await requestJson(`${base}/__sim/sandboxes`, { headers: withToken })
    expect(list.body.sandboxes.map((s: { id: string }) => s.id)).toEqual(['default', sandbox])
    const after = (
      await requestJson(`${base}/sbx/${sandbox}/__sim/snapshot`, { headers: withToken })
    ).body
    expect({ ...after, taken_at: null, clock: null }).toEqual({
      ...before,
      taken_at: null,
      clock: null,
    })
    expect(Math.abs(after.clock.offset_ms - before.clock.offset_ms)).toBeLessThan(60_000)
    // With the token, the same routes answer.
    const signed = await requestJson(`${base}/sbx/${sandbox}/__sim/eko/sign`, {
      method: 'POST',
      headers: withToken,
      body: {},
    })
    expect(signed.status).toBe(200)
  })

  it('provider routes of a sandbox need no admin token (the id in the base URL lets a client in)', async () => {
    const fixtures = (
      await requestJson(`${base}/sbx/${sandbox}/__sim/fixtures`, { headers: withToken })
    ).body
    const search = await requestJson(`${base}/sbx/${sandbox}/api/v1/ckyc/search`, {
      headers: { authorization: `Bearer ${fixtures.surepass.token}` },
      body: { document_type: 'PAN', id_number: 'ZZZPZ9999Z' },
    })
    expect(search.status).not.toBe(401)
  })
})

describe('sandbox ids are unguessable', () => {
  it('128 bits from the CSPRNG: the same seed and config never give the same ids', () => {
    const ids = (manager: SandboxManager) =>
      Array.from({ length: 20 }, () => manager.create({ seed: 'same' }).id)
    const make = () =>
      createSandboxManager({ simulator: createSimulator({ seed: 'same' }), maxSandboxes: 50 })
    const first = ids(make())
    const second = ids(make())
    for (const id of [...first, ...second]) {
      expect(id).toMatch(SANDBOX_ID_PATTERN)
      // 22 base64url characters carry 132 bits, of which the 16 random bytes fill 128.
      const bytes = atob(`${id.slice(4).replace(/-/g, '+').replace(/_/g, '/')}==`)
      expect(bytes.length).toBe(16)
    }
    expect(new Set([...first, ...second]).size).toBe(40)
  })
})

describe('snapshot and fixtures documents are data of bounded size', () => {
  it('a snapshot body over the limit is refused before it is read; the state is untouched', async () => {
    const small = await startServer({ quiet: true, snapshotLimit: 64 * 1024 })
    try {
      const id = (await requestJson(`${small.url}/__sim/sandboxes`, { method: 'POST' })).body.id
      await requestJson(`${small.url}/sbx/${id}/__sim/clock`, { body: { advance_ms: 5_000 } })
      const before = (await requestJson(`${small.url}/sbx/${id}/__sim/clock`)).body
      const huge = JSON.stringify({
        format: 'fintwin-snapshot',
        version: 1,
        clock: { offset_ms: 0, frozen_at: null },
        padding: 'x'.repeat(128 * 1024),
      })
      for (const path of [`/sbx/${id}/__sim/snapshot`, '/__sim/snapshot']) {
        const refused = await requestJson(`${small.url}${path}`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: huge,
        })
        expect(refused.status, path).toBe(400)
        expect(refused.body).toMatchObject({ error: 'invalid_body' })
        expect(refused.body.message).toContain('too_large')
      }
      const after = (await requestJson(`${small.url}/sbx/${id}/__sim/clock`)).body
      expect(after.offset_ms - before.offset_ms).toBeLessThan(1_000)
      expect(after.offset_ms).toBeGreaterThanOrEqual(4_000)
    } finally {
      await small.close()
    }
  })

  it('more scenarios than a sandbox holds are refused, posted or restored', () => {
    const sim = createSimulator({ seed: 'bounds' })
    const rule = { operation: 'surepass.ckyc.search', outcome: 'internal_server_error' }
    for (let i = 0; i < MAX_SCENARIOS; i++) sim.scenarios.add(rule, new Date(0).toISOString())
    expect(() => sim.scenarios.add(rule, new Date(0).toISOString())).toThrow(/at most 1000/)
    const many = sim.snapshot()
    many.scenarios.push({ ...many.scenarios[0]!, id: 'scn_extra' })
    const fresh = createSimulator({ seed: 'bounds' })
    expect(() => fresh.restore(many)).toThrow(/more than the 1000 scenarios/)
    expect(fresh.scenarios.list()).toEqual([])
  })

  it('more test-data documents than a sandbox takes, or prototype keys in them, are refused', () => {
    const sim = createSimulator({ seed: 'bounds' })
    const many = Array.from({ length: MAX_TEST_DATA_PER_KIND + 1 }, () => PERSONA_EXAMPLE)
    expect(() =>
      sim.restore({ format: 'fintwin-snapshot', version: 1, test_data: { persona: many } }),
    ).toThrow(/more than 1000/)
    const poisoned = JSON.parse(
      `{"format":"fintwin-snapshot","version":1,"test_data":{"persona":[${JSON.stringify({
        ...PERSONA_EXAMPLE,
      }).replace('{', '{"__proto__":{"polluted":true},')}]}}`,
    )
    expect(() => sim.restore(poisoned)).toThrow(/__proto__|not a field/)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(sim.fixtures().surepass.ckyc.some((p) => p.label === PERSONA_EXAMPLE.label)).toBe(false)
    // A row a snapshot lists for your people is never loaded as such, prototype keys or not.
    sim.restore({
      format: 'fintwin-snapshot',
      version: 1,
      tables: {
        customPersonas: {
          rows: [
            {
              label: 'forged',
              pan: 'X',
              ckyc_no: '',
              aadhaar_key: '',
              aadhaar_number: '',
              document: {},
            },
          ],
          seeded: ['forged'],
        },
      },
    })
    expect(sim.stats().customPersonas).toBe(0)
  })
})
