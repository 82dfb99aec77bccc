/**
 * The README's QA walkthrough runs as written: its shell blocks, extracted from README.md,
 * pasted in order into one fresh bash against a fresh server. Only the address changes (the
 * README's `http://127.0.0.1:4010` becomes the test server's). Each block's output is checked
 * for what the README says it answers.
 */
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../mocks/server/start-server.js'
import { REPO_ROOT } from '../support/spawn-cli.js'
import { startTestServer } from '../support/test-server.js'

const SECTION = '## QA walkthrough'
const README_URL = 'http://127.0.0.1:4010'
const MARK = '@@fintwin-readme-block@@'

/** The ```sh blocks of the README's QA walkthrough section, in order. */
function walkthroughBlocks(readme: string): string[] {
  const start = readme.indexOf(`\n${SECTION}`)
  if (start === -1) throw new Error(`README.md has no "${SECTION}" section`)
  const next = readme.indexOf('\n## ', start + 1)
  const section = readme.slice(start, next === -1 ? undefined : next)
  return [...section.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]!)
}

/** What each block must print, in README order (the comments in the blocks say the same). */
const EXPECTED: readonly { block: string; contains: readonly string[] }[] = [
  { block: 'helpers', contains: [] },
  {
    block: 'Surepass flow',
    contains: ['"status":"pending"', '"ckyc_download_data"', '"message_code":"success"'],
  },
  {
    block: 'Surepass persona graph',
    contains: [
      '"aadhaar_number":"XXXXXXXX7616"',
      '"share_code"',
      '"masked_aadhaar":"XXXXXXXX7616"',
      '"full_name":"RAHUL RANJAN","imps_ref_no"',
    ],
  },
  {
    block: 'Eko flow',
    contains: [
      '"response_type_id":1600',
      '"response_type_id":1604',
      '"response_type_id":1605',
      '"response_type_id":1713',
    ],
  },
  {
    block: 'OTP expiry',
    contains: ['"now_ms":', '"message_code":"otp_expired"', '"status":"expired"', '"status":346'],
  },
  {
    block: 'forced errors',
    contains: [
      '"remaining":1',
      '"message_code":"mobile_not_registered"',
      '"message_code":"verification_failed"',
    ],
  },
  {
    block: 'presets',
    contains: [
      '"status":"reset"',
      '"preset":"ckyc-otp-expired"',
      '__sim/eko/sign?format=headers',
      '"response_type_id":1604',
    ],
  },
]

function runBash(script: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // A fresh, non-login, non-interactive bash: no profile, no rc file, errors stop the run.
    const child = spawn('bash', ['--noprofile', '--norc', '-e', '-o', 'pipefail'], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp' },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk))
    child.on('exit', (code) => resolve({ code, stdout, stderr }))
    child.stdin.end(script)
  })
}

describe('README: the QA walkthrough', () => {
  const blocks = walkthroughBlocks(readFileSync(join(REPO_ROOT, 'README.md'), 'utf8'))
  let server: RunningServer
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(() => server?.close())

  it('has the blocks this test knows, and needs no openssl', () => {
    expect(blocks.length).toBe(EXPECTED.length)
    for (const block of blocks) expect(block).not.toContain('openssl')
  })

  it('runs every block as pasted, in order, in one fresh bash', async () => {
    const script = blocks
      .map((block) => block.replaceAll(README_URL, server.url))
      .join(`\necho '${MARK}'\n`)
    const result = await runBash(script)
    expect(result.code, `bash failed:\n${result.stderr}\n${result.stdout}`).toBe(0)
    expect(result.stderr).toBe('')
    const outputs = result.stdout.split(`${MARK}\n`)
    expect(outputs.length).toBe(EXPECTED.length)
    EXPECTED.forEach(({ block, contains }, i) => {
      for (const text of contains) expect(outputs[i], `block ${i + 1} (${block})`).toContain(text)
    })
    // Nothing answered as an auth failure or a server error along the way.
    expect(result.stdout).not.toContain('"status_code":401')
    expect(result.stdout).not.toContain('preset_failed')
    expect(result.stdout).not.toContain('internal_error')
  }, 60_000)
})
