/**
 * Test helpers for Eko's agent-services and AePS money operations: a signed request for any of
 * them (path parameters filled in, the query for GETs), the fixture customers, and the steps a
 * flow needs (Daily KYC, a withdrawal).
 */
import { pathParameterNames, type Operation } from '../../contracts/index.js'
import type { Simulator } from '../../simulator/create-simulator.js'
import { aepsTransactionBody } from '../../simulator/eko/aeps-sample-bodies.js'
import {
  getLabelledEkoAgent,
  getLabelledEkoCustomer,
  type EkoAgentLabel,
  type EkoCustomerLabel,
} from '../../simulator/fixtures/index.js'
import type { SimRequest, SimResponse } from '../../simulator/sim-types.js'
import { type EkoRequestOptions, contractRequest, dailyKycBody } from './eko-requests.js'

/** What a test sends: the body, the path parameters and the query, and how to sign. */
export interface AepsCall extends EkoRequestOptions {
  body?: Record<string, unknown>
  params?: Record<string, string>
  query?: Record<string, string>
}

/** An Eko JSON answer as these tests read it. */
export interface AepsAnswer {
  status: number
  message: string
  response_status_id: number
  response_type_id: number
  data?: Record<string, unknown> & { tx_status?: string; tid?: string }
  invalid_params?: Record<string, string>
}

/** Path parameters of a fixture that exists, for a request whose parameters the test does not care about. */
const DEFAULT_PARAMS: Readonly<Record<string, string>> = {
  customer_id: '9812345670',
  user_code: '20810200',
  transaction_ref: '2000000000',
}

/**
 * A signed `SimRequest` for any Eko operation ({@link contractRequest}): path parameters filled
 * in (a fixture that exists unless given), the query set.
 */
export async function ekoOperationRequest(
  sim: { readonly clock: { now(): number } },
  operationId: string,
  call: AepsCall = {},
): Promise<SimRequest> {
  const { body, ...options } = call
  return contractRequest(sim, operationId, body, {
    ...options,
    params: { ...DEFAULT_PARAMS, ...call.params },
    query: call.query ?? {},
  })
}

/** Sends one signed request for `operationId` through `sim.handle`. */
export async function callAeps(
  sim: Simulator,
  operationId: string,
  call: AepsCall = {},
): Promise<SimResponse & { body: AepsAnswer }> {
  const response = await sim.handle(await ekoOperationRequest(sim, operationId, call))
  return response as SimResponse & { body: AepsAnswer }
}

export const CASH_WITHDRAWAL = 'eko.aepsTransactions.cashWithdrawal'
export const BALANCE_ENQUIRY = 'eko.aepsTransactions.balanceEnquiry'
export const MINI_STATEMENT = 'eko.aepsTransactions.miniStatement'
export const INQUIRY = 'eko.transactions.inquiry'

/** The body of a transaction by `agent` for `customer` (the customer's Aadhaar encrypted). */
export function transactionBody(
  agentLabel: EkoAgentLabel,
  customerLabel: EkoCustomerLabel,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return aepsTransactionBody(
    getLabelledEkoAgent(agentLabel),
    getLabelledEkoCustomer(customerLabel),
    extra,
  )
}

/** A transaction call: the body, and the customer's mobile as the path's `customer_id`. */
export function transaction(
  agentLabel: EkoAgentLabel,
  customerLabel: EkoCustomerLabel,
  extra: Record<string, unknown> = {},
): AepsCall {
  const body = transactionBody(agentLabel, customerLabel, extra)
  return { body, params: { customer_id: body.customer_id as string } }
}

/** The agent's Daily KYC for today (its one-time eKYC must be done: the `ekyc_done` agent). */
export async function dailyKyc(sim: Simulator, agentLabel: EkoAgentLabel = 'ekyc_done') {
  const response = await callAeps(sim, 'eko.aepsKyc.dailyKyc', {
    body: dailyKycBody(getLabelledEkoAgent(agentLabel)),
  })
  if (response.body.status !== 0) throw new Error(`daily KYC failed: ${response.body.message}`)
}

/** Rupees in Eko's data text, as a number. */
export const rupeesOf = (text: unknown): number => Number(text)

/**
 * The JSON fields of an AePS Fingpay activation for `agent` (its plain Aadhaar, a device, an
 * account and one address for both), without `initiator_id`: the SDK adds it, raw tests add it.
 */
export function activationFields(agent: { user_code: string; aadhaar: string; latlong?: string }) {
  const address = {
    line: 'Shop 4, Main Bazar',
    city: 'Lucknow',
    state: 'Uttar Pradesh',
    state_id: '27',
    pincode: '226001',
  }
  return {
    user_code: agent.user_code,
    modelname: 'Morpho 1300E3',
    devicenumber: '2219I000123',
    account: '50100123456789',
    ifsc: 'HDFC0000123',
    shop_type: '5411',
    office_address: address,
    address_as_per_proof: address,
    aadhar: agent.aadhaar,
    latlong: agent.latlong ?? '28.6139,77.2090',
  }
}

/** The JSON object of a multipart `form-data` part (as text or already parsed), or nothing. */
function formDataFields(part: unknown): Record<string, unknown> {
  if (typeof part === 'object' && part !== null) return part as Record<string, unknown>
  if (typeof part !== 'string') return {}
  try {
    const parsed = JSON.parse(part) as unknown
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

/**
 * The path parameters a test "body" names: each `{name}` of the operation's path takes the
 * body's non-empty string field of that name, or the multipart `form-data` part's (a
 * withdrawal's customer_id, an activation's user_code). Names it does not carry are left out.
 */
export function pathValuesOf(op: Operation, body: unknown): Record<string, string> {
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>
  const formData = formDataFields(fields['form-data'])
  const values: Record<string, string> = {}
  for (const name of pathParameterNames(op.path)) {
    const value = fields[name] ?? formData[name]
    if (typeof value === 'string' && value !== '') values[name] = value
  }
  return values
}
