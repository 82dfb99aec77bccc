import { afterAll, describe, expect, it } from 'vitest'
import { createSimulator, type Simulator } from '../index.js'
import { SIMULATOR_VERSION } from '../version.js'
import { SUREPASS_EXPIRED_TOKEN, SUREPASS_FIXTURE_TOKEN } from '../surepass/jwt.js'
import {
  SUREPASS_OPS,
  SUREPASS_PATHS,
  adminRequest,
  bodyOf,
  createResponseLog,
  downloadRequest,
  envelopeBreaches,
  generateOtpRequest,
  searchRequest,
  startDownload,
  surepassEnvelopeExchanges,
  type AdminRequestOptions,
} from '../../test/support/sim-requests.js'

const log = createResponseLog()
const newSim = (seed?: string): Simulator =>
  createSimulator({ ...(seed ? { seed } : {}), config: { onContractViolation: 'throw' } })
const admin = (sim: Simulator, method: string, route: string, options?: AdminRequestOptions) =>
  sim.handle(adminRequest(method, route, options))
const HAPPY_SEARCH = { document_type: 'PAN', id_number: 'EKRPR1234F' }
/** The simulated instant and frozen flag (offset_ms of a frozen clock drifts with real time). */
const clockState = (sim: Simulator) => {
  const { now_ms, frozen } = sim.clock.toJSON()
  return { now_ms, frozen }
}

afterAll(() => {
  const exchanges = surepassEnvelopeExchanges(log)
  expect(exchanges.length).toBeGreaterThan(10)
  expect(envelopeBreaches(exchanges)).toEqual([])
})

describe('GET /__sim/health', () => {
  it('answers ok with name, version, seed, uptime and the simulator time', async () => {
    const sim = newSim('s1')
    sim.clock.freeze(true)
    sim.clock.set('2026-04-01T12:00:00Z')
    const res = await admin(sim, 'GET', 'health')
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('application/json')
    expect(res.body).toMatchObject({
      status: 'ok',
      name: 'fintwin',
      version: SIMULATOR_VERSION,
      seed: 's1',
      uptime_ms: expect.any(Number),
      now: '2026-04-01T12:00:00.000Z',
    })
    expect(bodyOf(res).uptime_ms).toBeGreaterThanOrEqual(0)
  })
})

describe('POST /__sim/reset', () => {
  it('puts state, clock, OTP inbox, scenarios and journal back to the seeded start', async () => {
    const sim = createSimulator({
      seed: 'r',
      clock: { start: '2026-03-01T00:00:00Z', now: () => 0 },
      config: { onContractViolation: 'throw' },
    })
    const first = await startDownload(log, sim)
    const firstScenario = bodyOf(
      await admin(sim, 'POST', 'scenarios', {
        body: { operation: SUREPASS_OPS.search, outcome: 'verification_failed', times: 5 },
      }),
    )
    await admin(sim, 'POST', 'clock', { body: { advance_ms: 7_200_000 } })

    const res = await admin(sim, 'POST', 'reset')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ status: 'reset', now: '2026-03-01T00:00:00.000Z' })
    expect(bodyOf(await admin(sim, 'GET', 'clock')).now).toBe('2026-03-01T00:00:00.000Z')
    expect(bodyOf(await admin(sim, 'GET', 'otps')).otps).toEqual([])
    expect(bodyOf(await admin(sim, 'GET', 'scenarios')).scenarios).toEqual([])
    expect(bodyOf(await admin(sim, 'GET', 'journal'))).toEqual({ entries: [], size: 0 })

    // the old download id no longer exists…
    const stale = await log.send(
      sim,
      downloadRequest({ client_id: first.downloadId, otp: first.otp }),
    )
    expect(bodyOf(stale).message_code).toBe('client_not_found')
    await admin(sim, 'POST', 'reset')
    // …and the same requests give the same ids and OTP as at first start
    const again = await startDownload(log, sim)
    expect(again).toEqual(first)
    expect(sim.journal.list().at(-1)?.id).toBe(1)
    const scenario = bodyOf(
      await admin(sim, 'POST', 'scenarios', {
        body: { operation: SUREPASS_OPS.search, outcome: 'verification_failed' },
      }),
    )
    expect(scenario.id).toBe(firstScenario.id)
  })

  it('GET /__sim/reset is 405', async () => {
    const res = await admin(newSim(), 'GET', 'reset')
    expect(res.status).toBe(405)
    expect(res.headers.allow).toBe('POST')
  })
})

