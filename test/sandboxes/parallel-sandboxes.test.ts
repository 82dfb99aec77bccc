/**
 * One server, many teams: 20 sandboxes driven at once over HTTP (flows, clock moves, resets,
 * forced scenarios in each). No request may see another sandbox's state, and a clock moved in
 * one sandbox must leave everyone else's Eko signing (at real time) valid.
 */
import { createServer as createHttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp, startServer, type RunningServer } from '../../mocks/index.js'
import { createSimulator } from '../../simulator/create-simulator.js'
import { createSandboxManager } from '../../simulator/sandboxes/index.js'
import { encryptAadhaarForTest } from '../../simulator/eko/aadhaar-cipher.js'
import { ekoHeaders } from '../support/eko-signer.js'
import { requestJson } from '../support/http-json.js'
import {
  loadFixtures,
  runEkoFlow,
  runSurepassFlow,
  type DoorUrls,
} from '../support/provider-flows.js'
import { agent, persona, type SimFixtures } from '../support/sim-fixtures.js'

const SANDBOXES = 20
const TEN_MINUTES = 600_000

let server: RunningServer
let fixtures: SimFixtures

beforeAll(async () => {
  server = await startServer({
    simulator: createSimulator({ seed: 'team', config: { onContractViolation: 'flag' } }),
    quiet: true,
  })
  fixtures = await loadFixtures({ admin: server.url })
})
afterAll(() => server.close())

const urlsOf = (base: string): DoorUrls => ({
  admin: base,
  surepass: base,
  eko: `${base}/ekoapi/v3`,
})

/** A CKYC search of the `happy` persona: 200, or the forced case. */
function search(base: string) {
  const happy = persona(fixtures, 'happy')
  return requestJson(`${base}/api/v1/ckyc/search`, {
    headers: { authorization: `Bearer ${fixtures.surepass.token}` },
    body: { document_type: happy.document_type, id_number: happy.id_number },
  })
}

/** Eko Send OTP signed at REAL time (what a client does), not at the sandbox's clock. */
async function sendOtpAtRealTime(base: string) {
  const pending = agent(fixtures, 'ekyc_pending')
  return requestJson(`${base}/ekoapi/v3/user/collection/aeps-fingpay/kyc/otp`, {
    headers: await ekoHeaders(fixtures.eko, Date.now()),
    body: {
      initiator_id: fixtures.eko.initiator_id,
      user_code: pending.user_code,
      customer_id: pending.customer_id,
      aadhar: encryptAadhaarForTest(pending.aadhaar),
      latlong: '28.6139,77.2090',
    },
  })
}

const journalOf = async (base: string) =>
  (await requestJson<{ entries: { path: string }[]; size: number }>(`${base}/__sim/journal`)).body
const inboxOf = async (base: string) =>
  (await requestJson<{ otps: { ref: string }[] }>(`${base}/__sim/otps`)).body.otps

