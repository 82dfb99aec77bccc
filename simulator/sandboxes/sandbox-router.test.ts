import { describe, expect, it } from 'vitest'
import { createSimulator } from '../create-simulator.js'
import type { SimRequest } from '../sim-types.js'
import {
  adminRequest,
  bodyOf,
  generateOtpRequest,
  rawRequest,
  searchRequest,
} from '../../test/support/sim-requests.js'
import { createSandboxManager, type SandboxManagerOptions } from './sandbox-manager.js'
import { createSandboxRouter, SANDBOX_HEADER } from './sandbox-router.js'

function setup(options: Partial<SandboxManagerOptions> = {}) {
  let now = 1_000_000
  const simulator = createSimulator({ seed: 'sbx', config: { onContractViolation: 'throw' } })
  const manager = createSandboxManager({ simulator, now: () => now, ...options })
  const router = createSandboxRouter(manager)
  const create = async (body?: unknown) =>
    router.handle({ ...adminRequest('POST', 'sandboxes', { body }), headers: { host: 'h:1' } })
  const createId = async (body?: unknown) => bodyOf(await create(body)).id as string
  const at = (id: string, request: SimRequest): SimRequest => ({
    ...request,
    path: `/sbx/${id}${request.path}`,
  })
  return { simulator, manager, router, create, createId, at, tick: (ms: number) => (now += ms) }
}

const happySearch = (sim: ReturnType<typeof createSimulator>) => {
  const happy = sim.fixtures().surepass.ckyc.find((p) => p.label === 'happy')!
  return searchRequest({ document_type: happy.document_type, id_number: happy.id_number })
}

describe('the sandbox registry (/__sim/sandboxes)', () => {
  it('creates a sandbox: 201 with an unguessable id, its base URL and the defaults filled in', async () => {
    const { create } = setup()
    const response = await create({ name: 'ci-job-42' })
    expect(response.status).toBe(201)
    const view = bodyOf(response)
    expect(view).toMatchObject({
      name: 'ci-job-42',
      default: false,
      seed: 'sbx',
      otp: null,
      eko_skew_ms: 300_000,
      base_url: `http://h:1/sbx/${view.id}`,
      base_path: `/sbx/${view.id}`,
      created_at: new Date(1_000_000).toISOString(),
      expires_at: new Date(1_000_000 + 86_400_000).toISOString(),
    })
    expect(view.id).toMatch(/^sbx_[A-Za-z0-9_-]{22}$/)
  })

  it('ids carry 128 bits: 16 bytes, all distinct over many draws', async () => {
    const { createId } = setup({ maxSandboxes: 300 })
    const ids = new Set<string>()
    for (let i = 0; i < 300; i++) ids.add(await createId())
    expect(ids.size).toBe(300)
    for (const id of ids)
      expect(atob(id.slice(4).replace(/-/g, '+').replace(/_/g, '/') + '==').length).toBe(16)
  })

  it('lists (default first), gets and deletes; a deleted id is unknown afterwards', async () => {
    const { router, createId } = setup()
    const id = await createId({ name: 'a' })
    const listed = bodyOf(await router.handle(adminRequest('GET', 'sandboxes')))
    expect(listed.sandboxes.map((s: { id: string }) => s.id)).toEqual(['default', id])
    expect(listed).toMatchObject({ max_sandboxes: 100, idle_ms: 86_400_000 })
    expect(bodyOf(await router.handle(adminRequest('GET', `sandboxes/${id}`))).name).toBe('a')
    expect(bodyOf(await router.handle(adminRequest('DELETE', `sandboxes/${id}`)))).toEqual({
      deleted: id,
    })
    const gone = await router.handle(adminRequest('GET', `sandboxes/${id}`))
    expect(gone.status).toBe(404)
    expect(bodyOf(gone)).toMatchObject({ error: 'unknown_sandbox', sandbox: id })
    expect((await router.handle(adminRequest('DELETE', `sandboxes/${id}`))).status).toBe(404)
    const keep = await router.handle(adminRequest('DELETE', 'sandboxes/default'))
    expect(keep.status).toBe(409)
    expect(bodyOf(keep).error).toBe('default_sandbox')
  })

  it('a bad body → 400 naming each bad field, and nothing is created', async () => {
    const { router, create } = setup()
    const response = await create({ name: '', otp: '12', eko_skew_ms: -1, seed: {}, color: 'x' })
    expect(response.status).toBe(400)
    const body = bodyOf(response)
    expect(body.error).toBe('invalid_sandbox')
    expect(body.fields.map((f: { path: string }) => f.path).sort()).toEqual(
      ['/color', '/eko_skew_ms', '/name', '/otp', '/seed'].sort(),
    )
    for (const path of ['/color', '/otp', '/seed']) expect(body.message).toContain(path)
    expect((await create([1])).status).toBe(400)
    const listed = bodyOf(await router.handle(adminRequest('GET', 'sandboxes')))
    expect(listed.sandboxes).toHaveLength(1)
  })

  it('at the maximum count → 429 JSON; deleting one makes room', async () => {
    const { router, create, createId } = setup({ maxSandboxes: 2 })
    const first = await createId()
    await createId()
    const refused = await create()
    expect(refused.status).toBe(429)
    expect(refused.headers['content-type']).toBe('application/json')
    expect(bodyOf(refused).error).toBe('too_many_sandboxes')
    await router.handle(adminRequest('DELETE', `sandboxes/${first}`))
    expect((await create()).status).toBe(201)
  })

  it('an idle sandbox expires by real time; use keeps it alive; the default never expires', async () => {
    const { router, manager, createId, at, tick, simulator } = setup({ idleMs: 1000 })
    const idle = await createId()
    const used = await createId()
    tick(600)
    expect((await router.handle(at(used, adminRequest('GET', 'clock')))).status).toBe(200)
    simulator.clock.advance(10 * 86_400_000) // a sandbox's own clock is not what expires it
    tick(600)
    expect((await router.handle(at(idle, adminRequest('GET', 'clock')))).status).toBe(404)
    expect((await router.handle(at(used, adminRequest('GET', 'clock')))).status).toBe(200)
    tick(1000)
    expect(manager.sweep()).toBe(1)
    expect(manager.list().map((s) => s.id)).toEqual(['default'])
    expect((await router.handle(adminRequest('GET', 'clock'))).status).toBe(200)
  })
})

