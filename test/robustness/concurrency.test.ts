/**
 * Concurrency: requests racing on one session, in-process (`Promise.all` over `sim.handle`, which
 * interleaves at every await: JWT and HMAC checks are async) and over HTTP (real sockets, one
 * server). Single-use things are used once, attempt counters are exact, cool-downs hold, ids are
 * distinct, and the store holds exactly what the successes created.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../mocks/index.js'
import { createSimulator, type Simulator } from '../../simulator/index.js'
import { SUREPASS_FIXTURE_TOKEN } from '../../simulator/surepass/jwt.js'
import { EKO_UAT_CREDENTIALS } from '../../simulator/fixtures/index.js'
import { ekoHeaders } from '../support/eko-signer.js'
import {
  ekoAgent,
  ekoRequest,
  otpFor,
  sendOtpBody,
  verifyOtpBody,
  wrongOtp as wrongEkoOtp,
} from '../support/eko-requests.js'
import {
  bodyOf,
  ckycFixture,
  createResponseLog,
  downloadRequest,
  generateOtpRequest,
  searchId,
  searchRequest,
  startDownload,
  wrongOtp,
} from '../support/sim-requests.js'

const PARALLEL = 20

function newSim(seed: string): Simulator {
  return createSimulator({ seed, config: { onContractViolation: 'throw' } })
}

function tally(codes: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const code of codes) out[code] = (out[code] ?? 0) + 1
  return out
}

const codeOf = (body: unknown) => String((body as { message_code?: string }).message_code)

describe('in-process races', () => {
  it(`${PARALLEL} parallel downloads with the right OTP: exactly one success, the rest already_downloaded`, async () => {
    const sim = newSim('race-download')
    const { downloadId, otp } = await startDownload(createResponseLog(), sim)
    const responses = await Promise.all(
      Array.from({ length: PARALLEL }, () =>
        sim.handle(downloadRequest({ client_id: downloadId, otp })),
      ),
    )
    expect(tally(responses.map((r) => codeOf(r.body)))).toEqual({
      success: 1,
      already_downloaded: PARALLEL - 1,
    })
    expect(responses.filter((r) => r.status === 200)).toHaveLength(1)
    expect(sim.otps({ ref: downloadId })[0]).toMatchObject({ status: 'used' })
  })

  it('10 parallel wrong OTPs: exactly 3 attempts counted, then locked; the right OTP no longer works', async () => {
    const sim = newSim('race-wrong')
    const { downloadId, otp } = await startDownload(createResponseLog(), sim)
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        sim.handle(downloadRequest({ client_id: downloadId, otp: wrongOtp(otp) })),
      ),
    )
    expect(tally(responses.map((r) => codeOf(r.body)))).toEqual({
      invalid_otp: 3,
      otp_attempts_exceeded: 7,
    })
    expect(sim.otps({ ref: downloadId })[0]).toMatchObject({ attempts_left: 0, status: 'locked' })
    const late = await sim.handle(downloadRequest({ client_id: downloadId, otp }))
    expect(codeOf(late.body)).toBe('otp_attempts_exceeded')
  })

  it('right and wrong OTPs racing: one success at most, attempts never below zero', async () => {
    const sim = newSim('race-mixed')
    const { downloadId, otp } = await startDownload(createResponseLog(), sim)
    const codes = Array.from({ length: PARALLEL }, (_, i) => (i % 4 === 0 ? otp : wrongOtp(otp)))
    const responses = await Promise.all(
      codes.map((code) => sim.handle(downloadRequest({ client_id: downloadId, otp: code }))),
    )
    const counts = tally(responses.map((r) => codeOf(r.body)))
    expect(counts.success ?? 0).toBeLessThanOrEqual(1)
    expect(counts.invalid_otp ?? 0).toBeLessThanOrEqual(3)
    const [entry] = sim.otps({ ref: downloadId })
    expect(entry!.attempts_left).toBeGreaterThanOrEqual(0)
    expect(entry!.attempts_left).toBe(3 - (counts.invalid_otp ?? 0))
  })

  it(`${PARALLEL} parallel generate-otp on one search: exactly one success, the rest 429`, async () => {
    const sim = newSim('race-generate')
    const log = createResponseLog()
    const happy = ckycFixture(sim, 'happy')
    const id = await searchId(log, sim, 'happy')
    const before = sim.stats()
    const responses = await Promise.all(
      Array.from({ length: PARALLEL }, () =>
        sim.handle(generateOtpRequest({ client_id: id, mobile_number: happy.mobile_number })),
      ),
    )
    expect(tally(responses.map((r) => codeOf(r.body)))).toEqual({
      success: 1,
      rate_limit_exceeded: PARALLEL - 1,
    })
    expect(responses.filter((r) => r.status === 429)).toHaveLength(PARALLEL - 1)
    const after = sim.stats()
    expect(after.downloads - before.downloads).toBe(1)
    expect(after.otps - before.otps).toBe(1)
    expect(
      sim.otps({ limit: Infinity }).filter((o) => o.operation === 'surepass.ckycV2.generateOtp'),
    ).toHaveLength(1)
  })

  it('parallel searches get distinct ids, and the store holds exactly those sessions', async () => {
    const sim = newSim('race-search')
    const happy = ckycFixture(sim, 'happy')
    const before = sim.stats()
    const responses = await Promise.all(
      Array.from({ length: 100 }, () =>
        sim.handle(
          searchRequest({ document_type: happy.document_type, id_number: happy.id_number }),
        ),
      ),
    )
    expect(responses.every((r) => r.status === 200)).toBe(true)
    const ids = responses.map((r) => bodyOf(r).data.client_id as string)
    expect(new Set(ids).size).toBe(100)
    expect(sim.stats().searches - before.searches).toBe(100)
  })

  it('parallel flows on many searches: store counts equal the successes', async () => {
    const sim = newSim('race-flows')
    const log = createResponseLog()
    const flows = await Promise.all(Array.from({ length: 30 }, () => startDownload(log, sim)))
    expect(new Set(flows.map((f) => f.downloadId)).size).toBe(30)
    const downloads = await Promise.all(
      flows.flatMap((f) => [
        sim.handle(downloadRequest({ client_id: f.downloadId, otp: f.otp })),
        sim.handle(downloadRequest({ client_id: f.downloadId, otp: f.otp })),
      ]),
    )
    expect(tally(downloads.map((r) => codeOf(r.body)))).toEqual({
      success: 30,
      already_downloaded: 30,
    })
    expect(sim.stats()).toMatchObject({ searches: 30, downloads: 30, otps: 30 })
    expect(sim.otps({ limit: Infinity }).every((o) => o.status === 'used')).toBe(true)
  })

  it(`${PARALLEL} parallel Eko verify with the right OTP: exactly one 1604, the rest 461`, async () => {
    const sim = newSim('race-eko')
    const pending = ekoAgent('ekyc_pending')
    const sent = await sim.handle(await ekoRequest(sim, 'sendOtp', sendOtpBody(pending)))
    const ids = bodyOf(sent).data as { otp_ref_id: string; reference_tid: string }
    const otp = otpFor(sim, ids.otp_ref_id)
    const requests = await Promise.all(
      Array.from({ length: PARALLEL }, () =>
        ekoRequest(sim, 'verifyOtp', verifyOtpBody(pending, { otp, ...ids })),
      ),
    )
    const responses = await Promise.all(requests.map((r) => sim.handle(r)))
    const types = tally(responses.map((r) => String(bodyOf(r).response_type_id)))
    expect(types).toEqual({ '1604': 1, '461': PARALLEL - 1 })
    expect(sim.stats().ekoSessions).toBe(2)
  })

  it('parallel Eko Send OTP for one agent: every send answers, only the latest OTP verifies', async () => {
    const sim = newSim('race-eko-send')
    const pending = ekoAgent('ekyc_pending')
    const requests = await Promise.all(
      Array.from({ length: 10 }, () => ekoRequest(sim, 'sendOtp', sendOtpBody(pending))),
    )
    const sent = await Promise.all(requests.map((r) => sim.handle(r)))
    expect(sent.every((r) => bodyOf(r).status === 0)).toBe(true)
    const refs = sent.map((r) => bodyOf(r).data as { otp_ref_id: string; reference_tid: string })
    expect(new Set(refs.map((r) => r.otp_ref_id)).size).toBe(10)
    const verifies = await Promise.all(
      refs.map(async (ids) =>
        sim.handle(
          await ekoRequest(
            sim,
            'verifyOtp',
            verifyOtpBody(pending, { otp: otpFor(sim, ids.otp_ref_id), ...ids }),
          ),
        ),
      ),
    )
    expect(tally(verifies.map((r) => String(bodyOf(r).response_type_id)))).toEqual({
      '1604': 1,
      '461': 9,
    })
    expect(
      sim.otps({ provider: 'eko', limit: Infinity }).filter((o) => o.status === 'superseded'),
    ).toHaveLength(9)
    // A wrong code on a superseded OTP costs nothing.
    const stale = refs[0]!
    await sim.handle(
      await ekoRequest(
        sim,
        'verifyOtp',
        verifyOtpBody(pending, { otp: wrongEkoOtp(otpFor(sim, stale.otp_ref_id)), ...stale }),
      ),
    )
    expect(sim.otps({ ref: stale.otp_ref_id })[0]!.attempts_left).toBe(3)
  })
})

describe('races over HTTP', () => {
  let server: RunningServer
  let sim: Simulator
  beforeAll(async () => {
    sim = createSimulator({ seed: 'race-http', config: { onContractViolation: 'flag' } })
    server = await startServer({ simulator: sim, port: 0, quiet: true })
  })
  afterAll(() => server.close())

  const surepass = async (path: string, body: unknown) => {
    const response = await fetch(`${server.url}/api/v1/${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${SUREPASS_FIXTURE_TOKEN}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    })
    return {
      status: response.status,
      body: (await response.json()) as Record<string, any>,
      violation: response.headers.get('x-fintwin-contract-violation'),
    }
  }

  it(`${PARALLEL} parallel downloads and ${PARALLEL} parallel generate-otps over sockets`, async () => {
    const happy = ckycFixture(sim, 'happy')
    const search = await surepass('ckyc/search', {
      document_type: happy.document_type,
      id_number: happy.id_number,
    })
    const generated = await Promise.all(
      Array.from({ length: PARALLEL }, () =>
        surepass('ckyc-v2/generate-otp', {
          client_id: search.body.data.client_id,
          mobile_number: happy.mobile_number,
        }),
      ),
    )
    expect(tally(generated.map((r) => codeOf(r.body)))).toEqual({
      success: 1,
      rate_limit_exceeded: PARALLEL - 1,
    })
    const downloadId = generated.find((r) => r.status === 200)!.body.data.client_id as string
    const otp = sim.otps({ ref: downloadId })[0]!.otp
    const downloads = await Promise.all(
      Array.from({ length: PARALLEL }, () =>
        surepass('ckyc-v2/download', { client_id: downloadId, otp }),
      ),
    )
    expect(tally(downloads.map((r) => codeOf(r.body)))).toEqual({
      success: 1,
      already_downloaded: PARALLEL - 1,
    })
    expect([...generated, ...downloads].every((r) => r.violation === null)).toBe(true)
  })

  it('10 parallel wrong OTPs over sockets: attempts exact, inbox says locked', async () => {
    const happy = ckycFixture(sim, 'happy')
    const search = await surepass('ckyc/search', {
      document_type: happy.document_type,
      id_number: happy.id_number,
    })
    const generated = await surepass('ckyc-v2/generate-otp', {
      client_id: search.body.data.client_id,
      mobile_number: happy.mobile_number,
    })
    const downloadId = generated.body.data.client_id as string
    const otp = sim.otps({ ref: downloadId })[0]!.otp
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        surepass('ckyc-v2/download', { client_id: downloadId, otp: wrongOtp(otp) }),
      ),
    )
    expect(tally(responses.map((r) => codeOf(r.body)))).toEqual({
      invalid_otp: 3,
      otp_attempts_exceeded: 7,
    })
    const inbox = (await (await fetch(`${server.url}/__sim/otps?ref=${downloadId}`)).json()) as {
      otps: { attempts_left: number; status: string }[]
    }
    expect(inbox.otps[0]).toMatchObject({ attempts_left: 0, status: 'locked' })
  })

  it(`${PARALLEL} parallel Eko verifies over sockets: exactly one 1604`, async () => {
    const pending = ekoAgent('ekyc_pending')
    const call = async (method: string, path: string, body: unknown) => {
      const response = await fetch(
        `${server.url}/ekoapi/v3/user/collection/aeps-fingpay/kyc/${path}`,
        {
          method,
          headers: await ekoHeaders(EKO_UAT_CREDENTIALS, sim.clock.now()),
          body: JSON.stringify(body),
        },
      )
      return (await response.json()) as Record<string, any>
    }
    const sent = await call('POST', 'otp', sendOtpBody(pending))
    const ids = sent.data as { otp_ref_id: string; reference_tid: string }
    const otp = otpFor(sim, ids.otp_ref_id)
    const verifies = await Promise.all(
      Array.from({ length: PARALLEL }, () =>
        call('PUT', 'otp/verify', verifyOtpBody(pending, { otp, ...ids })),
      ),
    )
    expect(tally(verifies.map((b) => String(b.response_type_id)))).toEqual({
      '1604': 1,
      '461': PARALLEL - 1,
    })
  })

  it('100 parallel searches over sockets: distinct ids, counted in /__sim/health state', async () => {
    const happy = ckycFixture(sim, 'happy')
    const before = (
      (await (await fetch(`${server.url}/__sim/health`)).json()) as { state: { searches: number } }
    ).state.searches
    const responses = await Promise.all(
      Array.from({ length: 100 }, () =>
        surepass('ckyc/search', { document_type: happy.document_type, id_number: happy.id_number }),
      ),
    )
    expect(new Set(responses.map((r) => r.body.data.client_id)).size).toBe(100)
    const health = (await (await fetch(`${server.url}/__sim/health`)).json()) as {
      state: Record<string, number>
    }
    expect(health.state.searches! - before).toBe(100)
    expect(Object.keys(health.state).sort()).toEqual([
      'aadhaarSessions',
      'aepsTransactions',
      'agentServices',
      'agentWallets',
      'agents',
      'bbpsBills',
      'customAccounts',
      'customPersonas',
      'customerAccounts',
      'downloads',
      'ekoSessions',
      'journal',
      'otps',
      'partnerWallets',
      'searches',
    ])
  })
})
