/**
 * Builders of `SimRequest`s for the Surepass operations and the `/__sim` admin routes, plus a
 * response log that checks the Surepass envelope invariant on everything a suite produced.
 * Test-only: nothing outside `test/` and `*.test.ts` imports this file.
 */
import type { BodyError, SimRequest, SimResponse, Simulator } from '../../simulator/index.js'
import { SCENARIO_HEADER } from '../../simulator/index.js'
import { SUREPASS_FIXTURE_TOKEN } from '../../simulator/surepass/jwt.js'

/** The Surepass operations' real paths. */
export const SUREPASS_PATHS = {
  search: '/api/v1/ckyc/search',
  generateOtp: '/api/v1/ckyc-v2/generate-otp',
  download: '/api/v1/ckyc-v2/download',
  aadhaarGenerateOtp: '/api/v1/aadhaar-v2/generate-otp',
  aadhaarSubmitOtp: '/api/v1/aadhaar-v2/submit-otp',
  panLite: '/api/v1/pan/pan',
  panComprehensive: '/api/v1/pan/pan-comprehensive',
  panWithDetailsV2: '/api/v1/pan/pan-with-details-v2',
  bankVerification: '/api/v1/bank-verification',
} as const

/** Contract operation ids, by the same keys as {@link SUREPASS_PATHS}. */
export const SUREPASS_OPS = {
  search: 'surepass.ckyc.search',
  generateOtp: 'surepass.ckycV2.generateOtp',
  download: 'surepass.ckycV2.download',
  aadhaarGenerateOtp: 'surepass.aadhaarV2.generateOtp',
  aadhaarSubmitOtp: 'surepass.aadhaarV2.submitOtp',
  panLite: 'surepass.pan.lite',
  panComprehensive: 'surepass.pan.comprehensive',
  panWithDetailsV2: 'surepass.pan.withDetailsV2',
  bankVerification: 'surepass.bank.verification',
} as const satisfies Record<SurepassStep, string>

export type SurepassStep = keyof typeof SUREPASS_PATHS

/**
 * Valid-by-contract bodies of the Aadhaar OKYC, PAN and bank steps, with the `happy` person's
 * values (the submit-otp `client_id` is well formed but never issued).
 */
export const SUREPASS_KYC_BODIES = {
  aadhaarGenerateOtp: { id_number: '542130987616' },
  aadhaarSubmitOtp: { client_id: 'aadhaar_v2_AbCdEfGhIjKlMnOpQrSt', otp: '123456' },
  panLite: { id_number: 'EKRPR1234F' },
  panComprehensive: { id_number: 'EKRPR1234F', get_address: true },
  panWithDetailsV2: { id_number: 'EKRPR1234F' },
  bankVerification: { id_number: '50100012345678', ifsc: 'HDFC0000240', ifsc_details: true },
} as const satisfies Partial<Record<SurepassStep, Record<string, unknown>>>

/** Paths whose envelope has no `message_code` at all (PAN lite, Surepass API docs page pan-lite-16579065e0). */
const NO_MESSAGE_CODE_PATHS: ReadonlySet<string> = new Set([SUREPASS_PATHS.panLite])

export interface SurepassRequestOptions {
  /** Bearer token; default the fixture token. `null` sends no Authorization header. */
  token?: string | null
  /** A raw Authorization header, overriding `token`. */
  authorization?: string
  /** Sets `x-fintwin-scenario`. */
  scenario?: string
  method?: string
  headers?: Record<string, string>
  bodyError?: BodyError
}

/** A request to one Surepass operation, authenticated with the fixture token unless told otherwise. */
export function surepassRequest(
  step: SurepassStep,
  body: unknown,
  options: SurepassRequestOptions = {},
): SimRequest {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  const token = options.token === undefined ? SUREPASS_FIXTURE_TOKEN : options.token
  if (options.authorization !== undefined) headers.authorization = options.authorization
  else if (token !== null) headers.authorization = `Bearer ${token}`
  if (options.scenario !== undefined) headers[SCENARIO_HEADER] = options.scenario
  Object.assign(headers, options.headers)
  const request: SimRequest = {
    method: options.method ?? 'POST',
    path: SUREPASS_PATHS[step],
    query: {},
    headers,
    body,
  }
  if (options.bodyError !== undefined) request.bodyError = options.bodyError
  return request
}

export const searchRequest = (body: unknown, options?: SurepassRequestOptions) =>
  surepassRequest('search', body, options)
export const generateOtpRequest = (body: unknown, options?: SurepassRequestOptions) =>
  surepassRequest('generateOtp', body, options)
export const downloadRequest = (body: unknown, options?: SurepassRequestOptions) =>
  surepassRequest('download', body, options)

/** Any request (e.g. an unknown path), with no headers unless given. */
export function rawRequest(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): SimRequest {
  return { method, path, query: {}, headers, body }
}

export interface AdminRequestOptions {
  body?: unknown
  query?: Record<string, string>
  bodyError?: BodyError
}

/** A request to `/__sim/<route>`; `route` is given without the prefix, e.g. `clock` or `scenarios/scn_1`. */
export function adminRequest(
  method: string,
  route: string,
  options: AdminRequestOptions = {},
): SimRequest {
  const request: SimRequest = {
    method,
    path: `/__sim/${route.replace(/^\/+/, '')}`,
    query: options.query ?? {},
    headers: options.body === undefined ? {} : { 'content-type': 'application/json' },
    body: options.body,
  }
  if (options.bodyError !== undefined) request.bodyError = options.bodyError
  return request
}

