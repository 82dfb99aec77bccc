/**
 * The benchmark's provider flows (Surepass CKYC, Surepass Aadhaar OKYC, Eko eKYC, Eko AePS cash withdrawal) as plain step lists, so the same flow drives autocannon
 * (`toAutocannonRequests`) and the sequential latency probe (`runFlowOnce`). Every step checks
 * its answer (HTTP status, envelope success, the ids it carries, no contract-violation header);
 * a failed check counts one error and the connection starts its flow again.
 *
 * The load client behaves like the SDK: every Eko request is signed with a fresh
 * `secret-key-timestamp` and carries a FRESH RSA encryption of the Aadhaar (PKCS#1 v1.5 is
 * randomised, so the server decrypts on every Eko request; no cache hit).
 */
import type { KeyObject } from 'node:crypto'
import { encryptAadhaar, parseAadhaarPublicKey } from '../../sdk/aadhaar-encryption.js'
import type { SimFixtures } from '../../simulator/index.js'
import { ekoAuthHeaders, ekoHmacKey } from '../../sdk/eko-secret-key.js'
import { SAMPLE_PID_XML_OK as SAMPLE_PID_OK } from '../../simulator/eko/pid-data.js'

/** What the flows read of `GET /__sim/fixtures` (its published shape). */
export type BenchFixtures = SimFixtures

type Ctx = Record<string, string>

/** One HTTP exchange of a flow. `check` returns false on anything unexpected. */
export interface FlowStep {
  name: string
  method: 'GET' | 'POST' | 'PUT'
  path(ctx: Ctx): string
  headers(ctx: Ctx): Record<string, string>
  body(ctx: Ctx): string | undefined
  check(status: number, body: any, headers: Record<string, unknown>, ctx: Ctx): boolean
  /** True on the step that completes the flow. */
  last?: boolean
}

/** Counters shared by every connection of one run. */
export interface FlowTally {
  flows: number
  errors: number
  /** First few error descriptions, for the report. */
  samples: string[]
}

export const newTally = (): FlowTally => ({ flows: 0, errors: 0, samples: [] })

const JSON_TYPE = { 'content-type': 'application/json' }
const VIOLATION = 'x-fintwin-contract-violation'

const noViolation = (headers: Record<string, unknown>) => headers[VIOLATION] === undefined

/** An OTP-issuing step's check: 200 with `otp_sent`, the new `client_id` kept under `key`. */
function otpSentInto(key: string): FlowStep['check'] {
  return (status, body, headers, ctx) => {
    if (
      status !== 200 ||
      body?.data?.otp_sent !== true ||
      typeof body.data.client_id !== 'string' ||
      !noViolation(headers)
    )
      return false
    ctx[key] = body.data.client_id
    return true
  }
}

/** The OTP inbox read: `GET /__sim/otps?ref=` and the newest entry's code into `ctx.otp`. */
function readOtpStep(refKey: string): FlowStep {
  return {
    name: 'read-otp',
    method: 'GET',
    path: (ctx) => `/__sim/otps?ref=${encodeURIComponent(ctx[refKey]!)}`,
    headers: () => ({}),
    body: () => undefined,
    check(status, body, _h, ctx) {
      const newest = body?.otps?.[0]
      if (status !== 200 || newest?.ref !== ctx[refKey] || typeof newest?.otp !== 'string')
        return false
      ctx.otp = newest.otp
      return true
    },
  }
}

/** Surepass CKYC: search → generate OTP → read OTP → download. Personas rotate per flow. */
export function surepassFlow(fixtures: BenchFixtures, personaIndex: () => number): FlowStep[] {
  const personas = fixtures.surepass.ckyc.filter(
    (p) => p.exists && p.mobile_number !== null && p.mobile_registered,
  )
  if (personas.length === 0) throw new Error('no CKYC persona with a registered mobile')
  const auth = { ...JSON_TYPE, authorization: `Bearer ${fixtures.surepass.token}` }
  return [
    {
      name: 'surepass-search',
      method: 'POST',
      path: () => '/api/v1/ckyc/search',
      headers: () => auth,
      body(ctx) {
        const p = personas[personaIndex() % personas.length]!
        ctx.mobile = p.mobile_number!
        return JSON.stringify({ id_number: p.id_number, document_type: p.document_type })
      },
      check(status, body, headers, ctx) {
        if (
          status !== 200 ||
          body?.success !== true ||
          typeof body.data?.client_id !== 'string' ||
          !noViolation(headers)
        )
          return false
        ctx.searchId = body.data.client_id
        return true
      },
    },
    {
      name: 'surepass-generate-otp',
      method: 'POST',
      path: () => '/api/v1/ckyc-v2/generate-otp',
      headers: () => auth,
      body: (ctx) => JSON.stringify({ client_id: ctx.searchId, mobile_number: ctx.mobile }),
      check: otpSentInto('downloadId'),
    },
    readOtpStep('downloadId'),
    {
      name: 'surepass-download',
      method: 'POST',
      path: () => '/api/v1/ckyc-v2/download',
      headers: () => auth,
      body: (ctx) => JSON.stringify({ client_id: ctx.downloadId, otp: ctx.otp }),
      check: (status, body, headers, ctx) =>
        status === 200 &&
        body?.success === true &&
        body.data?.client_id === ctx.downloadId &&
        body.data?.ckyc_search_client_id === ctx.searchId &&
        noViolation(headers),
      last: true,
    },
  ]
}

