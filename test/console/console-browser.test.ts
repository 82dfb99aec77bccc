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
import { generateSurepassOtp, loadFixtures } from '../support/provider-flows.js'
import { persona } from '../support/sim-fixtures.js'

const availability = browserAvailability()
const TIMEOUT = 30_000

describe.skipIf(!availability.run)('the QA console in Chromium', () => {
  let server: RunningServer
  let browser: BrowserSession

  beforeAll(async () => {
    // Bodies recorded, so the journal view shows them (redacted).
    server = await startTestServer({ journalBodies: true })
    browser = await openBrowser()
  }, TIMEOUT)
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })
  beforeEach(async () => {
    await requestJson(`${server.url}/__sim/reset`, { method: 'POST' })
    await browser.page.goto(`${server.url}/`)
    await browser.page.waitForSelector('body[data-ready="true"][data-live="stream"]')
  }, TIMEOUT)

  const generateOtp = (label: string) => generateSurepassOtp(server.url, label)
  /** The fixtures, and the Surepass token as a header. */
  const surepassAuth = async () => {
    const fixtures = await loadFixtures({ admin: server.url })
    return { fixtures, headers: { authorization: `Bearer ${fixtures.surepass.token}` } }
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
      // Eko's gateway answers are plain text, and the catalogue says so; JSON cases do not.
      const authFailed = page.locator('tr', {
        has: page.getByRole('button', { name: 'Force auth_failed on eko.aepsKyc.sendOtp' }),
      })
      expect(await authFailed.locator('td').nth(1).textContent()).toBe('403 text')
      const mobile = page.locator('tr', {
        has: page.getByRole('button', {
          name: 'Force mobile_not_registered on surepass.ckycV2.generateOtp',
        }),
      })
      expect(await mobile.locator('td').nth(1).textContent()).toBe('422')

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
      const signing = page.waitForRequest((r) => r.url().endsWith('/__sim/eko/sign'))
      await builder.getByRole('button', { name: 'Send', exact: true }).click()
      // The builder names the operation and its plain body: fintwin adds the request_hash its
      // contract asks for (Send OTP's asks for none).
      expect((await signing).postDataJSON()).toEqual({ operation: 'eko.aepsKyc.sendOtp', body })
      const response = page.locator('#builder-response')
      await response.filter({ hasText: '"response_type_id": 1600' }).waitFor()
      const request = await page.locator('#builder-request').textContent()
      expect(request).toMatch(/secret-key: \S{44}/)
      expect(request).not.toContain('request_hash')
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
      const { fixtures, headers } = await surepassAuth()
      for (const label of ['happy', 'not_found']) {
        const who = persona(fixtures, label)
        await requestJson(`${server.url}/api/v1/ckyc/search`, {
          headers,
          body: { id_number: who.id_number, document_type: who.document_type },
        })
      }
      const journal = page.getByRole('tabpanel', { name: 'Journal' })
      const entries = journal.locator('#journal-list > details')
      await entries.nth(1).waitFor()
      expect(await entries.count()).toBe(2)
      await journal.getByLabel('Status').fill('4xx')
      await expect.poll(() => journal.locator('#journal-list > details:visible').count()).toBe(1)
      const failed = journal.locator('#journal-list > details:visible')
      expect(await failed.getAttribute('data-status')).toBe('422')
      await failed.locator('summary').click()
      expect(await failed.getAttribute('open')).not.toBeNull()
      expect(await failed.locator('pre.entry-json').textContent()).toContain(
        '"case": "verification_failed"',
      )
      await browser.screenshot('console-journal')
      await journal.getByLabel('Status').fill('')
      await journal.getByLabel('Operation').selectOption('surepass.ckycV2.download')
      await expect.poll(() => journal.locator('#journal-list > details:visible').count()).toBe(0)
    },
    TIMEOUT,
  )

  it(
    'updates live from the event stream: the OTP and journal of a flow appear, nothing is polled',
    async () => {
      const { page, requests } = browser
      requests.length = 0
      const ref: string = (await generateOtp('happy')).body.data.client_id
      await page.locator(`#otp-list li[data-ref="${ref}"]`).waitFor({ timeout: 5000 })
      await page
        .locator('#journal-list > details[data-operation="surepass.ckycV2.generateOtp"]')
        .waitFor({ timeout: 5000 })
      // Longer than two poll intervals of the fallback: had the page polled, it would show here.
      await page.waitForTimeout(2500)
      const polled = requests.filter((url) =>
        /\/__sim\/(otps|journal|clock|scenarios)$/.test(new URL(url).pathname),
      )
      expect(polled).toEqual([])
      expect(await page.locator('body').getAttribute('data-live')).toBe('stream')
      expect(browser.errors).toEqual([])
    },
    TIMEOUT,
  )

  it(
    'shows per entry the operation, status, case, reason, contract and the redacted bodies',
    async () => {
      const { page } = browser
      const { fixtures, headers } = await surepassAuth()
      const who = persona(fixtures, 'happy')
      const search = `${server.url}/api/v1/ckyc/search`
      const good = { id_number: who.id_number, document_type: who.document_type }
      await requestJson(search, { headers, body: good })
      await requestJson(search, {
        headers: { ...headers, 'x-fintwin-scenario': 'verification_failed' },
        body: good,
      })
      await requestJson(search, { headers, body: { document_type: 'PASSPORT_X', id_number: 7 } })
      const eko = await requestJson(
        `${server.url}/ekoapi/v3/user/collection/aeps-fingpay/kyc/otp`,
        { body: {} },
      )
      expect(eko.status).toBe(403)
      const journal = page.getByRole('tabpanel', { name: 'Journal' })
      const entries = journal.locator('#journal-list > details')
      await expect.poll(() => entries.count()).toBe(4)
      // Newest first: the Eko auth failure, the bad request, the forced case, the natural one.
      const [refused, invalid, forced, natural] = await entries.all()
      expect(await refused!.locator('.reason').textContent()).toBe(
        `auth: ${eko.headers.get('x-fintwin-auth-error')}`,
      )
      expect(await invalid!.locator('.reason').textContent()).toMatch(/^request: \/body\//)
      expect(await forced!.locator('.reason').textContent()).toBe('forced by header')
      expect(await natural!.locator('.reason').textContent()).toBe('behaviour')
      for (const entry of [refused, invalid, forced, natural])
        expect(await entry!.locator('summary').textContent()).toContain('✓ contract')

      await invalid!.locator('summary').click()
      const violations = invalid!.locator('.violations li')
      expect(await violations.allTextContents()).toEqual(
        expect.arrayContaining([expect.stringContaining('/body/id_number')]),
      )
      await forced!.locator('summary').press('Enter')
      expect(await forced!.getAttribute('open')).not.toBeNull()
      expect(await forced!.locator('.entry').textContent()).toContain(
        'verification_failed by the header',
      )
      await natural!.locator('summary').click()
      const bodies = natural!.locator('.entry > pre.code')
      expect(await bodies.count()).toBe(3)
      expect(await bodies.nth(0).textContent()).toContain('"document_type"')
      // Redacted: the PAN is not shown as sent.
      expect(await bodies.nth(0).textContent()).not.toContain(who.id_number)
      expect(await bodies.nth(1).textContent()).toContain('"client_id"')
      await browser.screenshot('console-journal-entries')

      await journal.getByLabel('Provider').selectOption('eko')
      await expect.poll(() => journal.locator('#journal-list > details:visible').count()).toBe(1)
      await journal.getByLabel('Provider').selectOption('')
      await journal.getByLabel('Status').fill('403')
      await expect.poll(() => journal.locator('#journal-list > details:visible').count()).toBe(1)
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
          // The page's event stream is an open request: a bare node:http close would wait for it.
          await browser.page.goto('about:blank')
          http.closeAllConnections()
          await new Promise((resolve) => http.close(resolve))
        }
      },
      TIMEOUT,
    )

    it(
      "a sandbox's console shows that sandbox only: its OTP, not the default's; its clock alone moves",
      async () => {
        const server = await startTestServer()
        const second = await browser.context.newPage()
        try {
          const created = await requestJson(`${server.url}/__sim/sandboxes`, {
            body: { seed: 'console-sandbox' },
          })
          expect(created.status).toBe(201)
          const base: string = created.body.base_url
          expect(base).toBe(`${server.url}/sbx/${created.body.id}`)
          const { page, requests } = browser
          requests.length = 0
          await page.goto(`${base}/__sim/ui`)
          await second.goto(`${server.url}/__sim/ui`)
          for (const p of [page, second])
            await p.waitForSelector('body[data-ready="true"][data-live="stream"]')
          expect(await page.locator('h1').textContent()).toContain(`sandbox ${created.body.id}`)
          expect(await second.locator('h1').textContent()).toContain('default sandbox')
          expect(await page.locator('#live-state').textContent()).toBe('live')

          const sandboxRef: string = (await generateSurepassOtp(base, 'happy')).body.data.client_id
          await page.locator(`#otp-list li[data-ref="${sandboxRef}"]`).waitFor({ timeout: 5000 })
          const defaultRef: string = (await generateSurepassOtp(server.url, 'happy')).body.data
            .client_id
          expect(defaultRef).not.toBe(sandboxRef)
          await second.locator(`#otp-list li[data-ref="${defaultRef}"]`).waitFor({ timeout: 5000 })
          // Each console saw its own OTP arrive after the other's: neither holds the other's.
          expect(await second.locator('#otp-list li').count()).toBe(1)
          expect(await page.locator('#otp-list li').count()).toBe(1)
          expect(await page.locator(`#otp-list li[data-ref="${defaultRef}"]`).count()).toBe(0)
          expect(
            await page
              .locator('#journal-list > details[data-operation="surepass.ckyc.search"]')
              .count(),
          ).toBe(1)

          await page.getByRole('button', { name: '+1 h' }).click()
          await expect
            .poll(async () => (await requestJson(`${base}/__sim/clock`)).body.offset_ms)
            .toBeGreaterThanOrEqual(3_599_000)
          expect(
            Math.abs((await requestJson(`${server.url}/__sim/clock`)).body.offset_ms),
          ).toBeLessThan(60_000)
          await page.locator('#sim-offset').filter({ hasText: '+60 min' }).waitFor()
          expect(await second.locator('#sim-offset').textContent()).toBe('')
          const fromSandboxPage = requests.filter(
            (url) => url.startsWith(server.url) && !url.startsWith(`${server.url}/__sim/`),
          )
          expect(fromSandboxPage.every((url) => url.startsWith(`${base}/`))).toBe(true)
          expect(fromSandboxPage).toContain(`${base}/__sim/events`)
          await browser.screenshot('console-sandbox')
        } finally {
          await second.close()
          await server.close()
        }
      },
      TIMEOUT,
    )

    it(
      'falls back to polling when the stream is refused, and still shows a new OTP',
      async () => {
        const server = await startTestServer({ maxEventStreams: 0 })
        try {
          const { page, requests } = browser
          await page.goto(`${server.url}/__sim/ui`)
          await page.waitForSelector('body[data-ready="true"][data-live="polling"]')
          requests.length = 0
          const ref: string = (await generateSurepassOtp(server.url, 'happy')).body.data.client_id
          await page.locator(`#otp-list li[data-ref="${ref}"]`).waitFor({ timeout: 5000 })
          expect(requests).toContain(`${server.url}/__sim/otps?limit=50`)
        } finally {
          await server.close()
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
