import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { operations, providers } from '../registry.js'
import { DOCUMENTS_FILE_URL, renderDocuments } from './generate-documents.js'

describe('contracts/documents.ts', () => {
  it('is what the contract files on disk generate (run npm run contracts:documents)', async () => {
    const committed = await readFile(DOCUMENTS_FILE_URL, 'utf8')
    expect(committed === (await renderDocuments()), 'contracts/documents.ts is stale').toBe(true)
  })

  it('lists every provider and operation the registry serves', async () => {
    const source = await renderDocuments()
    for (const p of providers.values()) expect(source).toContain(`./${p.id}/provider.json`)
    expect(source.match(/from '\.\/(?!shared)[a-z]+\/(?!provider)[a-z0-9-]+\.json'/g)).toHaveLength(
      operations.size,
    )
  })
})
