/**
 * `--state-dir` under `kill -9`: the process is killed at random moments while it saves (every
 * 20 ms, with requests changing state all the while), restarted each time, and must come back
 * every time (a file that fails to load would exit 2) with its sandboxes, losing at most the last
 * interval. A SIGTERM at the end saves the final state exactly.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { requestJson } from '../support/http-json.js'
import { spawnCli, type CliProcess } from '../support/spawn-cli.js'
import { SUREPASS_FIXTURE_TOKEN } from '../../simulator/surepass/jwt.js'

const running: CliProcess[] = []
let dir = ''
afterAll(async () => {
  for (const cli of running) cli.child.kill('SIGKILL')
  if (dir) await rm(dir, { recursive: true, force: true })
})

function start(): CliProcess {
  const cli = spawnCli(['--port', '0', '--quiet', '--state-dir', dir, '--state-interval-ms', '20'])
  running.push(cli)
  return cli
}

const search = (base: string) =>
  requestJson(`${base}/api/v1/ckyc/search`, {
    headers: { authorization: `Bearer ${SUREPASS_FIXTURE_TOKEN}` },
    body: { document_type: 'PAN', id_number: 'EKRPR1234F' },
  })
const searchesIn = async (url: string, id: string) =>
  (await requestJson(`${url}/__sim/sandboxes/${id}`)).body.state?.searches as number

describe('--state-dir survives kill -9 during saves', () => {
  it('restarts every time with its sandboxes; SIGTERM saves the last state', async () => {
    dir = await mkdtemp(join(tmpdir(), 'fintwin-kill-'))
    let cli = start()
    let url = await cli.url
    const created = await requestJson(`${url}/__sim/sandboxes`, { body: { name: 'durable' } })
    const id = created.body.id as string
    await search(`${url}/sbx/${id}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
    let floor = 1

    for (let round = 0; round < 8; round++) {
      // Keep state changing so saves keep happening, and kill in the middle of it.
      let sent = 0
      const burst = (async () => {
        for (;;) {
          const response = await search(`${url}/sbx/${id}`).catch(() => undefined)
          if (!response) return
          sent += 1
        }
      })()
      await new Promise((resolve) => setTimeout(resolve, 30 + Math.floor(Math.random() * 90)))
      cli.child.kill('SIGKILL')
      await cli.exit
      await burst
      cli = start()
      url = await cli.url
      const searches = await searchesIn(url, id)
      expect(searches, `round ${round}`).toBeGreaterThanOrEqual(floor)
      expect(searches).toBeLessThanOrEqual(floor + sent + 1)
      floor = searches
    }

    for (let i = 0; i < 5; i++) await search(`${url}/sbx/${id}`)
    const expected = await searchesIn(url, id)
    cli.child.kill('SIGTERM')
    expect((await cli.exit).code).toBe(0)
    cli = start()
    url = await cli.url
    expect(await searchesIn(url, id)).toBe(expected)
    cli.child.kill('SIGTERM')
    await cli.exit
  }, 180_000)

  it('a corrupt state file: exit 2 naming it, nothing served, the file left as it was', async () => {
    const corrupt = await mkdtemp(join(tmpdir(), 'fintwin-corrupt-'))
    try {
      const file = join(corrupt, 'default.json')
      await writeFile(file, '{"format":"fintwin-snapshot","version":1,"seed":')
      const cli = spawnCli(['--port', '0', '--state-dir', corrupt])
      running.push(cli)
      expect((await cli.exit).code).toBe(2)
      expect(cli.stderr()).toContain(file)
      expect(cli.stdout()).not.toContain('listening on')
      expect(await readFile(file, 'utf8')).toBe('{"format":"fintwin-snapshot","version":1,"seed":')
    } finally {
      await rm(corrupt, { recursive: true, force: true })
    }
  }, 60_000)
})
