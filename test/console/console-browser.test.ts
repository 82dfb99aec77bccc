/**
 * The QA console (`GET /__sim/ui`) in a real browser: Debian's Chromium driven by
 * playwright-core, against a real server. Screenshots go to test/.output/browser/ (git-ignored).
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../../mocks/server/create-app.js'
import { silentLogger } from '../../mocks/server/access-log.js'
import { nodePlatform } from '../../mocks/node-platform.js'
import type { RunningServer } from '../../mocks/server/start-server.js'
import { createSimulator } from '../../simulator/index.js'
import { browserAvailability, openBrowser, type BrowserSession } from '../support/chromium.js'
import { requestJson } from '../support/http-json.js'
import { startTestServer } from '../support/test-server.js'
import { loadFixtures } from '../support/provider-flows.js'
import { persona } from '../support/sim-fixtures.js'

const availability = browserAvailability()
const TIMEOUT = 30_000

describe.skipIf(!availability.run)('the QA console in Chromium', () => {
  let server: RunningServer
  let browser: BrowserSession

  beforeAll(async () => {
    server = await startTestServer()
    browser = await openBrowser()
  }, TIMEOUT)
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })
  beforeEach(async () => {
    await requestJson(`${server.url}/__sim/reset`, { method: 'POST' })
    await browser.page.goto(`${server.url}/`)
    await browser.page.waitForSelector('body[data-ready="true"]')
  }, TIMEOUT)

  /** Search then generate-OTP for a persona over HTTP, as an app under test would. */
  async function generateOtp(label: string) {
    const fixtures = await loadFixtures({ admin: server.url })
    const who = persona(fixtures, label)
    const headers = { authorization: `Bearer ${fixtures.surepass.token}` }
    const search = await requestJson(`${server.url}/api/v1/ckyc/search`, {
      headers,
      body: { id_number: who.id_number, document_type: who.document_type },
    })
    expect(search.status).toBe(200)
    return requestJson(`${server.url}/api/v1/ckyc-v2/generate-otp`, {
      headers,
      body: { client_id: search.body.data.client_id, mobile_number: who.mobile_number },
    })
  }

  it(
    'loads from / with no console error and no request leaving its origin',
    async () => {
      const { page, errors, requests } = browser
      expect(new URL(page.url()).pathname).toBe('/__sim/ui')
      // Let the live polling run a few rounds.
      await page.waitForTimeout(2500)
      await browser.screenshot('console-loaded')
      expect(errors).toEqual([])
      const origin = new URL(server.url).origin
      const elsewhere = requests.filter(
        (url) => !url.startsWith('data:') && new URL(url).origin !== origin,
      )
      expect(elsewhere).toEqual([])
      expect(requests.some((url) => url.endsWith('/__sim/catalogue'))).toBe(true)
      expect(await page.locator('h1').textContent()).toContain('fintwin')
    },
    TIMEOUT,
  )

  it(
    'shows the OTP of a Surepass flow run through the API, without a reload',
    async () => {
      const generated = await generateOtp('happy')
      expect(generated.status).toBe(200)
      const ref: string = generated.body.data.client_id
      const inbox = await requestJson(`${server.url}/__sim/otps?ref=${ref}`)
      const otp: string = inbox.body.otps[0].otp
      const item = browser.page.locator(`#otp-list li[data-ref="${ref}"]`)
      await item.waitFor({ timeout: 5000 })
      expect(await item.locator('.otp-code').textContent()).toBe(otp)
      expect(await item.getAttribute('data-status')).toBe('pending')
      await browser.screenshot('console-inbox')
    },
    TIMEOUT,
  )

  it(
    'forces mobile_not_registered from the catalogue: the next API call fails with it, once',
    async () => {
      const { page } = browser
      await page.getByRole('tab', { name: 'Error catalogue' }).click()
      await page
        .getByRole('button', { name: 'Force mobile_not_registered on surepass.ckycV2.generateOtp' })
        .click()
      await page.locator('#forced-curl').filter({ hasText: 'mobile_not_registered' }).waitFor()
      const curl = await page.locator('#forced-curl').textContent()
      expect(curl).toContain(`${server.url}/__sim/scenarios`)
      expect(curl).toContain('"times":1')
      await page.locator('#scenario-list li').filter({ hasText: 'mobile_not_registered' }).waitFor()
      await browser.screenshot('console-catalogue-forced')

      const forced = await generateOtp('happy')
      expect(forced.status).toBe(422)
      expect(forced.body).toMatchObject({ message_code: 'mobile_not_registered' })
      const after = await generateOtp('happy')
      expect(after.status).toBe(200)
    },
    TIMEOUT,
  )

  it(
    'advances the clock from the console, and the OTP shows expired',
    async () => {
      const { page } = browser
      const generated = await generateOtp('happy')
      const ref: string = generated.body.data.client_id
      const item = page.locator(`#otp-list li[data-ref="${ref}"]`)
      await item.waitFor()
      expect(await item.getAttribute('data-status')).toBe('pending')
      const before = await page.locator('#sim-now').textContent()
      await page.getByRole('button', { name: '+10 min' }).click()
      await page.locator(`#otp-list li[data-ref="${ref}"][data-status="expired"]`).waitFor()
      expect(await page.locator('#sim-now').textContent()).not.toBe(before)
      const inbox = await requestJson(`${server.url}/__sim/otps?ref=${ref}`)
      expect(inbox.body.otps[0].status).toBe('expired')
      await browser.screenshot('console-clock-expired')
    },
    TIMEOUT,
  )

  it(
    'sends an Eko Send OTP from the request builder, signed and encrypted by fintwin: 1600',
    async () => {
      const { page } = browser
      await page.getByRole('tab', { name: 'Request builder' }).click()
      const builder = page.getByRole('tabpanel', { name: 'Request builder' })
      await builder.getByLabel('Operation').selectOption('eko.aepsKyc.sendOtp')
      await builder.getByLabel('Persona').selectOption({ label: 'ekyc_pending' })
      await builder.getByRole('button', { name: 'Fill from persona' }).click()
      const body = JSON.parse(await page.locator('#builder-body').inputValue())
      const fixtures = await loadFixtures({ admin: server.url })
      const agent = fixtures.eko.agents.find((a) => a.label === 'ekyc_pending')!
      expect(body).toMatchObject({ user_code: agent.user_code, aadhar: agent.aadhaar })
      await builder.getByRole('button', { name: 'Send', exact: true }).click()
      const response = page.locator('#builder-response')
      await response.filter({ hasText: '"response_type_id": 1600' }).waitFor()
      const request = await page.locator('#builder-request').textContent()
      expect(request).toMatch(/secret-key: \S{44}/)
      expect(request).not.toContain(agent.aadhaar)
      // The OTP Eko "sent" arrives in the inbox.
      await page.locator('#otp-list li').filter({ hasText: 'eko' }).first().waitFor()
      await browser.screenshot('console-builder-eko')
      expect(browser.errors).toEqual([])
    },
    TIMEOUT,
  )

  it(
    'filters the journal by status and operation, and opens an entry whole',
    async () => {
      const { page } = browser
      const fixtures = await loadFixtures({ admin: server.url })
      const headers = { authorization: `Bearer ${fixtures.surepass.token}` }
      for (const label of ['happy', 'not_found']) {
        const who = persona(fixtures, label)
        await requestJson(`${server.url}/api/v1/ckyc/search`, {
          headers,
          body: { id_number: who.id_number, document_type: who.document_type },
        })
      }
      const journal = page.getByRole('tabpanel', { name: 'Journal' })
      const entries = journal.locator('#journal-list details')
      await entries.nth(1).waitFor()
      expect(await entries.count()).toBe(2)
      await journal.getByLabel('Status').fill('4xx')
      await expect.poll(() => journal.locator('#journal-list details:visible').count()).toBe(1)
      const failed = journal.locator('#journal-list details:visible')
      expect(await failed.getAttribute('data-status')).toBe('422')
      await failed.locator('summary').click()
      expect(await failed.getAttribute('open')).not.toBeNull()
      expect(await failed.locator('pre').textContent()).toContain('"case": "verification_failed"')
      await browser.screenshot('console-journal')
      await journal.getByLabel('Status').fill('')
      await journal.getByLabel('Operation').selectOption('surepass.ckycV2.download')
      await expect.poll(() => journal.locator('#journal-list details:visible').count()).toBe(0)
    },
    TIMEOUT,
  )

  it(
    'forces a case for N requests from the catalogue',
    async () => {
      const { page } = browser
      await page.getByRole('tab', { name: 'Error catalogue' }).click()
      const catalogue = page.getByRole('tabpanel', { name: 'Error catalogue' })
      await catalogue.getByRole('radio', { name: /on the next .* requests/ }).check()
      await catalogue.getByLabel('number of requests').fill('2')
      await catalogue
        .getByRole('button', { name: 'Force mobile_not_registered on surepass.ckycV2.generateOtp' })
        .click()
      await catalogue.locator('#scenario-list li').filter({ hasText: '× 2' }).waitFor()
      expect(await catalogue.locator('#forced-curl').textContent()).toContain('"times":2')
      for (const expected of [422, 422, 200])
        expect((await generateOtp('happy')).status).toBe(expected)
    },
    TIMEOUT,
  )

  it(
    'is usable by keyboard, and every control has a name',
    async () => {
      const { page } = browser
      await page.getByRole('tab', { name: 'Journal' }).focus()
      await page.keyboard.press('ArrowRight')
      expect(
        await page.getByRole('tab', { name: 'Error catalogue' }).getAttribute('aria-selected'),
      ).toBe('true')
      expect(await page.locator('#panel-catalogue').isVisible()).toBe(true)
      await page.keyboard.press('End')
      expect(await page.locator('#panel-fixtures').isVisible()).toBe(true)
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-fixtures')
      const unnamed = await page.evaluate(() =>
        [...document.querySelectorAll('input, select, textarea, button')]
          .filter((el) => {
            const control = el as HTMLInputElement
            const named =
              (control.labels?.length ?? 0) > 0 ||
              control.getAttribute('aria-label') ||
              (el.tagName === 'BUTTON' && el.textContent?.trim())
            return !named
          })
          .map((el) => el.outerHTML.slice(0, 80)),
      )
      expect(unnamed).toEqual([])
    },
    TIMEOUT,
  )
})