describe('GET /__sim/fixtures', () => {
  it('has the DESIGN.md shape: Surepass token, expired_token and labelled ckyc personas; Eko credentials and agents', async () => {
    const res = await admin(newSim(), 'GET', 'fixtures')
    expect(res.status).toBe(200)
    const { surepass, eko } = bodyOf(res)
    expect(surepass.token).toBe(SUREPASS_FIXTURE_TOKEN)
    expect(surepass.expired_token).toBe(SUREPASS_EXPIRED_TOKEN)
    expect(surepass.token.split('.')).toHaveLength(3)

    const byLabel = new Map<string, Record<string, unknown>>(
      surepass.ckyc.map((p: Record<string, unknown>) => [p.label, p]),
    )
    for (const label of ['happy', 'no_mobile', 'mobile_unregistered', 'not_found']) {
      const p = byLabel.get(label)
      expect(p, label).toBeDefined()
      expect(p).toEqual(
        expect.objectContaining({
          label,
          document_type: expect.any(String),
          id_number: expect.any(String),
        }),
      )
      expect(p).toHaveProperty('mobile_number')
    }
    expect(byLabel.get('happy')).toMatchObject({
      mobile_number: expect.stringMatching(/^[0-9]{10}$/),
      mobile_registered: true,
      exists: true,
    })
    expect(byLabel.get('no_mobile')).toMatchObject({ mobile_number: null, exists: true })
    expect(byLabel.get('mobile_unregistered')).toMatchObject({
      mobile_number: expect.stringMatching(/^[0-9]{10}$/),
      mobile_registered: false,
      exists: true,
    })
    expect(byLabel.get('not_found')).toMatchObject({ mobile_number: null, exists: false })
    expect(new Set(surepass.ckyc.map((p: { label: string }) => p.label)).size).toBe(
      surepass.ckyc.length,
    )

    expect(eko).toMatchObject({
      developer_key: 'becbbce45f79c6f5109f848acd540567',
      access_key: 'd2fe1d99-6298-4af2-8cc5-d97dcf46df30',
      initiator_id: '9962981729',
      aadhaar_public_key_pem: expect.stringMatching(/^-----BEGIN PUBLIC KEY-----/),
    })
    const agents = new Map<string, Record<string, unknown>>(
      eko.agents.map((a: Record<string, unknown>) => [a.label, a]),
    )
    for (const label of ['ekyc_pending', 'not_activated', 'ekyc_done']) {
      expect(agents.get(label), label).toMatchObject({
        label,
        user_code: expect.any(String),
        customer_id: expect.any(String),
        aadhaar: expect.stringMatching(/^[0-9]{12}$/),
      })
    }
  })

  it('is the same object whatever the state, and the fixtures drive the real flow', async () => {
    const sim = newSim()
    const before = bodyOf(await admin(sim, 'GET', 'fixtures'))
    const happy = before.surepass.ckyc.find((p: { label: string }) => p.label === 'happy')
    const res = await log.send(
      sim,
      searchRequest(
        { document_type: happy.document_type, id_number: happy.id_number },
        { token: before.surepass.token },
      ),
    )
    expect(res.status).toBe(200)
    expect(bodyOf(await admin(sim, 'GET', 'fixtures'))).toEqual(before)
  })
})

