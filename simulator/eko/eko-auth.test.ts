import { describe, expect, it } from 'vitest'
import { createClock } from '../core/index.js'
import { createSimulator, type Simulator } from '../create-simulator.js'
import type { SimulatorConfigInput } from '../config.js'
import { findCase } from '../../contracts/index.js'
import { caseBody } from '../pipeline/outcome.js'
import {
  EKO_OPERATIONS,
  callEko,
  ekoAgent,
  ekoRequest,
  handleEko,
  sendOtpBody,
  type EkoAuthHeaderName,
  type EkoOperationName,
  type EkoRequestOptions,
} from '../../test/support/eko-requests.js'
import { AUTH_ERROR_HEADER } from './eko-provider.js'

const AUTH_FAILED_BODY = caseBody(findCase('eko.aepsKyc.sendOtp', 'auth_failed')!)

function newSim(config: SimulatorConfigInput = {}): Simulator {
  return createSimulator({ config: { onContractViolation: 'throw', ...config } })
}

/** A simulator whose clock does not move by itself, for exact boundary checks. */
function frozenSim(config: SimulatorConfigInput = {}): Simulator {
  return createSimulator({
    clock: createClock({ start: '2025-03-10T06:30:00Z', frozen: true }),
    config: { onContractViolation: 'throw', ...config },
  })
}

const pending = ekoAgent('ekyc_pending')

async function sendOtp(sim: Simulator, options: EkoRequestOptions = {}) {
  return callEko(sim, 'sendOtp', sendOtpBody(pending), options)
}

async function expectRefused(sim: Simulator, options: EkoRequestOptions, reason: string) {
  const res = await sendOtp(sim, options)
  expect(res.status).toBe(403)
  expect(res.body).toEqual(AUTH_FAILED_BODY)
  expect(res.headers[AUTH_ERROR_HEADER]).toBe(reason)
  expect(res.headers['content-type']).toBe('application/json')
  return res
}

describe('Eko auth: a correctly signed request', () => {
  it('is accepted and carries no auth-error header', async () => {
    const sim = newSim()
    const res = await sendOtp(sim)
    expect(res.status).toBe(200)
    expect(res.body.response_type_id).toBe(1600)
    expect(res.headers[AUTH_ERROR_HEADER]).toBeUndefined()
  })

  it('is accepted on the production base path /ekoicici/v3 too', async () => {
    const sim = newSim()
    const res = await sendOtp(sim, { base: '/ekoicici/v3' })
    expect(res.status).toBe(200)
    expect(res.body.response_type_id).toBe(1600)
  })

  it('keeps working after the clock moves an hour (the signer uses the new time)', async () => {
    const sim = newSim()
    sim.clock.advance(3_600_000)
    const res = await sendOtp(sim)
    expect(res.status).toBe(200)
    expect(res.body.response_type_id).toBe(1600)
  })

  it('signed before the clock moved an hour is refused as skew', async () => {
    const sim = newSim()
    const early = await ekoRequest(sim, 'sendOtp', sendOtpBody(pending))
    sim.clock.advance(3_600_000)
    const res = await handleEko(sim, early)
    expect(res.status).toBe(403)
    expect(res.headers[AUTH_ERROR_HEADER]).toBe('timestamp_skew')
  })
})

