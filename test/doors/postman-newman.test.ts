/**
 * The Postman collection the server serves, run as it is by newman (Postman's own CLI runner)
 * against a fresh server: every flow, every operation, every test in it must pass.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../mocks/server/start-server.js'
import { REPO_ROOT } from '../support/spawn-cli.js'
import { startTestServer } from '../support/test-server.js'

const NEWMAN = join(REPO_ROOT, 'node_modules/newman/bin/newman.js')

function newman(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [NEWMAN, ...args], { cwd: REPO_ROOT })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk))
    child.on('exit', (code) => resolve({ code, output }))
  })
}

describe('newman run <server>/__sim/postman.json', () => {
  let server: RunningServer
  const dir = mkdtempSync(join(tmpdir(), 'fintwin-newman-'))
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(async () => {
    await server?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('passes as it is against a fresh server, and again on a second run', async () => {
    const report = join(dir, 'report.json')
    for (let run = 1; run <= 2; run++) {
      const result = await newman([
        'run',
        `${server.url}/__sim/postman.json`,
        '--reporters',
        'cli,json',
        '--reporter-json-export',
        report,
        '--color',
        'off',
      ])
      expect(result.code, result.output).toBe(0)
      const { run: summary } = JSON.parse(readFileSync(report, 'utf8'))
      expect(summary.failures, result.output).toEqual([])
      expect(summary.stats.assertions.failed).toBe(0)
      expect(summary.stats.assertions.total).toBeGreaterThanOrEqual(15)
      expect(summary.stats.prerequestScripts.failed).toBe(0)
      const names: string[] = summary.executions.map((e: any) => e.item.name)
      expect(names).toContain('Daily KYC')
      const dailyKyc = summary.executions.find((e: any) => e.item.name === 'Daily KYC')
      expect(dailyKyc.response.code).toBe(200)
      // Bill payment carries a request_hash: the pre-request script had the sign helper compute
      // it, so Eko's check passed (a missing or wrong hash is a 403).
      const payBill = summary.executions.find((e: any) => e.item.name === 'Pay a utility bill')
      expect(payBill.request.header.map((h: any) => h.key)).toContain('request_hash')
      expect(payBill.response.code).toBe(200)
    }
  }, 60_000)
})
