import { afterAll, describe, expect, it } from 'vitest'
import { findCase, getOperation } from '../../contracts/index.js'
import { createSimulator, type Simulator } from '../index.js'
import { caseBody } from './outcome.js'
import { FAULT_OUTCOMES, ScenarioInputError, assertForcible, createScenarios } from './scenarios.js'
import {
  SUREPASS_OPS,
  adminRequest,
  bodyOf,
  createResponseLog,
  downloadRequest,
  envelopeBreaches,
  generateOtpRequest,
  searchId,
  searchRequest,
  startDownload,
  surepassEnvelopeExchanges,
  surepassRequest,
  type SurepassStep,
} from '../../test/support/sim-requests.js'

const log = createResponseLog()
const newSim = (config: { latencyMs?: number; timeoutHoldMs?: number } = {}): Simulator =>
  createSimulator({ config: { ...config, onContractViolation: 'throw' } })

afterAll(() => {
  const exchanges = surepassEnvelopeExchanges(log)
  expect(exchanges.length).toBeGreaterThan(30)
  expect(envelopeBreaches(exchanges)).toEqual([])
})

const HAPPY_SEARCH = { document_type: 'PAN', id_number: 'EKRPR1234F' }
/** Valid-by-contract bodies: forced outcomes never reach behaviour, so the ids need not exist. */
const VALID_BODIES: Record<SurepassStep, Record<string, unknown>> = {
  search: HAPPY_SEARCH,
  generateOtp: { client_id: 'ckyc_AbCdEfGhIjKlMnOpQrSt', mobile_number: '8939809876' },
  download: { client_id: 'ckyc_download_AbCdEfGhIjKlMnOpQrSt', otp: '123456' },
}

const addRule = (sim: Simulator, body: unknown) =>
  sim.handle(adminRequest('POST', 'scenarios', { body }))

describe('createScenarios (unit)', () => {
  const make = () => {
    let n = 0
    return createScenarios(() => `r${++n}`)
  }

  it('adds a rule with defaults and lists it', () => {
    const s = make()
    const rule = s.add(
      { operation: SUREPASS_OPS.search, outcome: 'verification_failed' },
      '2026-01-01T00:00:00.000Z',
    )
    expect(rule).toEqual({
      id: 'r1',
      operation: SUREPASS_OPS.search,
      outcome: 'verification_failed',
      match: null,
      remaining: null,
      latency_ms: null,
      created_at: '2026-01-01T00:00:00.000Z',
    })
    expect(s.list()).toEqual([rule])
  })

  it('take() applies the first matching rule of the operation and uses up a counted one', () => {
    const s = make()
    s.add({ operation: SUREPASS_OPS.search, outcome: 'verification_failed', times: 2 }, 'now')
    expect(s.take(SUREPASS_OPS.generateOtp, {})).toBeUndefined()
    expect(s.take(SUREPASS_OPS.search, {})?.remaining).toBe(1)
    expect(s.take(SUREPASS_OPS.search, {})?.remaining).toBe(0)
    expect(s.take(SUREPASS_OPS.search, {})).toBeUndefined()
    expect(s.list()).toEqual([])
  })

  it('match needs every listed field equal, as an own field of an object body', () => {
    const s = make()
    s.add(
      {
        operation: SUREPASS_OPS.generateOtp,
        outcome: 'mobile_not_registered',
        match: { mobile_number: '9000000001' },
      },
      'now',
    )
    expect(s.take(SUREPASS_OPS.generateOtp, { mobile_number: '9000000002' })).toBeUndefined()
    expect(s.take(SUREPASS_OPS.generateOtp, null)).toBeUndefined()
    expect(s.take(SUREPASS_OPS.generateOtp, ['9000000001'])).toBeUndefined()
    expect(
      s.take(SUREPASS_OPS.generateOtp, Object.create({ mobile_number: '9000000001' })),
    ).toBeUndefined()
    expect(
      s.take(SUREPASS_OPS.generateOtp, { mobile_number: '9000000001', client_id: 'x' })?.outcome,
    ).toBe('mobile_not_registered')
  })

  it('remove and clear', () => {
    const s = make()
    const a = s.add({ operation: SUREPASS_OPS.search, outcome: 'verification_failed' }, 'now')
    s.add({ operation: SUREPASS_OPS.download, outcome: 'invalid_otp' }, 'now')
    expect(s.remove(a.id)).toBe(true)
    expect(s.remove(a.id)).toBe(false)
    expect(s.list().map((r) => r.outcome)).toEqual(['invalid_otp'])
    s.clear()
    expect(s.list()).toEqual([])
  })

  it.each([
    [null, 'body must be an object'],
    [{ operation: SUREPASS_OPS.search }, 'required strings'],
    [{ operation: 'surepass.nope', outcome: 'success' }, 'unknown operation "surepass.nope"'],
    [{ operation: SUREPASS_OPS.search, outcome: 'bogus' }, 'unknown outcome "bogus"'],
    [{ operation: SUREPASS_OPS.search, outcome: 'success', times: 0 }, '"times"'],
    [{ operation: SUREPASS_OPS.search, outcome: 'success', times: 1.5 }, '"times"'],
    [{ operation: SUREPASS_OPS.search, outcome: 'success', match: [1] }, '"match"'],
    [{ operation: SUREPASS_OPS.search, outcome: 'success', match: null }, '"match"'],
    [{ operation: SUREPASS_OPS.search, outcome: 'latency', latency_ms: -1 }, '"latency_ms"'],
  ])('refuses %j (%s)', (input, message) => {
    expect(() => make().add(input as never, 'now')).toThrow(ScenarioInputError)
    expect(() => make().add(input as never, 'now')).toThrow(message)
  })

  it('assertForcible knows operation cases, the provider 500, faults and latency:<ms>', () => {
    for (const outcome of [
      'success',
      'mobile_not_registered',
      'rate_limit_exceeded',
      'internal_server_error',
      'latency:250',
      ...FAULT_OUTCOMES,
    ]) {
      expect(() => assertForcible(SUREPASS_OPS.generateOtp, outcome)).not.toThrow()
    }
    expect(() => assertForcible(SUREPASS_OPS.search, 'invalid_otp')).toThrow(
      /known: success, unauthorized, invalid_input, verification_failed, internal_server_error, timeout, drop, latency, commit_then_fail/,
    )
    expect(() => assertForcible(SUREPASS_OPS.search, 'latency:soon')).toThrow(ScenarioInputError)
  })
})

