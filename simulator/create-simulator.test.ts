import { afterAll, describe, expect, it } from 'vitest'
import { getOperation } from '../contracts/index.js'
import { createClock } from './core/index.js'
import { createSimulator, SCENARIO_HEADER, type Simulator, type SimulatorOptions } from './index.js'
import { SIMULATOR_VERSION } from './version.js'
import {
  SUREPASS_OPS,
  adminRequest,
  bodyOf,
  ckycFixture,
  createResponseLog,
  downloadRequest,
  envelopeBreaches,
  generateOtpRequest,
  rawRequest,
  searchId,
  searchRequest,
  startDownload,
  surepassEnvelopeExchanges,
} from '../test/support/sim-requests.js'

const log = createResponseLog()
const newSim = (
  options: Omit<SimulatorOptions, 'config'> & { config?: SimulatorOptions['config'] } = {},
): Simulator =>
  createSimulator({ ...options, config: { ...options.config, onContractViolation: 'throw' } })

afterAll(() => {
  const exchanges = surepassEnvelopeExchanges(log)
  expect(exchanges.length).toBeGreaterThan(30)
  expect(envelopeBreaches(exchanges)).toEqual([])
})

/** A fixed request sequence: search happy, generate OTP, one wrong download, one right; returns what the client saw. */
async function script(sim: Simulator) {
  const seen: unknown[] = []
  const flow = await startDownload(log, sim)
  seen.push(flow.searchId, flow.downloadId, flow.otp)
  const wrong = await log.send(
    sim,
    downloadRequest({
      client_id: flow.downloadId,
      otp: flow.otp === '000000' ? '111111' : '000000',
    }),
  )
  seen.push(wrong.status, wrong.body)
  const right = await log.send(sim, downloadRequest({ client_id: flow.downloadId, otp: flow.otp }))
  seen.push(right.status, right.body)
  seen.push(await searchId(log, sim, 'voter'))
  return seen
}

describe('routing by contract', () => {
  it('an unknown path under /api/v1/ → 404 in the Surepass envelope, journaled without an operation', async () => {
    const sim = newSim()
    const res = await log.send(sim, rawRequest('POST', '/api/v1/nope', {}))
    expect(res.status).toBe(404)
    expect(res.headers['content-type']).toBe('application/json')
    expect(res.body).toEqual({
      data: null,
      status_code: 404,
      success: false,
      message: 'The requested URL was not found on the server.',
      message_code: 'not_found',
    })
    expect(sim.journal.list(1)[0]).toMatchObject({
      path: '/api/v1/nope',
      provider: 'surepass',
      operation: null,
      status: 404,
      case: 'not_found',
    })
  })

  it('GET on a POST route → 405 with an allow header', async () => {
    const sim = newSim()
    for (const path of [
      '/api/v1/ckyc/search',
      '/api/v1/ckyc-v2/generate-otp',
      '/api/v1/ckyc-v2/download',
    ]) {
      const res = await log.send(sim, rawRequest('GET', path))
      expect(res.status).toBe(405)
      expect(res.headers.allow).toBe('POST')
      expect(bodyOf(res)).toMatchObject({
        status_code: 405,
        success: false,
        message_code: 'method_not_allowed',
      })
    }
    expect(sim.journal.list(1)[0]).toMatchObject({
      status: 405,
      case: 'method_not_allowed',
      operation: null,
    })
  })

  it('405 and 404 come before auth: no token needed to learn a route is wrong', async () => {
    const sim = newSim()
    expect((await log.send(sim, rawRequest('DELETE', '/api/v1/ckyc/search'))).status).toBe(405)
    expect((await log.send(sim, rawRequest('POST', '/api/v1/ckyc/nope'))).status).toBe(404)
  })

  it('a path outside every provider → plain JSON 404, not journaled', async () => {
    const sim = newSim()
    const res = await sim.handle(rawRequest('POST', '/elsewhere'))
    expect(res.status).toBe(404)
    expect(res.headers['content-type']).toBe('application/json')
    expect(res.body).toEqual({ error: 'not_found', message: 'fintwin serves no POST /elsewhere' })
    expect(sim.journal.size).toBe(0)
  })

  it('a single trailing slash and a lower-case method still reach the operation', async () => {
    const sim = newSim()
    const req = searchRequest({ document_type: 'PAN', id_number: 'EKRPR1234F' })
    const res = await log.send(sim, { ...req, method: 'post', path: `${req.path}/` })
    expect(res.status).toBe(200)
    expect(sim.journal.list(1)[0]?.operation).toBe(SUREPASS_OPS.search)
  })

  it('/__sim paths go to the admin API, never to a provider or the journal', async () => {
    const sim = newSim()
    const res = await sim.handle(adminRequest('GET', 'health'))
    expect(res.status).toBe(200)
    expect(bodyOf(res)).toMatchObject({ status: 'ok', name: 'fintwin' })
    expect(sim.journal.size).toBe(0)
  })
})

