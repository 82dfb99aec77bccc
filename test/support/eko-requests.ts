/**
 * Test helpers for the Eko side of the simulator: a request signer that builds `SimRequest`s the
 * way a real Eko client sends them (developer_key, secret-key, secret-key-timestamp,
 * content-type), body builders for each operation with the Aadhaar RSA-encrypted, and a
 * `callEko` that also checks the Eko envelope on every HTTP-200 answer.
 *
 * Signing uses the simulator's own clock (`sim.clock.now()`), never the host's, so tests can move
 * time with `sim.clock.advance(ms)` and keep signing valid requests.
 */
import { expect } from 'vitest'
import { encryptAadhaarForTest } from '../../simulator/eko/aadhaar-cipher.js'
import { aepsDailyKycBody } from '../../simulator/eko/aeps-sample-bodies.js'
import { SAMPLE_PID_XML_OK } from '../../simulator/eko/pid-data.js'
import {
  ekoAuthHeaderSet,
  fillPath,
  findCase,
  getOperation,
  requestHashMessage,
} from '../../contracts/index.js'
import { computeRawKeyedSecretKey, computeSecretKey } from '../../simulator/eko/secret-key.js'
import { parseRequestBody } from '../../mocks/body-parser.js'
import {
  EKO_UAT_CREDENTIALS,
  getLabelledEkoAgent,
  type EkoAgent,
  type EkoAgentLabel,
} from '../../simulator/fixtures/index.js'
import type { Simulator } from '../../simulator/create-simulator.js'
import type { SimRequest, SimResponse } from '../../simulator/sim-types.js'

/** The Eko operations under test: method and path relative to the base path. */
export const EKO_OPERATIONS = {
  onboard: { id: 'eko.users.onboard', method: 'POST', path: '/user/network/eps-agent' },
  sendOtp: {
    id: 'eko.aepsKyc.sendOtp',
    method: 'POST',
    path: '/user/collection/aeps-fingpay/kyc/otp',
  },
  verifyOtp: {
    id: 'eko.aepsKyc.verifyOtp',
    method: 'PUT',
    path: '/user/collection/aeps-fingpay/kyc/otp/verify',
  },
  biometric: {
    id: 'eko.aepsKyc.biometric',
    method: 'PUT',
    path: '/user/collection/aeps-fingpay/kyc/biometric',
  },
  dailyKyc: {
    id: 'eko.aepsKyc.dailyKyc',
    method: 'PUT',
    path: '/user/collection/aeps-fingpay/kyc/biometric/daily',
  },
} as const

export type EkoOperationName = keyof typeof EKO_OPERATIONS

/** UAT base (`/ekoapi/v3`) or the production form (`/ekoicici/v3`); the simulator serves both. */
export type EkoBasePath = '/ekoapi/v3' | '/ekoicici/v3'

/** The auth headers a signer may leave out (to provoke `missing_header`). */
export type EkoAuthHeaderName =
  | 'developer_key'
  | 'secret-key'
  | 'secret-key-timestamp'
  | 'content-type'

/** How to sign (or mis-sign) one request. Defaults: Eko's UAT credentials at the simulator's now. */
export interface EkoSignOptions {
  /** `secret-key-timestamp` header text; default `String(sim.clock.now())`. */
  timestamp?: string
  /** Timestamp the signature is computed for, when it must differ from the header's. */
  signedTimestamp?: string
  developerKey?: string
  /** Access key the signature is computed with; default the UAT access key. */
  accessKey?: string
  /** `raw-key`: HMAC keyed with the access key itself, the classic mistake (never accepted). */
  keying?: 'base64-text' | 'raw-key'
  /** Replaces the computed `secret-key` outright. */
  secretKey?: string
  /** Default `application/json`. */
  contentType?: string
  /** Headers left out of the request. */
  omit?: readonly EkoAuthHeaderName[]
  /** Extra headers (e.g. `x-fintwin-scenario`). */
  headers?: Record<string, string>
}

/** Everything {@link ekoRequest} takes beyond the signing. */
export interface EkoRequestOptions extends EkoSignOptions {
  base?: EkoBasePath
  /** Overrides the operation's method (for 405s). */
  method?: string
  /**
   * Send the body `application/x-www-form-urlencoded` (Eko's v1/v2 style): it is serialised and
   * parsed back with `parseRequestBody`, exactly as a door would hand it over.
   */
  form?: boolean
  /** Set the door's body error instead of a body (e.g. `unsupported_media_type`). */
  bodyError?: SimRequest['bodyError']
}

/** What a signer needs of a simulator: its clock. */
export interface HasClock {
  readonly clock: { now(): number }
}

