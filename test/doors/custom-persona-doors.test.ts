/**
 * A persona of yours, end to end through the doors: POSTed to the admin API, then walked through
 * Aadhaar OKYC, PAN and bank verification with `fetch`, in-process (msw `setupServer`) and over
 * HTTP (the default sandbox and one under `/sbx/{id}`); a reset of that sandbox keeps it.
 */
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PERSONA_EXAMPLE } from '../../contracts/index.js'
import { createHandlers } from '../../mocks/index.js'
import type { RunningServer } from '../../mocks/server/start-server.js'
import { createSimulator } from '../../simulator/create-simulator.js'
import { requestJson } from '../support/http-json.js'
import { SUREPASS_PATHS } from '../support/sim-requests.js'
import { startTestServer } from '../support/test-server.js'

const persona = { ...PERSONA_EXAMPLE, label: 'door_walker' }
const [account] = PERSONA_EXAMPLE.bank_accounts

/** Adds the persona at `base` and walks every product it reaches; a reset there keeps it. */
async function walk(base: string): Promise<void> {
  const added = await requestJson(`${base}/__sim/personas`, { body: persona })
  expect(added.status, JSON.stringify(added.body)).toBe(201)
  const { token } = (await requestJson(`${base}/__sim/fixtures`)).body.surepass
  const call = (step: keyof typeof SUREPASS_PATHS, body: object) =>
    requestJson(`${base}${SUREPASS_PATHS[step]}`, {
      body,
      headers: { authorization: `Bearer ${token}` },
    })
  const generated = await call('aadhaarGenerateOtp', { id_number: persona.aadhaar_number })
  expect(generated.status).toBe(200)
  const clientId = generated.body.data.client_id as string
  const inbox = (await requestJson(`${base}/__sim/otps?ref=${clientId}`)).body.otps
  expect(inbox[0].phone).toBe(persona.mobile_number)
  const record = await call('aadhaarSubmitOtp', { client_id: clientId, otp: inbox[0].otp })
  expect(record.body.data.full_name).toBe('ASHA VERMA')
  for (const step of ['panLite', 'panComprehensive', 'panWithDetailsV2'] as const)
    expect((await call(step, { id_number: persona.pan })).body.data.pan_number, step).toBe(
      persona.pan,
    )
  const bank = await call('bankVerification', {
    id_number: account!.account_number,
    ifsc: account!.ifsc,
  })
  expect(bank.body.data).toMatchObject({ account_exists: true, full_name: 'ASHA VERMA' })

  expect((await requestJson(`${base}/__sim/reset`, { method: 'POST' })).status).toBe(200)
  const listed = await requestJson(`${base}/__sim/personas?custom=true`)
  expect(listed.body.personas.map((p: { label: string }) => p.label)).toEqual(['door_walker'])
  expect((await call('panLite', { id_number: persona.pan })).status).toBe(200)
}

describe('your persona through the doors', () => {
  describe('in-process (msw)', () => {
    const server = setupServer(
      ...createHandlers(
        createSimulator({ seed: 'doors', config: { onContractViolation: 'throw' } }),
      ),
    )
    beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
    afterAll(() => server.close())
    it('walks Aadhaar OKYC, PAN and bank verification at https://sandbox.surepass.io', async () => {
      await walk('https://sandbox.surepass.io')
    })
  })

  describe('over HTTP', () => {
    let server: RunningServer
    beforeAll(async () => {
      server = await startTestServer()
    })
    afterAll(() => server.close())
    it('in the default sandbox and in one under /sbx/{id}, each its own', async () => {
      const sandbox = (await requestJson(`${server.url}/__sim/sandboxes`, { method: 'POST' })).body
      await walk(sandbox.base_url)
      // The default sandbox has not seen it.
      const inDefault = await requestJson(`${server.url}/__sim/personas?custom=true`)
      expect(inDefault.body.personas).toEqual([])
      await walk(server.url)
    })
  })
})
