import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSimulator } from '../../simulator/index.js'
import { silentLogger } from './access-log.js'
import { createApp } from './create-app.js'

/** fintwin mounted under a prefix (`app.use('/qa', createApp(…))`): the URLs it hands out keep it. */
describe('createApp under a mount prefix', () => {
  const parent = express()
  parent.use('/qa', createApp({ simulator: createSimulator(), logger: silentLogger, quiet: true }))
  const server = createServer(parent)
  let base = ''
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('redirects its root to its own console', async () => {
    const res = await fetch(`${base}/qa/`, { redirect: 'manual' })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/qa/__sim/ui')
  })

  it('puts the prefix in preset curl lines and in the Postman base URL', async () => {
    const curl = await (
      await fetch(`${base}/qa/__sim/presets/ckyc-otp-sent?format=curl`, { method: 'POST' })
    ).text()
    expect(curl).toContain(`'${base}/qa/api/v1/ckyc-v2/download'`)
    const collection = (await (await fetch(`${base}/qa/__sim/postman.json`)).json()) as {
      variable: { key: string; value: string }[]
    }
    expect(collection.variable.find((v) => v.key === 'baseUrl')?.value).toBe(`${base}/qa`)
  })
})
