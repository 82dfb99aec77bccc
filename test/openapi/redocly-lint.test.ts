/**
 * `redocly lint` with its recommended rules passes the exported OpenAPI: no errors, no
 * warnings. The committed `contracts/redocly.yaml` changes one option of two example rules
 * (with its reason there) and switches no rule off; this test holds it to that.
 */
import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const REDOCLY = fileURLToPath(new URL('../../node_modules/.bin/redocly', import.meta.url))

interface LintReport {
  totals: { errors: number; warnings: number; ignored: number }
  problems: { ruleId: string; severity: string; message: string }[]
}

describe('redocly lint contracts/openapi.json', () => {
  it('keeps the recommended rules and switches none off', async () => {
    const config = await readFile(new URL('../../contracts/redocly.yaml', import.meta.url), 'utf8')
    expect(config).toMatch(/^extends:\n {2}- recommended$/m)
    expect(config).not.toMatch(/:\s*off\s*$/m)
  })

  it('reports no error and no warning', async () => {
    const { stdout } = await promisify(execFile)(
      REDOCLY,
      ['lint', 'contracts/openapi.json', '--config', 'contracts/redocly.yaml', '--format', 'json'],
      {
        cwd: ROOT,
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      },
    )
    const report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as LintReport
    expect(report.problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message}`)).toEqual([])
    expect(report.totals).toEqual({ errors: 0, warnings: 0, ignored: 0 })
  }, 60_000)
})