describe('pipeline order', () => {
  it('auth, then validation, then the forced outcome, then behaviour', async () => {
    const sim = newSim()
    const forced = { scenario: 'verification_failed' }
    const valid = { document_type: 'PAN', id_number: 'EKRPR1234F' }
    expect(
      (await log.send(sim, searchRequest({ bad: 1 }, { ...forced, token: null }))).status,
    ).toBe(401)
    expect((await log.send(sim, searchRequest({ bad: 1 }, forced))).status).toBe(400)
    expect((await log.send(sim, searchRequest(valid, forced))).status).toBe(422)
    expect((await log.send(sim, searchRequest(valid))).status).toBe(200)
    expect(sim.journal.list(4).map((e) => [e.case, e.scenario])).toEqual([
      ['success', null],
      ['verification_failed', 'verification_failed'],
      ['invalid_input', null],
      ['unauthorized', null],
    ])
  })

  it('config.latencyMs is handed to the door as delayMs on provider answers', async () => {
    const sim = newSim({ config: { latencyMs: 40 } })
    const ok = await log.send(sim, searchRequest({ document_type: 'PAN', id_number: 'EKRPR1234F' }))
    expect(ok.delayMs).toBe(40)
    const forced = await log.send(
      sim,
      searchRequest({ document_type: 'PAN', id_number: 'EKRPR1234F' }, { scenario: 'latency:250' }),
    )
    expect(forced.delayMs).toBe(290)
    const noLatency = await log.send(
      newSim(),
      searchRequest({ document_type: 'PAN', id_number: 'EKRPR1234F' }),
    )
    expect(noLatency.delayMs).toBeUndefined()
  })
})

describe('journal entries', () => {
  it('record operation, status, case, scenario and the contract check of each provider request', async () => {
    const sim = newSim()
    sim.clock.freeze(true)
    sim.clock.set('2026-03-01T10:00:00Z')
    const flow = await startDownload(log, sim)
    await log.send(
      sim,
      generateOtpRequest(
        { client_id: flow.searchId, mobile_number: flow.mobile },
        { scenario: 'mobile_not_registered' },
      ),
    )
    const entries = sim.journal.list(10)
    expect(entries).toHaveLength(3)
    expect(entries.map((e) => e.id)).toEqual([3, 2, 1])
    expect(entries[2]).toEqual({
      id: 1,
      at: '2026-03-01T10:00:00.000Z',
      method: 'POST',
      path: '/api/v1/ckyc/search',
      provider: 'surepass',
      operation: SUREPASS_OPS.search,
      status: 200,
      case: 'success',
      scenario: null,
      duration_ms: expect.any(Number),
      reason: {
        step: 'behaviour',
        message: getOperation(SUREPASS_OPS.search).cases.get('success')?.when,
      },
      contract: { ok: true, violations: [] },
    })
    expect(entries[1]).toMatchObject({
      operation: SUREPASS_OPS.generateOtp,
      status: 200,
      case: 'success',
      scenario: null,
    })
    expect(entries[0]).toMatchObject({
      operation: SUREPASS_OPS.generateOtp,
      status: 422,
      case: 'mobile_not_registered',
      scenario: 'mobile_not_registered',
      contract: { ok: true },
    })
    for (const e of entries) expect(e.duration_ms).toBeGreaterThanOrEqual(0)
  })

  it('a transport fault is journaled with status 0 and the fault as its case', async () => {
    const sim = newSim()
    const res = await sim.handle(
      searchRequest({ document_type: 'PAN', id_number: 'EKRPR1234F' }, { scenario: 'drop' }),
    )
    expect(res).toEqual({ status: 0, headers: {}, body: null, fault: { kind: 'drop' } })
    expect(sim.journal.list(1)[0]).toMatchObject({
      status: 0,
      case: 'drop',
      scenario: 'drop',
      operation: SUREPASS_OPS.search,
    })
  })

  it('keeps only journalCapacity entries', async () => {
    const sim = newSim({ config: { journalCapacity: 3 } })
    for (let i = 0; i < 5; i++)
      await log.send(sim, searchRequest({ document_type: 'PAN', id_number: 'EKRPR1234F' }))
    expect(sim.journal.size).toBe(3)
    expect(sim.journal.list().map((e) => e.id)).toEqual([5, 4, 3])
  })
})

