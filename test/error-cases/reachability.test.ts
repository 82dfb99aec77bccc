/**
 * QA's error-case catalogue, proven: every error case of every contract is reachable three ways —
 * by VALUE (the fixture or magic value the case's `x-trigger` in its contract documents, real behaviour, no
 * forcing), by SCENARIO RULE (`POST /__sim/scenarios`) and by HEADER (`x-fintwin-scenario`).
 *
 * Every suite here WALKS THE CONTRACTS (`operations` and their `cases`), so a case added to a
 * contract without a way to reach it fails CI: add its recipe to `BY_VALUE` below (and its
 * `x-trigger` to the case's entry in the contract's `x-cases`, then `npm run generate`).
 *
 * Also proven: forced outcomes still run auth and request validation first, and the faults
 * (`timeout`, `drop`, `latency:<ms>`, `internal_server_error`, `commit_then_fail`) work on every
 * operation, `commit_then_fail` leaving an observable state change behind.
 */
import { fieldsSchemaOf } from '../support/contract-checks.js'
import { afterAll, describe, expect, it } from 'vitest'
import {
  fillPath,
  findCase,
  getOperation,
  operations,
  pathParameterNames,
  validateRequest,
  validateResponse,
  validatorAt,
  type Operation,
} from '../../contracts/index.js'
import {
  AUTH_ERROR_HEADER,
  SAMPLE_PID_XML_BAD_FINGER,
  SAMPLE_PID_XML_OK,
  SCENARIO_HEADER,
  computeSecretKey,
  createSimulator,
  encryptAadhaarForTest,
  type JournalEntry,
  type SimResponse,
  type Simulator,
} from '../../simulator/index.js'
import {
  BALANCE_ENQUIRY,
  CASH_WITHDRAWAL,
  INQUIRY,
  MINI_STATEMENT,
  activationFields,
  pathValuesOf,
  transactionBody,
} from '../support/eko-aeps.js'
import { SAMPLE_BILL } from '../support/eko-bill-samples.js'
import { EKO_DEFAULT_TARGETS, contractRequest } from '../support/eko-requests.js'

// ─── simulator and fixtures ──────────────────────────────────────────────────────────────────────

const newSim = (): Simulator => createSimulator({ config: { onContractViolation: 'throw' } })

type Body = Record<string, unknown>

interface CkycPersonaView {
  label: string
  document_type: string
  id_number: string
  mobile_number: string | null
}
interface EkoAgentView {
  label: string
  user_code: string
  customer_id: string
  aadhaar: string
  pan_number: string
  latlong: string
}
interface PersonView {
  label: string
  aadhaar_number: string | null
  pan: string | null
  mobile_number: string | null
  bank: { account_number: string; ifsc: string } | null
}
interface Fixtures {
  surepass: {
    token: string
    expired_token: string
    ckyc: CkycPersonaView[]
    people: PersonView[]
  }
  eko: {
    developer_key: string
    access_key: string
    initiator_id: string
    agents: EkoAgentView[]
    piddata: { pid_ok: string; pid_bad_finger: string }
  }
}

const fixtures = (sim: Simulator): Fixtures => sim.fixtures() as unknown as Fixtures

function persona(sim: Simulator, label: string): CkycPersonaView {
  const found = fixtures(sim).surepass.ckyc.find((p) => p.label === label)
  if (!found) throw new Error(`no CKYC fixture labelled ${label}`)
  return found
}

function person(sim: Simulator, label: string): PersonView {
  const found = fixtures(sim).surepass.people.find((p) => p.label === label)
  if (!found) throw new Error(`no Surepass person labelled ${label}`)
  return found
}

function agent(sim: Simulator, label: string): EkoAgentView {
  const found = fixtures(sim).eko.agents.find((a) => a.label === label)
  if (!found) throw new Error(`no Eko agent labelled ${label}`)
  return found
}

/** The initiator id no partner registered: the `invalid_initiator` magic value. */
const UNKNOWN_INITIATOR = '9000000000'
const WRONG_ACCESS_KEY = '00000000-0000-4000-8000-000000000000'

// ─── sending requests ────────────────────────────────────────────────────────────────────────────

interface SendOptions {
  /** Surepass: the bearer token (default the fixtures' valid token); null = no Authorization. */
  token?: string | null
  /** Eko: sign with this access key (default the fixtures'). */
  accessKey?: string
  /** Eko: the `secret-key-timestamp` header (default the simulator's now, in ms). */
  timestamp?: string
  /** Extra headers, e.g. `x-fintwin-scenario`. */
  headers?: Record<string, string>
  /** Eko: the query string, over the operation's default (`EKO_DEFAULT_TARGETS`). */
  query?: Record<string, string>
  /** Eko: path parameters, over the operation's default (`EKO_DEFAULT_TARGETS`). */
  params?: Record<string, string>
  /** Eko `request_hash` (on operations that take one): signed right by default; `none` leaves it out. */
  requestHash?: 'right' | 'none' | 'developer_key'
}

/** Sends one provider request through `sim.handle`, authenticated as a real client would. */
async function send(
  sim: Simulator,
  operationId: string,
  body: unknown,
  options: SendOptions = {},
): Promise<SimResponse> {
  const op = getOperation(operationId)
  const parts = requestParts(op, body)
  if (op.provider === 'eko') {
    // The path's {name}s from the body's fields (an AePS customer_id, an activation's user_code)
    // unless given; a GET's fields are its query.
    const mediaType = op.document['x-request'].mediaType
    const request = await contractRequest(sim, op.id, parts.body, {
      ...options,
      // A {name} no field names takes the operation's default target, else `_` (invalid).
      params: {
        ...parts.params,
        ...EKO_DEFAULT_TARGETS[op.id]?.params,
        ...pathValuesOf(op, body),
        ...options.params,
      },
      query: { ...parts.query, ...options.query },
      ...(mediaType === undefined ? {} : { contentType: `${mediaType}; boundary=fintwin` }),
    })
    return sim.handle(request)
  }
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  const token = options.token === undefined ? fixtures(sim).surepass.token : options.token
  if (token !== null) headers.authorization = `Bearer ${token}`
  return sim.handle({
    method: op.method,
    path: parts.path,
    query: parts.query,
    headers: { ...headers, ...options.headers },
    body: parts.body,
  })
}

/**
 * A test "body" as a request: a GET's fields are its query; a `{name}` of the path takes the
 * field of that name (from the body, or the JSON `form-data` part of a multipart upload), `_`
 * when there is none (an invalid value, so the request is refused as an invalid parameter).
 */
function requestParts(
  op: Operation,
  body: unknown,
): {
  path: string
  params: Record<string, string>
  query: Record<string, string>
  body: unknown
} {
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Body
  const query: Record<string, string> = {}
  if (op.method === 'GET')
    for (const [key, value] of Object.entries(fields)) query[key] = String(value)
  const values = pathValuesOf(op, body)
  const names = pathParameterNames(op.path)
  for (const name of names) delete query[name]
  const params = Object.fromEntries(names.map((name) => [name, values[name] ?? '_']))
  const path = fillPath(op.paths[0] as string, params)
  return { path, params, query, body: op.method === 'GET' ? undefined : body }
}

/**
 * A request the contract refuses, with the same target: the test "body" (a GET's: its query)
 * without its first required field, or, when nothing is required, a query key the operation
 * does not take.
 */
function invalidRequestOf(op: Operation, body: Body): { body: Body; options: SendOptions } {
  const required = (validatorAt(fieldsSchemaOf(op)).schema as { required?: string[] }).required
  if (required?.[0] === undefined) return { body, options: { query: { unknown_key: '1' } } }
  return { body: withoutKey(body, required[0]), options: {} }
}

/** An admin call (`/__sim/…`) through the same `sim.handle`. */
function admin(sim: Simulator, method: string, path: string, body?: unknown): Promise<SimResponse> {
  return sim.handle({
    method,
    path,
    query: {},
    headers: { 'content-type': 'application/json' },
    body,
  })
}

async function addRule(
  sim: Simulator,
  input: Body,
): Promise<{ id: string; remaining: number | null }> {
  const response = await admin(sim, 'POST', '/__sim/scenarios', input)
  expect(response.status, JSON.stringify(response.body)).toBe(201)
  return response.body as { id: string; remaining: number | null }
}

async function listRules(sim: Simulator): Promise<{ id: string }[]> {
  const response = await admin(sim, 'GET', '/__sim/scenarios')
  expect(response.status).toBe(200)
  return (response.body as { scenarios: { id: string }[] }).scenarios
}

function lastEntry(sim: Simulator): JournalEntry {
  const entry = sim.journal.list(1)[0]
  if (!entry) throw new Error('the journal is empty')
  return entry
}

const bodyOf = (response: SimResponse): Body => response.body as Body
const dataOf = (response: SimResponse): Record<string, string> =>
  (bodyOf(response).data ?? {}) as Record<string, string>

/**
 * Asserts `response` is case `caseId` of `op`, the way a client tells cases apart — Surepass: HTTP
 * status + `message_code`; Eko: HTTP status + `status` / `response_type_id` and, for codes shared by
 * several cases (461, 1714), `data.reason` — and that the body validates against that case.
 */
