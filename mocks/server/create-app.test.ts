import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSimulator } from '../../simulator/index.js'
import { silentLogger } from './access-log.js'
import { createApp } from './create-app.js'

/** fintwin mounted inside a user's own express server, next to the user's routes. */
describe('createApp mounted in a parent express app', () => {
  const sim = createSimulator({ config: { onContractViolation: 'flag' } })
  const parent = express()
  parent.get('/mine', (_req, res) => void res.json({ mine: true }))
  parent.use(createApp({ simulator: sim, logger: silentLogger, quiet: true }))
  const server = createServer(parent)
  let base = ''

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('answers provider routes with the same behaviour as the server door', async () => {
    const res = await fetch(`${base}/api/v1/ckyc/search`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${sim.fixtures().surepass.token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ document_type: 'PAN', id_number: 'ZZZPZ9999Z' }),
    })
    expect(res.status).toBe(422)
    expect(await res.json()).toMatchObject({
      message_code: 'verification_failed',
      status_code: 422,
    })
  })

  it("leaves the parent's own routes alone and answers unknown ones in JSON", async () => {
    expect(await (await fetch(`${base}/mine`)).json()).toEqual({ mine: true })
    const unknown = await fetch(`${base}/api/v1/nope`, { method: 'POST' })
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toMatchObject({ status_code: 404, success: false })
    expect((await fetch(`${base}/__sim/health`)).status).toBe(200)
  })
})
