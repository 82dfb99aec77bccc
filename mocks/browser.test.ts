import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const here = dirname(fileURLToPath(import.meta.url))

/** Follows relative imports from `entry`, returning every local file reached (tests excluded). */
function localImportGraph(entry: string): string[] {
  const seen = new Set<string>()
  const visit = (file: string) => {
    if (seen.has(file)) return
    seen.add(file)
    const source = readFileSync(file, 'utf8')
    for (const [, spec] of source.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'/gm)) {
      if (spec!.startsWith('.')) visit(resolve(dirname(file), spec!.replace(/\.js$/, '.ts')))
    }
  }
  visit(entry)
  return [...seen]
}

describe('mocks/browser.ts', () => {
  it('reaches no node: module, directly or through the simulator and contracts', () => {
    const files = localImportGraph(resolve(here, 'browser.ts'))
    expect(files.some((f) => f.includes('/simulator/'))).toBe(true)
    const offenders = files.filter((f) => /from\s+'node:/.test(readFileSync(f, 'utf8')))
    expect(offenders).toEqual([])
  })
})