describe('GET /__sim/otps', () => {
  async function twoOtps(sim: Simulator) {
    const a = await startDownload(log, sim, 'happy')
    sim.clock.advance(1_000)
    const b = await startDownload(log, sim, 'voter')
    sim.clock.advance(1_000)
    const c = await startDownload(log, sim, 'happy')
    return { a, b, c }
  }

  it('lists the inbox newest first, in the documented entry shape', async () => {
    const sim = newSim()
    const { a, b, c } = await twoOtps(sim)
    const res = await admin(sim, 'GET', 'otps')
    expect(res.status).toBe(200)
    const otps = bodyOf(res).otps as Record<string, unknown>[]
    expect(otps.map((o) => o.ref)).toEqual([c.downloadId, b.downloadId, a.downloadId])
    expect(otps[0]).toEqual({
      provider: 'surepass',
      operation: SUREPASS_OPS.generateOtp,
      ref: c.downloadId,
      phone: c.mobile,
      otp: c.otp,
      issued_at: expect.any(String),
      expires_at: expect.any(String),
      attempts_left: 3,
      status: 'pending',
    })
    const issued = otps.map((o) => Date.parse(o.issued_at as string))
    expect(issued[0]).toBeGreaterThan(issued[1]!)
    expect(issued[1]).toBeGreaterThan(issued[2]!)
  })

  it('filters by ref, phone and provider, and honours limit', async () => {
    const sim = newSim()
    const { a, b, c } = await twoOtps(sim)
    const q = async (query: Record<string, string>) =>
      (bodyOf(await admin(sim, 'GET', 'otps', { query })).otps as { ref: string }[]).map(
        (o) => o.ref,
      )
    expect(await q({ ref: b.downloadId })).toEqual([b.downloadId])
    expect(await q({ ref: 'ckyc_download_nope' })).toEqual([])
    expect(await q({ phone: a.mobile })).toEqual([c.downloadId, a.downloadId])
    expect(await q({ phone: b.mobile })).toEqual([b.downloadId])
    expect(await q({ phone: '0000000000' })).toEqual([])
    expect(await q({ provider: 'surepass' })).toHaveLength(3)
    expect(await q({ provider: 'eko' })).toEqual([])
    expect(await q({ provider: 'other' })).toEqual([])
    expect(await q({ phone: a.mobile, ref: c.downloadId })).toEqual([c.downloadId])
    expect(await q({ phone: b.mobile, ref: c.downloadId })).toEqual([])
    expect(await q({ limit: '1' })).toEqual([c.downloadId])
  })

  it('shows status changes as they happen (used, superseded, expired)', async () => {
    const sim = newSim()
    const a = await startDownload(log, sim, 'happy')
    await log.send(sim, downloadRequest({ client_id: a.downloadId, otp: a.otp }))
    const b = await startDownload(log, sim, 'voter')
    sim.clock.advance(90_000)
    await log.send(sim, generateOtpRequest({ client_id: b.searchId, mobile_number: b.mobile }))
    const status = async (ref: string) =>
      bodyOf(await admin(sim, 'GET', 'otps', { query: { ref } })).otps[0].status
    expect(await status(a.downloadId)).toBe('used')
    expect(await status(b.downloadId)).toBe('superseded')
    sim.clock.advance(600_000)
    const latest = bodyOf(await admin(sim, 'GET', 'otps', { query: { limit: '1' } })).otps[0]
    expect(latest.status).toBe('expired')
  })

  it.each(['0', '-1', '1.5', 'ten'])('limit=%s → 400', async (limit) => {
    const res = await admin(newSim(), 'GET', 'otps', { query: { limit } })
    expect(res.status).toBe(400)
    expect(bodyOf(res).error).toBe('invalid_query')
  })
})