// ---------------------------------------------------------------------------------------------
// Response log: every Surepass response a suite produced, checked for the envelope invariant
// ---------------------------------------------------------------------------------------------

export interface LoggedExchange {
  request: SimRequest
  response: SimResponse
}

export interface ResponseLog {
  /** `sim.handle(request)`, remembering the exchange. */
  send(sim: Simulator, request: SimRequest): Promise<SimResponse>
  readonly exchanges: readonly LoggedExchange[]
}

export function createResponseLog(): ResponseLog {
  const exchanges: LoggedExchange[] = []
  return {
    exchanges,
    async send(sim, request) {
      const response = await sim.handle(request)
      exchanges.push({ request, response })
      return response
    },
  }
}

/** Exchanges that must carry the Surepass envelope: requests under `/api/v1/` not answered by a transport fault. */
export function surepassEnvelopeExchanges(log: ResponseLog): LoggedExchange[] {
  return log.exchanges.filter(
    (e) => e.request.path.startsWith('/api/v1/') && e.response.fault === undefined,
  )
}

/**
 * Breaches of the envelope invariant (the Surepass API docs, share.apidog.com/apidoc/docs-site/750756): `status_code` equals the HTTP status and
 * `success` is true exactly on 2xx, with every envelope key present (`message_code` but on the
 * paths that never send it). Empty when all hold.
 */
export function envelopeBreaches(exchanges: readonly LoggedExchange[]): string[] {
  const breaches: string[] = []
  for (const { request, response } of exchanges) {
    const where = `${request.method} ${request.path} → ${response.status}`
    const body = response.body as Record<string, unknown> | null
    if (body === null || typeof body !== 'object') {
      breaches.push(`${where}: body is not an object`)
      continue
    }
    const keys = NO_MESSAGE_CODE_PATHS.has(request.path)
      ? ['data', 'status_code', 'success', 'message']
      : ['data', 'status_code', 'success', 'message', 'message_code']
    for (const key of keys) if (!(key in body)) breaches.push(`${where}: no "${key}"`)
    if (body.status_code !== response.status)
      breaches.push(`${where}: status_code ${String(body.status_code)}`)
    const is2xx = response.status >= 200 && response.status < 300
    if (body.success !== is2xx) breaches.push(`${where}: success ${String(body.success)}`)
  }
  return breaches
}

// ---------------------------------------------------------------------------------------------
// Small readers
// ---------------------------------------------------------------------------------------------

/** A response body as a record (tests then read fields without casts everywhere). */
export function bodyOf(response: SimResponse): Record<string, any> {
  return response.body as Record<string, any>
}

/** A code guaranteed to differ from `otp`, of the same length. */
export function wrongOtp(otp: string): string {
  return otp.replace(/^./, (c) => (c === '0' ? '1' : '0'))
}

// ---------------------------------------------------------------------------------------------
// Surepass fixtures and flow steps
// ---------------------------------------------------------------------------------------------

/** One `surepass.ckyc[]` entry of `/__sim/fixtures`. */
export interface CkycFixture {
  label: string
  document_type: string
  id_number: string
  mobile_number: string | null
  mobile_registered: boolean
  exists: boolean
  full_name: string | null
  dob: string | null
}

/** The CKYC fixture with that label; throws for an unknown label. */
export function ckycFixture(sim: Simulator, label: string): CkycFixture {
  const { ckyc } = sim.fixtures().surepass as { ckyc: CkycFixture[] }
  const found = ckyc.find((p) => p.label === label)
  if (!found) throw new Error(`no CKYC fixture ${label}`)
  return found
}

/** Searches the persona by its fixture key; returns the `ckyc_` id (fails loudly if not 200). */
export async function searchId(log: ResponseLog, sim: Simulator, label: string): Promise<string> {
  const persona = ckycFixture(sim, label)
  const response = await log.send(
    sim,
    searchRequest({ document_type: persona.document_type, id_number: persona.id_number }),
  )
  if (response.status !== 200) throw new Error(`search ${label} answered ${response.status}`)
  return bodyOf(response).data.client_id as string
}

/** Search + generate-otp with the record's own mobile; returns both ids and the OTP from the inbox. */
export async function startDownload(
  log: ResponseLog,
  sim: Simulator,
  label = 'happy',
): Promise<{ searchId: string; downloadId: string; otp: string; mobile: string }> {
  const id = await searchId(log, sim, label)
  const mobile = ckycFixture(sim, label).mobile_number
  if (mobile === null) throw new Error(`${label} has no mobile`)
  const response = await log.send(sim, generateOtpRequest({ client_id: id, mobile_number: mobile }))
  if (response.status !== 200) throw new Error(`generate-otp ${label} answered ${response.status}`)
  const downloadId = bodyOf(response).data.client_id as string
  const [entry] = sim.otps({ ref: downloadId })
  if (!entry) throw new Error(`no OTP in the inbox for ${downloadId}`)
  return { searchId: id, downloadId, otp: entry.otp, mobile }
}
