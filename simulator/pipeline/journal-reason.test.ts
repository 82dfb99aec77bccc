import { describe, expect, it } from 'vitest'
import { getOperation } from '../../contracts/index.js'
import { createSimulator } from '../create-simulator.js'
import type { SimulatorConfigInput } from '../config.js'
import { SUREPASS_EXPIRED_TOKEN } from '../surepass/jwt.js'
import {
  SUREPASS_OPS,
  adminRequest,
  downloadRequest,
  searchRequest,
  startDownload,
  createResponseLog,
} from '../../test/support/sim-requests.js'
import { callEko, ekoAgent, sendOtpBody } from '../../test/support/eko-requests.js'

const newSim = (config: SimulatorConfigInput = {}) =>
  createSimulator({ seed: 'why', config: { onContractViolation: 'throw', ...config } })
const lastReason = (sim: ReturnType<typeof newSim>) => sim.journal.list(1)[0]?.reason
const PAN_SEARCH = { document_type: 'PAN', id_number: 'EKRPR1234F' }

describe('every journal entry says why', () => {
  it('a natural answer: the step is the behaviour, the message the case’s documented condition', async () => {
    const sim = newSim()
    await sim.handle(searchRequest({ document_type: 'PAN', id_number: 'ZZZPZ9999Z' }))
    expect(lastReason(sim)).toEqual({
      step: 'behaviour',
      message: getOperation(SUREPASS_OPS.search).cases.get('verification_failed')?.when,
    })
  })

  it('a refused token names the failed check', async () => {
    const sim = newSim()
    await sim.handle(searchRequest(PAN_SEARCH, { token: SUREPASS_EXPIRED_TOKEN }))
    expect(lastReason(sim)).toMatchObject({ step: 'auth', check: 'expired' })
    await sim.handle(searchRequest(PAN_SEARCH, { token: null }))
    expect(lastReason(sim)).toMatchObject({ step: 'auth', check: 'missing_bearer_token' })
  })

  it('a request that breaks the contract lists each violation by field path', async () => {
    const sim = newSim()
    await sim.handle(searchRequest({ document_type: 'PASSPORT_X', id_number: 7 }))
    const reason = lastReason(sim)
    expect(reason?.step).toBe('request')
    const paths = reason?.violations?.map((v) => v.path) ?? []
    expect(paths).toEqual(expect.arrayContaining(['/body/document_type', '/body/id_number']))
    expect(reason?.message).toContain('/body/id_number')
    await sim.handle(searchRequest(undefined, { bodyError: 'malformed' }))
    expect(lastReason(sim)).toMatchObject({ step: 'request', body_error: 'malformed' })
  })

  it('a forced outcome names what forced it: the header, or the rule by id', async () => {
    const sim = newSim()
    await sim.handle(searchRequest(PAN_SEARCH, { scenario: 'verification_failed' }))
    expect(lastReason(sim)).toMatchObject({
      step: 'scenario',
      forced: { outcome: 'verification_failed', by: 'header' },
    })
    const rule = await sim.handle(
      adminRequest('POST', 'scenarios', {
        body: { operation: SUREPASS_OPS.search, outcome: 'drop', times: 1 },
      }),
    )
    await sim.handle(searchRequest(PAN_SEARCH))
    expect(lastReason(sim)).toEqual({
      step: 'fault',
      message: 'forced fault: drop',
      forced: { outcome: 'drop', by: 'rule', rule: (rule.body as { id: string }).id },
    })
  })

  it('an unhandled error in behaviour is an internal_error with what it said', async () => {
    const sim = createSimulator({ config: { onContractViolation: 'flag' } })
    const bomb = {
      get document_type() {
        throw new TypeError('boom')
      },
    }
    await sim.handle(searchRequest(bomb))
    expect(lastReason(sim)).toEqual({
      step: 'internal_error',
      message: 'unhandled TypeError: boom',
    })
    expect(sim.journal.list(1)[0]?.status).toBe(500)
  })
})

describe('--journal-bodies', () => {
  it('off by default: no bodies in the journal', async () => {
    const sim = newSim()
    await sim.handle(searchRequest(PAN_SEARCH))
    expect(sim.journal.list(1)[0]).not.toHaveProperty('request_body')
  })

  it('on: bodies with the Aadhaar, PAN, OTP and encrypted fields redacted', async () => {
    const sim = newSim({ journalBodies: true })
    const log = createResponseLog()
    const flow = await startDownload(log, sim)
    await sim.handle(downloadRequest({ client_id: flow.downloadId, otp: flow.otp }))
    const [download] = sim.journal.list(1)
    expect(download?.request_body).toEqual({ client_id: flow.downloadId, otp: '[removed]' })
    const text = JSON.stringify(download?.response_body)
    expect(text).not.toContain(flow.otp)
    expect(text).toContain('"client_id"')

    await sim.handle(searchRequest(PAN_SEARCH))
    expect(sim.journal.list(1)[0]?.request_body).toEqual({
      document_type: 'PAN',
      id_number: 'XXXXXX234F',
    })

    const agent = ekoAgent('ekyc_pending')
    await callEko(sim, 'sendOtp', sendOtpBody(agent))
    const sent = sim.journal.list(1)[0]?.request_body as Record<string, unknown>
    expect(sent.aadhar).toBe('[removed]')
    expect(sent.user_code).toBe(agent.user_code)
  })
})