function expectCase(op: Operation, caseId: string, response: SimResponse): void {
  const c = findCase(op.id, caseId)
  if (!c) throw new Error(`${op.id} has no case ${caseId}`)
  const label = `${op.id} should answer ${caseId}; got HTTP ${response.status} ${JSON.stringify(response.body)}`
  expect(response.fault, label).toBeUndefined()
  expect(response.status, label).toBe(c.status)
  const example = c.examples[0] as Body
  if (typeof example === 'string') {
    // A gateway's plain-text answer (Eko's 403, 404, 429): told apart by status and media type.
    expect(response.headers['content-type'], label).toBe(c.mediaType)
    expect(c.examples, label).toContain(response.body)
  } else if (op.provider === 'surepass') {
    expect(bodyOf(response).message_code, label).toBe(example.message_code)
  } else {
    const body = bodyOf(response)
    expect(body.status, label).toBe(example.status)
    if ('response_type_id' in example)
      expect(body.response_type_id, label).toBe(example.response_type_id)
    // A case with several documented reasons (Eko's 1468) may give any of them.
    const reasons = c.examples
      .map((e) => ((e as Body).data as Body | null | undefined)?.reason)
      .filter((r) => r !== undefined)
    if (reasons.length > 0)
      expect(reasons, label).toContain((body.data as Body | undefined)?.reason)
  }
  expect(
    validateResponse(op.id, { status: response.status, body: response.body }, caseId),
    label,
  ).toEqual([])
}

// ─── flows the recipes build on ──────────────────────────────────────────────────────────────────

const SEARCH = 'surepass.ckyc.search'
const GENERATE_OTP = 'surepass.ckycV2.generateOtp'
const DOWNLOAD = 'surepass.ckycV2.download'
const AADHAAR_OTP = 'surepass.aadhaarV2.generateOtp'
const AADHAAR_SUBMIT = 'surepass.aadhaarV2.submitOtp'
const PAN_LITE = 'surepass.pan.lite'
const PAN_COMPREHENSIVE = 'surepass.pan.comprehensive'
const PAN_DETAILS = 'surepass.pan.withDetailsV2'
const BANK = 'surepass.bank.verification'
const ONBOARD = 'eko.users.onboard'
const SEND_OTP = 'eko.aepsKyc.sendOtp'
const VERIFY_OTP = 'eko.aepsKyc.verifyOtp'
const BIOMETRIC = 'eko.aepsKyc.biometric'
const DAILY_KYC = 'eko.aepsKyc.dailyKyc'
const SERVICES = 'eko.userServices.list'
const SERVICES_V1 = 'eko.userServices.listV1'
const ACTIVATE_V1 = 'eko.userServices.activateV1'
const PAN_VERIFY = 'eko.pan.verifyV1'
const AEPS_ACTIVATE = 'eko.aepsFingpay.activate'
const OPERATORS = 'eko.bbps.operators'
const CATEGORIES = 'eko.bbps.operatorCategories'
const LOCATIONS = 'eko.bbps.operatorLocations'
const OPERATOR_PARAMETERS = 'eko.bbps.operatorParameters'
const FETCH_BILL = 'eko.bbps.fetchBill'
const PAY_BILL = 'eko.bbps.payBill'
const VERIFY_BY_IFSC = 'eko.bankAccount.verifyByIfsc'
const VERIFY_BY_BANK_CODE = 'eko.bankAccount.verifyByBankCode'

/** Sends a request that must succeed (a setup step) and returns its `data`. */
async function step(
  sim: Simulator,
  operationId: string,
  body: Body,
): Promise<Record<string, string>> {
  const response = await send(sim, operationId, body)
  expectCase(getOperation(operationId), 'success', response)
  return dataOf(response)
}

function searchBody(sim: Simulator, label: string): Body {
  const p = persona(sim, label)
  return { document_type: p.document_type, id_number: p.id_number }
}

/** Searches a labelled persona; returns the search `client_id`. */
async function searched(sim: Simulator, label: string): Promise<string> {
  const data = await step(sim, SEARCH, searchBody(sim, label))
  if (!data.client_id) throw new Error('search answered no client_id')
  return data.client_id
}

/** The OTP the simulator "sent" for `ref`, read from the QA inbox. */
function otpFor(sim: Simulator, ref: string): string {
  const entry = sim.otps({ ref })[0]
  if (!entry) throw new Error(`no OTP in the inbox for ${ref}`)
  return entry.otp
}

/** A code of the same length that is certainly not `otp`. */
const wrongOtp = (otp: string): string => otp.replace(/\d/g, (d) => String((Number(d) + 1) % 10))

/** `happy` searched and an OTP sent: the download `client_id` and the OTP from the inbox. */
async function ckycOtpSent(sim: Simulator): Promise<{ client_id: string; otp: string }> {
  const searchId = await searched(sim, 'happy')
  const data = await step(sim, GENERATE_OTP, {
    client_id: searchId,
    mobile_number: persona(sim, 'happy').mobile_number,
  })
  if (!data.client_id) throw new Error('generate-otp answered no client_id')
  return { client_id: data.client_id, otp: otpFor(sim, data.client_id) }
}

/** The `happy` person's Aadhaar generate-otp body. */
const aadhaarBody = (sim: Simulator, label = 'happy'): Body => ({
  id_number: person(sim, label).aadhaar_number,
})

/** An Aadhaar OTP sent to `happy`: the session `client_id` and the OTP from the inbox. */
async function aadhaarOtpSent(sim: Simulator): Promise<{ client_id: string; otp: string }> {
  const data = await step(sim, AADHAAR_OTP, aadhaarBody(sim))
  if (!data.client_id) throw new Error('aadhaar generate-otp answered no client_id')
  return { client_id: data.client_id, otp: otpFor(sim, data.client_id) }
}

/** A bank-verification body for a labelled person's account. */
function bankBody(sim: Simulator, label: string): Body {
  const bank = person(sim, label).bank
  if (!bank) throw new Error(`${label} has no bank account`)
  return { id_number: bank.account_number, ifsc: bank.ifsc, ifsc_details: true }
}

const panBody = (sim: Simulator, label: string): Body => ({ id_number: person(sim, label).pan })

/** PAN-endpoint recipes (the three PAN operations share their cases). */
function panRecipes(operationId: string): Readonly<Record<string, Recipe>> {
  return {
    unauthorized: (sim) =>
      send(sim, operationId, panBody(sim, 'happy'), {
        token: fixtures(sim).surepass.expired_token,
      }),
    invalid_input: (sim) => send(sim, operationId, { id_number: 1234 }),
    invalid_pan: (sim) => send(sim, operationId, panBody(sim, 'invalid_pan')),
  }
}

/** The fields every eKYC call of an agent carries, its Aadhaar RSA-encrypted. */
function agentFields(sim: Simulator, label: string, extra: Body = {}): Body {
  const a = agent(sim, label)
  return {
    initiator_id: fixtures(sim).eko.initiator_id,
    user_code: a.user_code,
    customer_id: a.customer_id,
    aadhar: encryptAadhaarForTest(a.aadhaar),
    latlong: a.latlong,
    ...extra,
  }
}

/** Send OTP done for `label`: the ids it returned and the OTP from the inbox. */
async function ekoOtpSent(
  sim: Simulator,
  label = 'ekyc_pending',
): Promise<{ base: Body; otp_ref_id: string; reference_tid: string; otp: string }> {
  const base = agentFields(sim, label)
  const data = await step(sim, SEND_OTP, base)
  if (!data.otp_ref_id || !data.reference_tid) throw new Error('send OTP answered no ids')
  return {
    base,
    otp_ref_id: data.otp_ref_id,
    reference_tid: data.reference_tid,
    otp: otpFor(sim, data.otp_ref_id),
  }
}

/** Send OTP and Verify OTP done for `label`: the NEW ids Verify OTP returned. */
async function ekoOtpVerified(
  sim: Simulator,
  label = 'ekyc_pending',
): Promise<{ base: Body; otp_ref_id: string; reference_tid: string }> {
  const sent = await ekoOtpSent(sim, label)
  const data = await step(sim, VERIFY_OTP, {
    ...sent.base,
    otp: sent.otp,
    otp_ref_id: sent.otp_ref_id,
    reference_tid: sent.reference_tid,
  })
  if (!data.otp_ref_id || !data.reference_tid) throw new Error('verify OTP answered no ids')
  return { base: sent.base, otp_ref_id: data.otp_ref_id, reference_tid: data.reference_tid }
}

let onboardSeq = 0
/** An Onboard User body for a new agent: a PAN and mobile no agent has. */
function onboardBody(sim: Simulator, extra: Body = {}): Body {
  const n = 1000 + (++onboardSeq % 9000)
  return {
    initiator_id: fixtures(sim).eko.initiator_id,
    pan_number: `QQQPQ${n}Q`,
    mobile: `700000${n}`,
    first_name: 'Asha',
    last_name: 'Verma',
    email: `asha.verma${n}@example.com`,
    residence_address: {
      line: 'Eko India',
      city: 'Gurgaon',
      state: 'Haryana',
      pincode: '122002',
      district: 'Gurgaon',
      area: 'Gurgaon',
    },
    dob: '1990-01-15',
    shop_name: 'Asha General Store',
    ...extra,
  }
}

/** Daily KYC of today for the `ekyc_done` agent: what lets it transact. */
async function dailyKycDone(sim: Simulator): Promise<void> {
  await step(
    sim,
    DAILY_KYC,
    agentFields(sim, 'ekyc_done', { piddata: SAMPLE_PID_XML_OK, bank_code: 'HDFC' }),
  )
}

/** A transaction by the `ekyc_done` agent (its Daily KYC done) for a fixture customer. */
async function readyTransaction(
  sim: Simulator,
  customer: 'happy' | 'low_balance' | 'bank_pending' = 'happy',
  extra: Body = {},
): Promise<Body> {
  await dailyKycDone(sim)
  return transactionBody('ekyc_done', customer, extra)
}

