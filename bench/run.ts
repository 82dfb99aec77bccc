/**
 * `npm run bench`: fintwin's throughput, latency, startup and state growth, measured against the
 * machine's own limit (a bare `node:http` server on the same machine, same load client).
 *
 * Servers run as CHILD processes; on a machine with ≥ 2 cores each child is pinned to core 1
 * (`taskset`) and this process (autocannon, the load client) to core 0, so client and server do
 * not fight over one core. Everything is loopback, every loop is bounded, total ≈ 2–3 minutes.
 * Writes `bench/results.json` and `bench/results.md`.
 *
 *   npm run bench                      # everything
 *   npm run bench -- --only raw,http   # some phases (raw, http, express, split, cash, sdk, startup, growth, sandbox)
 *   npm run bench -- --profile         # also --cpu-prof the fintwin server child (bench/results.raw/profiles/);
 *                                      # the profiler slows the server: take the numbers from a run without it
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { request as httpRequest, Agent } from 'node:http'
import { availableParallelism, loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import {
  activeAgents,
  cashDrawer,
  cashWithdrawalFlow,
  dailyKycFlow,
  aadhaarOkycFlow,
  ekoFlow,
  newTally,
  runFlowOnce,
  okycPeople,
  surepassFlow,
  toAutocannonRequests,
  type BenchFixtures,
  type FlowStep,
  type FlowTally,
  type SendFn,
} from './load/flows.js'
import { measureStartup } from './startup.js'
import { summarizeProfile } from './tools/summarize-profile.js'

const HERE = dirname(fileURLToPath(import.meta.url))
const ROOT = join(HERE, '..')

const { values: flags } = parseArgs({
  options: {
    only: { type: 'string' },
    profile: { type: 'boolean', default: false },
    connections: { type: 'string', default: '10' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
  },
})
const phases = new Set(
  (flags.only ?? 'raw,http,express,split,sdk,startup,growth,sandbox').split(','),
)
const CONNECTIONS = Number(flags.connections)
const DURATION = Number(flags.duration)
const WARMUP = Number(flags.warmup)
const CPUS = availableParallelism()
const STARTUP_RUNS = 10
const PIN = CPUS >= 2 && hasTaskset()

const results: Record<string, number> = {}
const notes: string[] = []
const errorSamples: string[] = []

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

function log(line: string): void {
  process.stderr.write(`[bench] ${line}\n`)
}

// ---------------------------------------------------------------------------------------------
// Children
// ---------------------------------------------------------------------------------------------

interface Child {
  proc: ChildProcess
  url: string
  ready: Record<string, any>
  next(type: string): Promise<Record<string, any>>
  stop(): Promise<void>
}

/** Spawns a TypeScript child on core 1 (when pinning), waits for its `ready` IPC message. */
async function spawnChild(
  script: string,
  args: string[],
  nodeFlags: string[] = [],
): Promise<Child> {
  const nodeArgs = [...nodeFlags, '--import', 'tsx', join(HERE, script), ...args]
  const proc = PIN
    ? spawn('taskset', ['-c', '1', process.execPath, ...nodeArgs], {
        cwd: ROOT,
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      })
    : spawn(process.execPath, nodeArgs, {
        cwd: ROOT,
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      })
  const waiting = new Map<string, (message: Record<string, any>) => void>()
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()))
  proc.on('message', (message: Record<string, any>) => {
    const resolve = waiting.get(message.type)
    waiting.delete(message.type)
    resolve?.(message)
  })
  const next = (type: string) =>
    new Promise<Record<string, any>>((resolve, reject) => {
      waiting.set(type, resolve)
      void exited.then(() => reject(new Error(`${script} exited while waiting for "${type}"`)))
    })
  const ready = await next('ready')
  return {
    proc,
    url: ready.url,
    ready,
    next,
    async stop() {
      proc.kill('SIGTERM')
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))])
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL')
    },
  }
}

// ---------------------------------------------------------------------------------------------
// HTTP helpers
// ---------------------------------------------------------------------------------------------

const agent = new Agent({ keepAlive: true, maxSockets: 1 })