describe('determinism', () => {
  it('the same seed gives identical fixtures, ids and OTPs for the same request sequence', async () => {
    const a = newSim({ seed: 'demo-42' })
    const b = newSim({ seed: 'demo-42' })
    expect(a.fixtures()).toEqual(b.fixtures())
    const seenA = await script(a)
    const seenB = await script(b)
    expect(seenA).toEqual(seenB)
    expect(seenA[0]).toMatch(/^ckyc_[A-Za-z]{20}$/)
    expect(a.otps().map((o) => [o.ref, o.otp, o.status])).toEqual(
      b.otps().map((o) => [o.ref, o.otp, o.status]),
    )
  })

  it('numeric and string seeds are the same seed', async () => {
    const a = createSimulator({ seed: 42, config: { onContractViolation: 'throw' } })
    const b = newSim({ seed: '42' })
    expect(a.seed).toBe('42')
    expect(await script(a)).toEqual(await script(b))
  })

  it('a different seed gives different ids and OTPs, and different seeded personas', async () => {
    const a = newSim({ seed: 'one' })
    const b = newSim({ seed: 'two' })
    const [searchA, downloadA, otpA] = await script(a)
    const [searchB, downloadB, otpB] = await script(b)
    expect(searchA).not.toBe(searchB)
    expect(downloadA).not.toBe(downloadB)
    // 6-digit OTPs could collide by chance (1e-6); both ids and OTPs colliding cannot
    expect([downloadA, otpA]).not.toEqual([downloadB, otpB])
    const seeded = (sim: Simulator) =>
      (sim.fixtures().surepass as { ckyc: { label: string; id_number: string }[] }).ckyc.filter(
        (p) => p.label.startsWith('seeded_'),
      )
    expect(seeded(a).length).toBeGreaterThan(0)
    expect(seeded(a)).not.toEqual(seeded(b))
  })

  it('the labelled fixtures are the same whatever the seed', () => {
    const labelled = (sim: Simulator) => {
      const fx = sim.fixtures() as {
        surepass: { token: string; ckyc: { label: string }[] }
        eko: { agents: { label: string }[] }
      }
      return {
        token: fx.surepass.token,
        ckyc: fx.surepass.ckyc.filter((p) => !p.label.startsWith('seeded_')),
        agents: fx.eko.agents.filter((p) => !p.label.startsWith('seeded_')),
      }
    }
    expect(labelled(newSim({ seed: 'one' }))).toEqual(labelled(newSim({ seed: 'two' })))
  })

  it('a --otp fixed OTP is what every issue sends', async () => {
    const sim = newSim({ config: { fixedOtp: '424242' } })
    const first = await startDownload(log, sim)
    const second = await startDownload(log, sim, 'voter')
    expect([first.otp, second.otp]).toEqual(['424242', '424242'])
    expect(
      (await log.send(sim, downloadRequest({ client_id: first.downloadId, otp: '424242' }))).status,
    ).toBe(200)
  })
})