/** An AePS Fingpay activation upload for `label` (the doors' parsed multipart form). */
function activationUpload(sim: Simulator, label: string, fields: Body = {}, files: Body = {}) {
  const jpeg = (filename: string) => ({ filename, content_type: 'image/jpeg', size: 40_000 })
  return {
    'form-data': JSON.stringify({
      initiator_id: fixtures(sim).eko.initiator_id,
      ...activationFields(agent(sim, label)),
      ...fields,
    }),
    pan_card: jpeg('pan.jpg'),
    aadhar_front: jpeg('front.jpg'),
    aadhar_back: jpeg('back.jpg'),
    ...files,
  }
}

const ekoPanBody = (sim: Simulator, extra: Body = {}): Body => ({
  initiator_id: fixtures(sim).eko.initiator_id,
  pan_number: agent(sim, 'ekyc_done').pan_number,
  purpose: '1',
  purpose_desc: 'onboarding',
  user_code: agent(sim, 'ekyc_done').user_code,
  ...extra,
})

const servicesQuery = (sim: Simulator, extra: Body = {}): Body => ({
  initiator_id: fixtures(sim).eko.initiator_id,
  user_code: agent(sim, 'ekyc_pending').user_code,
  ...extra,
})

const activateV1Body = (sim: Simulator, extra: Body = {}): Body => ({
  service_code: '4',
  initiator_id: fixtures(sim).eko.initiator_id,
  user_code: agent(sim, 'ekyc_pending').user_code,
  latlong: '28.6139,77.2090',
  ...extra,
})

/** A withdrawal made, then its inquiry "body" (the path's transaction_ref and the query). */
async function inquiryBody(sim: Simulator, extra: Body = {}): Promise<Body> {
  const data = await step(
    sim,
    CASH_WITHDRAWAL,
    await readyTransaction(sim, 'happy', { amount: 500 }),
  )
  return {
    transaction_ref: data.tid,
    initiator_id: fixtures(sim).eko.initiator_id,
    user_code: agent(sim, 'ekyc_done').user_code,
    ...extra,
  }
}

/** A fetch bill / pay bill body for the `electricity_due` bill (operator 1, ₹50), as Eko's samples. */
function billBody(extra: Body = {}): Body {
  return { ...SAMPLE_BILL, ...extra }
}

/** A bank account verification body, as Eko's Node SDK sends it. */
function verificationBody(sim: Simulator, extra: Body = {}): Body {
  return {
    initiator_id: fixtures(sim).eko.initiator_id,
    customer_id: '6111111111',
    user_code: agent(sim, 'ekyc_pending').user_code,
    ...extra,
  }
}

const withoutKey = (body: Body, key: string): Body =>
  Object.fromEntries(Object.entries(body).filter(([k]) => k !== key))

// ─── a valid request per operation ───────────────────────────────────────────────────────────────

/**
 * A valid, authenticated request body per operation that the simulator would answer `success`
 * (setting up whatever state it needs first). Forcing an outcome on it shows the outcome comes
 * from the rule or header, not from the body.
 */
const VALID_BODY: Readonly<Record<string, (sim: Simulator) => Promise<Body>>> = {
  [SEARCH]: async (sim) => searchBody(sim, 'happy'),
  [GENERATE_OTP]: async (sim) => ({
    client_id: await searched(sim, 'happy'),
    mobile_number: persona(sim, 'happy').mobile_number,
  }),
  [DOWNLOAD]: async (sim) => {
    const sent = await ckycOtpSent(sim)
    return { client_id: sent.client_id, otp: sent.otp }
  },
  [AADHAAR_OTP]: async (sim) => aadhaarBody(sim),
  [AADHAAR_SUBMIT]: async (sim) => aadhaarOtpSent(sim),
  [PAN_LITE]: async (sim) => panBody(sim, 'happy'),
  [PAN_COMPREHENSIVE]: async (sim) => ({ ...panBody(sim, 'happy'), get_address: true }),
  [PAN_DETAILS]: async (sim) => panBody(sim, 'happy'),
  [BANK]: async (sim) => bankBody(sim, 'happy'),
  [ONBOARD]: async (sim) => onboardBody(sim),
  [SEND_OTP]: async (sim) => agentFields(sim, 'ekyc_pending'),
  [VERIFY_OTP]: async (sim) => {
    const sent = await ekoOtpSent(sim)
    return {
      ...sent.base,
      otp: sent.otp,
      otp_ref_id: sent.otp_ref_id,
      reference_tid: sent.reference_tid,
    }
  },
  [BIOMETRIC]: async (sim) => {
    const verified = await ekoOtpVerified(sim)
    return {
      ...verified.base,
      piddata: SAMPLE_PID_XML_OK,
      bank_code: 'HDFC',
      otp_ref_id: verified.otp_ref_id,
      reference_tid: verified.reference_tid,
    }
  },
  [DAILY_KYC]: async (sim) =>
    agentFields(sim, 'ekyc_done', { piddata: SAMPLE_PID_XML_OK, bank_code: 'HDFC' }),
  [SERVICES]: async (sim) => servicesQuery(sim),
  [SERVICES_V1]: async (sim) => servicesQuery(sim),
  [ACTIVATE_V1]: async (sim) => activateV1Body(sim),
  [PAN_VERIFY]: async (sim) => ekoPanBody(sim),
  [AEPS_ACTIVATE]: async (sim) => activationUpload(sim, 'not_activated'),
  [CASH_WITHDRAWAL]: async (sim) => readyTransaction(sim, 'happy', { amount: 1000 }),
  [BALANCE_ENQUIRY]: async (sim) => readyTransaction(sim),
  [MINI_STATEMENT]: async (sim) => readyTransaction(sim),
  [INQUIRY]: async (sim) => inquiryBody(sim),
  [OPERATORS]: async () => ({}),
  [CATEGORIES]: async () => ({}),
  [LOCATIONS]: async () => ({}),
  [OPERATOR_PARAMETERS]: async () => ({}),
  [FETCH_BILL]: async () => billBody(),
  [PAY_BILL]: async () => billBody({ amount: '50' }),
  [VERIFY_BY_IFSC]: async (sim) => verificationBody(sim),
  [VERIFY_BY_BANK_CODE]: async (sim) => verificationBody(sim),
}

function validBody(sim: Simulator, op: Operation): Promise<Body> {
  const build = VALID_BODY[op.id]
  if (!build)
    throw new Error(
      `No valid request for ${op.id}: add one to VALID_BODY in test/error-cases/reachability.test.ts`,
    )
  return build(sim)
}

/** Breaks a provider's auth: the expired Surepass token, an Eko request signed with the wrong key. */
function badAuth(sim: Simulator, op: Operation): SendOptions {
  return op.provider === 'surepass'
    ? { token: fixtures(sim).surepass.expired_token }
    : { accessKey: WRONG_ACCESS_KEY }
}

const AUTH_CASES = new Set(['unauthorized', 'auth_failed'])
const VALIDATION_CASES = new Set(['invalid_input', 'invalid_params'])
const caseIdOf = (op: Operation, ids: ReadonlySet<string>): string => {
  const found = [...op.cases.keys()].find((id) => ids.has(id))
  if (!found) throw new Error(`${op.id} has none of the cases ${[...ids].join(', ')}`)
  return found
}
/** The first error case that is neither auth nor validation: what a business rule decides. */
const businessCaseOf = (op: Operation): string => {
  const found = [...op.cases.keys()].find(
    (id) => id !== 'success' && !AUTH_CASES.has(id) && !VALIDATION_CASES.has(id),
  )
  if (!found) throw new Error(`${op.id} has no business error case`)
  return found
}

// ─── recipes by value ────────────────────────────────────────────────────────────────────────────

type Recipe = (sim: Simulator) => Promise<SimResponse>

/** The recipes the three AePS transactions share (`extra`: the amount of a withdrawal). */
function transactionRecipes(operationId: string, extra: Body = {}): Record<string, Recipe> {
  const ready = (sim: Simulator, more: Body = {}) =>
    readyTransaction(sim, 'happy', { ...extra, ...more })
  return {
    two_factor_required: (sim) =>
      send(sim, operationId, transactionBody('ekyc_done', 'happy', extra)),
    invalid_biometric: async (sim) =>
      send(
        sim,
        operationId,
        await ready(sim, { piddata: fixtures(sim).eko.piddata.pid_bad_finger }),
      ),
    aadhaar_not_linked: async (sim) =>
      send(sim, operationId, await ready(sim, { bank_code: 'SBIN' })),
    bank_not_completed: async (sim) =>
      send(sim, operationId, await ready(sim, { bank_code: 'ZZZZ' })),
    agent_not_allowed: (sim) =>
      send(sim, operationId, transactionBody('not_activated', 'happy', extra)),
    invalid_params: async (sim) => {
      const body = await ready(sim)
      const op = getOperation(operationId)
      // The path's customer_id (another mobile) is not the body's.
      const path = (op.paths[0] as string).replace('{customer_id}', '9000000001')
      const ts = String(sim.clock.now())
      const eko = fixtures(sim).eko
      return sim.handle({
        method: op.method,
        path,
        query: {},
        headers: {
          'content-type': 'application/json',
          developer_key: eko.developer_key,
          'secret-key-timestamp': ts,
          'secret-key': await computeSecretKey(eko.access_key, ts),
        },
        body,
      })
    },
    invalid_initiator: async (sim) =>
      send(sim, operationId, await ready(sim, { initiator_id: UNKNOWN_INITIATOR })),
    auth_failed: async (sim) =>
      send(sim, operationId, await ready(sim), { accessKey: WRONG_ACCESS_KEY }),
  }
}