/** One request over a keep-alive socket (sequential probes: one in flight at a time). */
function sender(base: string): SendFn {
  const url = new URL(base)
  return (method, path, headers, body) =>
    new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          method,
          path,
          headers:
            body === undefined
              ? headers
              : { ...headers, 'content-length': Buffer.byteLength(body) },
          agent,
        },
        (res) => {
          let text = ''
          res.setEncoding('utf8')
          res.on('data', (chunk: string) => (text += chunk))
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text, headers: res.headers }))
        },
      )
      req.on('error', reject)
      req.end(body)
    })
}

async function getJson(url: string): Promise<any> {
  const response = await fetch(url)
  if (response.status !== 200) throw new Error(`GET ${url} → ${response.status}`)
  return response.json()
}

// ---------------------------------------------------------------------------------------------
// autocannon
// ---------------------------------------------------------------------------------------------

interface LoadResult {
  rps: number
  flowsPerS: number
  p50: number
  p99: number
  errors: number
  samples: string[]
}

/**
 * Runs autocannon for `WARMUP` s (discarded) then `DURATION` s. `requestsFor(i, tally)` builds
 * connection i's request list (flows chained per connection). Errors = failed flow checks +
 * non-2xx + socket errors + timeouts of the measured run. With `amount`, the run stops after that
 * many requests instead (no warm-up): for flows that spend a finite resource.
 */
async function load(
  url: string,
  requestsFor: ((i: number, tally: FlowTally) => object[]) | undefined,
  overallRate?: number,
  amount?: number,
): Promise<LoadResult> {
  const once = async (duration: number) => {
    const tally = newTally()
    let connection = 0
    const options: Record<string, unknown> = {
      url,
      connections: CONNECTIONS,
      duration,
      timeout: 10,
    }
    if (requestsFor) {
      options.requests = requestsFor(0, tally)
      options.setupClient = (client: { setRequests(requests: object[]): void }) =>
        client.setRequests(requestsFor(connection++, tally))
    }
    if (overallRate !== undefined) options.overallRate = overallRate
    if (amount !== undefined) options.amount = amount
    const result = await autocannon(options as never)
    return { result, tally }
  }
  if (WARMUP > 0 && amount === undefined) await once(WARMUP)
  const { result, tally } = await once(DURATION)
  const errors = tally.errors + result.non2xx + result.errors + result.timeouts
  return {
    rps: result.requests.total / result.duration,
    flowsPerS: tally.flows / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors,
    samples: tally.samples,
  }
}

function noteErrors(name: string, r: LoadResult): void {
  results[`${name}_errors`] = r.errors
  for (const s of r.samples) errorSamples.push(`${name}: ${s}`)
}

// ---------------------------------------------------------------------------------------------
// Phases
// ---------------------------------------------------------------------------------------------

async function rawPhase(): Promise<void> {
  log('raw node:http (the machine limit)…')
  const raw = await spawnChild('servers/raw-server.ts', [])
  try {
    const r = await load(raw.url, undefined)
    results.raw_node_rps = Math.round(r.rps)
    results.raw_node_p99_ms = r.p99
    noteErrors('raw_node', r)
  } finally {
    await raw.stop()
  }
}

type Mix = 'mixed' | 'surepass' | 'eko'

function flowRequests(
  fixtures: BenchFixtures,
  mix: Mix,
): (i: number, tally: FlowTally) => object[] {
  const agents = activeAgents(fixtures)
  if (mix !== 'surepass' && agents.length < CONNECTIONS)
    throw new Error(`need ${CONNECTIONS} active Eko agents, have ${agents.length}`)
  const people = okycPeople(fixtures)
  if (mix !== 'eko' && people.length < CONNECTIONS)
    throw new Error(`need ${CONNECTIONS} Aadhaar OKYC people, have ${people.length}`)
  let persona = 0
  return (i, tally) => {
    const steps: FlowStep[] = []
    if (mix !== 'eko')
      steps.push(
        ...surepassFlow(fixtures, () => persona++),
        ...aadhaarOkycFlow(fixtures, people[i % people.length]!),
      )
    if (mix !== 'surepass') steps.push(...ekoFlow(fixtures, agents[i % agents.length]!))
    return toAutocannonRequests(steps, tally)
  }
}

