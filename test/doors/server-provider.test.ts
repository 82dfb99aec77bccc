import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../mocks/index.js'
import { createSimulator } from '../../simulator/create-simulator.js'
import { ekoHeaders, simulatorNow } from '../support/eko-signer.js'
import { requestJson } from '../support/http-json.js'
import {
  loadFixtures,
  runEkoFlow,
  runSurepassFlow,
  type DoorUrls,
} from '../support/provider-flows.js'
import { persona, type SimFixtures } from '../support/sim-fixtures.js'

let server: RunningServer
let urls: DoorUrls
let fixtures: SimFixtures

beforeAll(async () => {
  server = await startServer({
    simulator: createSimulator({ seed: 'doors', config: { onContractViolation: 'flag' } }),
    port: 0,
    quiet: true,
  })
  urls = { admin: server.url, surepass: server.url, eko: `${server.url}/ekoapi/v3` }
  fixtures = await loadFixtures(urls)
})
afterAll(() => server.close())
beforeEach(async () => {
  expect((await requestJson(`${server.url}/__sim/reset`, { method: 'POST' })).status).toBe(200)
})

const surepassAuth = () => ({ authorization: `Bearer ${fixtures.surepass.token}` })
const happySearch = () => {
  const happy = persona(fixtures, 'happy')
  return { id_number: happy.id_number, document_type: happy.document_type }
}

describe('provider flows over HTTP', () => {
  it('runs Surepass CKYC search → generate-otp → OTP inbox → download', async () => {
    const download = await runSurepassFlow(urls)
    expect(download.data.ckyc_download_data).toBeDefined()
  })

  it('runs Eko Send OTP → Verify → Biometric → Daily KYC on the UAT base path', async () => {
    await runEkoFlow(urls)
  })

  it('runs the Eko flow on the production base path /ekoicici/v3 too', async () => {
    await runEkoFlow({ ...urls, eko: `${server.url}/ekoicici/v3` })
  })

  it('journals provider traffic with its operation and contract check', async () => {
    await runSurepassFlow(urls)
    const journal = await requestJson(`${server.url}/__sim/journal?limit=3`)
    expect(journal.body.entries.map((e: { operation: string }) => e.operation)).toEqual([
      'surepass.ckycV2.download',
      'surepass.ckycV2.generateOtp',
      'surepass.ckyc.search',
    ])
    expect(journal.body.entries.every((e: { contract: { ok: boolean } }) => e.contract.ok)).toBe(
      true,
    )
  })
})

describe('forcing outcomes', () => {
  it('x-fintwin-scenario forces one outcome on one request', async () => {
    const forced = await requestJson(`${server.url}/api/v1/ckyc/search`, {
      headers: { ...surepassAuth(), 'x-fintwin-scenario': 'verification_failed' },
      body: happySearch(),
    })
    expect(forced.body).toMatchObject({ success: false, message_code: 'verification_failed' })
    const next = await requestJson(`${server.url}/api/v1/ckyc/search`, {
      headers: surepassAuth(),
      body: happySearch(),
    })
    expect(next.body).toMatchObject({ success: true })
  })

  it('an unknown outcome in the header is a 400 naming it', async () => {
    const response = await requestJson(`${server.url}/api/v1/ckyc/search`, {
      headers: { ...surepassAuth(), 'x-fintwin-scenario': 'no_such_outcome' },
      body: happySearch(),
    })
    expect(response.status).toBe(400)
    expect(response.body.error).toBe('invalid_scenario')
  })

  it('a forced drop closes the connection without an answer', async () => {
    await expect(
      fetch(`${server.url}/api/v1/ckyc/search`, {
        method: 'POST',
        headers: {
          ...surepassAuth(),
          'content-type': 'application/json',
          'x-fintwin-scenario': 'drop',
        },
        body: JSON.stringify(happySearch()),
      }),
    ).rejects.toThrow()
    expect((await requestJson(`${server.url}/__sim/health`)).status).toBe(200)
  })

  it('a forced latency delays the answer', async () => {
    const started = performance.now()
    const response = await requestJson(`${server.url}/api/v1/ckyc/search`, {
      headers: { ...surepassAuth(), 'x-fintwin-scenario': 'latency:150' },
      body: happySearch(),
    })
    expect(response.status).toBe(200)
    expect(performance.now() - started).toBeGreaterThanOrEqual(140)
  })
})

