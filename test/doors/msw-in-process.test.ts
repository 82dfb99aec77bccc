import { setupServer } from 'msw/node'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createHandlers } from '../../mocks/index.js'
import { createSimulator } from '../../simulator/create-simulator.js'
import { requestJson } from '../support/http-json.js'
import {
  loadFixtures,
  runEkoFlow,
  runSurepassFlow,
  type DoorUrls,
} from '../support/provider-flows.js'
import { persona, type SimFixtures } from '../support/sim-fixtures.js'

const simulator = createSimulator({
  seed: 'msw',
  config: { onContractViolation: 'throw', timeoutHoldMs: 50 },
})
const server = setupServer(...createHandlers(simulator))

/** The providers' real hosts: nothing here listens on a port. */
const urls: DoorUrls = {
  admin: 'https://sandbox.surepass.io',
  surepass: 'https://sandbox.surepass.io',
  eko: 'https://staging.eko.in/ekoapi/v3',
}
let fixtures: SimFixtures

beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' })
  fixtures = await loadFixtures(urls)
})
beforeEach(() => simulator.reset())
afterAll(() => server.close())

const auth = () => ({ authorization: `Bearer ${fixtures.surepass.token}` })

describe('provider flows in-process (msw setupServer)', () => {
  it('runs Surepass CKYC against https://sandbox.surepass.io', async () => {
    await runSurepassFlow(urls)
  })

  it('runs the Eko eKYC flow against https://staging.eko.in/ekoapi/v3', async () => {
    await runEkoFlow(urls)
  })

  it('runs the Eko eKYC flow against production https://api.eko.in/ekoicici/v3', async () => {
    await runEkoFlow({ ...urls, eko: 'https://api.eko.in/ekoicici/v3' })
  })

  it('matches provider paths on any origin (an app proxy, a custom base URL)', async () => {
    await runSurepassFlow({
      admin: 'http://localhost:9999',
      surepass: 'http://kyc.internal.example',
      eko: '',
    })
  })
})

describe('msw door details', () => {
  it('forces an outcome with x-fintwin-scenario', async () => {
    const happy = persona(fixtures, 'happy')
    const response = await requestJson(`${urls.surepass}/api/v1/ckyc/search`, {
      headers: { ...auth(), 'x-fintwin-scenario': 'verification_failed' },
      body: { id_number: happy.id_number, document_type: happy.document_type },
    })
    expect(response.body).toMatchObject({ success: false, message_code: 'verification_failed' })
  })

  it('answers a wrong method with the provider 405', async () => {
    const response = await requestJson(`${urls.surepass}/api/v1/ckyc/search`, {
      method: 'PUT',
      headers: auth(),
      body: {},
    })
    expect(response.status).toBe(405)
    expect(response.body).toMatchObject({ message_code: 'method_not_allowed' })
  })

  it('answers an unknown path on a provider host with the provider 404', async () => {
    const response = await requestJson('https://staging.eko.in/ekoapi/v3/no/such/api')
    expect(response.status).toBe(404)
    // Eko's gateway (3scale APIcast) default: plain text, not JSON.
    expect(response.headers.get('content-type')).toBe('text/plain; charset=us-ascii')
    expect(response.body).toBe('No Mapping Rule matched')
  })

  it('answers malformed JSON with the provider validation envelope', async () => {
    const response = await requestJson(`${urls.surepass}/api/v1/ckyc/search`, {
      headers: { ...auth(), 'content-type': 'application/json' },
      body: '{',
    })
    expect(response.status).toBe(400)
    expect(response.body).toMatchObject({ message_code: 'invalid_input' })
  })

  it('answers a body over 1 MiB with the provider 413', async () => {
    const response = await requestJson(`${urls.surepass}/api/v1/ckyc/search`, {
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify({ id_number: 'A'.repeat(2 * 1024 * 1024), document_type: 'PAN' }),
    })
    expect(response.status).toBe(413)
    expect(response.body).toMatchObject({ status_code: 413 })
  })

  it('acts out drop and timeout faults as network errors', async () => {
    const happy = persona(fixtures, 'happy')
    for (const fault of ['drop', 'timeout']) {
      await expect(
        fetch(`${urls.surepass}/api/v1/ckyc/search`, {
          method: 'POST',
          headers: { ...auth(), 'content-type': 'application/json', 'x-fintwin-scenario': fault },
          body: JSON.stringify({ id_number: happy.id_number, document_type: happy.document_type }),
        }),
      ).rejects.toThrow(TypeError)
    }
  })

  it('serves the admin API on any origin', async () => {
    const health = await requestJson('https://staging.eko.in/__sim/health')
    expect(health.body).toMatchObject({ status: 'ok', name: 'fintwin' })
    const scenario = await requestJson('https://staging.eko.in/__sim/scenarios', {
      body: { operation: 'surepass.ckyc.search', outcome: 'verification_failed', times: 1 },
    })
    expect(scenario.status).toBe(201)
    const removed = await requestJson(
      `https://staging.eko.in/__sim/scenarios/${scenario.body.id}`,
      { method: 'DELETE' },
    )
    expect(removed.body).toEqual({ deleted: scenario.body.id })
  })
})