describe(`${SANDBOXES} sandboxes driven in parallel over HTTP`, () => {
  it('flows, clock moves, resets and forced scenarios in each; no cross-talk', async () => {
    const created = await Promise.all(
      Array.from({ length: SANDBOXES }, (_, i) =>
        requestJson(`${server.url}/__sim/sandboxes`, { body: { name: `job-${i}` } }),
      ),
    )
    const sandboxes = created.map((response, i) => {
      expect(response.status).toBe(201)
      return { i, id: response.body.id as string, base: response.body.base_url as string }
    })
    expect(new Set(sandboxes.map((s) => s.id)).size).toBe(SANDBOXES)

    // A: every sandbox runs both providers' flows end to end, at once.
    const refs = await Promise.all(
      sandboxes.map(async ({ base }) => {
        const surepass = await runSurepassFlow(urlsOf(base))
        const eko = await runEkoFlow(urlsOf(base))
        return { download: surepass.data.client_id as string, daily: eko.data.user_code }
      }),
    )
    for (const [i, { base }] of sandboxes.entries()) {
      const inbox = await inboxOf(base)
      expect(inbox).toHaveLength(2)
      expect(inbox.map((o) => o.ref)).toContain(refs[i]!.download)
    }

    // B: even sandboxes force a case and move their clock ten minutes; odd ones reset.
    await Promise.all(
      sandboxes.map(async ({ i, base }) => {
        if (i % 2 === 1) {
          expect((await requestJson(`${base}/__sim/reset`, { method: 'POST' })).status).toBe(200)
          return
        }
        const rule = await requestJson(`${base}/__sim/scenarios`, {
          body: { operation: 'surepass.ckyc.search', outcome: 'verification_failed' },
        })
        expect(rule.status).toBe(201)
        const moved = await requestJson(`${base}/__sim/clock`, {
          body: { advance_ms: TEN_MINUTES },
        })
        expect(moved.body.offset_ms).toBeGreaterThan(TEN_MINUTES - 5000)
      }),
    )

    // C: each sandbox sees only its own rule and its own clock.
    await Promise.all(
      sandboxes.map(async ({ i, base }) => {
        const found = await search(base)
        const signed = await sendOtpAtRealTime(base)
        if (i % 2 === 0) {
          expect(found.body.message_code).toBe('verification_failed')
          expect(signed.status).toBe(403)
          expect(signed.headers.get('x-fintwin-auth-error')).toBe('timestamp_skew')
        } else {
          expect(found.status).toBe(200)
          expect(signed.status, JSON.stringify(signed.body)).toBe(200)
          expect(signed.body.status).toBe(0)
        }
      }),
    )
    // The default sandbox saw none of it: its clock is real, its journal empty, its signing valid.
    expect((await journalOf(server.url)).size).toBe(0)
    expect((await sendOtpAtRealTime(server.url)).status).toBe(200)
    expect((await search(server.url)).status).toBe(200)

    for (const { i, id, base } of sandboxes) {
      const journal = await journalOf(base)
      // even: 3 Surepass + 4 Eko requests of the flows, then 2; odd: reset, then 2.
      expect(journal.size, `sandbox ${i}`).toBe(i % 2 === 0 ? 9 : 2)
      expect(await inboxOf(base)).toHaveLength(i % 2 === 0 ? 2 : 1)
      const viaHeader = await requestJson(`${server.url}/__sim/journal`, {
        headers: { 'x-fintwin-sandbox': id },
      })
      expect(viaHeader.body.size).toBe(journal.size)
    }
  }, 120_000)

  it('an unknown sandbox → 404 unknown_sandbox on provider and admin routes', async () => {
    for (const path of [
      '/sbx/sbx_AAAAAAAAAAAAAAAAAAAAAA/api/v1/ckyc/search',
      '/sbx/x/__sim/clock',
    ]) {
      const response = await requestJson(`${server.url}${path}`, { method: 'POST', body: {} })
      expect(response.status).toBe(404)
      expect(response.body.error).toBe('unknown_sandbox')
    }
  })

  it('the manager is there for programmatic use: a sandbox made in code answers over HTTP', async () => {
    const sandbox = server.sandboxes.create({ name: 'in-code', otp: '777777' })
    await runSurepassFlow(urlsOf(`${server.url}/sbx/${sandbox.id}`))
    expect(sandbox.simulator.otps()[0]?.otp).toBe('777777')
    expect(server.sandboxes.delete(sandbox.id)).toBe(true)
  })
})

describe('sandboxes behind the express mount', () => {
  const simulator = createSimulator({ config: { onContractViolation: 'flag' } })
  const sandboxes = createSandboxManager({ simulator })
  const parent = express()
  parent.use('/fintwin', createApp({ simulator, sandboxes, quiet: true }))
  const http = createHttpServer(parent)
  let base = ''
  beforeAll(async () => {
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}/fintwin`
  })
  afterAll(() => new Promise<void>((resolve) => http.close(() => resolve())))

  it('routes /sbx/{id}/… of the mount to its sandbox', async () => {
    const created = await requestJson(`${base}/__sim/sandboxes`, { method: 'POST' })
    expect(created.status).toBe(201)
    const sandboxBase = created.body.base_url as string
    expect(sandboxBase).toBe(`${base}/sbx/${created.body.id}`)
    await runEkoFlow(urlsOf(sandboxBase))
    expect((await journalOf(sandboxBase)).size).toBe(4)
    expect((await journalOf(base)).size).toBe(0)
    expect(sandboxes.get(created.body.id)?.simulator.journal.size).toBe(4)
  })
})