describe('isolation', () => {
  it('state in one simulator is invisible to another', async () => {
    const a = newSim()
    const b = newSim()
    const flow = await startDownload(log, a)
    expect(b.otps()).toEqual([])
    const res = await log.send(
      b,
      generateOtpRequest({ client_id: flow.searchId, mobile_number: flow.mobile }),
    )
    expect(res.status).toBe(404)
    expect(bodyOf(res).message_code).toBe('client_not_found')
    const dl = await log.send(b, downloadRequest({ client_id: flow.downloadId, otp: flow.otp }))
    expect(dl.status).toBe(404)
    expect(
      b.journal.list().every((e) => e.status === 404 || e.operation === SUREPASS_OPS.search),
    ).toBe(true)
    expect(a.journal.size).toBe(2)
  })

  it('clocks, scenarios and journals are per simulator', async () => {
    const a = newSim()
    const b = newSim()
    a.clock.advance(86_400_000)
    expect(a.clock.now() - b.clock.now()).toBeGreaterThanOrEqual(86_400_000 - 1_000)
    await a.handle(
      adminRequest('POST', 'scenarios', {
        body: { operation: SUREPASS_OPS.search, outcome: 'verification_failed' },
      }),
    )
    expect(b.scenarios.list()).toEqual([])
    const res = await log.send(b, searchRequest({ document_type: 'PAN', id_number: 'EKRPR1234F' }))
    expect(res.status).toBe(200)
    expect(a.journal.size).toBe(0)
  })

  it('a shared clock is shared: advancing it expires the other simulator’s OTPs', async () => {
    const clock = createClock({ start: '2026-03-01T00:00:00Z' })
    const a = newSim({ clock })
    const b = newSim({ clock })
    expect(a.clock).toBe(clock)
    const flow = await startDownload(log, a)
    b.clock.advance(600_000)
    const res = await log.send(a, downloadRequest({ client_id: flow.downloadId, otp: flow.otp }))
    expect(bodyOf(res).message_code).toBe('otp_expired')
  })
})

describe('reset and health (in-process)', () => {
  it('reset() brings state, clock, OTP inbox, scenarios and journal back to the seeded start', async () => {
    const sim = newSim({ clock: { start: '2026-03-01T00:00:00Z', now: () => 0 } })
    const firstRun = await script(sim)
    sim.clock.advance(3_600_000)
    sim.scenarios.add({ operation: SUREPASS_OPS.search, outcome: 'verification_failed' }, 'now')
    sim.reset()
    expect(sim.clock.toJSON()).toMatchObject({ now: '2026-03-01T00:00:00.000Z' })
    expect(sim.otps()).toEqual([])
    expect(sim.scenarios.list()).toEqual([])
    expect(sim.journal.size).toBe(0)
    // the old ids are gone…
    const stale = await log.send(
      sim,
      generateOtpRequest({ client_id: firstRun[0], mobile_number: '8939809876' }),
    )
    expect(stale.status).toBe(404)
    sim.reset()
    // …and the same requests give the same ids, OTPs and journal ids as at first start
    expect(await script(sim)).toEqual(firstRun)
    expect(
      sim.journal
        .list()
        .map((e) => e.id)
        .at(-1),
    ).toBe(1)
  })

  it('health() names the simulator, its version and seed', () => {
    const sim = newSim({ seed: 'abc' })
    expect(sim.health()).toMatchObject({
      status: 'ok',
      name: 'fintwin',
      version: SIMULATOR_VERSION,
      seed: 'abc',
      now: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    })
    expect(sim.health().uptime_ms).toBeGreaterThanOrEqual(0)
  })

  it('health() uptime is real time, not moved by the simulator clock', () => {
    const sim = newSim()
    sim.clock.set('2020-01-01T00:00:00Z')
    expect(sim.health().uptime_ms).toBeGreaterThanOrEqual(0)
    sim.clock.advance(86_400_000)
    expect(sim.health().uptime_ms).toBeLessThan(60_000)
    expect(sim.health().now).toBe(new Date(sim.clock.now()).toISOString())
  })
})

describe('session caps', () => {
  it('config.maxSessions caps the search sessions kept: the oldest is forgotten', async () => {
    const sim = newSim({ config: { maxSessions: 2 } })
    const ids = [
      await searchId(log, sim, 'happy'),
      await searchId(log, sim, 'happy'),
      await searchId(log, sim, 'happy'),
    ]
    const mobile = ckycFixture(sim, 'happy').mobile_number
    const oldest = await log.send(
      sim,
      generateOtpRequest({ client_id: ids[0], mobile_number: mobile }),
    )
    expect(bodyOf(oldest).message_code).toBe('client_not_found')
    const newest = await log.send(
      sim,
      generateOtpRequest({ client_id: ids[2], mobile_number: mobile }),
    )
    expect(newest.status).toBe(200)
  })
})

describe('scenario header', () => {
  it('is read under its documented name', () => {
    expect(SCENARIO_HEADER).toBe('x-fintwin-scenario')
  })
})