/**
 * One executable recipe per (operation, error case), following the case's `x-trigger` text: a labelled
 * fixture or a magic value, real behaviour, no scenario forcing.
 */
const BY_VALUE: Readonly<Record<string, Readonly<Record<string, Recipe>>>> = {
  [SEARCH]: {
    unauthorized: (sim) =>
      send(sim, SEARCH, searchBody(sim, 'happy'), { token: fixtures(sim).surepass.expired_token }),
    invalid_input: (sim) => send(sim, SEARCH, { document_type: 'PAN', id_number: 'ABCDE12345' }),
    verification_failed: (sim) => send(sim, SEARCH, searchBody(sim, 'not_found')),
  },
  [GENERATE_OTP]: {
    unauthorized: async (sim) =>
      send(
        sim,
        GENERATE_OTP,
        {
          client_id: await searched(sim, 'happy'),
          mobile_number: persona(sim, 'happy').mobile_number,
        },
        { token: fixtures(sim).surepass.expired_token },
      ),
    invalid_input: async (sim) =>
      send(sim, GENERATE_OTP, {
        client_id: await searched(sim, 'happy'),
        mobile_number: '893980987',
      }),
    mobile_number_not_matched: async (sim) => {
      const own = persona(sim, 'happy').mobile_number
      return send(sim, GENERATE_OTP, {
        client_id: await searched(sim, 'happy'),
        mobile_number: own === '9000000001' ? '9000000002' : '9000000001',
      })
    },
    mobile_does_not_exist_ckyc: async (sim) =>
      send(sim, GENERATE_OTP, {
        client_id: await searched(sim, 'no_mobile'),
        mobile_number: '9000000001',
      }),
    mobile_not_registered: async (sim) =>
      send(sim, GENERATE_OTP, {
        client_id: await searched(sim, 'mobile_unregistered'),
        mobile_number: persona(sim, 'mobile_unregistered').mobile_number,
      }),
    client_not_found: (sim) =>
      send(sim, GENERATE_OTP, {
        client_id: 'ckyc_AAAAAAAAAAAAAAAAAAAA',
        mobile_number: persona(sim, 'happy').mobile_number,
      }),
    rate_limit_exceeded: async (sim) => {
      const body = {
        client_id: await searched(sim, 'happy'),
        mobile_number: persona(sim, 'happy').mobile_number,
      }
      await step(sim, GENERATE_OTP, body)
      sim.clock.advance(30_000)
      return send(sim, GENERATE_OTP, body)
    },
  },
  [DOWNLOAD]: {
    unauthorized: async (sim) => {
      const sent = await ckycOtpSent(sim)
      return send(sim, DOWNLOAD, sent, { token: fixtures(sim).surepass.expired_token })
    },
    invalid_input: async (sim) => {
      const sent = await ckycOtpSent(sim)
      return send(sim, DOWNLOAD, { client_id: sent.client_id, otp: sent.otp.slice(0, 5) })
    },
    invalid_otp: async (sim) => {
      const sent = await ckycOtpSent(sim)
      return send(sim, DOWNLOAD, { client_id: sent.client_id, otp: wrongOtp(sent.otp) })
    },
    otp_expired: async (sim) => {
      const sent = await ckycOtpSent(sim)
      const moved = await admin(sim, 'POST', '/__sim/clock', { advance_ms: 600_000 })
      expect(moved.status).toBe(200)
      return send(sim, DOWNLOAD, sent)
    },
    otp_attempts_exceeded: async (sim) => {
      const sent = await ckycOtpSent(sim)
      for (let i = 0; i < 3; i++)
        expectCase(
          getOperation(DOWNLOAD),
          'invalid_otp',
          await send(sim, DOWNLOAD, { client_id: sent.client_id, otp: wrongOtp(sent.otp) }),
        )
      return send(sim, DOWNLOAD, sent)
    },
    client_not_found: (sim) =>
      send(sim, DOWNLOAD, { client_id: 'ckyc_download_AAAAAAAAAAAAAAAAAAAA', otp: '123456' }),
    already_downloaded: async (sim) => {
      const sent = await ckycOtpSent(sim)
      await step(sim, DOWNLOAD, sent)
      return send(sim, DOWNLOAD, sent)
    },
  },
  [AADHAAR_OTP]: {
    unauthorized: (sim) =>
      send(sim, AADHAAR_OTP, aadhaarBody(sim), { token: fixtures(sim).surepass.expired_token }),
    invalid_input: (sim) => send(sim, AADHAAR_OTP, { id_number: '54213098761' }),
    invalid_aadhaar: (sim) => send(sim, AADHAAR_OTP, aadhaarBody(sim, 'invalid_aadhaar')),
    mobile_not_linked: (sim) => send(sim, AADHAAR_OTP, aadhaarBody(sim, 'aadhaar_no_mobile')),
    rate_limit_exceeded: async (sim) => {
      await step(sim, AADHAAR_OTP, aadhaarBody(sim))
      sim.clock.advance(30_000)
      return send(sim, AADHAAR_OTP, aadhaarBody(sim))
    },
  },
  [AADHAAR_SUBMIT]: {
    unauthorized: async (sim) =>
      send(sim, AADHAAR_SUBMIT, await aadhaarOtpSent(sim), {
        token: fixtures(sim).surepass.expired_token,
      }),
    invalid_input: async (sim) => {
      const sent = await aadhaarOtpSent(sim)
      return send(sim, AADHAAR_SUBMIT, { client_id: sent.client_id, otp: sent.otp.slice(0, 5) })
    },
    invalid_otp: async (sim) => {
      const sent = await aadhaarOtpSent(sim)
      return send(sim, AADHAAR_SUBMIT, { client_id: sent.client_id, otp: wrongOtp(sent.otp) })
    },
    otp_expired: async (sim) => {
      const sent = await aadhaarOtpSent(sim)
      const moved = await admin(sim, 'POST', '/__sim/clock', { advance_ms: 600_000 })
      expect(moved.status).toBe(200)
      return send(sim, AADHAAR_SUBMIT, sent)
    },
    otp_attempts_exceeded: async (sim) => {
      const sent = await aadhaarOtpSent(sim)
      for (let i = 0; i < 3; i++)
        expectCase(
          getOperation(AADHAAR_SUBMIT),
          'invalid_otp',
          await send(sim, AADHAAR_SUBMIT, { client_id: sent.client_id, otp: wrongOtp(sent.otp) }),
        )
      return send(sim, AADHAAR_SUBMIT, sent)
    },
    already_submitted: async (sim) => {
      const sent = await aadhaarOtpSent(sim)
      await step(sim, AADHAAR_SUBMIT, sent)
      return send(sim, AADHAAR_SUBMIT, sent)
    },
    client_not_found: (sim) =>
      send(sim, AADHAAR_SUBMIT, { client_id: 'aadhaar_v2_AAAAAAAAAAAAAAAAAAAA', otp: '123456' }),
  },
  [PAN_LITE]: panRecipes(PAN_LITE),
  [PAN_COMPREHENSIVE]: panRecipes(PAN_COMPREHENSIVE),
  [PAN_DETAILS]: panRecipes(PAN_DETAILS),
  [BANK]: {
    unauthorized: (sim) =>
      send(sim, BANK, bankBody(sim, 'happy'), { token: fixtures(sim).surepass.expired_token }),
    invalid_input: (sim) => send(sim, BANK, withoutKey(bankBody(sim, 'happy'), 'ifsc')),
    invalid_ifsc: (sim) => send(sim, BANK, bankBody(sim, 'bank_invalid_ifsc')),
    invalid_account: (sim) => send(sim, BANK, bankBody(sim, 'bank_invalid_account')),
    nre_account: (sim) => send(sim, BANK, bankBody(sim, 'bank_nre_account')),
    account_closed: (sim) => send(sim, BANK, bankBody(sim, 'bank_account_closed')),
    account_blocked_frozen: (sim) => send(sim, BANK, bankBody(sim, 'bank_account_frozen')),
    imps_not_enabled: (sim) => send(sim, BANK, bankBody(sim, 'bank_imps_disabled')),
    backend_down: (sim) => send(sim, BANK, bankBody(sim, 'bank_backend_down')),
  },
  [ONBOARD]: {
    auth_failed: async (sim) => {
      const response = await send(sim, ONBOARD, onboardBody(sim), { accessKey: WRONG_ACCESS_KEY })
      expect(response.headers[AUTH_ERROR_HEADER]).toBe('signature_mismatch')
      return response
    },
    invalid_params: (sim) => send(sim, ONBOARD, withoutKey(onboardBody(sim), 'first_name')),
    invalid_initiator: (sim) =>
      send(sim, ONBOARD, onboardBody(sim, { initiator_id: UNKNOWN_INITIATOR })),
    user_already_exists: (sim) =>
      send(sim, ONBOARD, onboardBody(sim, { pan_number: agent(sim, 'ekyc_pending').pan_number })),
  },
  [SEND_OTP]: {
    auth_failed: (sim) =>
      send(sim, SEND_OTP, agentFields(sim, 'ekyc_pending'), { accessKey: WRONG_ACCESS_KEY }),
    invalid_params: (sim) =>
      send(
        sim,
        SEND_OTP,
        agentFields(sim, 'ekyc_pending', { aadhar: agent(sim, 'ekyc_pending').aadhaar }),
      ),
    invalid_initiator: (sim) =>
      send(sim, SEND_OTP, agentFields(sim, 'ekyc_pending', { initiator_id: UNKNOWN_INITIATOR })),
    agent_not_allowed: (sim) => send(sim, SEND_OTP, agentFields(sim, 'not_activated')),
  },
  [VERIFY_OTP]: {
    auth_failed: async (sim) => {
      const sent = await ekoOtpSent(sim)
      return send(
        sim,
        VERIFY_OTP,
        {
          ...sent.base,
          otp: sent.otp,
          otp_ref_id: sent.otp_ref_id,
          reference_tid: sent.reference_tid,
        },
        { accessKey: WRONG_ACCESS_KEY },
      )
    },
    invalid_params: async (sim) => {
      const sent = await ekoOtpSent(sim)
      return send(sim, VERIFY_OTP, {
        ...sent.base,
        otp: sent.otp.slice(0, 5),
        otp_ref_id: sent.otp_ref_id,
        reference_tid: sent.reference_tid,
      })
    },
    invalid_initiator: async (sim) => {
      const sent = await ekoOtpSent(sim)
      return send(sim, VERIFY_OTP, {
        ...sent.base,
        initiator_id: UNKNOWN_INITIATOR,
        otp: sent.otp,
        otp_ref_id: sent.otp_ref_id,
        reference_tid: sent.reference_tid,
      })
    },
    agent_not_allowed: async (sim) => {
      const sent = await ekoOtpSent(sim)
      return send(
        sim,
        VERIFY_OTP,
        agentFields(sim, 'not_activated', {
          otp: sent.otp,
          otp_ref_id: sent.otp_ref_id,
          reference_tid: sent.reference_tid,
        }),
      )
    },
    otp_invalid_or_expired: async (sim) => {
      const sent = await ekoOtpSent(sim)
      return send(sim, VERIFY_OTP, {
        ...sent.base,
        otp: wrongOtp(sent.otp),
        otp_ref_id: sent.otp_ref_id,
        reference_tid: sent.reference_tid,
      })
    },
  },
  [BIOMETRIC]: {
    auth_failed: async (sim) =>
      send(sim, BIOMETRIC, await VALID_BODY[BIOMETRIC]!(sim), { accessKey: WRONG_ACCESS_KEY }),
    invalid_params: async (sim) =>
      send(sim, BIOMETRIC, { ...(await VALID_BODY[BIOMETRIC]!(sim)), piddata: 'hello' }),
    invalid_initiator: async (sim) =>
      send(sim, BIOMETRIC, {
        ...(await VALID_BODY[BIOMETRIC]!(sim)),
        initiator_id: UNKNOWN_INITIATOR,
      }),
    agent_not_allowed: async (sim) => {
      const verified = await ekoOtpVerified(sim)
      return send(
        sim,
        BIOMETRIC,
        agentFields(sim, 'not_activated', {
          piddata: SAMPLE_PID_XML_OK,
          bank_code: 'HDFC',
          otp_ref_id: verified.otp_ref_id,
          reference_tid: verified.reference_tid,
        }),
      )
    },
    otp_not_verified: async (sim) => {
      const sent = await ekoOtpSent(sim)
      return send(sim, BIOMETRIC, {
        ...sent.base,
        piddata: SAMPLE_PID_XML_OK,
        bank_code: 'HDFC',
        otp_ref_id: sent.otp_ref_id,
        reference_tid: sent.reference_tid,
      })
    },
    invalid_biometric: async (sim) =>
      send(sim, BIOMETRIC, {
        ...(await VALID_BODY[BIOMETRIC]!(sim)),
        piddata: fixtures(sim).eko.piddata.pid_bad_finger,
      }),
  },
  [DAILY_KYC]: {
    auth_failed: (sim) =>
      send(
        sim,
        DAILY_KYC,
        agentFields(sim, 'ekyc_done', { piddata: SAMPLE_PID_XML_OK, bank_code: 'HDFC' }),
        { accessKey: WRONG_ACCESS_KEY },
      ),
    invalid_params: (sim) =>
      send(sim, DAILY_KYC, agentFields(sim, 'ekyc_done', { piddata: SAMPLE_PID_XML_OK })),
    no_key_for_response: (sim) =>
      send(
        sim,
        DAILY_KYC,
        agentFields(sim, 'ekyc_done', {
          piddata: SAMPLE_PID_XML_OK,
          bank_code: 'HDFC',
          remarks: 'extra',
        }),
      ),
    invalid_initiator: (sim) =>
      send(
        sim,
        DAILY_KYC,
        agentFields(sim, 'ekyc_done', {
          piddata: SAMPLE_PID_XML_OK,
          bank_code: 'HDFC',
          initiator_id: UNKNOWN_INITIATOR,
        }),
      ),
    agent_not_allowed: (sim) =>
      send(
        sim,
        DAILY_KYC,
        agentFields(sim, 'not_activated', { piddata: SAMPLE_PID_XML_OK, bank_code: 'HDFC' }),
      ),
    ekyc_not_done: (sim) =>
      send(
        sim,
        DAILY_KYC,
        agentFields(sim, 'ekyc_pending', { piddata: SAMPLE_PID_XML_OK, bank_code: 'HDFC' }),
      ),
    invalid_biometric: (sim) =>
      send(
        sim,
        DAILY_KYC,
        agentFields(sim, 'ekyc_done', {
          piddata: fixtures(sim).eko.piddata.pid_bad_finger,
          bank_code: 'HDFC',
        }),
      ),
  },
  [SERVICES]: {
    user_not_found: (sim) => send(sim, SERVICES, servicesQuery(sim, { user_code: '20999999' })),
    invalid_params: (sim) => send(sim, SERVICES, withoutKey(servicesQuery(sim), 'user_code')),
    invalid_initiator: (sim) =>
      send(sim, SERVICES, servicesQuery(sim, { initiator_id: UNKNOWN_INITIATOR })),
    auth_failed: (sim) => send(sim, SERVICES, servicesQuery(sim), { accessKey: WRONG_ACCESS_KEY }),
  },
  [SERVICES_V1]: {
    user_not_found: (sim) => send(sim, SERVICES_V1, servicesQuery(sim, { user_code: '20999999' })),
    invalid_params: (sim) => send(sim, SERVICES_V1, servicesQuery(sim, { user_code: 'abc' })),
    invalid_initiator: (sim) =>
      send(sim, SERVICES_V1, servicesQuery(sim, { initiator_id: UNKNOWN_INITIATOR })),
    auth_failed: (sim) =>
      send(sim, SERVICES_V1, servicesQuery(sim), { accessKey: WRONG_ACCESS_KEY }),
  },
  [ACTIVATE_V1]: {
    service_already_active: (sim) =>
      send(
        sim,
        ACTIVATE_V1,
        activateV1Body(sim, { service_code: '43', user_code: agent(sim, 'ekyc_done').user_code }),
      ),
    user_not_found: (sim) => send(sim, ACTIVATE_V1, activateV1Body(sim, { user_code: '20999999' })),
    invalid_params: (sim) => send(sim, ACTIVATE_V1, activateV1Body(sim, { service_code: '39' })),
    invalid_initiator: (sim) =>
      send(sim, ACTIVATE_V1, activateV1Body(sim, { initiator_id: UNKNOWN_INITIATOR })),
    auth_failed: (sim) =>
      send(sim, ACTIVATE_V1, activateV1Body(sim), { accessKey: WRONG_ACCESS_KEY }),
  },
  [PAN_VERIFY]: {
    pan_not_found: (sim) => send(sim, PAN_VERIFY, ekoPanBody(sim, { pan_number: 'ZZZPZ9999Z' })),
    agent_not_allowed: (sim) => send(sim, PAN_VERIFY, withoutKey(ekoPanBody(sim), 'user_code')),
    invalid_params: (sim) => send(sim, PAN_VERIFY, ekoPanBody(sim, { pan_number: 'ckmpk7314f' })),
    invalid_initiator: (sim) =>
      send(sim, PAN_VERIFY, ekoPanBody(sim, { initiator_id: UNKNOWN_INITIATOR })),
    auth_failed: (sim) => send(sim, PAN_VERIFY, ekoPanBody(sim), { accessKey: WRONG_ACCESS_KEY }),
  },
  [AEPS_ACTIVATE]: {
    user_not_found: (sim) =>
      send(sim, AEPS_ACTIVATE, activationUpload(sim, 'not_activated', { user_code: '20999999' })),
    service_already_exists: (sim) => send(sim, AEPS_ACTIVATE, activationUpload(sim, 'ekyc_done')),
    invalid_params: (sim) =>
      send(
        sim,
        AEPS_ACTIVATE,
        activationUpload(
          sim,
          'not_activated',
          {},
          { pan_card: { filename: 'pan.png', content_type: 'image/png', size: 1000 } },
        ),
      ),
    invalid_initiator: (sim) =>
      send(
        sim,
        AEPS_ACTIVATE,
        activationUpload(sim, 'not_activated', { initiator_id: UNKNOWN_INITIATOR }),
      ),
    auth_failed: (sim) =>
      send(sim, AEPS_ACTIVATE, activationUpload(sim, 'not_activated'), {
        accessKey: WRONG_ACCESS_KEY,
      }),
  },
  [CASH_WITHDRAWAL]: {
    pending: async (sim) =>
      send(sim, CASH_WITHDRAWAL, await readyTransaction(sim, 'bank_pending', { amount: 1000 })),
    ...transactionRecipes(CASH_WITHDRAWAL, { amount: 1000 }),
    amount_not_multiple_of_50: async (sim) =>
      send(sim, CASH_WITHDRAWAL, await readyTransaction(sim, 'happy', { amount: 1025 })),
    insufficient_balance: async (sim) =>
      send(sim, CASH_WITHDRAWAL, await readyTransaction(sim, 'low_balance', { amount: 1000 })),
  },
  [BALANCE_ENQUIRY]: transactionRecipes(BALANCE_ENQUIRY),
  [MINI_STATEMENT]: transactionRecipes(MINI_STATEMENT),
  [INQUIRY]: {
    tid_not_found: async (sim) =>
      send(sim, INQUIRY, await inquiryBody(sim, { transaction_ref: 'client_ref_id:nope-0000000' })),
    invalid_params: async (sim) =>
      send(sim, INQUIRY, await inquiryBody(sim, { transaction_ref: 'abc' })),
    invalid_initiator: async (sim) =>
      send(sim, INQUIRY, await inquiryBody(sim, { initiator_id: UNKNOWN_INITIATOR })),
    auth_failed: async (sim) =>
      send(sim, INQUIRY, await inquiryBody(sim), { accessKey: WRONG_ACCESS_KEY }),
  },
  [OPERATORS]: {
    auth_failed: (sim) => send(sim, OPERATORS, {}, { accessKey: WRONG_ACCESS_KEY }),
    invalid_params: (sim) => send(sim, OPERATORS, {}, { query: { page: '1' } }),
    invalid_initiator: (sim) =>
      send(sim, OPERATORS, {}, { query: { initiator_id: UNKNOWN_INITIATOR } }),
  },
  [CATEGORIES]: {
    auth_failed: (sim) => send(sim, CATEGORIES, {}, { accessKey: WRONG_ACCESS_KEY }),
    invalid_params: (sim) => send(sim, CATEGORIES, {}, { query: { page: '1' } }),
    invalid_initiator: (sim) =>
      send(sim, CATEGORIES, {}, { query: { initiator_id: UNKNOWN_INITIATOR } }),
  },
  [LOCATIONS]: {
    auth_failed: (sim) => send(sim, LOCATIONS, {}, { accessKey: WRONG_ACCESS_KEY }),
    invalid_params: (sim) => send(sim, LOCATIONS, {}, { query: { page: '1' } }),
    invalid_initiator: (sim) =>
      send(sim, LOCATIONS, {}, { query: { initiator_id: UNKNOWN_INITIATOR } }),
  },
  [OPERATOR_PARAMETERS]: {
    auth_failed: (sim) => send(sim, OPERATOR_PARAMETERS, {}, { accessKey: WRONG_ACCESS_KEY }),
    invalid_params: (sim) => send(sim, OPERATOR_PARAMETERS, {}, { params: { operator_id: '777' } }),
    invalid_initiator: (sim) =>
      send(sim, OPERATOR_PARAMETERS, {}, { query: { initiator_id: UNKNOWN_INITIATOR } }),
  },
  [FETCH_BILL]: {
    auth_failed: (sim) => send(sim, FETCH_BILL, billBody(), { accessKey: WRONG_ACCESS_KEY }),
    invalid_params: (sim) => send(sim, FETCH_BILL, billBody({ operator_id: '51' })),
    invalid_initiator: (sim) =>
      send(sim, FETCH_BILL, billBody(), { query: { initiator_id: UNKNOWN_INITIATOR } }),
    user_not_found: (sim) => send(sim, FETCH_BILL, billBody({ user_code: '99999999' })),
    bill_fetch_failed: (sim) => send(sim, FETCH_BILL, billBody({ utility_acc_no: '151627599' })),
  },
  [PAY_BILL]: {
    auth_failed: async (sim) => {
      const response = await send(sim, PAY_BILL, billBody({ amount: '50' }), {
        requestHash: 'none',
      })
      expect(response.headers[AUTH_ERROR_HEADER]).toBe('request_hash_missing')
      return response
    },
    invalid_params: (sim) => send(sim, PAY_BILL, billBody({ amount: '50.001' })),
    invalid_initiator: (sim) =>
      send(sim, PAY_BILL, billBody({ amount: '50' }), {
        query: { initiator_id: UNKNOWN_INITIATOR },
      }),
    user_not_found: (sim) => send(sim, PAY_BILL, billBody({ amount: '50', user_code: '99999999' })),
    bill_fetch_failed: (sim) =>
      send(sim, PAY_BILL, billBody({ amount: '50', utility_acc_no: '151627000' })),
    amount_mismatch: (sim) => send(sim, PAY_BILL, billBody({ amount: '49' })),
    insufficient_balance: (sim) =>
      send(
        sim,
        PAY_BILL,
        billBody({ operator_id: '159', utility_acc_no: 'ACTBLR0042', amount: '750000.00' }),
      ),
  },
  [VERIFY_BY_IFSC]: {
    auth_failed: (sim) =>
      send(sim, VERIFY_BY_IFSC, verificationBody(sim), { accessKey: WRONG_ACCESS_KEY }),
    invalid_params: (sim) =>
      send(sim, VERIFY_BY_IFSC, withoutKey(verificationBody(sim), 'customer_id')),
    invalid_initiator: (sim) =>
      send(sim, VERIFY_BY_IFSC, verificationBody(sim, { initiator_id: UNKNOWN_INITIATOR })),
    user_not_found: (sim) =>
      send(sim, VERIFY_BY_IFSC, verificationBody(sim, { user_code: '99999999' })),
    invalid_ifsc_format: (sim) =>
      send(sim, VERIFY_BY_IFSC, verificationBody(sim), { params: { ifsc: 'KKBK000026' } }),
    ifsc_not_found: (sim) =>
      send(sim, VERIFY_BY_IFSC, verificationBody(sim), { params: { ifsc: 'ABCD0000261' } }),
    invalid_account_length: (sim) =>
      send(sim, VERIFY_BY_IFSC, verificationBody(sim), { params: { account: '17116' } }),
    account_invalid: (sim) =>
      send(sim, VERIFY_BY_IFSC, verificationBody(sim), {
        params: { ifsc: 'SBIN0000691', account: '1711654121' },
      }),
    bank_not_supported: (sim) =>
      send(sim, VERIFY_BY_IFSC, verificationBody(sim), {
        params: { ifsc: 'DEUT0784PBC', account: '400012345678' },
      }),
  },
  [VERIFY_BY_BANK_CODE]: {
    auth_failed: (sim) =>
      send(sim, VERIFY_BY_BANK_CODE, verificationBody(sim), { accessKey: WRONG_ACCESS_KEY }),
    invalid_params: (sim) =>
      send(sim, VERIFY_BY_BANK_CODE, withoutKey(verificationBody(sim), 'customer_id')),
    invalid_initiator: (sim) =>
      send(sim, VERIFY_BY_BANK_CODE, verificationBody(sim, { initiator_id: UNKNOWN_INITIATOR })),
    user_not_found: (sim) =>
      send(sim, VERIFY_BY_BANK_CODE, verificationBody(sim, { user_code: '99999999' })),
    bank_not_found: (sim) =>
      send(sim, VERIFY_BY_BANK_CODE, verificationBody(sim), { params: { bank_code: 'ZZZZ' } }),
    invalid_account_length: (sim) =>
      send(sim, VERIFY_BY_BANK_CODE, verificationBody(sim), { params: { account: '17116' } }),
    account_invalid: (sim) =>
      send(sim, VERIFY_BY_BANK_CODE, verificationBody(sim), {
        params: { bank_code: 'SBIN', account: '1711654121' },
      }),
    bank_not_supported: (sim) =>
      send(sim, VERIFY_BY_BANK_CODE, verificationBody(sim), {
        params: { bank_code: 'DEUT', account: '400012345678' },
      }),
  },
}

