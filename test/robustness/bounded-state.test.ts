/**
 * Bounded state: a simulator that runs for weeks must hold flat memory. 100k Surepass sessions
 * (search + generate-otp) go through `sim.handle` with the clock moving; state plateaus at what
 * the TTLs and retention allow, falls to a handful once the clock passes expiry + retention, and
 * never exceeds `maxSessions`. The journal stays at its capacity. Observed only through public
 * surfaces: `sim.stats()`, `sim.otps()`, the journal, `/__sim/health`.
 */
import { describe, expect, it } from 'vitest'
import { createSimulator, type Simulator, type SimulatorStats } from '../../simulator/index.js'
import { ekoAgent, ekoRequest, onboardBody, sendOtpBody } from '../support/eko-requests.js'
import { bodyOf, ckycFixture, generateOtpRequest, searchRequest } from '../support/sim-requests.js'

const SESSIONS = Number(process.env.FINTWIN_BOUNDED_SESSIONS ?? 100_000)
const MINUTE = 60_000

/** One CKYC session: search the happy persona, then have an OTP sent for it. */
async function surepassSession(
  sim: Simulator,
  happy: { document_type: string; id_number: string; mobile_number: string | null },
): Promise<void> {
  const search = await sim.handle(
    searchRequest({ document_type: happy.document_type, id_number: happy.id_number }),
  )
  if (search.status !== 200) throw new Error(`search answered ${search.status}`)
  const generated = await sim.handle(
    generateOtpRequest({
      client_id: bodyOf(search).data.client_id,
      mobile_number: happy.mobile_number,
    }),
  )
  if (generated.status !== 200)
    throw new Error(`generate-otp answered ${generated.status}: ${JSON.stringify(generated.body)}`)
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

describe('bounded state', () => {
  it(`${SESSIONS.toLocaleString('en')} Surepass sessions with the clock moving: state plateaus, then falls to a handful`, {
    timeout: 120_000,
  }, async () => {
    const sim = createSimulator({ seed: 'bounded', config: { onContractViolation: 'throw' } })
    const happy = ckycFixture(sim, 'happy')
    const stepMs = 60 // 100k sessions span 100 simulated minutes: past the OTP's 10 min + 1 h retention
    const started = performance.now()
    const heapBefore = process.memoryUsage().heapUsed
    let peak: SimulatorStats = sim.stats()
    for (let i = 0; i < SESSIONS; i++) {
      await surepassSession(sim, happy)
      sim.clock.advance(stepMs)
      if (i % 10_000 === 9_999) {
        const now = sim.stats()
        peak = {
          ...now,
          otps: Math.max(peak.otps, now.otps),
          downloads: Math.max(peak.downloads, now.downloads),
          searches: Math.max(peak.searches, now.searches),
        }
      }
    }
    const elapsed = performance.now() - started
    const plateau = sim.stats()
    const heapPeak = process.memoryUsage().heapUsed

    const { otp, surepass, sessionRetentionMs, journalCapacity } = sim.config
    // Searches live searchTtl + retention (2 h): none has gone yet. Downloads and OTPs live
    // ttl + retention (70 min): only the last 70 simulated minutes' worth remain.
    const keptWindow = (ttl: number) => Math.ceil((ttl + sessionRetentionMs) / stepMs) + 1
    expect(plateau.searches).toBe(Math.min(SESSIONS, keptWindow(surepass.searchTtlMs)))
    expect(plateau.downloads).toBeLessThanOrEqual(keptWindow(otp.surepass.ttlMs))
    expect(plateau.otps).toBeLessThanOrEqual(keptWindow(otp.surepass.ttlMs))
    expect(sim.otps({ limit: Infinity }).length).toBe(plateau.otps)
    expect(plateau.journal).toBe(journalCapacity)
    expect(sim.journal.list(Number.MAX_SAFE_INTEGER)).toHaveLength(journalCapacity)

    // Past every expiry and retention: the next session's housekeeping drops the rest.
    sim.clock.advance(surepass.searchTtlMs + sessionRetentionMs + otp.surepass.ttlMs + MINUTE)
    await surepassSession(sim, happy)
    const after = sim.stats()
    expect(after).toMatchObject({ searches: 1, downloads: 1, otps: 1, journal: journalCapacity })
    expect(sim.otps({ limit: Infinity })).toHaveLength(1)

    const health = await sim.handle({
      method: 'GET',
      path: '/__sim/health',
      query: {},
      headers: {},
      body: undefined,
    })
    expect((health.body as { state: SimulatorStats }).state).toEqual(after)

    console.log(
      `[bounded-state] ${SESSIONS} sessions (${2 * SESSIONS} requests) in ${(elapsed / 1000).toFixed(1)} s; ` +
        `plateau ${JSON.stringify(plateau)}; after expiry+retention ${JSON.stringify(after)}; ` +
        `heap ${mb(heapBefore)} → ${mb(heapPeak)} at plateau`,
    )
  })

  it('maxSessions caps every kind of session, even when nothing expires', {
    timeout: 60_000,
  }, async () => {
    const maxSessions = 500
    const sim = createSimulator({
      seed: 'capped',
      config: { onContractViolation: 'throw', maxSessions },
    })
    const happy = ckycFixture(sim, 'happy')
    for (let i = 0; i < 3 * maxSessions; i++) await surepassSession(sim, happy)
    const pending = ekoAgent('ekyc_pending')
    const send = sendOtpBody(pending)
    for (let i = 0; i < 3 * maxSessions; i++) {
      const response = await sim.handle(await ekoRequest(sim, 'sendOtp', send))
      expect(bodyOf(response).status).toBe(0)
    }
    const stats = sim.stats()
    expect(stats.searches).toBeLessThanOrEqual(maxSessions)
    expect(stats.downloads).toBeLessThanOrEqual(maxSessions)
    expect(stats.ekoSessions).toBeLessThanOrEqual(maxSessions)
    expect(stats.otps).toBeLessThanOrEqual(maxSessions)
    expect(sim.otps({ limit: Infinity }).length).toBeLessThanOrEqual(maxSessions)
    // The newest sessions are the ones kept: the latest Eko OTP is still in the inbox.
    expect(sim.otps({ provider: 'eko', limit: 1 })[0]).toMatchObject({ status: 'pending' })
  })

  it('onboarding agents without end keeps at most maxSessions onboarded agents (seeded ones stay)', async () => {
    const maxSessions = 50
    const sim = createSimulator({
      seed: 'onboard-cap',
      config: { onContractViolation: 'throw', maxSessions },
    })
    const seeded = sim.stats().agents
    const codes: string[] = []
    for (let i = 0; i < 3 * maxSessions; i++) {
      const response = await sim.handle(
        await ekoRequest(
          sim,
          'onboard',
          onboardBody({
            pan_number: `ABCPV${String(i).padStart(4, '0')}K`,
            mobile: `71${String(i).padStart(8, '0')}`,
          }),
        ),
      )
      expect(bodyOf(response).status, JSON.stringify(response.body)).toBe(0)
      codes.push(bodyOf(response).data.user_code as string)
    }
    expect(sim.stats().agents).toBe(seeded + maxSessions)
    // Seeded agents are never evicted: the labelled ones still work.
    const sent = await sim.handle(
      await ekoRequest(sim, 'sendOtp', sendOtpBody(ekoAgent('ekyc_pending'))),
    )
    expect(bodyOf(sent).status).toBe(0)
    // An evicted agent's PAN may onboard again; the newest ones are still known.
    const again = await sim.handle(
      await ekoRequest(
        sim,
        'onboard',
        onboardBody({ pan_number: 'ABCPV0000K', mobile: '7100000000' }),
      ),
    )
    expect(bodyOf(again).status).toBe(0)
    const last = 3 * maxSessions - 1
    const dup = await sim.handle(
      await ekoRequest(
        sim,
        'onboard',
        onboardBody({ pan_number: `ABCPV${String(last).padStart(4, '0')}K`, mobile: '7999999999' }),
      ),
    )
    expect(bodyOf(dup).status).not.toBe(0)
  })

  it('sessionRetentionMs governs OTP records too, not only store sessions', async () => {
    const sessionRetentionMs = 5 * MINUTE
    const sim = createSimulator({
      seed: 'retention',
      config: { onContractViolation: 'throw', sessionRetentionMs },
    })
    const happy = ckycFixture(sim, 'happy')
    for (let i = 0; i < 100; i++) await surepassSession(sim, happy)
    expect(sim.stats().otps).toBe(100)
    // Past the OTP's ttl + the configured retention, but well inside the engine's 1 h default.
    sim.clock.advance(sim.config.otp.surepass.ttlMs + sessionRetentionMs + MINUTE)
    await surepassSession(sim, happy)
    expect(sim.stats()).toMatchObject({ otps: 1, downloads: 1 })
  })
})