/** The Surepass people whose Aadhaar OKYC succeeds (a mobile is linked to their Aadhaar). */
export function okycPeople(fixtures: BenchFixtures): BenchFixtures['surepass']['people'] {
  return fixtures.surepass.people.filter(
    (p) => p.exists && p.aadhaar_number !== null && p.mobile_number !== null,
  )
}

/**
 * Surepass Aadhaar OKYC: generate OTP → read OTP → submit OTP for ONE person. Use a different
 * person per concurrent flow: a new OTP for an Aadhaar number supersedes its pending one. The
 * load repeats a person back to back, faster than the 45 s resend cool-down allows, so the bench
 * server runs with that cool-down off.
 */
export function aadhaarOkycFlow(
  fixtures: BenchFixtures,
  person: BenchFixtures['surepass']['people'][number],
): FlowStep[] {
  const auth = { ...JSON_TYPE, authorization: `Bearer ${fixtures.surepass.token}` }
  return [
    {
      name: 'surepass-aadhaar-generate-otp',
      method: 'POST',
      path: () => '/api/v1/aadhaar-v2/generate-otp',
      headers: () => auth,
      body: () => JSON.stringify({ id_number: person.aadhaar_number }),
      check: otpSentInto('aadhaarId'),
    },
    readOtpStep('aadhaarId'),
    {
      name: 'surepass-aadhaar-submit-otp',
      method: 'POST',
      path: () => '/api/v1/aadhaar-v2/submit-otp',
      headers: () => auth,
      body: (ctx) => JSON.stringify({ client_id: ctx.aadhaarId, otp: ctx.otp }),
      check: (status, body, headers, ctx) =>
        status === 200 &&
        body?.success === true &&
        body.data?.client_id === ctx.aadhaarId &&
        typeof body.data?.mobile_hash === 'string' &&
        noViolation(headers),
      last: true,
    },
  ]
}

/** The Eko agents whose Send OTP succeeds (AePS active). */
export function activeAgents(fixtures: BenchFixtures): BenchFixtures['eko']['agents'] {
  return fixtures.eko.agents.filter((a) => a.aeps_status === 'active')
}

/**
 * Eko AePS eKYC: Send OTP → read OTP → Verify OTP for ONE agent. Use a different agent per
 * concurrent flow: a new Send OTP supersedes the agent's pending OTP, as Eko's does.
 */
export function ekoFlow(
  fixtures: BenchFixtures,
  agent: BenchFixtures['eko']['agents'][number],
  base = '/ekoapi/v3',
): FlowStep[] {
  const key: KeyObject = parseAadhaarPublicKey(fixtures.eko.aadhaar_public_key_pem)
  const hmacKey = ekoHmacKey(fixtures.eko.access_key)
  const signed = () => ({
    ...JSON_TYPE,
    ...ekoAuthHeaders({ developerKey: fixtures.eko.developer_key, hmacKey, nowMs: Date.now() }),
  })
  const who = () => ({
    initiator_id: fixtures.eko.initiator_id,
    user_code: agent.user_code,
    customer_id: agent.customer_id,
    // Fresh ciphertext per request, as the SDK sends.
    aadhar: encryptAadhaar(agent.aadhaar, key),
    latlong: agent.latlong ?? '28.6139,77.2090',
  })
  const ok = (status: number, body: any, headers: Record<string, unknown>) =>
    status === 200 && body?.status === 0 && body.response_status_id === 0 && noViolation(headers)
  return [
    {
      name: 'eko-send-otp',
      method: 'POST',
      path: () => `${base}/user/collection/aeps-fingpay/kyc/otp`,
      headers: signed,
      body: () => JSON.stringify(who()),
      check(status, body, headers, ctx) {
        if (!ok(status, body, headers) || typeof body.data?.otp_ref_id !== 'string') return false
        ctx.otpRef = body.data.otp_ref_id
        ctx.tid = body.data.reference_tid
        return true
      },
    },
    readOtpStep('otpRef'),
    {
      name: 'eko-verify-otp',
      method: 'PUT',
      path: () => `${base}/user/collection/aeps-fingpay/kyc/otp/verify`,
      headers: signed,
      body: (ctx) =>
        JSON.stringify({ ...who(), otp: ctx.otp, otp_ref_id: ctx.otpRef, reference_tid: ctx.tid }),
      check: (status, body, headers) =>
        ok(status, body, headers) &&
        typeof body.data?.reference_tid === 'string' &&
        body.data.reference_tid.startsWith('BEKYF'),
      last: true,
    },
  ]
}