/**
 * The same mixed flows inside a sandbox (`/sbx/{id}/…`) and in the default sandbox of one server,
 * alternated so drift on a shared machine hits both: what routing to a sandbox costs.
 */
async function sandboxPhase(): Promise<void> {
  const server = await spawnChild('servers/fintwin-server.ts', ['--port', '0'])
  try {
    const fixtures = (await getJson(`${server.url}/__sim/fixtures`)) as BenchFixtures
    const created = await fetch(`${server.url}/__sim/sandboxes`, { method: 'POST' })
    const { id } = (await created.json()) as { id: string }
    const flows = flowRequests(fixtures, 'mixed')
    const inSandbox = (i: number, tally: FlowTally) =>
      flows(i, tally).map((request) => prefixed(request, `/sbx/${id}`))
    const runs = { default: [] as number[], sandbox: [] as number[] }
    const reset = (base: string) =>
      fetch(`${base}/__sim/reset`, { method: 'POST' }).then((r) => r.arrayBuffer())
    for (let round = 0; round < 2; round++) {
      await reset(server.url)
      await reset(`${server.url}/sbx/${id}`)
      log(`default sandbox, mixed flows, peak (round ${round + 1})…`)
      const plain = await load(server.url, flows)
      noteErrors('sandbox_default', plain)
      runs.default.push(plain.rps)
      log(`inside a sandbox, mixed flows, peak (round ${round + 1})…`)
      const boxed = await load(server.url, inSandbox)
      noteErrors('sandbox_inside', boxed)
      runs.sandbox.push(boxed.rps)
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
    results.sandbox_default_rps = Math.round(mean(runs.default))
    results.sandbox_inside_rps = Math.round(mean(runs.sandbox))
    results.sandbox_cost_pct = round((1 - mean(runs.sandbox) / mean(runs.default)) * 100, 1)
  } finally {
    await server.stop()
  }
}

/** An autocannon request of a flow, its path under `prefix`. */
function prefixed(request: object, prefix: string): object {
  const step = request as { setupRequest(req: Record<string, unknown>, ctx: unknown): unknown }
  return {
    ...request,
    setupRequest(req: Record<string, unknown>, ctx: unknown) {
      const built = step.setupRequest(req, ctx) as Record<string, unknown> | null
      return built === null ? null : { ...built, path: `${prefix}${String(built.path)}` }
    },
  }
}

/** The same mixed flows with the dispatcher mounted in express (`createApp`), for comparison. */
async function expressPhase(): Promise<void> {
  const server = await spawnChild('servers/fintwin-server.ts', ['--port', '0', '--express'])
  try {
    const fixtures = (await getJson(`${server.url}/__sim/fixtures`)) as BenchFixtures
    log('fintwin through express, mixed flows, peak…')
    const peak = await load(server.url, flowRequests(fixtures, 'mixed'))
    results.http_express_flows_rps = Math.round(peak.rps)
    results.http_express_p99_ms_at_peak = peak.p99
    noteErrors('http_express', peak)
  } finally {
    await server.stop()
  }
}

async function httpPhases(): Promise<void> {
  const profileDir = join(HERE, 'results.raw', 'profiles')
  const nodeFlags = flags.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []
  if (flags.profile) mkdirSync(profileDir, { recursive: true })
  const server = await spawnChild('servers/fintwin-server.ts', ['--port', '0'], nodeFlags)
  try {
    const fixtures = (await getJson(`${server.url}/__sim/fixtures`)) as BenchFixtures
    const reset = () =>
      fetch(`${server.url}/__sim/reset`, { method: 'POST' }).then((r) => r.arrayBuffer())
    if (phases.has('http')) {
      log('fintwin, mixed flows, peak…')
      const peak = await load(server.url, flowRequests(fixtures, 'mixed'))
      results.http_flows_rps = Math.round(peak.rps)
      results.http_flows_per_s = Math.round(peak.flowsPerS)
      results.http_p50_ms_at_peak = peak.p50
      results.http_p99_ms_at_peak = peak.p99
      noteErrors('http_peak', peak)
      await reset()
      log(`fintwin, mixed flows, half of peak (${Math.round(peak.rps / 2)} req/s)…`)
      const half = await load(
        server.url,
        flowRequests(fixtures, 'mixed'),
        Math.max(1, Math.round(peak.rps / 2)),
      )
      results.http_p50_ms = half.p50
      results.http_p99_ms = half.p99
      results.http_half_peak_rps = Math.round(half.rps)
      noteErrors('http_half_peak', half)
      await reset()
    }
    if (phases.has('split')) {
      log('fintwin, Eko flows only…')
      const eko = await load(server.url, flowRequests(fixtures, 'eko'))
      results.http_flows_rps_eko_only = Math.round(eko.rps)
      results.http_eko_flows_per_s = Math.round(eko.flowsPerS)
      noteErrors('http_eko_only', eko)
      await reset()
      log('fintwin, Surepass flows only…')
      const surepass = await load(server.url, flowRequests(fixtures, 'surepass'))
      results.http_surepass_only_rps = Math.round(surepass.rps)
      results.http_surepass_flows_per_s = Math.round(surepass.flowsPerS)
      noteErrors('http_surepass_only', surepass)
      await reset()
    }
    if (phases.has('split') || phases.has('cash')) {
      log('fintwin, Eko cash withdrawals (Daily KYC once, then withdrawals)…')
      const tally = newTally()
      await runFlowOnce(dailyKycFlow(fixtures), sender(server.url), tally, [])
      if (tally.errors > 0)
        throw new Error(`Daily KYC before the withdrawals failed: ${tally.samples}`)
      // Money runs out: the run is capped at the withdrawals the accounts fund (less one per
      // connection in flight), with no warm-up to spend them.
      const drawer = cashDrawer(fixtures)
      const cash = await load(
        server.url,
        (_i, t) => toAutocannonRequests(cashWithdrawalFlow(fixtures, drawer), t),
        undefined,
        drawer.capacity - CONNECTIONS,
      )
      results.http_cash_withdrawal_rps = Math.round(cash.rps)
      results.http_cash_withdrawal_p99_ms = cash.p99
      noteErrors('http_cash_withdrawal', cash)
      await reset()
    }
    if (phases.has('sdk')) {
      log('SDK over HTTP…')
      const sdk = await runClient(['--door', 'http', '--url', server.url, '--seconds', '5'])
      results.http_sdk_flows_per_s = Math.round(sdk.flows_per_s)
      results.http_sdk_errors = sdk.errors
      for (const s of sdk.samples) errorSamples.push(`http_sdk: ${s}`)
    }
  } finally {
    await server.stop()
  }
  if (flags.profile) {
    const file = readdirSync(profileDir)
      .filter((f) => f.endsWith('.cpuprofile'))
      .sort((a, b) => statSync(join(profileDir, b)).size - statSync(join(profileDir, a)).size)[0]
    if (file) {
      const top = summarizeProfile(join(profileDir, file), 15)
      log(`profile ${file}:\n${top}`)
      notes.push(
        `Run with --profile: the server child ran under the CPU profiler (bench/results.raw/profiles/${file}), which slows it; HTTP numbers of this run are low.`,
      )
    }
  }
}

/** Runs `clients/sdk-flows.ts` as a child (on core 0 with this process idle) and reads its JSON line. */
async function runClient(
  args: string[],
): Promise<{ flows_per_s: number; errors: number; samples: string[] }> {
  const nodeArgs = ['--import', 'tsx', join(HERE, 'clients/sdk-flows.ts'), ...args]
  const proc = PIN
    ? spawn('taskset', ['-c', '0', process.execPath, ...nodeArgs], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      })
    : spawn(process.execPath, nodeArgs, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  proc.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk))
  const code = await new Promise<number | null>((resolve) => proc.once('exit', resolve))
  const line = out.trim().split('\n').at(-1) ?? ''
  if (code !== 0 || !line.startsWith('{'))
    throw new Error(`sdk-flows ${args.join(' ')} exited ${code}: ${out}`)
  return JSON.parse(line)
}