describe('/__sim/clock', () => {
  it('GET shows now, now_ms, offset_ms and frozen', async () => {
    const sim = newSim()
    const res = await admin(sim, 'GET', 'clock')
    expect(res.status).toBe(200)
    const body = bodyOf(res)
    expect(Object.keys(body).sort()).toEqual(['frozen', 'now', 'now_ms', 'offset_ms'])
    expect(body.frozen).toBe(false)
    expect(Date.parse(body.now)).toBe(body.now_ms)
  })

  it('POST advance_ms moves time forward by that much', async () => {
    const sim = newSim()
    await admin(sim, 'POST', 'clock', { body: { freeze: true } })
    const before = bodyOf(await admin(sim, 'GET', 'clock')).now_ms as number
    const res = await admin(sim, 'POST', 'clock', { body: { advance_ms: 90_000 } })
    expect(res.status).toBe(200)
    expect(bodyOf(res).now_ms).toBe(before + 90_000)
    expect(sim.clock.now()).toBe(before + 90_000)
  })

  it('POST set jumps to an ISO instant (or epoch ms); freeze pins it', async () => {
    const sim = newSim()
    const set = await admin(sim, 'POST', 'clock', {
      body: { set: '2030-01-02T03:04:05Z', freeze: true },
    })
    expect(bodyOf(set)).toMatchObject({ now: '2030-01-02T03:04:05.000Z', frozen: true })
    expect(sim.clock.now()).toBe(Date.UTC(2030, 0, 2, 3, 4, 5))
    const epoch = await admin(sim, 'POST', 'clock', { body: { set: Date.UTC(2031, 0, 1) } })
    expect(bodyOf(epoch).now).toBe('2031-01-01T00:00:00.000Z')
    const unfreeze = await admin(sim, 'POST', 'clock', { body: { freeze: false } })
    expect(bodyOf(unfreeze).frozen).toBe(false)
  })

  it('moving the clock is what expires OTPs and tokens', async () => {
    const sim = newSim()
    const flow = await startDownload(log, sim)
    await admin(sim, 'POST', 'clock', { body: { advance_ms: 600_000 } })
    expect(
      bodyOf(await log.send(sim, downloadRequest({ client_id: flow.downloadId, otp: flow.otp })))
        .message_code,
    ).toBe('otp_expired')
    await admin(sim, 'POST', 'clock', { body: { set: '2036-06-01T00:00:00Z' } })
    expect((await log.send(sim, searchRequest(HAPPY_SEARCH))).status).toBe(401)
  })

  it.each([
    ['an empty object', {}],
    ['null', null],
    ['an array', [{ advance_ms: 1 }]],
    ['a string', 'advance'],
    ['advance_ms as a string', { advance_ms: '1000' }],
    ['advance_ms not finite', { advance_ms: Number.POSITIVE_INFINITY }],
    ['advance_ms beyond the Date range', { advance_ms: 1e300 }],
    ['set not ISO', { set: 'tomorrow' }],
    ['set to an impossible date', { set: '2026-02-30T00:00:00Z' }],
    ['set as a boolean', { set: true }],
    ['freeze as a string', { freeze: 'yes' }],
    ['only unknown fields', { speed: 2 }],
  ])('POST with %s → 400 and the clock unchanged', async (_name, body) => {
    const sim = newSim()
    sim.clock.freeze(true)
    const before = clockState(sim)
    const res = await admin(sim, 'POST', 'clock', { body })
    expect(res.status).toBe(400)
    expect(bodyOf(res).error).toBe('invalid_body')
    expect(clockState(sim)).toEqual(before)
  })

  it('POST with one valid and one invalid field → 400 and nothing applied', async () => {
    const sim = newSim()
    sim.clock.freeze(true)
    const before = clockState(sim)
    for (const body of [
      { set: '2030-01-01T00:00:00Z', advance_ms: 'x' },
      { set: '2030-01-01T00:00:00Z', freeze: 'no' },
      { advance_ms: 1000, freeze: 1 },
      { set: '2030-01-01T00:00:00Z', advance_ms: 8.64e15 },
    ]) {
      const res = await admin(sim, 'POST', 'clock', { body })
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(clockState(sim), JSON.stringify(body)).toEqual(before)
    }
  })

  it('an unreadable body → 400; DELETE → 405 listing GET, POST', async () => {
    const sim = newSim()
    const bad = await admin(sim, 'POST', 'clock', { bodyError: 'malformed' })
    expect(bad.status).toBe(400)
    expect(bodyOf(bad).error).toBe('invalid_body')
    const del = await admin(sim, 'DELETE', 'clock')
    expect(del.status).toBe(405)
    expect(del.headers.allow).toBe('GET, POST')
  })
})