/** The agent the cash-withdrawal flow transacts as: AePS active and its one-time eKYC done. */
export function transactingAgent(fixtures: BenchFixtures): BenchFixtures['eko']['agents'][number] {
  const agent = fixtures.eko.agents.find((a) => a.label === 'ekyc_done')
  if (!agent) throw new Error('the fixtures have no ekyc_done agent')
  return agent
}

/** Below this a customer would run dry within a run (₹50 a withdrawal): the bench leaves it out. */
const MIN_BENCH_BALANCE = 10_000

/** Customers whose bank answers at once, richest first: the ones withdrawals are spread over. */
function instantCustomers(fixtures: BenchFixtures): NonNullable<BenchFixtures['eko']['customers']> {
  return (fixtures.eko.customers ?? [])
    .filter((c) => c.bank_response === 'instant' && c.balance >= MIN_BENCH_BALANCE)
    .sort((a, b) => b.balance - a.balance)
}

/** Signed Eko JSON headers at the host's now (the bench never moves the simulator clock). */
function ekoSigner(fixtures: BenchFixtures): () => Record<string, string> {
  const hmacKey = ekoHmacKey(fixtures.eko.access_key)
  return () => ({
    ...JSON_TYPE,
    ...ekoAuthHeaders({ developerKey: fixtures.eko.developer_key, hmacKey, nowMs: Date.now() }),
  })
}

/**
 * Daily KYC of the transacting agent: the once-a-day step before its withdrawals (run once per
 * bench run, with {@link runFlowOnce}, before the load).
 */
export function dailyKycFlow(fixtures: BenchFixtures, base = '/ekoapi/v3'): FlowStep[] {
  const key = parseAadhaarPublicKey(fixtures.eko.aadhaar_public_key_pem)
  const agent = transactingAgent(fixtures)
  return [
    {
      name: 'eko-daily-kyc',
      method: 'PUT',
      path: () => `${base}/user/collection/aeps-fingpay/kyc/biometric/daily`,
      headers: ekoSigner(fixtures),
      body: () =>
        JSON.stringify({
          initiator_id: fixtures.eko.initiator_id,
          user_code: agent.user_code,
          customer_id: agent.customer_id,
          aadhar: encryptAadhaar(agent.aadhaar, key),
          latlong: agent.latlong ?? '28.6139,77.2090',
          piddata: SAMPLE_PID_OK,
          bank_code: 'HDFC',
        }),
      check: (status, body, headers) =>
        status === 200 && body?.response_type_id === 1713 && noViolation(headers),
      last: true,
    },
  ]
}

/** What one bench withdrawal takes, in rupees. */
const WITHDRAWAL_RUPEES = 50

/** Picks each withdrawal's customer; see {@link cashDrawer}. */
export interface CashDrawer {
  /** How many ₹50 withdrawals the accounts fund in all: a run must not send more. */
  readonly capacity: number
  next(): NonNullable<BenchFixtures['eko']['customers']>[number]
}

/**
 * Picks the customer of each cash withdrawal: always the one with the most money left, by the
 * bench's own count of its debits, so no account runs dry (an Insufficient balance, a failed
 * check) while others still hold money.
 */