async function sdkInProcessPhase(): Promise<void> {
  log('SDK in-process (msw), native RSA…')
  const native = await runClient(['--door', 'msw', '--seconds', '5'])
  results.inprocess_flows_per_s = Math.round(native.flows_per_s)
  results.inprocess_errors = native.errors
  for (const s of native.samples) errorSamples.push(`inprocess: ${s}`)
  log('SDK in-process (msw), default forge RSA…')
  const forge = await runClient(['--door', 'msw', '--seconds', '3', '--platform', 'default'])
  results.inprocess_flows_per_s_forge = Math.round(forge.flows_per_s)
  results.inprocess_forge_errors = forge.errors
}

/** `startup.ts`, on a fresh build: the compiled CLI to its first healthy `/__sim/health`. */
async function startupPhase(): Promise<void> {
  log('startup (npm run build first)…')
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' })
  // Every core, as a user's `fintwin serve` gets (this process is pinned to core 0).
  const startup = await measureStartup(STARTUP_RUNS, PIN ? ['taskset', '-c', `0-${CPUS - 1}`] : [])
  results.startup_ms = startup.median
  results.startup_ms_first_run = startup.first
}

/**
 * p50 of a fixed request mix (sequential: one Surepass flow then one Eko flow, repeated) with 1k
 * and with 100k live OTP sessions, in ONE server child grown between the two probes; and the heap
 * that growth cost (after `global.gc()`).
 */