/**
 * The other routes a case's `x-trigger` text offers ("…, or …"), each proven too so the catalogue does
 * not promise a path that does not work.
 */
const ALTERNATIVES: Readonly<
  Record<string, Readonly<Record<string, Readonly<Record<string, Recipe>>>>>
> = {
  [SEARCH]: {
    unauthorized: {
      'no Authorization header': (sim) =>
        send(sim, SEARCH, searchBody(sim, 'happy'), { token: null }),
    },
  },
  [DOWNLOAD]: {
    otp_expired: {
      'preset ckyc-otp-expired': async (sim) => {
        const preset = await admin(sim, 'POST', '/__sim/presets/ckyc-otp-expired')
        expect(preset.status, JSON.stringify(preset.body)).toBe(200)
        return send(sim, DOWNLOAD, (preset.body as { next: { body: Body } }).next.body)
      },
    },
    otp_attempts_exceeded: {
      'preset ckyc-attempts-exhausted': async (sim) => {
        const preset = await admin(sim, 'POST', '/__sim/presets/ckyc-attempts-exhausted')
        expect(preset.status, JSON.stringify(preset.body)).toBe(200)
        return send(sim, DOWNLOAD, (preset.body as { next: { body: Body } }).next.body)
      },
    },
  },
  [AADHAAR_OTP]: {
    invalid_aadhaar: {
      'a valid number no person has': (sim) =>
        send(sim, AADHAAR_OTP, { id_number: '999999990019' }),
    },
  },
  [AADHAAR_SUBMIT]: {
    otp_expired: {
      'preset aadhaar-otp-expired': async (sim) => {
        const preset = await admin(sim, 'POST', '/__sim/presets/aadhaar-otp-expired')
        expect(preset.status, JSON.stringify(preset.body)).toBe(200)
        return send(sim, AADHAAR_SUBMIT, (preset.body as { next: { body: Body } }).next.body)
      },
    },
    client_not_found: {
      'a client_id superseded by a newer generate-otp': async (sim) => {
        const first = await aadhaarOtpSent(sim)
        sim.clock.advance(sim.config.otp.aadhaar.resendCooldownMs)
        await aadhaarOtpSent(sim)
        return send(sim, AADHAAR_SUBMIT, first)
      },
    },
  },
  [ONBOARD]: {
    auth_failed: {
      '10-digit (seconds) timestamp': async (sim) => {
        const response = await send(sim, ONBOARD, onboardBody(sim), {
          timestamp: String(Math.floor(sim.clock.now() / 1000)),
        })
        expect(response.headers[AUTH_ERROR_HEADER]).toBe('timestamp_not_ms')
        return response
      },
    },
    user_already_exists: {
      "a fixture agent's mobile": (sim) =>
        send(sim, ONBOARD, onboardBody(sim, { mobile: agent(sim, 'ekyc_pending').customer_id })),
    },
  },
  [VERIFY_OTP]: {
    otp_invalid_or_expired: {
      'the right OTP after 10 minutes': async (sim) => {
        const sent = await ekoOtpSent(sim)
        sim.clock.advance(600_000)
        return send(sim, VERIFY_OTP, {
          ...sent.base,
          otp: sent.otp,
          otp_ref_id: sent.otp_ref_id,
          reference_tid: sent.reference_tid,
        })
      },
    },
  },
  [FETCH_BILL]: {
    bill_fetch_failed: {
      'an account operator 1 has no bill for': (sim) =>
        send(sim, FETCH_BILL, billBody({ utility_acc_no: '151627000' })),
    },
  },
  [PAY_BILL]: {
    auth_failed: {
      'request_hash keyed with the developer key': async (sim) => {
        const response = await send(sim, PAY_BILL, billBody({ amount: '50' }), {
          requestHash: 'developer_key',
        })
        expect(response.headers[AUTH_ERROR_HEADER]).toBe('request_hash_keyed_with_developer_key')
        return response
      },
    },
    amount_mismatch: {
      'paying the bill twice': async (sim) => {
        await step(sim, PAY_BILL, billBody({ amount: '50' }))
        return send(sim, PAY_BILL, billBody({ amount: '50', client_ref_id: 'retry-000001' }))
      },
    },
  },
}

