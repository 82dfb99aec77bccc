import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type Logger, type RunningServer } from '../../mocks/index.js'
import { createSimulator } from '../../simulator/create-simulator.js'
import { ekoHeaders } from '../support/eko-signer.js'
import { requestJson } from '../support/http-json.js'
import { loadFixtures } from '../support/provider-flows.js'

const lines: string[] = []
const logger: Logger = { info: (line) => void lines.push(line), error: () => undefined }
let server: RunningServer

beforeAll(async () => {
  server = await startServer({
    simulator: createSimulator({ config: { onContractViolation: 'flag' } }),
    logger,
    logFormat: 'json',
  })
})
afterAll(() => server.close())

describe('--log-format json', () => {
  it('one JSON line a request: time, sandbox, operation, status, case, reason, duration', async () => {
    const fixtures = await loadFixtures({ admin: server.url })
    const sandbox = server.sandboxes.create({ name: 'logs' })
    lines.length = 0
    const stale = await requestJson(
      `${server.url}/sbx/${sandbox.id}/ekoapi/v3/user/collection/aeps-fingpay/kyc/otp`,
      { method: 'POST', headers: await ekoHeaders(fixtures.eko, Date.now() - 3_600_000), body: {} },
    )
    expect(stale.status).toBe(403)
    await requestJson(`${server.url}/__sim/clock`)
    await requestJson(`${server.url}/sbx/sbx_gone/__sim/clock`)
    const [provider, admin, unknown] = lines.map((line) => JSON.parse(line))
    expect(provider).toEqual({
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      sandbox: sandbox.id,
      method: 'POST',
      path: `/sbx/${sandbox.id}/ekoapi/v3/user/collection/aeps-fingpay/kyc/otp`,
      operation: 'eko.aepsKyc.sendOtp',
      status: 403,
      case: 'auth_failed',
      reason: 'timestamp_skew',
      duration_ms: expect.any(Number),
    })
    expect(admin).toMatchObject({ sandbox: 'default', path: '/__sim/clock', operation: null })
    expect(unknown).toMatchObject({ sandbox: null, status: 404, reason: null })
    expect(lines).toHaveLength(3)
  })
})