async function growthPhase(): Promise<void> {
  log('growth: 1k sessions…')
  const server = await spawnChild(
    'servers/fintwin-server.ts',
    ['--port', '0', '--sessions', '1000'],
    ['--expose-gc'],
  )
  try {
    const fixtures = (await getJson(`${server.url}/__sim/fixtures`)) as BenchFixtures
    const send = sender(server.url)
    const agents = activeAgents(fixtures)
    let persona = 0
    const probe = async (flows: number) => {
      const tally = newTally()
      const latencies: number[] = []
      const surepass = surepassFlow(fixtures, () => persona++)
      const eko = ekoFlow(fixtures, agents[0]!)
      for (let i = 0; i < flows; i++) {
        await runFlowOnce(surepass, send, tally, latencies)
        await runFlowOnce(eko, send, tally, latencies)
      }
      latencies.sort((a, b) => a - b)
      return { p50: latencies[Math.floor(latencies.length / 2)]!, tally }
    }
    await probe(600) // warm-up: JIT and lazily compiled validators
    const small = await probe(600)
    server.proc.send({ type: 'heap' })
    const before = await server.next('heap')
    log('growth: populating 100k sessions in the child…')
    server.proc.send({ type: 'populate', total: 100_000 })
    const grown = await server.next('populated')
    await probe(200) // settle
    const large = await probe(600)
    results.growth_p50_ms_1k = round(small.p50, 3)
    results.growth_p50_ms_100k = round(large.p50, 3)
    results.latency_growth_100k_vs_1k = round(large.p50 / small.p50, 3)
    const sessionsAdded = grown.sessions - before.stats.otps
    results.heap_mb_per_1k_sessions = round(
      (grown.heapUsed - before.heapUsed) / 1024 / 1024 / (sessionsAdded / 1000),
      3,
    )
    results.heap_mb_at_100k_sessions = round(grown.heapUsed / 1024 / 1024, 1)
    results.populate_100k_ms = grown.ms
    results.growth_live_otp_sessions = grown.stats.otps
    results.growth_errors = small.tally.errors + large.tally.errors
    for (const s of [...small.tally.samples, ...large.tally.samples])
      errorSamples.push(`growth: ${s}`)
  } finally {
    await server.stop()
  }
}

function round(n: number, digits: number): number {
  const f = 10 ** digits
  return Math.round(n * f) / f
}

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------

