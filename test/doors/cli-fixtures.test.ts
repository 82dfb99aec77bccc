import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { requestJson } from '../support/http-json.js'
import { spawnCli, type CliProcess } from '../support/spawn-cli.js'

const running: CliProcess[] = []
const dirs: string[] = []
afterAll(async () => {
  for (const cli of running) cli.child.kill('SIGKILL')
  for (const dir of dirs) await rm(dir, { recursive: true, force: true })
})
async function fixturesFile(content: unknown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'fintwin-fixtures-'))
  dirs.push(dir)
  const file = join(dir, 'team.json')
  await writeFile(file, JSON.stringify(content))
  return file
}
const ASHA = {
  label: 'asha_qa',
  first_name: 'Asha',
  last_name: 'Verma',
  gender: 'FEMALE',
  dob: '1991-04-12',
  pan: 'ABCPV1234K',
  aadhaar_number: '234567890124',
  mobile_number: '9876501234',
}

describe('fintwin --fixtures FILE', () => {
  it('serves your personas and agents in every sandbox from the start', async () => {
    const file = await fixturesFile({
      personas: [ASHA],
      agents: [
        {
          label: 'shop_42',
          customer_id: '9123400042',
          aadhaar: '234567890124',
          pan_number: 'ABCPV1234K',
        },
      ],
    })
    const cli = spawnCli(['--port', '0', '--quiet', '--fixtures', file])
    running.push(cli)
    const url = await cli.url
    const sandbox = (await requestJson(`${url}/__sim/sandboxes`, { method: 'POST' })).body
    for (const base of [url, sandbox.base_url as string]) {
      const fixtures = (await requestJson(`${base}/__sim/fixtures`)).body
      expect(fixtures.surepass.ckyc.map((p: { label: string }) => p.label)).toContain('asha_qa')
      expect(fixtures.eko.agents.map((a: { label: string }) => a.label)).toContain('shop_42')
    }
    cli.child.kill('SIGTERM')
    expect((await cli.exit).code).toBe(0)
  }, 60_000)

  it('a bad file: exit 2 naming each bad field by its path, nothing served', async () => {
    const file = await fixturesFile({
      personas: [ASHA, { ...ASHA, label: 'dup', pan: 'nope' }],
      agents: [{ label: 'x' }],
      extra: 1,
    })
    const cli = spawnCli(['--port', '0', '--fixtures', file])
    running.push(cli)
    expect((await cli.exit).code).toBe(2)
    expect(cli.stderr()).toContain('/extra')
    const again = await fixturesFile({
      personas: [ASHA, { ...ASHA, label: 'dup', pan: 'nope' }],
      agents: [{ label: 'x' }],
    })
    const second = spawnCli(['--port', '0', '--fixtures', again])
    running.push(second)
    expect((await second.exit).code).toBe(2)
    for (const path of ['/personas/1/pan', '/agents/0/customer_id', '/agents/0/aadhaar'])
      expect(second.stderr()).toContain(path)
    expect(second.stdout()).not.toContain('listening on')
  }, 60_000)
})
