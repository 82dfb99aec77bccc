import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type BrowserContext, type Page } from 'playwright-core'

/** Debian's Chromium (`apt-get install chromium`): Playwright's own download cannot work here. */
export const CHROMIUM_PATH = '/usr/bin/chromium'

/** Where browser tests write screenshots (git-ignored). */
export const BROWSER_OUTPUT = fileURLToPath(new URL('../.output/browser/', import.meta.url))

/**
 * Whether the browser suites run. Chromium missing is a failure (CI installs it, `.ci/run`),
 * unless `FINTWIN_SKIP_BROWSER=1` says to skip — then the reason is printed, not hidden.
 */
export function browserAvailability(): { run: true } | { run: false; reason: string } {
  if (existsSync(CHROMIUM_PATH)) return { run: true }
  if (process.env.FINTWIN_SKIP_BROWSER === '1') {
    const reason = `browser tests SKIPPED: ${CHROMIUM_PATH} is missing and FINTWIN_SKIP_BROWSER=1`
    console.warn(reason)
    return { run: false, reason }
  }
  throw new Error(
    `${CHROMIUM_PATH} is missing: install it (apt-get install -y chromium; .ci/run does) or set FINTWIN_SKIP_BROWSER=1 to skip the browser tests`,
  )
}

/** A headless Chromium with a fresh profile, and what its pages logged and asked for. */
export interface BrowserSession {
  readonly context: BrowserContext
  readonly page: Page
  /** Console errors and uncaught page errors, in order. */
  readonly errors: string[]
  /** Every URL the page requested. */
  readonly requests: string[]
  screenshot(name: string): Promise<void>
  close(): Promise<void>
}

/**
 * Launches Chromium the way this machine needs it: headless, `--no-sandbox` (tests run as root),
 * no GPU, no QUIC, and no background networking, component updates or sync — without those,
 * Chromium keeps calling hosts the closed network refuses. A fresh `--user-data-dir` each time.
 */
export async function openBrowser(): Promise<BrowserSession> {
  const profile = mkdtempSync(join(tmpdir(), 'fintwin-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: { width: 1366, height: 820 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  const page = context.pages()[0] ?? (await context.newPage())
  const errors: string[] = []
  const requests: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  page.on('pageerror', (error) => errors.push(error.message))
  context.on('request', (request) => requests.push(request.url()))
  mkdirSync(BROWSER_OUTPUT, { recursive: true })
  return {
    context,
    page,
    errors,
    requests,
    screenshot: async (name) => {
      await page.screenshot({ path: join(BROWSER_OUTPUT, `${name}.png`), fullPage: true })
    },
    close: async () => {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}
