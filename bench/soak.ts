/**
 * Soak test (`npm run soak`, not part of CI): one fintwin server on 127.0.0.1 (a free port), N
 * concurrent loops running complete flows over real HTTP for a set time —
 *   Surepass: search → generate-otp → OTP inbox → download
 *   Eko:      signed Send OTP → OTP inbox → Verify OTP
 * — then a report: requests, errors (any unexpected status or outcome, contract-violation header,
 * network error or internal error log line; must be 0, else exit 1), req/s, latency, RSS and heap
 * at start and end (after a forced GC when run with `node --expose-gc`), and the simulator's state.
 *
 *   npm run soak -- --seconds 20 --concurrency 16
 *   node --expose-gc --import tsx bench/soak.ts --seconds 60
 *
 * `--mode sandbox-churn`: each loop creates a sandbox, runs the Surepass flow and an Eko Send OTP
 * inside it, moves its clock, and deletes it, over and over; the report adds how many sandboxes
 * came and went and how many are left (must be none but the default), and the heap before and
 * after shows whether a deleted sandbox leaves anything behind.
 *
 *   node --expose-gc --import tsx bench/soak.ts --mode sandbox-churn --seconds 60
 *
 * Bounded in time (`--seconds`, at most 3600) and in count (`--max-requests`), loopback only, and
 * it stops by itself: every request has a timeout, and the server is closed at the end.
 */
import { Agent, request } from 'node:http'
import { parseArgs } from 'node:util'
import { startServer, type Logger } from '../mocks/index.js'
import { signEkoRequest } from '../contracts/index.js'
import { createSimulator, encryptAadhaarForTest, type SimFixtures } from '../simulator/index.js'

interface Options {
  mode: 'flows' | 'sandbox-churn'
  seconds: number
  concurrency: number
  maxRequests: number
  timeoutMs: number
}

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '60' },
      concurrency: { type: 'string', default: '16' },
      'max-requests': { type: 'string', default: '10000000' },
      'timeout-ms': { type: 'string', default: '10000' },
      mode: { type: 'string', default: 'flows' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  })
  if (values.help) {
    process.stdout.write(
      'Usage: npm run soak -- [--mode flows|sandbox-churn] [--seconds 60] [--concurrency 16] [--max-requests 10000000] [--timeout-ms 10000]\n',
    )
    process.exit(0)
  }
  const num = (text: string, name: string, min: number, max: number) => {
    const n = Number(text)
    if (!Number.isFinite(n) || n < min || n > max) {
      process.stderr.write(
        `soak: --${name} must be a number from ${min} to ${max}, got "${text}"\n`,
      )
      process.exit(2)
    }
    return n
  }
  if (values.mode !== 'flows' && values.mode !== 'sandbox-churn') {
    process.stderr.write(`soak: --mode must be flows or sandbox-churn, got "${values.mode}"\n`)
    process.exit(2)
  }
  return {
    mode: values.mode,
    seconds: num(values.seconds, 'seconds', 1, 3600),
    concurrency: Math.floor(num(values.concurrency, 'concurrency', 1, 512)),
    maxRequests: Math.floor(num(values['max-requests'], 'max-requests', 1, 1e9)),
    timeoutMs: num(values['timeout-ms'], 'timeout-ms', 100, 120_000),
  }
}

type Fixtures = SimFixtures