describe.skipIf(!availability.run)(
  'the QA console under a path prefix, and behind the admin token',
  () => {
    let browser: BrowserSession
    beforeAll(async () => {
      browser = await openBrowser()
    }, TIMEOUT)
    afterAll(() => browser?.close())

    it(
      'works mounted under /sbx/demo: every call stays under the prefix (relative URLs)',
      async () => {
        const parent = express()
        const simulator = createSimulator({
          config: { onContractViolation: 'flag' },
          platform: nodePlatform(),
        })
        parent.use('/sbx/demo', createApp({ simulator, logger: silentLogger, quiet: true }))
        const http: Server = createServer(parent)
        await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
        const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`
        try {
          const { page, requests } = browser
          requests.length = 0
          await page.goto(`${base}/sbx/demo/`)
          await page.waitForSelector('body[data-ready="true"]')
          expect(page.url()).toBe(`${base}/sbx/demo/__sim/ui`)
          await page.getByRole('tab', { name: 'Request builder' }).click()
          const builder = page.getByRole('tabpanel', { name: 'Request builder' })
          await builder.getByLabel('Operation').selectOption('eko.aepsKyc.sendOtp')
          await builder.getByRole('button', { name: 'Fill from persona' }).click()
          await builder.getByRole('button', { name: 'Send', exact: true }).click()
          await builder
            .locator('#builder-response')
            .filter({ hasText: '"response_type_id": 1600' })
            .waitFor()
          await page.locator('#otp-list li').first().waitFor()
          const outside = requests.filter((url) => !url.startsWith(`${base}/sbx/demo/`))
          expect(outside).toEqual([])
          expect(requests).toContain(
            `${base}/sbx/demo/ekoapi/v3/user/collection/aeps-fingpay/kyc/otp`,
          )
          expect(simulator.otps().length).toBe(1)
          const collection = await requestJson(`${base}/sbx/demo/__sim/postman.json`)
          expect(
            collection.body.variable.find((v: { key: string }) => v.key === 'baseUrl').value,
          ).toBe(`${base}/sbx/demo`)
          await browser.screenshot('console-prefixed')
        } finally {
          await new Promise((resolve) => http.close(resolve))
        }
      },
      TIMEOUT,
    )

    it(
      'asks for the admin token when the server has one, then works',
      async () => {
        const guarded = await startTestServer({ adminToken: 'console-sekret' })
        try {
          const { page } = browser
          await page.goto(`${guarded.url}/__sim/ui`)
          const form = page.locator('#token-form')
          await form.waitFor()
          expect(await page.locator('body').getAttribute('data-ready')).toBeNull()
          await page.getByLabel('Admin token').fill('console-sekret')
          await form.getByRole('button', { name: 'Use' }).click()
          await page.waitForSelector('body[data-ready="true"]')
          expect(await form.isHidden()).toBe(true)
        } finally {
          await guarded.close()
        }
      },
      TIMEOUT,
    )
  },
)
