import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { operations } from '../../contracts/index.js'
import { camelCaseOf } from '../../contracts/tools/write-or-check.js'
import { PROVIDERS } from '../providers.js'
import { operationIndexFiles, renderOperationIndex } from './generate-operation-index.js'

describe('simulator/<provider>/operations/index.ts', () => {
  it('is what the modules in the folder generate (run npm run operations:index)', async () => {
    const files = await operationIndexFiles()
    expect(files.map((f) => f.provider).sort()).toEqual(PROVIDERS.map((p) => p.id).sort())
    for (const { file, provider } of files) {
      const committed = await readFile(file, 'utf8')
      expect(
        committed === (await renderOperationIndex(provider)),
        `${provider} index is stale`,
      ).toBe(true)
    }
  })

  it('has one module per contract operation, named after its contract file', async () => {
    for (const provider of PROVIDERS) {
      for (const module of provider.operations) {
        expect(module.operation.provider).toBe(provider.id)
        const base = new URL(module.operation.document.$id).pathname.split('/').pop() ?? ''
        const name = base.replace(/\.json$/, '')
        const url = new URL(`../${provider.id}/operations/${name}.ts`, import.meta.url)
        const exports = (await import(/* @vite-ignore */ url.href)) as Record<string, unknown>
        expect(exports[camelCaseOf(name)], `${provider.id}/operations/${name}.ts`).toBe(module)
      }
    }
    expect(PROVIDERS.flatMap((p) => p.operations).length).toBe(operations.size)
  })
})