interface EkoAgentSlot {
  user_code: string
  customer_id: string
  latlong: string
  aadhar: string
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
const gc = (globalThis as { gc?: () => void }).gc

function memory(): { rss: number; heapUsed: number } {
  gc?.()
  const { rss, heapUsed } = process.memoryUsage()
  return { rss, heapUsed }
}

/** A failed expectation inside a flow: counted as an error, the loop goes on. */
class FlowError extends Error {}

async function main(): Promise<number> {
  const options = readOptions()
  const internalErrors: string[] = []
  const logger: Logger = { info: () => undefined, error: (line) => void internalErrors.push(line) }
  const server = await startServer({
    simulator: createSimulator({ seed: 'soak', config: { onContractViolation: 'flag' } }),
    port: 0,
    host: '127.0.0.1',
    quiet: true,
    logger,
  })
  const base = server.url

  let requests = 0
  let errors = 0
  const errorSamples: string[] = []
  const latencies: number[] = []
  const flows = { surepass: 0, eko: 0 }

  // node:http with a keep-alive pool rather than fetch: on this one-process setup fetch's own cost
  // (undici, WHATWG streams) takes about three times the CPU of the server it is measuring.
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency })

  function send(
    method: string,
    path: string,
    headers: Record<string, string>,
    payload: string | undefined,
  ): Promise<{ status: number; text: string; violation: string | undefined }> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: server.host,
          port: server.port,
          method,
          path,
          agent,
          timeout: options.timeoutMs,
          headers:
            payload === undefined
              ? headers
              : { ...headers, 'content-length': Buffer.byteLength(payload) },
        },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (chunk: Buffer) => chunks.push(chunk))
          res.on('end', () => {
            const violation = res.headers['x-fintwin-contract-violation']
            resolve({
              status: res.statusCode ?? 0,
              text: Buffer.concat(chunks).toString('utf8'),
              violation: Array.isArray(violation) ? violation.join(', ') : violation,
            })
          })
          res.on('error', reject)
        },
      )
      req.on('timeout', () =>
        req.destroy(new Error(`${method} ${path}: no answer within ${options.timeoutMs} ms`)),
      )
      req.on('error', reject)
      req.end(payload)
    })
  }

  async function call(
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: unknown,
  ): Promise<{ status: number; body: any }> {
    requests++
    const started = performance.now()
    const response = await send(
      method,
      path,
      body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body === undefined ? undefined : JSON.stringify(body),
    )
    if (latencies.length < 200_000) latencies.push(performance.now() - started)
    if (response.violation !== undefined)
      throw new FlowError(`${method} ${path}: contract violation ${response.violation}`)
    return {
      status: response.status,
      body: response.text.length > 0 ? JSON.parse(response.text) : undefined,
    }
  }
  function expectThat(ok: boolean, what: string, got: unknown): void {
    if (!ok) throw new FlowError(`${what}: ${JSON.stringify(got).slice(0, 300)}`)
  }

  const fixtures = (await call('GET', '/__sim/fixtures', {})).body as Fixtures
  const clock = (await call('GET', '/__sim/clock', {})).body as { now_ms: number }
  const clockOffset = clock.now_ms - Date.now()
  const happy = fixtures.surepass.ckyc.find((p) => p.label === 'happy')!
  const surepassAuth = { authorization: `Bearer ${fixtures.surepass.token}` }
  // Eko "only the latest OTP is valid" is per agent: each active agent is leased to one loop at a time.
  const freeAgents: EkoAgentSlot[] = fixtures.eko.agents
    .filter((a) => a.aeps_status === 'active')
    .map((a) => ({
      user_code: a.user_code,
      customer_id: a.customer_id,
      latlong: a.latlong,
      aadhar: encryptAadhaarForTest(a.aadhaar),
    }))
  const ekoAgentCount = freeAgents.length

  async function surepassFlow(base = ''): Promise<void> {
    const search = await call('POST', `${base}/api/v1/ckyc/search`, surepassAuth, {
      document_type: happy.document_type,
      id_number: happy.id_number,
    })
    expectThat(search.status === 200, 'search', search)
    const generated = await call('POST', `${base}/api/v1/ckyc-v2/generate-otp`, surepassAuth, {
      client_id: search.body.data.client_id,
      mobile_number: happy.mobile_number,
    })
    expectThat(generated.status === 200, 'generate-otp', generated)
    const downloadId = generated.body.data.client_id as string
    const inbox = await call('GET', `${base}/__sim/otps?ref=${downloadId}`, {})
    expectThat(inbox.status === 200 && inbox.body.otps.length === 1, 'otp inbox', inbox)
    const download = await call('POST', `${base}/api/v1/ckyc-v2/download`, surepassAuth, {
      client_id: downloadId,
      otp: inbox.body.otps[0].otp,
    })
    expectThat(download.status === 200 && download.body.success === true, 'download', download)
    flows.surepass++
  }

  async function ekoFlow(agent: EkoAgentSlot, base = '', offset = clockOffset): Promise<void> {
    const signed = () => signEkoRequest(fixtures.eko, Date.now() + offset)
    const who = {
      initiator_id: fixtures.eko.initiator_id,
      user_code: agent.user_code,
      customer_id: agent.customer_id,
      aadhar: agent.aadhar,
      latlong: agent.latlong,
    }
    const sent = await call(
      'POST',
      `${base}/ekoapi/v3/user/collection/aeps-fingpay/kyc/otp`,
      await signed(),
      who,
    )
    expectThat(sent.status === 200 && sent.body.status === 0, 'eko send otp', sent)
    const ids = sent.body.data as { otp_ref_id: string; reference_tid: string }
    const inbox = await call('GET', `${base}/__sim/otps?ref=${ids.otp_ref_id}`, {})
    expectThat(inbox.status === 200 && inbox.body.otps.length === 1, 'eko otp inbox', inbox)
    const verified = await call(
      'PUT',
      `${base}/ekoapi/v3/user/collection/aeps-fingpay/kyc/otp/verify`,
      await signed(),
      { ...who, ...ids, otp: inbox.body.otps[0].otp },
    )
    expectThat(
      verified.status === 200 && verified.body.response_type_id === 1604,
      'eko verify otp',
      verified,
    )
    flows.eko++
  }

  const before = memory()
  const startedAt = performance.now()
  const deadline = startedAt + options.seconds * 1000
  let turn = 0

  const churn = { created: 0, deleted: 0 }
  /** One sandbox's life: created, used by both providers, its clock moved, deleted. */
  async function sandboxLife(): Promise<void> {
    const created = await call('POST', '/__sim/sandboxes', {}, { name: 'churn' })
    expectThat(created.status === 201, 'create sandbox', created)
    churn.created++
    const base = `/sbx/${created.body.id}`
    try {
      await surepassFlow(base)
      const [agent] = freeAgents // a fresh sandbox: every agent is free in it
      const moved = await call('POST', `${base}/__sim/clock`, {}, { advance_ms: 60_000 })
      expectThat(moved.status === 200, 'move sandbox clock', moved)
      if (agent) await ekoFlow(agent, base, moved.body.offset_ms as number)
    } finally {
      const deleted = await call('DELETE', `/__sim/sandboxes/${created.body.id}`, {})
      expectThat(deleted.status === 200, 'delete sandbox', deleted)
      churn.deleted++
    }
  }

  async function loop(): Promise<void> {
    while (performance.now() < deadline && requests < options.maxRequests) {
      const agent = options.mode === 'flows' && turn++ % 2 === 1 ? freeAgents.pop() : undefined
      try {
        if (options.mode === 'sandbox-churn') await sandboxLife()
        else if (agent) await ekoFlow(agent)
        else await surepassFlow()
      } catch (error) {
        errors++
        if (errorSamples.length < 10)
          errorSamples.push(error instanceof Error ? error.message : String(error))
      } finally {
        if (agent) freeAgents.push(agent)
      }
    }
  }

  process.stdout.write(
    `soak (${options.mode}): ${options.concurrency} loops for ${options.seconds} s against ${base} (${ekoAgentCount} Eko agents to lease)${gc ? '' : ' — run with --expose-gc for GC-settled memory figures'}\n`,
  )
  await Promise.all(Array.from({ length: options.concurrency }, () => loop()))
  const elapsed = (performance.now() - startedAt) / 1000
  const state = ((await call('GET', '/__sim/health', {})).body as { state: Record<string, number> })
    .state
  const left = ((await call('GET', '/__sim/sandboxes', {})).body as { sandboxes: unknown[] })
    .sandboxes.length
  if (options.mode === 'sandbox-churn' && left !== 1) {
    errors++
    errorSamples.push(`${left - 1} sandboxes left after the churn`)
  }
  const after = memory()
  agent.destroy()
  await server.close()

  latencies.sort((a, b) => a - b)
  const pct = (p: number) =>
    latencies.length === 0
      ? 0
      : latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!
  errors += internalErrors.length
  const report = [
    `requests   ${requests} in ${elapsed.toFixed(1)} s = ${(requests / elapsed).toFixed(0)} req/s`,
    `flows      surepass ${flows.surepass}, eko ${flows.eko}`,
    `errors     ${errors}${internalErrors.length > 0 ? ` (${internalErrors.length} internal error log lines)` : ''}`,
    `latency    p50 ${pct(50).toFixed(2)} ms, p99 ${pct(99).toFixed(2)} ms, max ${pct(100).toFixed(2)} ms`,
    `memory     rss ${mb(before.rss)} → ${mb(after.rss)}, heap ${mb(before.heapUsed)} → ${mb(after.heapUsed)}${gc ? ' (after GC)' : ''}`,
    `state      ${JSON.stringify(state)}`,
    ...(options.mode === 'sandbox-churn'
      ? [
          `sandboxes  ${churn.created} created, ${churn.deleted} deleted, ${left - 1} left besides the default`,
        ]
      : []),
  ]
  process.stdout.write(report.map((line) => `  ${line}\n`).join(''))
  for (const sample of [...errorSamples, ...internalErrors.slice(0, 5)])
    process.stdout.write(`  error: ${sample}\n`)
  return errors === 0 ? 0 : 1
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `soak: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    )
    process.exit(1)
  },
)