export function cashDrawer(fixtures: BenchFixtures): CashDrawer {
  const customers = instantCustomers(fixtures)
  if (customers.length === 0) throw new Error('the fixtures have no instant-answering customer')
  const left = customers.map((c) => Math.floor(c.balance / WITHDRAWAL_RUPEES))
  return {
    capacity: left.reduce((sum, n) => sum + n, 0),
    next() {
      let richest = 0
      for (let i = 1; i < left.length; i++) if (left[i]! > left[richest]!) richest = i
      left[richest]! -= 1
      return customers[richest]!
    },
  }
}

/**
 * Eko AePS cash withdrawal, one ₹50 withdrawal per flow, its customer from `drawer`. Needs
 * today's Daily KYC first ({@link dailyKycFlow}). Each answer is checked as a 1463 with the
 * amount debited.
 */
export function cashWithdrawalFlow(
  fixtures: BenchFixtures,
  drawer: CashDrawer,
  base = '/ekoapi/v3',
): FlowStep[] {
  const key = parseAadhaarPublicKey(fixtures.eko.aadhaar_public_key_pem)
  const agent = transactingAgent(fixtures)
  return [
    {
      name: 'eko-cash-withdrawal',
      method: 'POST',
      // Both drivers build the body before the path: the body draws the customer, the path
      // reads it back.
      path: (ctx) => {
        const customer = JSON.parse(ctx.customer ?? 'null') as ReturnType<CashDrawer['next']> | null
        return `${base}/customer/collection/aeps-fingpay/cash-withdrawl/${customer?.customer_id}`
      },
      headers: ekoSigner(fixtures),
      body: (ctx) => {
        const customer = drawer.next()
        ctx.customer = JSON.stringify(customer)
        return JSON.stringify({
          initiator_id: fixtures.eko.initiator_id,
          user_code: agent.user_code,
          customer_id: customer.customer_id,
          bank_code: customer.bank_code,
          aadhar: encryptAadhaar(customer.aadhaar, key),
          latlong: agent.latlong ?? '28.6139,77.2090',
          piddata: SAMPLE_PID_OK,
          amount: WITHDRAWAL_RUPEES,
        })
      },
      check: (status, body, headers) =>
        status === 200 &&
        body?.response_type_id === 1463 &&
        body.data?.amount === '50.00' &&
        noViolation(headers),
      last: true,
    },
  ]
}

function record(tally: FlowTally, step: FlowStep, status: number, text: string): void {
  tally.errors += 1
  if (tally.samples.length < 5)
    tally.samples.push(`${step.name} → ${status}: ${text.slice(0, 200)}`)
}

function parse(text: string): unknown {
  try {
    return text.length > 0 ? JSON.parse(text) : undefined
  } catch {
    return undefined
  }
}

/**
 * autocannon `requests` for one connection: the steps chained through autocannon's
 * per-connection context. After a failed check the next `setupRequest` answers null, which
 * makes autocannon restart the list (a fresh flow) instead of sending a step that cannot pass.
 */
export function toAutocannonRequests(steps: FlowStep[], tally: FlowTally): object[] {
  return steps.map((step, index) => ({
    method: step.method,
    setupRequest(req: Record<string, unknown>, ctx: Ctx) {
      if (index > 0 && ctx.failed === '1') return null
      const body = step.body(ctx)
      return {
        ...req,
        method: step.method,
        path: step.path(ctx),
        headers: step.headers(ctx),
        body: body ?? '',
      }
    },
    onResponse(status: number, text: string, ctx: Ctx, headers: Record<string, unknown>) {
      if (step.check(status, parse(text), headers, ctx)) {
        if (step.last) tally.flows += 1
        return
      }
      ctx.failed = '1'
      record(tally, step, status, text)
    },
  }))
}

/** What a sequential probe needs to send one request and time it. */
export type SendFn = (
  method: string,
  path: string,
  headers: Record<string, string>,
  body: string | undefined,
) => Promise<{ status: number; text: string; headers: Record<string, unknown> }>

/** Runs one flow step by step, pushing each request's round-trip ms to `latencies`. */
export async function runFlowOnce(
  steps: FlowStep[],
  send: SendFn,
  tally: FlowTally,
  latencies: number[],
): Promise<void> {
  const ctx: Ctx = {}
  for (const step of steps) {
    const body = step.body(ctx)
    const headers = step.headers(ctx)
    const path = step.path(ctx)
    const started = performance.now()
    const response = await send(step.method, path, headers, body)
    latencies.push(performance.now() - started)
    if (!step.check(response.status, parse(response.text), response.headers, ctx)) {
      record(tally, step, response.status, response.text)
      return
    }
    if (step.last) tally.flows += 1
  }
}