describe('errors in the provider envelope', () => {
  it('an unknown Surepass path is a Surepass-shaped 404', async () => {
    const response = await requestJson(`${server.url}/api/v1/no-such-api`, {
      headers: surepassAuth(),
      body: {},
    })
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toMatch(/application\/json/)
    expect(response.body).toMatchObject({
      success: false,
      status_code: 404,
      message_code: 'not_found',
    })
  })

  it("an unknown Eko path is the gateway's plain-text 404", async () => {
    const response = await requestJson(`${server.url}/ekoapi/v3/no/such/api`)
    expect(response.status).toBe(404)
    // Eko's gateway (3scale APIcast) default: plain text, not JSON.
    expect(response.headers.get('content-type')).toBe('text/plain; charset=us-ascii')
    expect(response.body).toBe('No Mapping Rule matched')
  })

  it('a path of no provider is a JSON 404, never HTML', async () => {
    const response = await requestJson(`${server.url}/nothing-here`)
    expect(response.status).toBe(404)
    expect(response.body).toMatchObject({ error: 'not_found' })
  })

  it('a wrong method is the provider 405 with Allow', async () => {
    const response = await requestJson(`${server.url}/api/v1/ckyc/search`, {
      headers: surepassAuth(),
    })
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('POST')
    expect(response.body).toMatchObject({ success: false, message_code: 'method_not_allowed' })
    const eko = await requestJson(`${server.url}/ekoapi/v3/user/collection/aeps-fingpay/kyc/otp`, {
      method: 'DELETE',
    })
    expect(eko.status).toBe(405)
    expect(eko.body).toMatchObject({ status: 405 })
  })

  it('malformed JSON to Surepass is its 400 invalid_input', async () => {
    const response = await requestJson(`${server.url}/api/v1/ckyc/search`, {
      headers: { ...surepassAuth(), 'content-type': 'application/json' },
      body: '{"id_number": "EKRPR1234F",',
    })
    expect(response.status).toBe(400)
    expect(response.body).toMatchObject({
      success: false,
      status_code: 400,
      message_code: 'invalid_input',
    })
  })

  it('malformed JSON to Eko is its status 97 invalid_params', async () => {
    const headers = await ekoHeaders(fixtures.eko, await simulatorNow(server.url))
    const response = await requestJson(
      `${server.url}/ekoapi/v3/user/collection/aeps-fingpay/kyc/otp`,
      { headers, body: '{"initiator_id":' },
    )
    expect(response.body).toMatchObject({ status: 97, response_type_id: -1 })
    expect(response.body.invalid_params).toBeTypeOf('object')
  })

  it('a 2 MiB body is the provider 413, and the server serves the next request', async () => {
    const big = JSON.stringify({ id_number: 'A'.repeat(2 * 1024 * 1024), document_type: 'PAN' })
    const surepass = await requestJson(`${server.url}/api/v1/ckyc/search`, {
      headers: { ...surepassAuth(), 'content-type': 'application/json' },
      body: big,
    })
    expect(surepass.status).toBe(413)
    expect(surepass.body).toMatchObject({ success: false, status_code: 413 })
    const ekoAuth = await ekoHeaders(fixtures.eko, await simulatorNow(server.url))
    const eko = await requestJson(`${server.url}/ekoapi/v3/user/collection/aeps-fingpay/kyc/otp`, {
      headers: ekoAuth,
      body: big,
    })
    expect(eko.status).toBe(413)
    expect(eko.body).toMatchObject({ status: 413, message: 'Payload Too Large' })
    const next = await requestJson(`${server.url}/api/v1/ckyc/search`, {
      headers: surepassAuth(),
      body: happySearch(),
    })
    expect(next.status).toBe(200)
  })

  it('a chunked body over the limit is refused the same way', async () => {
    const chunk = new Uint8Array(64 * 1024).fill(32)
    let sent = 0
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 2 * 1024 * 1024) controller.close()
        else {
          sent += chunk.length
          controller.enqueue(chunk)
        }
      },
    })
    const response = await fetch(`${server.url}/api/v1/ckyc/search`, {
      method: 'POST',
      headers: { ...surepassAuth(), 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit)
    expect(response.status).toBe(413)
    expect(await response.json()).toMatchObject({ status_code: 413 })
  })

  it('answers without ETag or X-Powered-By', async () => {
    const response = await fetch(`${server.url}/__sim/health`)
    expect(response.headers.get('etag')).toBeNull()
    expect(response.headers.get('x-powered-by')).toBeNull()
  })
})

describe('load', () => {
  it('answers 50 concurrent requests', async () => {
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        i % 2 === 0
          ? requestJson(`${server.url}/api/v1/ckyc/search`, {
              headers: surepassAuth(),
              body: happySearch(),
            })
          : requestJson(`${server.url}/__sim/health`),
      ),
    )
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200))
    const searchIds = new Set(
      responses.filter((_, i) => i % 2 === 0).map((r) => r.body.data.client_id),
    )
    expect(searchIds.size).toBe(25)
  })
})
