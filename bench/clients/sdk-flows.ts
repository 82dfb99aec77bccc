/**
 * Bench-only child: complete flows/s through the SDK (`SurepassClient`, `EkoClient`), either
 * in-process through msw (`--door msw`: `setupServer(...createHandlers(sim))`, the providers'
 * real base URLs) or over HTTP against a running server (`--door http --url U`). Flows are the
 * same as the HTTP load's: Surepass search → generate OTP → OTP from `/__sim/otps?ref=` →
 * download; Eko Send OTP → OTP → Verify OTP (the SDK signs and RSA-encrypts every request).
 * `--concurrency K` flow loops run at once, each with its own Eko agent. Prints one JSON line.
 */
import { parseArgs } from 'node:util'
import { EkoClient, SurepassClient } from '../../sdk/index.js'
import type { BenchFixtures } from '../load/flows.js'

const { values } = parseArgs({
  options: {
    door: { type: 'string', default: 'msw' },
    url: { type: 'string' },
    seconds: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '10' },
    platform: { type: 'string', default: 'node' },
  },
})

let admin: string
let surepassBase: string
let ekoBase: string
if (values.door === 'msw') {
  const { setupServer } = await import('msw/node')
  const { createHandlers } = await import('../../mocks/msw/create-handlers.js')
  const { createSimulator } = await import('../../simulator/create-simulator.js')
  const { nodePlatform } = await import('../../mocks/node-platform.js')
  const sim = createSimulator({
    seed: 'fintwin-bench',
    platform: values.platform === 'node' ? nodePlatform() : undefined,
    config: { onContractViolation: 'flag' },
  })
  setupServer(...createHandlers(sim)).listen({ onUnhandledRequest: 'error' })
  admin = 'https://fintwin.invalid'
  surepassBase = 'https://sandbox.surepass.io'
  ekoBase = 'https://staging.eko.in/ekoapi/v3'
} else {
  if (!values.url) throw new Error('--door http needs --url')
  admin = values.url
  surepassBase = values.url
  ekoBase = `${values.url}/ekoapi/v3`
}

async function getJson(url: string): Promise<any> {
  const response = await fetch(url)
  if (response.status !== 200) throw new Error(`GET ${url} → ${response.status}`)
  return response.json()
}

const fixtures = (await getJson(`${admin}/__sim/fixtures`)) as BenchFixtures
const personas = fixtures.surepass.ckyc.filter(
  (p) => p.exists && p.mobile_number !== null && p.mobile_registered,
)
const agents = fixtures.eko.agents.filter((a) => a.aeps_status === 'active')
const concurrency = Math.min(Number(values.concurrency), agents.length)

const surepass = new SurepassClient({ baseUrl: surepassBase, token: fixtures.surepass.token })
const eko = new EkoClient({
  baseUrl: ekoBase,
  developerKey: fixtures.eko.developer_key,
  accessKey: fixtures.eko.access_key,
  initiatorId: fixtures.eko.initiator_id,
  aadhaarPublicKey: fixtures.eko.aadhaar_public_key_pem,
})

async function otpFor(ref: string): Promise<string> {
  const inbox = await getJson(`${admin}/__sim/otps?ref=${encodeURIComponent(ref)}`)
  const newest = inbox.otps[0]
  if (newest?.ref !== ref) throw new Error(`no OTP for ${ref}`)
  return newest.otp
}

async function surepassFlow(n: number): Promise<void> {
  const p = personas[n % personas.length]!
  const search = await surepass.ckyc.search({
    id_number: p.id_number,
    document_type: p.document_type,
  } as never)
  const generated = await surepass.ckyc.generateOtp({
    client_id: search.data.client_id,
    mobile_number: p.mobile_number!,
  })
  const otp = await otpFor(generated.data.client_id)
  const downloaded = await surepass.ckyc.download({ client_id: generated.data.client_id, otp })
  if (downloaded.data.client_id !== generated.data.client_id)
    throw new Error('download answered another client_id')
}

async function ekoFlow(agent: BenchFixtures['eko']['agents'][number]): Promise<void> {
  const who = {
    user_code: agent.user_code,
    customer_id: agent.customer_id,
    aadhaar: agent.aadhaar,
    latlong: agent.latlong ?? '28.6139,77.2090',
  }
  const sent = await eko.aepsKyc.sendOtp(who as never)
  const otp = await otpFor(sent.data.otp_ref_id)
  await eko.aepsKyc.verifyOtp({
    ...who,
    otp,
    otp_ref_id: sent.data.otp_ref_id,
    reference_tid: sent.data.reference_tid,
  } as never)
}

let flows = 0
let errors = 0
const samples: string[] = []
// Deadlines, not timers: through msw a whole flow can run on microtasks alone, and a timer
// would never get its turn. Each loop also yields to the event loop once per flow.
const warmupEnd = performance.now() + Number(values.warmup) * 1000
const end = warmupEnd + Number(values.seconds) * 1000
const yieldToLoop = () => new Promise((resolve) => setImmediate(resolve))

async function loop(k: number): Promise<void> {
  for (let n = k; performance.now() < end; n += concurrency) {
    try {
      await surepassFlow(n)
      const now = performance.now()
      if (now >= warmupEnd && now < end) flows += 1
      await ekoFlow(agents[k]!)
      const then = performance.now()
      if (then >= warmupEnd && then < end) flows += 1
    } catch (error) {
      if (performance.now() >= warmupEnd) errors += 1
      if (performance.now() >= warmupEnd && samples.length < 5)
        samples.push(error instanceof Error ? error.message : String(error))
    }
    await yieldToLoop()
  }
}

await Promise.all(Array.from({ length: concurrency }, (_, k) => loop(k)))
const seconds = Number(values.seconds)
process.stdout.write(
  `${JSON.stringify({ flows_per_s: flows / seconds, flows, errors, samples, concurrency })}\n`,
)
process.exit(0)