const ROWS: [string, string][] = [
  ['raw_node_rps', 'bare node:http, canned JSON (the machine limit), req/s'],
  ['http_flows_rps', 'fintwin server, mixed flows, req/s at peak'],
  ['http_vs_raw_ratio', 'fintwin ÷ bare node:http (target ≥ 0.12)'],
  ['http_flows_per_s', 'complete flows/s at peak (mixed)'],
  ['http_p50_ms_at_peak', 'p50 latency at peak, ms'],
  ['http_p99_ms_at_peak', 'p99 latency at peak, ms'],
  ['http_half_peak_rps', 'rate sent for the half-peak run, req/s'],
  ['http_p50_ms', 'p50 latency at half of peak, ms'],
  ['http_p99_ms', 'p99 latency at half of peak, ms (target ≤ 15)'],
  [
    'http_express_flows_rps',
    'the same mixed flows with the dispatcher mounted in express (`createApp`), req/s at peak',
  ],
  ['http_express_vs_raw_ratio', 'express-mounted ÷ bare node:http'],
  ['http_express_p99_ms_at_peak', 'p99 at peak through express, ms'],
  ['sandbox_default_rps', 'mixed flows in the default sandbox, req/s at peak (mean of 2)'],
  ['sandbox_inside_rps', 'the same flows inside a sandbox (`/sbx/{id}/…`), req/s (mean of 2)'],
  ['sandbox_cost_pct', 'what serving inside a sandbox costs, % of throughput (target ≤ 10)'],
  ['http_flows_rps_eko_only', 'Eko flows only, req/s'],
  ['http_eko_flows_per_s', 'Eko flows only, flows/s'],
  ['http_cash_withdrawal_rps', 'Eko AePS cash withdrawals (one request per flow), req/s'],
  ['http_cash_withdrawal_p99_ms', 'Eko AePS cash withdrawals, p99 ms at peak'],
  ['http_surepass_only_rps', 'Surepass flows only, req/s'],
  ['http_surepass_flows_per_s', 'Surepass flows only, flows/s'],
  ['http_sdk_flows_per_s', 'SDK over HTTP, flows/s (10 concurrent)'],
  ['inprocess_flows_per_s', 'SDK + msw in-process, native RSA (nodePlatform), flows/s'],
  ['inprocess_flows_per_s_forge', 'SDK + msw in-process, default forge RSA, flows/s'],
  [
    'startup_ms',
    'spawn the compiled `fintwin serve --port 0 --quiet` (dist/) → first 200 /__sim/health, median of 10, ms (target ≤ 400)',
  ],
  ['startup_ms_first_run', 'same, first (discarded) run, ms'],
  ['growth_p50_ms_1k', 'p50 of the fixed mix, 1k live sessions, ms'],
  ['growth_p50_ms_100k', 'p50 of the fixed mix, 100k live sessions, ms'],
  ['latency_growth_100k_vs_1k', 'ratio (target ≤ 1.5)'],
  ['growth_live_otp_sessions', 'live OTP records in the store during the large probe'],
  ['heap_mb_per_1k_sessions', 'heap per 1k live OTP sessions after gc, MB (target ≤ 2)'],
  ['heap_mb_at_100k_sessions', 'heap used at 100k sessions, MB'],
  ['populate_100k_ms', 'populating 1k → 100k sessions through sim.handle, ms'],
]