/** The four Eko headers of one request, signed by the rules of developers.eko.in/docs/authentication unless told otherwise. */
export async function ekoHeaders(
  sim: HasClock,
  options: EkoRequestOptions = {},
): Promise<Record<string, string>> {
  const timestamp = options.timestamp ?? String(sim.clock.now())
  const accessKey = options.accessKey ?? EKO_UAT_CREDENTIALS.access_key
  const signedAt = options.signedTimestamp ?? timestamp
  const secretKey =
    options.secretKey ??
    (options.keying === 'raw-key'
      ? await computeRawKeyedSecretKey(accessKey, signedAt)
      : await computeSecretKey(accessKey, signedAt))
  const headers: Record<string, string> = {
    ...ekoAuthHeaderSet(
      options.developerKey ?? EKO_UAT_CREDENTIALS.developer_key,
      timestamp,
      secretKey,
    ),
    'content-type':
      options.contentType ??
      (options.form ? 'application/x-www-form-urlencoded' : 'application/json'),
    ...options.headers,
  }
  for (const name of options.omit ?? []) delete headers[name]
  return headers
}

/** A signed `SimRequest` for one Eko operation, as a door would build it. */
export async function ekoRequest(
  sim: HasClock,
  operation: EkoOperationName,
  body: unknown,
  options: EkoRequestOptions = {},
): Promise<SimRequest> {
  const op = EKO_OPERATIONS[operation]
  return signedRequest(
    sim,
    options.method ?? op.method,
    `${options.base ?? '/ekoapi/v3'}${op.path}`,
    body,
    options,
  )
}

/** A signed `SimRequest` for any method and full path (unknown paths, wrong versions). */
export async function signedRequest(
  sim: HasClock,
  method: string,
  path: string,
  body: unknown,
  options: EkoRequestOptions = {},
): Promise<SimRequest> {
  const headers = await ekoHeaders(sim, options)
  const request: SimRequest = { method, path, query: {}, headers, body }
  if (options.form) {
    const text = new URLSearchParams(body as Record<string, string>).toString()
    const parsed = parseRequestBody(headers['content-type'], text)
    if (!parsed.ok) throw new Error(`form body did not parse: ${parsed.error}`)
    request.body = parsed.body
  }
  if (options.bodyError !== undefined) {
    request.body = undefined
    request.bodyError = options.bodyError
  }
  return request
}

/**
 * The query string and path parameters of a valid request, per operation that has them: the
 * seeded bill and accounts Eko's own samples name (`GET /__sim/fixtures` `eko.bbps`,
 * `eko.bank_accounts`).
 */
export const EKO_DEFAULT_TARGETS: Readonly<
  Record<string, { query?: Record<string, string>; params?: Record<string, string> }>
> = {
  'eko.bbps.operatorParameters': { params: { operator_id: '51' } },
  'eko.bbps.fetchBill': { query: { initiator_id: EKO_UAT_CREDENTIALS.initiator_id } },
  'eko.bbps.payBill': { query: { initiator_id: EKO_UAT_CREDENTIALS.initiator_id } },
  'eko.bankAccount.verifyByIfsc': { params: { ifsc: 'KKBK0000261', account: '1711654121' } },
  'eko.bankAccount.verifyByBankCode': { params: { bank_code: 'KKBK', account: '1711654128' } },
}

/** What {@link contractRequest} takes beyond the signing. */
export interface ContractRequestOptions extends EkoSignOptions {
  /** Over the operation's {@link EKO_DEFAULT_TARGETS} query. */
  query?: Record<string, string>
  /** Over the operation's {@link EKO_DEFAULT_TARGETS} path parameters. */
  params?: Record<string, string>
  /**
   * The `request_hash` of an operation that takes one: right by default (keyed with the access
   * key), keyed with the developer key as Eko's Node SDK does, or left out.
   */
  requestHash?: 'right' | 'developer_key' | 'none'
}

/**
 * A signed `SimRequest` for any Eko operation of the contracts, by its id: its first path with the
 * parameters filled in, its query, no body for a GET, and its `request_hash` when it takes one.
 */
export async function contractRequest(
  sim: HasClock,
  operationId: string,
  body: unknown,
  options: ContractRequestOptions = {},
): Promise<SimRequest> {
  const op = getOperation(operationId)
  const target = EKO_DEFAULT_TARGETS[op.id] ?? {}
  const path = fillPath(op.paths[0]!, { ...target.params, ...options.params })
  const request = await signedRequest(
    sim,
    op.method,
    path,
    op.method === 'GET' ? undefined : body,
    options,
  )
  request.query = { ...target.query, ...options.query }
  const hash = options.requestHash ?? 'right'
  if (op.requestHash && hash !== 'none') {
    const message = requestHashMessage(op.requestHash, request.headers, (body ?? {}) as Fields)
    const key =
      hash === 'right'
        ? (options.accessKey ?? EKO_UAT_CREDENTIALS.access_key)
        : (options.developerKey ?? EKO_UAT_CREDENTIALS.developer_key)
    request.headers[op.requestHash.header] = await computeSecretKey(key, message)
  }
  return request
}

/** An Eko JSON body as the tests read it. */
export interface EkoBody {
  status: number
  message: string
  response_status_id: number
  response_type_id?: number
  data?: Record<string, unknown>
  invalid_params?: Record<string, string>
}

