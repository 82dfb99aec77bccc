import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createSimulator } from '../../simulator/create-simulator.js'
import { createSandboxManager } from '../../simulator/sandboxes/index.js'
import { adminRequest, searchRequest } from '../../test/support/sim-requests.js'
import { loadStateDir, StateDirError, startStateSaver } from './state-dir.js'

const dirs: string[] = []
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true })
})
async function tempDir() {
  const dir = await mkdtemp(join(tmpdir(), 'fintwin-state-'))
  dirs.push(dir)
  return dir
}
const manager = (seed = 'dir') =>
  createSandboxManager({
    simulator: createSimulator({ seed, config: { onContractViolation: 'throw' } }),
  })
const SEARCH = { document_type: 'PAN', id_number: 'EKRPR1234F' }

describe('a state dir', () => {
  it('saves every sandbox and loads them back on start, ids and state intact', async () => {
    const dir = await tempDir()
    const first = manager()
    const sandbox = first.create({ name: 'kept', otp: '135790' })
    await sandbox.simulator.handle(searchRequest(SEARCH))
    await first.default.simulator.handle(
      adminRequest('POST', 'clock', { body: { advance_ms: 60_000 } }),
    )
    const saver = startStateSaver({ dir, sandboxes: first, intervalMs: 60_000 })
    await saver.stop()
    expect((await readdir(dir)).sort()).toEqual(['default.json', `${sandbox.id}.json`].sort())

    const second = manager()
    expect(await loadStateDir(dir, second)).toBe(2)
    const back = second.get(sandbox.id)
    expect(back?.name).toBe('kept')
    expect(back?.settings.otp).toBe('135790')
    expect(back?.simulator.stats().searches).toBe(1)
    expect(second.default.simulator.clock.toJSON().offset_ms).toBeGreaterThan(59_000)
  })

  it('removes the file of a deleted sandbox, and writes nothing for an unchanged one', async () => {
    const dir = await tempDir()
    const sandboxes = manager()
    const sandbox = sandboxes.create()
    const saver = startStateSaver({ dir, sandboxes, intervalMs: 60_000 })
    await saver.save()
    const file = join(dir, 'default.json')
    const before = await readFile(file, 'utf8')
    await new Promise((resolve) => setTimeout(resolve, 5))
    await saver.save()
    expect(await readFile(file, 'utf8')).toBe(before)
    sandboxes.delete(sandbox.id)
    await saver.stop()
    expect(await readdir(dir)).toEqual(['default.json'])
  })

  it.each([
    ['not JSON', '{"format":'],
    ['not a snapshot', '{"format":"fintwin-snapshot","version":1}'],
    ['another version', null],
  ])(
    'a corrupt file (%s) refuses to load, naming the file, and is left as it was',
    async (_n, text) => {
      const dir = await tempDir()
      const sandboxes = manager()
      await startStateSaver({ dir, sandboxes, intervalMs: 60_000 }).stop()
      const file = join(dir, 'default.json')
      const content = text ?? (await readFile(file, 'utf8')).replace('"version":1', '"version":7')
      await writeFile(file, content)
      const error = await loadStateDir(dir, manager()).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(StateDirError)
      expect((error as StateDirError).file).toBe(file)
      expect(await readFile(file, 'utf8')).toBe(content)
    },
  )

  it('a default sandbox saved with another seed says which seed to start with', async () => {
    const dir = await tempDir()
    await startStateSaver({ dir, sandboxes: manager('one'), intervalMs: 60_000 }).stop()
    const error = (await loadStateDir(dir, manager('two')).catch((e: unknown) => e)) as Error
    expect(error.message).toMatch(/seed.*--seed/)
  })
})
