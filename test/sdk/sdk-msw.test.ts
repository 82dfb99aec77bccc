/**
 * The SDK against the in-process msw door: the clients keep the providers' REAL base URLs
 * (`https://sandbox.surepass.io`, `https://staging.eko.in/ekoapi/v3`) and msw answers them from a
 * simulator in this process — exactly how an app would test its own Surepass / Eko code.
 * `onUnhandledRequest: 'error'` proves nothing leaks to the real network.
 */
import { setupServer } from 'msw/node'
import { createHandlers } from '../../mocks/msw/create-handlers.js'
import { EkoClient, SurepassClient } from '../../sdk/index.js'
import { createSimulator } from '../../simulator/create-simulator.js'
import type { SimFixtures } from '../support/sim-fixtures.js'
import { defineSdkSuite } from './sdk-suite.js'

const SUREPASS_SANDBOX = 'https://sandbox.surepass.io'
const EKO_UAT = 'https://staging.eko.in/ekoapi/v3'

const sim = createSimulator({
  seed: 'sdk-msw',
  config: { onContractViolation: 'throw', timeoutHoldMs: 1_000 },
})
const server = setupServer(...createHandlers(sim))
const fixtures = () => sim.fixtures() as unknown as SimFixtures

defineSdkSuite({
  name: 'msw (in-process, real sandbox URLs)',
  can: {
    readOtp: true,
    advanceClock: true,
    forceFaults: true,
    authReason: true,
    samplePidData: true,
    billsAndAccounts: true,
    surepass: true,
    eko: true,
    people: true,
    ckyc: new Set(['happy', 'no_mobile', 'mobile_unregistered', 'not_found']),
    agents: new Set(['ekyc_pending', 'not_activated', 'ekyc_done']),
  },
  async setup() {
    server.listen({ onUnhandledRequest: 'error' })
  },
  async teardown() {
    server.close()
  },
  async reset() {
    sim.reset()
  },
  fixtures,
  surepass: (overrides) =>
    new SurepassClient({
      baseUrl: SUREPASS_SANDBOX,
      token: fixtures().surepass.token,
      validateResponses: true,
      ...overrides,
    }),
  eko: (overrides) => {
    const eko = fixtures().eko
    return new EkoClient({
      baseUrl: EKO_UAT,
      developerKey: eko.developer_key,
      accessKey: eko.access_key,
      initiatorId: eko.initiator_id,
      aadhaarPublicKey: eko.aadhaar_public_key_pem,
      // Sign with the simulator's clock, so moving it (OTP expiry) does not trip the skew check.
      now: () => sim.clock.now(),
      validateResponses: true,
      ...overrides,
    })
  },
  async readOtp(ref) {
    const [newest] = sim.otps({ ref })
    if (!newest) throw new Error(`no OTP in the simulator inbox for ${ref}`)
    return newest.otp
  },
  async advanceClock(ms) {
    sim.clock.advance(ms)
  },
  async forceFault(operation, fault) {
    sim.scenarios.add(
      { operation, outcome: fault, times: 1 },
      new Date(sim.clock.now()).toISOString(),
    )
  },
})