/**
 * Sends a request through `sim.handle` and, on HTTP 200, checks the Eko envelope against the
 * case the simulator journaled: `status === 0` exactly for the `success` case, and
 * `response_type_id` always present.
 */
export async function handleEko(
  sim: Simulator,
  request: SimRequest,
): Promise<SimResponse & { body: EkoBody }> {
  const response = await sim.handle(request)
  if (response.status === 200) {
    const body = response.body as EkoBody
    const entry = sim.journal.list(1)[0]
    expect(entry?.path).toBe(request.path)
    // A case outside the envelope (Daily KYC's bare "No key for Response") is exactly its example.
    const example = entry?.operation
      ? findCase(entry.operation, entry.case ?? '')?.examples[0]
      : undefined
    if (typeof example === 'object' && example !== null && !('status' in example)) {
      expect(body).toEqual(example)
      return response as SimResponse & { body: EkoBody }
    }
    expect(body.status === 0, `status ${body.status} vs journaled case ${entry?.case}`).toBe(
      entry?.case === 'success',
    )
    expect(typeof body.response_type_id).toBe('number')
    expect(typeof body.message).toBe('string')
    if (entry?.case === 'success') expect([-1, 0]).toContain(body.response_status_id)
    else expect(body.response_status_id).toBe(1)
  }
  return response as SimResponse & { body: EkoBody }
}

/** Signs and sends one Eko operation; see {@link handleEko}. */
export async function callEko(
  sim: Simulator,
  operation: EkoOperationName,
  body: unknown,
  options: EkoRequestOptions = {},
): Promise<SimResponse & { body: EkoBody }> {
  return handleEko(sim, await ekoRequest(sim, operation, body, options))
}

/** A labelled agent (`ekyc_pending`, `not_activated`, `ekyc_done`). */
export function ekoAgent(label: EkoAgentLabel): EkoAgent {
  return getLabelledEkoAgent(label)
}

/** The Aadhaar field as a client must send it: RSA PKCS#1 v1.5 under the simulator's key, base64. */
export function encryptedAadhaar(aadhaar: string): string {
  return encryptAadhaarForTest(aadhaar)
}

type Fields = Record<string, unknown>

/** The fields every eKYC call of `agent` carries (initiator, user_code, customer_id, latlong, aadhar). */
function agentFields(agent: EkoAgent): Fields {
  return {
    initiator_id: EKO_UAT_CREDENTIALS.initiator_id,
    user_code: agent.user_code,
    customer_id: agent.customer_id,
    aadhar: encryptAadhaarForTest(agent.aadhaar),
    latlong: agent.latlong,
  }
}

/** Send OTP body for `agent`; `extra` overrides or adds fields (`undefined` removes one). */
export function sendOtpBody(agent: EkoAgent, extra: Fields = {}): Fields {
  return withExtra(agentFields(agent), extra)
}

/** Verify OTP body carrying the ids Send OTP returned. */
export function verifyOtpBody(
  agent: EkoAgent,
  ids: { otp: string; otp_ref_id: string; reference_tid: string },
  extra: Fields = {},
): Fields {
  return withExtra({ ...agentFields(agent), ...ids }, extra)
}

/** Biometric body carrying the ids Verify OTP returned; a good PID capture unless overridden. */
export function biometricBody(
  agent: EkoAgent,
  ids: { otp_ref_id: string; reference_tid: string },
  extra: Fields = {},
): Fields {
  return withExtra(
    { ...agentFields(agent), piddata: SAMPLE_PID_XML_OK, bank_code: 'HDFC', ...ids },
    extra,
  )
}

/** Daily KYC body: exactly the seven documented fields. */
export function dailyKycBody(agent: EkoAgent, extra: Fields = {}): Fields {
  return withExtra(aepsDailyKycBody(EKO_UAT_CREDENTIALS.initiator_id, agent, 'HDFC'), extra)
}

let onboardSeq = 0

/** An Onboard User body for a new agent (fresh PAN and mobile on each call). */
export function onboardBody(extra: Fields = {}): Fields {
  const n = ++onboardSeq
  return withExtra(
    {
      initiator_id: EKO_UAT_CREDENTIALS.initiator_id,
      pan_number: `ABCPV${String(1000 + n).slice(-4)}K`,
      mobile: `70000${String(10000 + n).slice(-5)}`,
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
    },
    extra,
  )
}

function withExtra(base: Fields, extra: Fields): Fields {
  const out: Fields = { ...base, ...extra }
  for (const [key, value] of Object.entries(extra)) if (value === undefined) delete out[key]
  return out
}

/** The OTP the simulator "sent" for `otpRefId`, read from its QA inbox. */
export function otpFor(sim: Simulator, otpRefId: string): string {
  const entry = sim.otps({ ref: otpRefId })[0]
  if (!entry) throw new Error(`no OTP in the inbox for ref ${otpRefId}`)
  return entry.otp
}

/** A 6-digit code that is certainly not `otp`. */
export function wrongOtp(otp: string): string {
  return otp.replace(/\d/g, (d) => String((Number(d) + 1) % 10))
}