describe('Eko auth → HTTP 403 naming the first failed check', () => {
  it.each(['developer_key', 'secret-key', 'secret-key-timestamp'] as const)(
    'missing %s → missing_header',
    async (header) => {
      await expectRefused(newSim(), { omit: [header] }, 'missing_header')
    },
  )

  it.each(['developer_key', 'secret-key', 'secret-key-timestamp'] as const)(
    'empty %s → missing_header',
    async (header) => {
      const sim = newSim()
      await expectRefused(sim, { headers: { [header]: '' } }, 'missing_header')
    },
  )

  it('the typo developer-key (hyphen) is a missing developer_key', async () => {
    const sim = newSim()
    const req = await ekoRequest(sim, 'sendOtp', sendOtpBody(pending), { omit: ['developer_key'] })
    req.headers['developer-key'] = 'becbbce45f79c6f5109f848acd540567'
    const res = await handleEko(sim, req)
    expect(res.status).toBe(403)
    expect(res.headers[AUTH_ERROR_HEADER]).toBe('missing_header')
  })

  it('unknown developer_key → unknown_developer_key', async () => {
    await expectRefused(
      newSim(),
      { developerKey: '00000000000000000000000000000000' },
      'unknown_developer_key',
    )
  })

  it('a 10-digit (seconds) timestamp → timestamp_not_ms, even when signed for that text', async () => {
    const sim = newSim()
    await expectRefused(
      sim,
      { timestamp: String(Math.floor(sim.clock.now() / 1000)) },
      'timestamp_not_ms',
    )
  })

  it.each([
    ['301 s in the past', -301_000],
    ['301 s in the future', 301_000],
  ])('a timestamp %s → timestamp_skew', async (_label, offset) => {
    const sim = frozenSim()
    await expectRefused(sim, { timestamp: String(sim.clock.now() + offset) }, 'timestamp_skew')
  })

  it.each([
    ['300 s in the past', -300_000],
    ['300 s in the future', 300_000],
  ])(
    'a timestamp exactly %s (the default 300000 ms boundary) is accepted',
    async (_label, offset) => {
      const sim = frozenSim()
      const res = await sendOtp(sim, { timestamp: String(sim.clock.now() + offset) })
      expect(res.status).toBe(200)
      expect(res.body.response_type_id).toBe(1600)
    },
  )

  it('one millisecond past the default boundary is refused', async () => {
    const sim = frozenSim()
    await expectRefused(sim, { timestamp: String(sim.clock.now() - 300_001) }, 'timestamp_skew')
  })

  it('ekoSkewMs narrows the window', async () => {
    const sim = frozenSim({ ekoSkewMs: 1_000 })
    await expectRefused(sim, { timestamp: String(sim.clock.now() - 1_001) }, 'timestamp_skew')
    const res = await sendOtp(sim, { timestamp: String(sim.clock.now() - 1_000) })
    expect(res.status).toBe(200)
  })

  it('ekoSkewMs widens the window', async () => {
    const sim = frozenSim({ ekoSkewMs: 3_600_000 })
    const res = await sendOtp(sim, { timestamp: String(sim.clock.now() - 600_000) })
    expect(res.status).toBe(200)
    await expectRefused(sim, { timestamp: String(sim.clock.now() - 3_600_001) }, 'timestamp_skew')
  })

  it('signed with the raw access key (not its base64 text) → access_key_not_base64_encoded', async () => {
    await expectRefused(newSim(), { keying: 'raw-key' }, 'access_key_not_base64_encoded')
  })

  it('signed with another access key → signature_mismatch', async () => {
    await expectRefused(
      newSim(),
      { accessKey: 'f74c50a1-f705-4634-9cda-30a477df91b7' },
      'signature_mismatch',
    )
  })

  it('signed for a different timestamp than the one sent → signature_mismatch', async () => {
    const sim = newSim()
    const now = sim.clock.now()
    await expectRefused(
      sim,
      { timestamp: String(now), signedTimestamp: String(now - 1) },
      'signature_mismatch',
    )
  })

  it('a secret-key that is not base64 at all → signature_mismatch', async () => {
    await expectRefused(newSim(), { secretKey: 'not a signature' }, 'signature_mismatch')
  })

  it('reports the first failure when several checks fail', async () => {
    const sim = newSim()
    const seconds = String(Math.floor(sim.clock.now() / 1000))
    await expectRefused(
      sim,
      { developerKey: 'nope', timestamp: seconds, keying: 'raw-key' },
      'unknown_developer_key',
    )
    await expectRefused(sim, { timestamp: seconds, accessKey: 'other-key' }, 'timestamp_not_ms')
    await expectRefused(
      sim,
      { timestamp: String(sim.clock.now() - 600_000), keying: 'raw-key' },
      'timestamp_skew',
    )
  })

  it('comes before request validation: an invalid body with bad auth is a 403, not a 97', async () => {
    const sim = newSim()
    const res = await callEko(sim, 'sendOtp', { nonsense: true }, { keying: 'raw-key' })
    expect(res.status).toBe(403)
    expect(res.headers[AUTH_ERROR_HEADER]).toBe('access_key_not_base64_encoded')
  })

  it('comes before a forced scenario', async () => {
    const sim = newSim()
    const res = await sendOtp(sim, {
      omit: ['secret-key'],
      headers: { 'x-fintwin-scenario': 'agent_not_allowed' },
    })
    expect(res.status).toBe(403)
    expect(res.headers[AUTH_ERROR_HEADER]).toBe('missing_header')
  })

  it('a refused Send OTP sends no OTP and is journaled as auth_failed', async () => {
    const sim = newSim()
    await expectRefused(sim, { keying: 'raw-key' }, 'access_key_not_base64_encoded')
    expect(sim.otps({ provider: 'eko' })).toEqual([])
    const [entry] = sim.journal.list(1)
    expect(entry).toMatchObject({
      provider: 'eko',
      operation: 'eko.aepsKyc.sendOtp',
      status: 403,
      case: 'auth_failed',
    })
    expect(entry?.contract.ok).toBe(true)
  })

  it.each(Object.keys(EKO_OPERATIONS) as EkoOperationName[])(
    '%s requires auth on both base paths',
    async (operation) => {
      const sim = newSim()
      for (const base of ['/ekoapi/v3', '/ekoicici/v3'] as const) {
        const omit: EkoAuthHeaderName[] = ['developer_key', 'secret-key', 'secret-key-timestamp']
        const res = await callEko(sim, operation, {}, { base, omit })
        expect(res.status).toBe(403)
        expect(res.body).toEqual(AUTH_FAILED_BODY)
        expect(res.headers[AUTH_ERROR_HEADER]).toBe('missing_header')
      }
    },
  )
})