describe('routing to a sandbox', () => {
  it('/sbx/{id}/… and the x-fintwin-sandbox header reach the sandbox; nothing else sees it', async () => {
    const { router, simulator, createId, at } = setup()
    const id = await createId()
    const moved = await router.handle({
      ...at(id, adminRequest('POST', 'clock', { body: { advance_ms: 3_600_000 } })),
    })
    expect(moved.status).toBe(200)
    const sandboxNow = bodyOf(moved).now_ms as number
    expect(Math.abs(sandboxNow - simulator.clock.now() - 3_600_000)).toBeLessThan(1000)
    const viaHeader = await router.handle({
      ...adminRequest('GET', 'clock'),
      headers: { [SANDBOX_HEADER]: id },
    })
    expect(bodyOf(viaHeader).offset_ms).toBeGreaterThan(3_590_000)
    expect(bodyOf(await router.handle(adminRequest('GET', 'clock'))).offset_ms).toBeLessThan(1000)

    expect((await router.handle(at(id, happySearch(simulator)))).status).toBe(200)
    const journal = (path: SimRequest) => router.handle(path).then((r) => bodyOf(r).size)
    expect(await journal(at(id, adminRequest('GET', 'journal')))).toBe(1)
    expect(await journal(adminRequest('GET', 'journal'))).toBe(0)
  })

  it('an unknown id, by path or header → 404 unknown_sandbox, on provider and admin routes alike', async () => {
    const { router, simulator } = setup()
    for (const request of [
      { ...happySearch(simulator), path: '/sbx/sbx_nope/api/v1/ckyc/search' },
      rawRequest('GET', '/sbx/sbx_nope/__sim/clock'),
      rawRequest('GET', '/sbx/'),
      { ...adminRequest('GET', 'clock'), headers: { [SANDBOX_HEADER]: 'sbx_nope' } },
    ]) {
      const response = await router.handle(request)
      expect(response.status, request.path).toBe(404)
      expect(bodyOf(response).error).toBe('unknown_sandbox')
    }
  })

  it('a sandbox runs with its own seed, fixed OTP and Eko skew', async () => {
    const { router, createId, at } = setup()
    const id = await createId({ seed: 'other', otp: '424242', eko_skew_ms: 1000 })
    const fixtures = bodyOf(await router.handle(at(id, adminRequest('GET', 'fixtures'))))
    const health = bodyOf(await router.handle(at(id, adminRequest('GET', 'health'))))
    expect(health.seed).toBe('other')
    const happy = fixtures.surepass.ckyc.find((p: { label: string }) => p.label === 'happy')
    const search = await router.handle(
      at(id, searchRequest({ document_type: happy.document_type, id_number: happy.id_number })),
    )
    const generate = await router.handle(
      at(
        id,
        generateOtpRequest({
          client_id: bodyOf(search).data.client_id,
          mobile_number: happy.mobile_number,
        }),
      ),
    )
    expect(generate.status).toBe(200)
    const inbox = bodyOf(await router.handle(at(id, adminRequest('GET', 'otps'))))
    expect(inbox.otps[0].otp).toBe('424242')
  })

  it('a preset inside a sandbox prints a curl line for that sandbox', async () => {
    const { router, createId, at } = setup()
    const id = await createId()
    const applied = await router.handle({
      ...at(id, adminRequest('POST', 'presets/ckyc-otp-sent')),
      headers: { host: 'h:1' },
    })
    expect(bodyOf(applied).curl).toContain(`http://h:1/sbx/${id}/api/v1/ckyc-v2/download`)
  })
})

describe('the admin token guards every sandbox', () => {
  it('the registry and every sandbox admin route need it; provider routes do not', async () => {
    const simulator = createSimulator({ seed: 'sbx', config: { adminToken: 'sekret-token' } })
    const router = createSandboxRouter(createSandboxManager({ simulator }))
    const token = { 'x-fintwin-admin-token': 'sekret-token' }
    expect((await router.handle(adminRequest('POST', 'sandboxes'))).status).toBe(401)
    expect((await router.handle(adminRequest('GET', 'sandboxes'))).status).toBe(401)
    const created = await router.handle({ ...adminRequest('POST', 'sandboxes'), headers: token })
    expect(created.status).toBe(201)
    const id = bodyOf(created).id as string
    const clock = rawRequest('GET', `/sbx/${id}/__sim/clock`)
    expect((await router.handle(clock)).status).toBe(401)
    expect((await router.handle({ ...clock, headers: token })).status).toBe(200)
    expect((await router.handle(rawRequest('GET', `/sbx/${id}/__sim/snapshot`))).status).toBe(401)
    const search = { ...happySearch(simulator), path: `/sbx/${id}/api/v1/ckyc/search` }
    expect((await router.handle(search)).status).toBe(200)
  })
})