// ─── the walk ────────────────────────────────────────────────────────────────────────────────────

const WAYS = ['value', 'rule', 'header'] as const
type Way = (typeof WAYS)[number]

/** Every error case of every contract, in contract order. */
const ERROR_CASES = [...operations.values()].flatMap((op) =>
  [...op.cases.keys()].filter((id) => id !== 'success').map((caseId) => ({ op, caseId })),
)

/** What actually passed: `op/case` → the ways that reached it. */
const reached = new Map<string, Set<Way>>()
function markReached(op: Operation, caseId: string, way: Way): void {
  const key = `${op.id}/${caseId}`
  const ways = reached.get(key) ?? new Set<Way>()
  ways.add(way)
  reached.set(key, ways)
}

afterAll(() => {
  const total = ERROR_CASES.length
  const full = ERROR_CASES.filter(
    ({ op, caseId }) => reached.get(`${op.id}/${caseId}`)?.size === WAYS.length,
  )
  const percent = total === 0 ? 0 : Math.floor((full.length / total) * 1000) / 10
  console.log(
    `error-case coverage: ${full.length}/${total} reachable by value, rule and header (${percent}%)`,
  )
  const missing = ERROR_CASES.filter((e) => !full.includes(e)).map(({ op, caseId }) => {
    const ways = reached.get(`${op.id}/${caseId}`) ?? new Set<Way>()
    return `${op.id}/${caseId} (not by ${WAYS.filter((w) => !ways.has(w)).join(', ')})`
  })
  expect(missing, 'error cases not proven reachable all three ways').toEqual([])
  expect(percent).toBe(100)
})