describe('x-fintwin-scenario header', () => {
  const steps = Object.keys(VALID_BODIES) as SurepassStep[]
  for (const step of steps) {
    const operationId = SUREPASS_OPS[step]
    const errorCases = [...getOperation(operationId).cases.keys()]
      .filter((id) => id !== 'success')
      .concat('internal_server_error')
    it.each(errorCases)(
      `${step}: forcing %s returns exactly that case and changes no state`,
      async (caseId) => {
        const sim = newSim()
        const c = findCase(operationId, caseId)!
        const res = await log.send(
          sim,
          surepassRequest(step, VALID_BODIES[step], { scenario: caseId }),
        )
        expect(res.status).toBe(c.status)
        expect(res.body).toEqual(caseBody(c))
        expect(sim.journal.list(1)[0]).toMatchObject({
          operation: operationId,
          status: c.status,
          case: caseId,
          scenario: caseId,
          contract: { ok: true },
        })
        expect(sim.otps()).toEqual([])
      },
    )
  }

  it('forcing an error on a real, live flow does not run the behaviour (no OTP, no session used)', async () => {
    const sim = newSim()
    const id = await searchId(log, sim, 'happy')
    const forced = await log.send(
      sim,
      generateOtpRequest(
        { client_id: id, mobile_number: '8939809876' },
        { scenario: 'mobile_number_not_matched' },
      ),
    )
    expect(bodyOf(forced).message_code).toBe('mobile_number_not_matched')
    expect(sim.otps()).toEqual([])
    // no cool-down started: the real call right after succeeds
    expect(
      (await log.send(sim, generateOtpRequest({ client_id: id, mobile_number: '8939809876' })))
        .status,
    ).toBe(200)
  })

  it('forcing success runs the real behaviour', async () => {
    const sim = newSim()
    const res = await log.send(sim, searchRequest(ckycNotFound(), { scenario: 'success' }))
    expect(bodyOf(res).message_code).toBe('verification_failed')
  })

  it('auth still runs first: a forced outcome with a bad token is 401', async () => {
    const sim = newSim()
    for (const scenario of ['verification_failed', 'success', 'timeout', 'commit_then_fail']) {
      const res = await log.send(
        sim,
        searchRequest(HAPPY_SEARCH, { scenario, authorization: 'Bearer garbage' }),
      )
      expect(res.status, scenario).toBe(401)
      expect(bodyOf(res).message_code).toBe('unauthorized')
    }
  })

  it('validation still runs first: a forced outcome with an invalid body is 400', async () => {
    const sim = newSim()
    for (const scenario of ['mobile_not_registered', 'drop', 'internal_server_error', 'bogus']) {
      const res = await log.send(
        sim,
        generateOtpRequest({ client_id: 'ckyc_AbC', mobile_number: '123' }, { scenario }),
      )
      expect(res.status, scenario).toBe(400)
      expect(bodyOf(res).message_code).toBe('invalid_input')
    }
  })

  it('an outcome unknown to the operation → 400 naming it, not a provider envelope', async () => {
    const sim = newSim()
    const res = await sim.handle(searchRequest(HAPPY_SEARCH, { scenario: 'invalid_otp' }))
    expect(res.status).toBe(400)
    expect(res.body).toEqual({
      error: 'invalid_scenario',
      message: `unknown outcome "invalid_otp" for ${SUREPASS_OPS.search}`,
    })
  })

  it('latency:250 sets delayMs and still answers the real outcome', async () => {
    const sim = newSim()
    const res = await log.send(sim, searchRequest(HAPPY_SEARCH, { scenario: 'latency:250' }))
    expect(res.status).toBe(200)
    expect(res.delayMs).toBe(250)
    expect(sim.journal.list(1)[0]).toMatchObject({ case: 'success', scenario: 'latency:250' })
    const plain = await log.send(sim, searchRequest(HAPPY_SEARCH, { scenario: 'latency' }))
    expect(plain.delayMs).toBe(1000)
  })

  it('timeout and drop return a fault for the door to act out, nothing else', async () => {
    const sim = newSim({ timeoutHoldMs: 1234 })
    const timeout = await sim.handle(searchRequest(HAPPY_SEARCH, { scenario: 'timeout' }))
    expect(timeout).toEqual({
      status: 0,
      headers: {},
      body: null,
      fault: { kind: 'timeout', holdMs: 1234 },
    })
    const drop = await sim.handle(downloadRequest(VALID_BODIES.download, { scenario: 'drop' }))
    expect(drop.fault).toEqual({ kind: 'drop' })
    expect(sim.journal.list(2).map((e) => [e.case, e.status])).toEqual([
      ['drop', 0],
      ['timeout', 0],
    ])
  })

  it('commit_then_fail on generate-otp: the OTP is really sent, the client sees 500', async () => {
    const sim = newSim()
    const id = await searchId(log, sim, 'happy')
    const res = await log.send(
      sim,
      generateOtpRequest(
        { client_id: id, mobile_number: '8939809876' },
        { scenario: 'commit_then_fail' },
      ),
    )
    expect(res.status).toBe(500)
    expect(res.body).toEqual({
      data: null,
      status_code: 500,
      success: false,
      message: 'Internal Server Error',
      message_code: 'internal_server_error',
    })
    const inbox = sim.otps()
    expect(inbox).toHaveLength(1)
    expect(inbox[0]).toMatchObject({ phone: '8939809876', status: 'pending' })
    expect(sim.journal.list(1)[0]).toMatchObject({
      case: 'internal_server_error',
      scenario: 'commit_then_fail',
      status: 500,
      committed: 'success',
    })
    // the state changed: a retry hits the cool-down, and the committed id downloads
    const retry = await log.send(
      sim,
      generateOtpRequest({ client_id: id, mobile_number: '8939809876' }),
    )
    expect(bodyOf(retry).message_code).toBe('rate_limit_exceeded')
    const dl = await log.send(
      sim,
      downloadRequest({ client_id: inbox[0]!.ref, otp: inbox[0]!.otp }),
    )
    expect(dl.status).toBe(200)
  })

  it('commit_then_fail on download: the record is consumed though the client saw 500', async () => {
    const sim = newSim()
    const flow = await startDownload(log, sim)
    const res = await log.send(
      sim,
      downloadRequest(
        { client_id: flow.downloadId, otp: flow.otp },
        { scenario: 'commit_then_fail' },
      ),
    )
    expect(res.status).toBe(500)
    const again = await log.send(
      sim,
      downloadRequest({ client_id: flow.downloadId, otp: flow.otp }),
    )
    expect(bodyOf(again).message_code).toBe('already_downloaded')
  })

  it('the header wins over a rule and does not use the rule up', async () => {
    const sim = newSim()
    await addRule(sim, { operation: SUREPASS_OPS.search, outcome: 'verification_failed', times: 1 })
    const res = await log.send(sim, searchRequest(HAPPY_SEARCH, { scenario: 'success' }))
    expect(res.status).toBe(200)
    expect(sim.scenarios.list()[0]?.remaining).toBe(1)
    expect((await log.send(sim, searchRequest(HAPPY_SEARCH))).status).toBe(422)
  })
})

