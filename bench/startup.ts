/**
 * Start-up as a user meets it: ms from spawning the compiled CLI (`node dist/mocks/cli/bin.js
 * serve --port 0 --quiet`, what `npx fintwin serve` runs in an app) to its first 200 from
 * `GET /__sim/health`. One discarded warm-up run (it fills the OS file cache), then the median
 * of `runs`. Needs a fresh `npm run build`. `npm run bench` uses it; on its own:
 *
 *   npm run bench:startup                # builds, then 10 runs; prints JSON, writes nothing
 *   npm run bench:startup -- --runs 20
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
/** The compiled bin, as npm links it into an app's `node_modules/.bin/fintwin`. */
export const COMPILED_BIN = join(ROOT, 'dist/mocks/cli/bin.js')

/** What {@link measureStartup} found, ms. */
export interface StartupResult {
  median: number
  first: number
  runs: number[]
}

/** One start: spawn, wait for the banner's URL, poll health every 2 ms until 200, stop. */
async function startOnce(prefix: readonly string[]): Promise<number> {
  const started = performance.now()
  const cli = [...prefix, process.execPath, COMPILED_BIN, 'serve', '--port', '0', '--quiet']
  const proc = spawn(cli[0]!, cli.slice(1), { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  const url = await new Promise<string>((resolve, reject) => {
    proc.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk
      const match = /listening on (http:\/\/\S+)/.exec(out)
      if (match) resolve(match[1]!)
    })
    proc.once('exit', (code) => reject(new Error(`CLI exited ${code} before its banner`)))
  })
  let ms = 0
  for (let attempt = 0; attempt < 1000 && ms === 0; attempt++) {
    const status = await fetch(`${url}/__sim/health`).then(
      async (r) => {
        await r.arrayBuffer()
        return r.status
      },
      () => 0,
    )
    if (status === 200) ms = performance.now() - started
    else await new Promise((resolve) => setTimeout(resolve, 2))
  }
  proc.kill('SIGTERM')
  await new Promise((resolve) => proc.once('exit', resolve))
  if (ms === 0) throw new Error('CLI never answered /__sim/health with 200')
  return ms
}

/**
 * Measures {@link COMPILED_BIN}'s start-up `runs` times. `prefix` runs the CLI under another
 * command (the bench passes `taskset -c 0-N` so the CLI gets every core, as a user's does).
 */
export async function measureStartup(
  runs: number,
  prefix: readonly string[] = [],
): Promise<StartupResult> {
  if (!existsSync(COMPILED_BIN)) throw new Error(`${COMPILED_BIN} is missing: npm run build first`)
  await fetch('http://127.0.0.1:9/').catch(() => undefined) // warm this process's fetch first
  const first = await startOnce(prefix)
  const times: number[] = []
  for (let i = 0; i < runs; i++) times.push(await startOnce(prefix))
  const sorted = [...times].sort((a, b) => a - b)
  const middle = (sorted[(sorted.length - 1) >> 1]! + sorted[sorted.length >> 1]!) / 2
  return { median: Math.round(middle), first: Math.round(first), runs: times.map(Math.round) }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' } } })
  const result = await measureStartup(Number(values.runs))
  process.stdout.write(`${JSON.stringify({ startup_ms: result.median, ...result })}\n`)
}
