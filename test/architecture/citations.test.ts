/**
 * Comments, contract descriptions (which reach users through the OpenAPI document) and docs cite
 * public sources — the provider's doc page, a repository and file — or the contracts, never a
 * document that is not in the repository.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const DIRS = ['contracts', 'simulator', 'mocks', 'sdk', 'test', 'bench', 'docs', '.ci']
const SELF = 'test/architecture/citations.test.ts'
/** Research notes and design files outside the repository that readers do not have. */
const FOREIGN = /\b(?:DESIGN|eko|surepass)\.md\b|shared\/reference|HELPER_RULES/

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`
    if (entry.isDirectory()) return files(path)
    return /\.(ts|js|json|md|txt)$/.test(entry.name) || dir === '.ci' ? [path] : []
  })
}

describe('citations', () => {
  it('name no document outside the repository', () => {
    const found: string[] = []
    for (const file of [...DIRS.flatMap(files), 'README.md']) {
      if (file === SELF) continue
      readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (FOREIGN.test(line)) found.push(`${file}:${i + 1}: ${line.trim().slice(0, 120)}`)
        })
    }
    expect(found).toEqual([])
  })

  it('would see one (the check can fail)', () => {
    expect(FOREIGN.test('see eko.md §4.2')).toBe(true)
    expect(FOREIGN.test('see developers.eko.in/docs/authentication')).toBe(false)
  })
})