describe('scenario rules through the admin API', () => {
  it('times: applies that many requests, then is gone', async () => {
    const sim = newSim()
    const created = await addRule(sim, {
      operation: SUREPASS_OPS.search,
      outcome: 'verification_failed',
      times: 2,
    })
    expect(created.status).toBe(201)
    const statuses: number[] = []
    for (let i = 0; i < 3; i++)
      statuses.push((await log.send(sim, searchRequest(HAPPY_SEARCH))).status)
    expect(statuses).toEqual([422, 422, 200])
    expect(sim.journal.list(3).map((e) => e.scenario)).toEqual([
      null,
      'verification_failed',
      'verification_failed',
    ])
    expect(bodyOf(await sim.handle(adminRequest('GET', 'scenarios')))).toEqual({ scenarios: [] })
  })

  it('without times: applies until deleted; DELETE /scenarios/:id stops it', async () => {
    const sim = newSim()
    const { id } = bodyOf(
      await addRule(sim, { operation: SUREPASS_OPS.search, outcome: 'internal_server_error' }),
    )
    for (let i = 0; i < 3; i++)
      expect((await log.send(sim, searchRequest(HAPPY_SEARCH))).status).toBe(500)
    expect((await sim.handle(adminRequest('DELETE', `scenarios/${id}`))).status).toBe(200)
    expect((await log.send(sim, searchRequest(HAPPY_SEARCH))).status).toBe(200)
  })

  it('match: applies only when the body field equals the value', async () => {
    const sim = newSim()
    const flow = await startDownload(log, sim)
    await addRule(sim, {
      operation: SUREPASS_OPS.download,
      outcome: 'otp_expired',
      match: { otp: '999999' },
    })
    const other = await log.send(
      sim,
      downloadRequest({
        client_id: flow.downloadId,
        otp: flow.otp === '999999' ? '888888' : flow.otp,
      }),
    )
    const matched = await log.send(
      sim,
      downloadRequest({ client_id: 'ckyc_download_AbCdEfGhIjKlMnOpQrSt', otp: '999999' }),
    )
    expect(bodyOf(matched).message_code).toBe('otp_expired')
    expect(bodyOf(other).message_code).not.toBe('otp_expired')
  })

  it('a rule of one operation leaves the others alone', async () => {
    const sim = newSim()
    await addRule(sim, { operation: SUREPASS_OPS.download, outcome: 'invalid_otp' })
    const flow = await startDownload(log, sim)
    expect(flow.downloadId).toMatch(/^ckyc_download_/)
    const res = await log.send(sim, downloadRequest({ client_id: flow.downloadId, otp: flow.otp }))
    expect(bodyOf(res).message_code).toBe('invalid_otp')
  })

  it('rules apply in creation order: the first matching one wins', async () => {
    const sim = newSim()
    await addRule(sim, { operation: SUREPASS_OPS.search, outcome: 'verification_failed', times: 1 })
    await addRule(sim, {
      operation: SUREPASS_OPS.search,
      outcome: 'internal_server_error',
      times: 1,
    })
    expect((await log.send(sim, searchRequest(HAPPY_SEARCH))).status).toBe(422)
    expect((await log.send(sim, searchRequest(HAPPY_SEARCH))).status).toBe(500)
  })

  it('a latency rule with latency_ms adds that delay', async () => {
    const sim = newSim()
    await addRule(sim, {
      operation: SUREPASS_OPS.search,
      outcome: 'latency',
      latency_ms: 750,
      times: 1,
    })
    const res = await log.send(sim, searchRequest(HAPPY_SEARCH))
    expect(res.status).toBe(200)
    expect(res.delayMs).toBe(750)
    expect((await log.send(sim, searchRequest(HAPPY_SEARCH))).delayMs).toBeUndefined()
  })

  it('a fault rule answers with a fault', async () => {
    const sim = newSim()
    await addRule(sim, { operation: SUREPASS_OPS.generateOtp, outcome: 'timeout', times: 1 })
    const res = await sim.handle(generateOtpRequest(VALID_BODIES.generateOtp))
    expect(res.fault?.kind).toBe('timeout')
  })

  it('an unknown outcome → 400 with the list of known outcomes', async () => {
    const sim = newSim()
    const res = await addRule(sim, { operation: SUREPASS_OPS.generateOtp, outcome: 'nope' })
    expect(res.status).toBe(400)
    expect(bodyOf(res).error).toBe('invalid_scenario')
    const message = bodyOf(res).message as string
    expect(message).toContain('unknown outcome "nope"')
    for (const known of [
      ...getOperation(SUREPASS_OPS.generateOtp).cases.keys(),
      'internal_server_error',
      ...FAULT_OUTCOMES,
    ])
      expect(message).toContain(known)
    expect(sim.scenarios.list()).toEqual([])
  })

  it('an unknown operation → 400 with the list of known operations', async () => {
    const sim = newSim()
    const res = await addRule(sim, { operation: 'surepass.nope', outcome: 'success' })
    expect(res.status).toBe(400)
    expect(bodyOf(res).message).toContain(SUREPASS_OPS.download)
  })
})

function ckycNotFound() {
  return { document_type: 'PAN', id_number: 'ZZZPZ9999Z' }
}