describe('/__sim/scenarios', () => {
  it('POST creates (201), GET lists and reads one, DELETE removes one then all', async () => {
    const sim = newSim()
    sim.clock.freeze(true)
    sim.clock.set('2026-05-05T05:05:05Z')
    const created = await admin(sim, 'POST', 'scenarios', {
      body: {
        operation: SUREPASS_OPS.generateOtp,
        outcome: 'rate_limit_exceeded',
        times: 2,
        match: { mobile_number: '8939809876' },
      },
    })
    expect(created.status).toBe(201)
    expect(created.body).toEqual({
      id: 'scn_1',
      operation: SUREPASS_OPS.generateOtp,
      outcome: 'rate_limit_exceeded',
      match: { mobile_number: '8939809876' },
      remaining: 2,
      latency_ms: null,
      created_at: '2026-05-05T05:05:05.000Z',
    })
    const second = bodyOf(
      await admin(sim, 'POST', 'scenarios', {
        body: { operation: SUREPASS_OPS.search, outcome: 'latency', latency_ms: 100 },
      }),
    )
    expect(second.id).toBe('scn_2')

    const list = await admin(sim, 'GET', 'scenarios')
    expect(bodyOf(list).scenarios.map((r: { id: string }) => r.id)).toEqual(['scn_1', 'scn_2'])
    expect(bodyOf(await admin(sim, 'GET', 'scenarios/scn_2'))).toMatchObject({
      id: 'scn_2',
      latency_ms: 100,
    })
    const missing = await admin(sim, 'GET', 'scenarios/scn_9')
    expect(missing.status).toBe(404)

    expect(bodyOf(await admin(sim, 'DELETE', 'scenarios/scn_1'))).toEqual({ deleted: 'scn_1' })
    expect((await admin(sim, 'DELETE', 'scenarios/scn_1')).status).toBe(404)
    expect(
      bodyOf(await admin(sim, 'GET', 'scenarios')).scenarios.map((r: { id: string }) => r.id),
    ).toEqual(['scn_2'])
    expect(bodyOf(await admin(sim, 'DELETE', 'scenarios'))).toEqual({ deleted: 'all' })
    expect(bodyOf(await admin(sim, 'GET', 'scenarios')).scenarios).toEqual([])
  })

  it('GET shows remaining counting down as the rule is used', async () => {
    const sim = newSim()
    await admin(sim, 'POST', 'scenarios', {
      body: { operation: SUREPASS_OPS.search, outcome: 'verification_failed', times: 3 },
    })
    await log.send(sim, searchRequest(HAPPY_SEARCH))
    expect(bodyOf(await admin(sim, 'GET', 'scenarios/scn_1')).remaining).toBe(2)
  })

  it.each([
    ['no operation', { outcome: 'success' }],
    ['an unknown operation', { operation: 'eko.nope', outcome: 'success' }],
    ['an unknown outcome', { operation: SUREPASS_OPS.search, outcome: 'mobile_not_registered' }],
    ['times 0', { operation: SUREPASS_OPS.search, outcome: 'success', times: 0 }],
    ['match as a string', { operation: SUREPASS_OPS.search, outcome: 'success', match: 'x' }],
    ['a null body', null],
    ['an array body', [{ operation: SUREPASS_OPS.search, outcome: 'success' }]],
  ])('POST with %s → 400 invalid_scenario, nothing added', async (_name, body) => {
    const sim = newSim()
    const res = await admin(sim, 'POST', 'scenarios', { body })
    expect(res.status).toBe(400)
    expect(bodyOf(res).error).toBe('invalid_scenario')
    expect(sim.scenarios.list()).toEqual([])
  })

  it('POST on /scenarios/:id → 405; PUT → 405 listing the methods', async () => {
    const sim = newSim()
    expect(
      (
        await admin(sim, 'POST', 'scenarios/scn_1', {
          body: { operation: SUREPASS_OPS.search, outcome: 'success' },
        })
      ).status,
    ).toBe(405)
    const put = await admin(sim, 'PUT', 'scenarios')
    expect(put.status).toBe(405)
    expect(put.headers.allow).toBe('GET, POST, DELETE')
  })
})

