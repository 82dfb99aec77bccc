/**
 * A client in another language, unchanged: `surepass_requests.py` (plain Python `requests`)
 * posts the bodies Surepass integrators post to the Aadhaar v2, PAN and bank paths of a started
 * fintwin server and checks the shapes it gets. Skipped, saying why, where python3 or its
 * `requests` package is missing.
 */
import { execFile, spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../mocks/index.js'
import { createSimulator } from '../../simulator/create-simulator.js'

const SCRIPT = fileURLToPath(new URL('./surepass_requests.py', import.meta.url))

/** Why the script cannot run here, or undefined when it can. */
function missingPython(): string | undefined {
  const probe = spawnSync('python3', ['-c', 'import requests'], { encoding: 'utf8' })
  if (probe.error) return `python3 is not installed (${probe.error.message})`
  if (probe.status !== 0) return `python3 has no requests package: ${probe.stderr.trim()}`
  return undefined
}

const missing = missingPython()

describe('Surepass paths from Python requests', () => {
  let server: RunningServer | undefined

  beforeAll(async () => {
    if (missing) return
    server = await startServer({
      simulator: createSimulator({ seed: 'python', config: { onContractViolation: 'flag' } }),
      port: 0,
      quiet: true,
    })
  })
  afterAll(() => server?.close())

  it('gets the documented shapes for the documented bodies', async (context) => {
    context.skip(missing !== undefined, `skipped: ${missing}`)
    // Asynchronously: the server answering the script runs in this process.
    const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
      (resolve) => {
        execFile(
          'python3',
          ['-B', SCRIPT, server!.url],
          { encoding: 'utf8', timeout: 80_000 },
          (error, stdout, stderr) =>
            resolve({
              code: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
              stdout,
              stderr,
            }),
        )
      },
    )
    const checks = run.stdout
      .trim()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { check: string; ok: boolean; detail: unknown })
    const failed = checks.filter((c) => !c.ok)
    expect(failed, run.stderr).toEqual([])
    expect(checks.map((c) => c.check)).toHaveLength(18)
    expect(run.code).toBe(0)
  }, 90_000)
})
