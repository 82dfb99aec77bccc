/**
 * The SDK against the HTTP server door: a real fintwin server on a free port, the clients at
 * `http://127.0.0.1:<port>` (loopback: the one place plain http is allowed) and
 * `…/ekoapi/v3`, the OTP inbox, clock and scenarios driven through the `/__sim/*` admin API as
 * a QA engineer or another language's test suite would.
 */
import { startServer, type RunningServer } from '../../mocks/server/start-server.js'
import { EkoClient, SurepassClient } from '../../sdk/index.js'
import { createSimulator } from '../../simulator/create-simulator.js'
import { requestJson } from '../support/http-json.js'
import type { SimFixtures } from '../support/sim-fixtures.js'
import { defineSdkSuite } from './sdk-suite.js'

let server: RunningServer | undefined
let fixtures: SimFixtures | undefined
/** Simulator clock minus real time, as the admin API last reported it; the Eko signer follows it. */
let clockOffsetMs = 0

function base(): string {
  if (!server) throw new Error('server not started')
  return server.url
}

/** One admin call; fails loudly on anything but 2xx. */
async function admin<T = any>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await requestJson<T>(`${base()}/__sim${path}`, { method, body })
  if (response.status < 200 || response.status >= 300)
    throw new Error(`${method} /__sim${path} → ${response.status} ${JSON.stringify(response.body)}`)
  return response.body
}

defineSdkSuite({
  name: 'http (fintwin server on a free port)',
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
    const simulator = createSimulator({
      seed: 'sdk-http',
      config: { onContractViolation: 'flag', timeoutHoldMs: 1_000 },
    })
    server = await startServer({ simulator, port: 0, quiet: true, closeTimeoutMs: 2_000 })
    fixtures = await admin<SimFixtures>('GET', '/fixtures')
  },
  async teardown() {
    await server?.close()
  },
  async reset() {
    await admin('POST', '/reset')
    clockOffsetMs = (await admin<{ offset_ms: number }>('GET', '/clock')).offset_ms
  },
  fixtures() {
    if (!fixtures) throw new Error('fixtures not loaded')
    return fixtures
  },
  surepass: (overrides) =>
    new SurepassClient({
      baseUrl: base(),
      token: fixtures!.surepass.token,
      validateResponses: true,
      ...overrides,
    }),
  eko: (overrides) =>
    new EkoClient({
      baseUrl: `${base()}/ekoapi/v3`,
      developerKey: fixtures!.eko.developer_key,
      accessKey: fixtures!.eko.access_key,
      initiatorId: fixtures!.eko.initiator_id,
      aadhaarPublicKey: fixtures!.eko.aadhaar_public_key_pem,
      now: () => Date.now() + clockOffsetMs,
      validateResponses: true,
      ...overrides,
    }),
  async readOtp(ref) {
    const { otps } = await admin<{ otps: { ref: string; otp: string }[] }>(
      'GET',
      `/otps?ref=${encodeURIComponent(ref)}`,
    )
    const newest = otps[0]
    if (!newest || newest.ref !== ref) throw new Error(`no OTP in the simulator inbox for ${ref}`)
    return newest.otp
  },
  async advanceClock(ms) {
    clockOffsetMs = (await admin<{ offset_ms: number }>('POST', '/clock', { advance_ms: ms }))
      .offset_ms
  },
  async forceFault(operation, fault) {
    await admin('POST', '/scenarios', { operation, outcome: fault, times: 1 })
  },
})