function writeReport(): void {
  if (results.http_flows_rps !== undefined && results.raw_node_rps !== undefined) {
    results.http_vs_raw_ratio = round(results.http_flows_rps / results.raw_node_rps, 3)
  }
  if (results.http_express_flows_rps !== undefined && results.raw_node_rps !== undefined) {
    results.http_express_vs_raw_ratio = round(
      results.http_express_flows_rps / results.raw_node_rps,
      3,
    )
  }
  const errorKeys = Object.keys(results).filter((k) => k.endsWith('_errors'))
  results.total_errors = errorKeys.reduce((sum, k) => sum + results[k]!, 0)
  const report = { date: new Date().toISOString(), node: process.version, cpus: CPUS, results }
  const [load1] = loadavg()
  notes.push(
    `Load average (1 min) at the end: ${load1!.toFixed(2)} on ${CPUS} CPUs. Other work on the machine (a test run, a build) lowers every HTTP figure; compare runs on a quiet machine.`,
  )
  writeFileSync(join(HERE, 'results.json'), `${JSON.stringify(report, null, 2)}\n`)
  const known = new Set(ROWS.map(([k]) => k))
  const lines = [
    `# fintwin benchmark`,
    ``,
    `${report.date} · Node ${report.node} · ${CPUS} CPUs · ${PIN ? 'server child pinned to core 1, load client to core 0' : 'no CPU pinning'}`,
    ``,
    `| metric | value | what |`,
    `|---|---:|---|`,
    ...ROWS.filter(([k]) => results[k] !== undefined).map(
      ([k, what]) => `| \`${k}\` | ${results[k]} | ${what} |`,
    ),
    ...Object.keys(results)
      .filter((k) => !known.has(k))
      .map(
        (k) =>
          `| \`${k}\` | ${results[k]} | ${k.endsWith('_errors') ? 'failed checks + non-2xx + socket errors + timeouts' : ''} |`,
      ),
    ``,
    `How it is measured:`,
    `- Load: autocannon (programmatic), ${CONNECTIONS} connections, ${WARMUP} s warm-up (discarded) then ${DURATION} s, against each server run as a child process. Bare node:http and fintwin get the same connections and duration.`,
    `- Mixed flows: each connection loops Surepass search → generate OTP → GET /__sim/otps?ref= → download, then Eko Send OTP → GET /__sim/otps?ref= → Verify OTP (its own Eko agent per connection). Every response is checked (status, envelope, ids, no \`x-fintwin-contract-violation\`); a failed check is an error and restarts that connection's flow.`,
    `- Eko requests are signed per request with a fresh \`secret-key-timestamp\` and the Aadhaar is RSA-encrypted PER REQUEST (fresh ciphertext, as the SDK does), so the server decrypts on every Eko request; no decrypt-cache hits.`,
    `- fintwin server: the CLI's setup (\`createSimulator({ platform: nodePlatform() })\`, contract validation of requests and responses and the journal ON, \`onContractViolation: 'flag'\`) run quiet: no access log (stdout writes), as \`fintwin serve --quiet\`.`,
    `- \`http_p99_ms\`: same mix at autocannon \`overallRate\` = peak/2 (autocannon spreads it per connection per second).`,
    `- Growth: one server child with 1k pre-populated live OTP sessions (through \`sim.handle\`: half Surepass search + generate OTP, half Eko Send OTP), sequential probe (600 Surepass + 600 Eko flows after a 600-flow warm-up, one request in flight), then grown to 100k in the same process and probed again; heap after \`global.gc()\` (--expose-gc).`,
    `- Cash withdrawals: the \`ekyc_done\` agent's Daily KYC once, then each connection loops one ₹50 AePS cash withdrawal from the instant-answering account with the most money left, for as many withdrawals as the accounts fund (no warm-up; each answer checked as a 1463 of ₹50.00).`,
    `- In-process: the SDK clients (default options, no client-side response validation) through msw \`setupServer(...createHandlers(sim))\`, 10 concurrent flow loops, one process.`,
    ...notes.map((n) => `- ${n}`),
    ``,
  ]
  if (errorSamples.length > 0)
    lines.push(`Error samples:`, '', ...errorSamples.map((s) => `- ${s}`), '')
  writeFileSync(join(HERE, 'results.md'), lines.join('\n'))
  process.stdout.write(lines.join('\n'))
}

// ---------------------------------------------------------------------------------------------

const started = performance.now()
if (PIN) execFileSync('taskset', ['-a', '-p', '-c', '0', String(process.pid)], { stdio: 'ignore' })
try {
  if (phases.has('raw')) await rawPhase()
  if (phases.has('http') || phases.has('split') || phases.has('cash') || phases.has('sdk'))
    await httpPhases()
  if (phases.has('express')) await expressPhase()
  if (phases.has('sdk')) await sdkInProcessPhase()
  if (phases.has('startup')) await startupPhase()
  if (phases.has('growth')) await growthPhase()
  if (phases.has('sandbox')) await sandboxPhase()
} finally {
  writeReport()
  log(`done in ${Math.round((performance.now() - started) / 1000)} s`)
}
process.exit(0)
