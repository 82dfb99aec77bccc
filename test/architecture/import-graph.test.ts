/**
 * The import graph of the source tree (not tests): no cycles, and the direction the layers
 * promise — `contracts/` imports nothing of ours, `sdk/` only `contracts/`, `simulator/` no door.
 * Type-only imports count: a cycle of types is still a knot a reader has to untie.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const SOURCE_DIRS = ['contracts', 'simulator', 'mocks', 'sdk', 'bench']

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : []
  })
}

/** Static `import … from`, `export … from`, side-effect `import '…'` and `import('…')` specifiers. */
const SPECIFIER =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g

/** The repository files `file` imports (relative specifiers only; `.js` → `.ts`). */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8')
  const found: string[] = []
  for (const match of text.matchAll(SPECIFIER)) {
    const specifier = match[1] ?? match[2] ?? match[3] ?? ''
    if (!specifier.startsWith('.')) continue
    const target = relative(ROOT, resolve(ROOT, dirname(file), specifier)).replace(/\.js$/, '.ts')
    if (target.endsWith('.ts')) found.push(target)
  }
  return found
}

const files = SOURCE_DIRS.flatMap(sourceFiles).sort()
const graph = new Map(files.map((file) => [file, importsOf(file)]))

/** Every cycle, each as the path that closes it (depth-first, Tarjan-free: the graph is small). */
function cycles(): string[][] {
  const found: string[][] = []
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const visit = (file: string): void => {
    state.set(file, 'open')
    stack.push(file)
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next])
      else if (!state.has(next)) visit(next)
    }
    stack.pop()
    state.set(file, 'done')
  }
  for (const file of files) if (!state.has(file)) visit(file)
  return found
}

describe('the import graph of the source tree', () => {
  it('is read from every source file', () => {
    expect(files.length).toBeGreaterThan(50)
    expect(graph.get('simulator/create-simulator-core.ts')).toContain('simulator/config.ts')
  })

  it('has no import cycle', () => {
    expect(cycles().map((cycle) => cycle.join(' → '))).toEqual([])
  })

  it('keeps the layers: contracts import nothing of ours, the SDK only contracts, the simulator no door', () => {
    const wrong: string[] = []
    for (const [file, imports] of graph) {
      const allowed = file.startsWith('contracts/')
        ? ['contracts/']
        : file.startsWith('sdk/')
          ? ['sdk/', 'contracts/']
          : file.startsWith('simulator/')
            ? ['simulator/', 'contracts/', 'package.json']
            : undefined
      if (!allowed) continue
      for (const target of imports)
        if (!allowed.some((prefix) => target.startsWith(prefix))) wrong.push(`${file} → ${target}`)
    }
    expect(wrong).toEqual([])
  })

  it('finds a cycle when there is one (the check can fail)', () => {
    graph.set('simulator/config.ts', [
      ...(graph.get('simulator/config.ts') ?? []),
      'simulator/create-simulator.ts',
    ])
    try {
      expect(cycles().length).toBeGreaterThan(0)
    } finally {
      graph.set('simulator/config.ts', importsOf('simulator/config.ts'))
    }
  })
})