describe('GET /__sim/journal', () => {
  it('lists provider requests newest first with contract results; limit caps it; size counts all', async () => {
    const sim = newSim()
    await log.send(sim, searchRequest(HAPPY_SEARCH))
    await log.send(sim, searchRequest({ document_type: 'PAN', id_number: 'ZZZPZ9999Z' }))
    await log.send(sim, searchRequest(HAPPY_SEARCH, { token: null }))
    await admin(sim, 'GET', 'health')
    const all = bodyOf(await admin(sim, 'GET', 'journal'))
    expect(all.size).toBe(3)
    expect(all.entries.map((e: { case: string; status: number }) => [e.case, e.status])).toEqual([
      ['unauthorized', 401],
      ['verification_failed', 422],
      ['success', 200],
    ])
    for (const e of all.entries) {
      expect(e).toMatchObject({
        method: 'POST',
        path: SUREPASS_PATHS.search,
        provider: 'surepass',
        operation: SUREPASS_OPS.search,
        contract: { ok: true, violations: [] },
      })
    }
    const two = bodyOf(await admin(sim, 'GET', 'journal', { query: { limit: '2' } }))
    expect(two.entries.map((e: { id: number }) => e.id)).toEqual([3, 2])
    expect(two.size).toBe(3)
  })

  it.each(['0', 'x', '2.5'])('limit=%s → 400', async (limit) => {
    const res = await admin(newSim(), 'GET', 'journal', { query: { limit } })
    expect(res.status).toBe(400)
  })
})

describe('GET /__sim/openapi.json', () => {
  it('serves an OpenAPI 3.1 document with the Surepass paths', async () => {
    const res = await admin(newSim(), 'GET', 'openapi.json')
    expect(res.status).toBe(200)
    const doc = bodyOf(res)
    expect(doc.openapi).toMatch(/^3\.1\./)
    for (const path of Object.values(SUREPASS_PATHS)) expect(doc.paths).toHaveProperty([path])
  })
})

describe('admin token', () => {
  const guarded = () =>
    createSimulator({ config: { onContractViolation: 'throw', adminToken: 'sekret' } })

  it('when configured, every admin route but health needs it', async () => {
    const sim = guarded()
    const refused = await admin(sim, 'GET', 'otps')
    expect(refused.status).toBe(401)
    expect(bodyOf(refused).error).toBe('admin_token_required')
    expect((await admin(sim, 'POST', 'reset')).status).toBe(401)
    expect((await admin(sim, 'GET', 'health')).status).toBe(200)
    const wrong = await sim.handle({
      ...adminRequest('GET', 'otps'),
      headers: { authorization: 'Bearer sekreT' },
    })
    expect(wrong.status).toBe(401)
  })

  it('is accepted as a Bearer token or as x-fintwin-admin-token', async () => {
    const sim = guarded()
    expect(
      (
        await sim.handle({
          ...adminRequest('GET', 'otps'),
          headers: { authorization: 'Bearer sekret' },
        })
      ).status,
    ).toBe(200)
    expect(
      (
        await sim.handle({
          ...adminRequest('GET', 'otps'),
          headers: { 'x-fintwin-admin-token': 'sekret' },
        })
      ).status,
    ).toBe(200)
  })

  it('does not guard provider routes', async () => {
    const sim = guarded()
    expect((await log.send(sim, searchRequest(HAPPY_SEARCH))).status).toBe(200)
  })
})

describe('unknown admin routes and methods', () => {
  it.each([
    '/__sim',
    '/__sim/',
    '/__sim/nope',
    '/__sim/health/extra',
    '/__sim/scenarios/a/b',
    '/__sim/otps/x',
  ])('GET %s → 404 JSON', async (path) => {
    const res = await newSim().handle({
      method: 'GET',
      path,
      query: {},
      headers: {},
      body: undefined,
    })
    expect(res.status).toBe(404)
    expect(bodyOf(res)).toMatchObject({
      error: 'not_found',
      message: expect.stringContaining(`no admin route ${path}`),
    })
  })

  it.each([
    ['POST', 'health', 'GET'],
    ['DELETE', 'fixtures', 'GET'],
    ['POST', 'otps', 'GET'],
    ['POST', 'journal', 'GET'],
    ['DELETE', 'reset', 'POST'],
  ])('%s /__sim/%s → 405 with allow: %s', async (method, route, allow) => {
    const res = await admin(newSim(), method, route)
    expect(res.status).toBe(405)
    expect(res.headers.allow).toBe(allow)
    expect(bodyOf(res).error).toBe('method_not_allowed')
  })

  it('admin requests are never journaled and never need a token', async () => {
    const sim = newSim()
    for (const route of ['health', 'fixtures', 'otps', 'clock', 'scenarios', 'journal']) {
      expect((await admin(sim, 'GET', route)).status, route).toBe(200)
    }
    expect(sim.journal.size).toBe(0)
  })
})