describe('the walk covers the contracts', () => {
  it('finds error cases to prove', () => {
    expect(ERROR_CASES.length).toBeGreaterThan(0)
  })

  for (const op of operations.values()) {
    it(`${op.id}: the contract's request examples pass validation`, () => {
      const validate = validatorAt(fieldsSchemaOf(op))
      const examples = (validate.schema as { examples?: unknown[] }).examples ?? []
      expect(examples.length, `${op.id} documents no request example`).toBeGreaterThan(0)
      for (const example of examples)
        expect(validate(example), JSON.stringify(validate.errors)).toBe(true)
    })

    it(`${op.id}: has a valid request that the simulator answers success`, async () => {
      const sim = newSim()
      const body = await validBody(sim, op)
      expect(
        validateRequest(op.id, {
          headers: {
            authorization: `Bearer ${fixtures(sim).surepass.token}`,
            'content-type': 'application/json',
          },
          body,
        }).filter((v) => v.path.startsWith('/body')),
      ).toEqual([])
      expectCase(op, 'success', await send(sim, op.id, body))
    })
  }

  it("the fixtures' PID samples are the exported ones (pid_bad_finger is the magic value)", () => {
    const { piddata } = fixtures(newSim()).eko
    expect(piddata).toEqual({
      pid_ok: SAMPLE_PID_XML_OK,
      pid_bad_finger: SAMPLE_PID_XML_BAD_FINGER,
    })
  })

  it('has no recipe for a case the contracts do not have', () => {
    const stale: string[] = []
    for (const [table, entries] of [
      ['BY_VALUE', BY_VALUE],
      ['ALTERNATIVES', ALTERNATIVES],
    ] as const) {
      for (const [operationId, cases] of Object.entries(entries)) {
        for (const caseId of Object.keys(cases)) {
          if (!operations.get(operationId)?.cases.has(caseId) || caseId === 'success')
            stale.push(`${table}: ${operationId}/${caseId}`)
        }
      }
    }
    expect(stale).toEqual([])
  })
})

describe('by value: the x-trigger fixture or magic value of the contract, real behaviour, no forcing', () => {
  for (const op of operations.values()) {
    describe(op.id, () => {
      for (const caseId of [...op.cases.keys()].filter((id) => id !== 'success')) {
        it(caseId, async () => {
          const trigger = op.cases.get(caseId)?.trigger
          const recipe = BY_VALUE[op.id]?.[caseId]
          if (!trigger)
            throw new Error(
              `${op.id}/${caseId} has no trigger by value: add "x-trigger" to its entry in the contract's x-cases and run npm run generate`,
            )
          if (!recipe) {
            throw new Error(
              `${op.id}/${caseId} has no by-value recipe: add BY_VALUE['${op.id}']['${caseId}'] to test/error-cases/reachability.test.ts following the trigger "${trigger}"`,
            )
          }
          const sim = newSim()
          const response = await recipe(sim)
          expectCase(op, caseId, response)
          const entry = lastEntry(sim)
          expect(entry.operation).toBe(op.id)
          expect(entry.case).toBe(caseId)
          expect(entry.scenario, 'a by-value recipe must not force the outcome').toBeNull()
          expect(sim.scenarios.list()).toEqual([])
          markReached(op, caseId, 'value')
        })

        for (const [name, alternative] of Object.entries(ALTERNATIVES[op.id]?.[caseId] ?? {})) {
          it(`${caseId} (or: ${name})`, async () => {
            const sim = newSim()
            const response = await alternative(sim)
            expectCase(op, caseId, response)
            expect(lastEntry(sim).scenario).toBeNull()
          })
        }
      }
    })
  }
})

describe('by scenario rule: POST /__sim/scenarios {operation, outcome, times: 1}', () => {
  for (const op of operations.values()) {
    describe(op.id, () => {
      for (const caseId of [...op.cases.keys()].filter((id) => id !== 'success')) {
        it(caseId, async () => {
          const sim = newSim()
          const body = await validBody(sim, op)
          const rule = await addRule(sim, { operation: op.id, outcome: caseId, times: 1 })
          expect(rule.remaining).toBe(1)
          expect((await listRules(sim)).map((r) => r.id)).toEqual([rule.id])

          expectCase(op, caseId, await send(sim, op.id, body))
          expect(lastEntry(sim).scenario).toBe(caseId)

          // Used up: gone from the list, and the same request now gets its real answer.
          expect(await listRules(sim)).toEqual([])
          expectCase(op, 'success', await send(sim, op.id, body))
          expect(lastEntry(sim).scenario).toBeNull()
          markReached(op, caseId, 'rule')
        })
      }
    })
  }
})

describe(`by header: ${SCENARIO_HEADER}: <case>`, () => {
  for (const op of operations.values()) {
    describe(op.id, () => {
      for (const caseId of [...op.cases.keys()].filter((id) => id !== 'success')) {
        it(caseId, async () => {
          const sim = newSim()
          const body = await validBody(sim, op)
          expectCase(
            op,
            caseId,
            await send(sim, op.id, body, { headers: { [SCENARIO_HEADER]: caseId } }),
          )
          expect(lastEntry(sim).scenario).toBe(caseId)
          // One request only: without the header the same request gets its real answer.
          expectCase(op, 'success', await send(sim, op.id, body))
          markReached(op, caseId, 'header')
        })
      }
    })
  }
})

