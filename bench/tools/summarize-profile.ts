import { readFileSync } from 'node:fs'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}

interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

function label(node: ProfileNode): string {
  const { functionName, url } = node.callFrame
  const where = url
    ? url
        .replace(/^.*\/(node_modules\/)/, '$1')
        .replace(/^file:\/\/\/work\/main\//, '')
        .replace(/^.*\/work\/main\//, '')
    : ''
  return `${functionName || '(anonymous)'}${where ? ` ${where}` : ''}`
}

/**
 * Top self-time functions of a `.cpuprofile` (V8 sampling profile), as text lines: the share of
 * the BUSY time (idle excluded), then the function and its file. With `inclusive`, also the top
 * inclusive (self + callees) entries, which show where whole subsystems go (ajv, crypto, express).
 */
export function summarizeProfile(file: string, top = 15, inclusive = false): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const self = new Map<string, number>()
  const incl = new Map<string, number>()
  let busy = 0
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]!)
    const dt = profile.timeDeltas[i] ?? 0
    if (!node || node.callFrame.functionName === '(idle)') continue
    busy += dt
    const key = label(node)
    self.set(key, (self.get(key) ?? 0) + dt)
    if (inclusive) {
      const seen = new Set<string>()
      for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
        const k = label(byId.get(id)!)
        if (seen.has(k)) continue
        seen.add(k)
        incl.set(k, (incl.get(k) ?? 0) + dt)
      }
    }
  }
  const fmt = (entries: Map<string, number>) =>
    [...entries.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, us]) => `${((us / busy) * 100).toFixed(1).padStart(5)}%  ${key}`)
  const lines = [`busy ${(busy / 1e6).toFixed(1)} s; self time:`, ...fmt(self)]
  if (inclusive) lines.push('inclusive:', ...fmt(incl))
  return lines.join('\n')
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(
    `${summarizeProfile(process.argv[2]!, Number(process.argv[3] ?? 25), process.argv[4] === 'inclusive')}\n`,
  )
}