describe('forced outcomes still run auth and request validation first', () => {
  for (const op of operations.values()) {
    describe(op.id, () => {
      const forced = businessCaseOf(op)
      const authCase = caseIdOf(op, AUTH_CASES)
      const validationCase = caseIdOf(op, VALIDATION_CASES)

      it(`header ${forced} with bad auth answers ${authCase}`, async () => {
        const sim = newSim()
        const body = await validBody(sim, op)
        expectCase(
          op,
          authCase,
          await send(sim, op.id, body, {
            ...badAuth(sim, op),
            headers: { [SCENARIO_HEADER]: forced },
          }),
        )
      })

      it(`rule ${forced} with bad auth answers ${authCase} and is not used up`, async () => {
        const sim = newSim()
        const body = await validBody(sim, op)
        await addRule(sim, { operation: op.id, outcome: forced, times: 1 })
        expectCase(op, authCase, await send(sim, op.id, body, badAuth(sim, op)))
        expect(await listRules(sim)).toHaveLength(1)
        expectCase(op, forced, await send(sim, op.id, body))
        expect(await listRules(sim)).toEqual([])
      })

      it(`header ${forced} with an invalid body answers ${validationCase}`, async () => {
        const sim = newSim()
        const invalid = invalidRequestOf(op, await validBody(sim, op))
        expectCase(
          op,
          validationCase,
          await send(sim, op.id, invalid.body, {
            ...invalid.options,
            headers: { [SCENARIO_HEADER]: forced },
          }),
        )
      })

      it(`rule ${forced} with an invalid body answers ${validationCase} and is not used up`, async () => {
        const sim = newSim()
        const body = await validBody(sim, op)
        await addRule(sim, { operation: op.id, outcome: forced, times: 1 })
        const invalid = invalidRequestOf(op, {})
        expectCase(op, validationCase, await send(sim, op.id, invalid.body, invalid.options))
        expect(await listRules(sim)).toHaveLength(1)
        expectCase(op, forced, await send(sim, op.id, body))
      })
    })
  }

  it('surepass: forcing mobile_number_not_matched with the expired token gives 401', async () => {
    const sim = newSim()
    const body = await validBody(sim, getOperation(GENERATE_OTP))
    const response = await send(sim, GENERATE_OTP, body, {
      token: fixtures(sim).surepass.expired_token,
      headers: { [SCENARIO_HEADER]: 'mobile_number_not_matched' },
    })
    expect(response.status).toBe(401)
    expect(bodyOf(response).message_code).toBe('unauthorized')
  })
})

// ─── faults ──────────────────────────────────────────────────────────────────────────────────────

type Via = 'header' | 'rule'

/** Sends `body` with `outcome` forced by header or by a one-shot rule. */
async function forced(
  sim: Simulator,
  op: Operation,
  body: Body,
  outcome: string,
  via: Via,
): Promise<SimResponse> {
  if (via === 'header') return send(sim, op.id, body, { headers: { [SCENARIO_HEADER]: outcome } })
  await addRule(sim, { operation: op.id, outcome, times: 1 })
  return send(sim, op.id, body)
}

/**
 * What `commit_then_fail` leaves behind, per state-changing operation: `fail()` sends the request
 * (answered 500), then the proof shows the state DID change, by an effect a client can observe.
 */
const COMMIT_PROOF: Readonly<
  Record<string, (sim: Simulator, body: Body, fail: () => Promise<void>) => Promise<void>>
> = {
  [SEARCH]: async (sim, body, fail) => {
    // A twin with the same seed issues the same ids: its first search id is the failed one's.
    const twinId = (await step(newSim(), SEARCH, body)).client_id
    await fail()
    await step(sim, GENERATE_OTP, {
      client_id: twinId,
      mobile_number: persona(sim, 'happy').mobile_number,
    })
    expect(sim.otps({ provider: 'surepass' })).toHaveLength(1)
  },
  [GENERATE_OTP]: async (sim, body, fail) => {
    const before = sim.otps({ provider: 'surepass' }).length
    await fail()
    const inbox = sim.otps({ provider: 'surepass' })
    expect(inbox).toHaveLength(before + 1)
    const sent = inbox[0]
    if (!sent) throw new Error('no OTP')
    expect(sent.phone).toBe(body.mobile_number)
    await step(sim, DOWNLOAD, { client_id: sent.ref, otp: sent.otp })
  },
  [DOWNLOAD]: async (sim, body, fail) => {
    await fail()
    expectCase(getOperation(DOWNLOAD), 'already_downloaded', await send(sim, DOWNLOAD, body))
  },
  [AADHAAR_OTP]: async (sim, body, fail) => {
    await fail()
    const sent = sim.otps({ provider: 'surepass' })[0]
    if (!sent) throw new Error('no OTP')
    expect(sent.phone).toBe(person(sim, 'happy').mobile_number)
    await step(sim, AADHAAR_SUBMIT, { client_id: sent.ref, otp: sent.otp })
    expect(body.id_number).toBe(person(sim, 'happy').aadhaar_number)
  },
  [AADHAAR_SUBMIT]: async (sim, body, fail) => {
    await fail()
    expectCase(
      getOperation(AADHAAR_SUBMIT),
      'already_submitted',
      await send(sim, AADHAAR_SUBMIT, body),
    )
  },
  [ONBOARD]: async (sim, body, fail) => {
    await fail()
    expectCase(
      getOperation(ONBOARD),
      'user_already_exists',
      await send(sim, ONBOARD, onboardBody(sim, { pan_number: body.pan_number })),
    )
  },
  [SEND_OTP]: async (sim, body, fail) => {
    const before = sim.otps({ provider: 'eko' }).length
    await fail()
    const inbox = sim.otps({ provider: 'eko' })
    expect(inbox).toHaveLength(before + 1)
    expect(inbox[0]?.phone).toBe(body.customer_id)
  },
  [VERIFY_OTP]: async (sim, body, fail) => {
    await fail()
    expectCase(
      getOperation(VERIFY_OTP),
      'otp_invalid_or_expired',
      await send(sim, VERIFY_OTP, body),
    )
  },
  [BIOMETRIC]: async (sim, body, fail) => {
    const daily = agentFields(sim, 'ekyc_pending', {
      piddata: SAMPLE_PID_XML_OK,
      bank_code: 'HDFC',
    })
    await fail()
    // The agent's one-time eKYC is now done: Daily KYC, refused before, succeeds.
    await step(sim, DAILY_KYC, daily)
    expectCase(getOperation(BIOMETRIC), 'otp_not_verified', await send(sim, BIOMETRIC, body))
  },
  [ACTIVATE_V1]: async (sim, body, fail) => {
    await fail()
    expectCase(
      getOperation(ACTIVATE_V1),
      'service_already_active',
      await send(sim, ACTIVATE_V1, body),
    )
  },
  [AEPS_ACTIVATE]: async (sim, body, fail) => {
    await fail()
    const listed = await step(
      sim,
      SERVICES,
      servicesQuery(sim, { user_code: agent(sim, 'not_activated').user_code }),
    )
    expect(listed.service_status_list).toEqual([
      expect.objectContaining({ service_code: '43', status_desc: 'PENDING' }),
    ])
    expectCase(
      getOperation(AEPS_ACTIVATE),
      'service_already_exists',
      await send(sim, AEPS_ACTIVATE, body),
    )
  },
  [CASH_WITHDRAWAL]: async (sim, body, fail) => {
    await fail()
    // The customer's ₹25,000 lost the ₹1,000 the client never heard about.
    const balance = await step(sim, BALANCE_ENQUIRY, transactionBody('ekyc_done', 'happy'))
    expect(balance.customer_balance).toBe('24000.00')
    expect(body.amount).toBe(1000)
  },
  [DAILY_KYC]: async (sim, _body, fail) => {
    // Daily KYC's only effect (the agent's daily_kyc_at) has no other client-visible trace: the
    // journal names what the behaviour committed before the forced 500.
    await fail()
    expect(lastEntry(sim).committed).toBe('success')
  },
  [PAY_BILL]: async (sim, body, fail) => {
    await fail()
    // The bill is paid: fetching it finds no bill due, paying it again is a mismatch.
    expectCase(
      getOperation(FETCH_BILL),
      'bill_fetch_failed',
      await send(sim, FETCH_BILL, billBody()),
    )
    expectCase(getOperation(PAY_BILL), 'amount_mismatch', await send(sim, PAY_BILL, body))
  },
}

describe('faults on every operation', () => {
  for (const op of operations.values()) {
    describe(op.id, () => {
      for (const via of ['header', 'rule'] as const) {
        it(`timeout (${via})`, async () => {
          const sim = newSim()
          const response = await forced(sim, op, await validBody(sim, op), 'timeout', via)
          expect(response.status).toBe(0)
          expect(response.fault?.kind).toBe('timeout')
        })

        it(`drop (${via})`, async () => {
          const sim = newSim()
          const response = await forced(sim, op, await validBody(sim, op), 'drop', via)
          expect(response.status).toBe(0)
          expect(response.fault?.kind).toBe('drop')
        })

        it(`latency:300 (${via}) delays the normal answer`, async () => {
          const sim = newSim()
          const response = await forced(sim, op, await validBody(sim, op), 'latency:300', via)
          expect(response.delayMs ?? 0).toBeGreaterThanOrEqual(300)
          expectCase(op, 'success', response)
        })

        it(`internal_server_error (${via}) is the provider's 500 case`, async () => {
          const sim = newSim()
          const response = await forced(
            sim,
            op,
            await validBody(sim, op),
            'internal_server_error',
            via,
          )
          expectCase(op, 'internal_server_error', response)
        })

        if (op.stateChanging) {
          it(`commit_then_fail (${via}): 500 to the client, yet the state changed`, async () => {
            const proof = COMMIT_PROOF[op.id]
            if (!proof)
              throw new Error(
                `${op.id} changes state but has no commit_then_fail proof: add COMMIT_PROOF['${op.id}']`,
              )
            const sim = newSim()
            const body = await validBody(sim, op)
            await proof(sim, body, async () => {
              const response = await forced(sim, op, body, 'commit_then_fail', via)
              expectCase(op, 'internal_server_error', response)
              const entry = lastEntry(sim)
              expect(entry.scenario).toBe('commit_then_fail')
              expect(entry.committed).toBe('success')
            })
          })
        }
      }
    })
  }
})
