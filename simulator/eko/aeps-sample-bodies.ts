/**
 * Request bodies a test or a console preset sends for Eko's AePS money operations: the Daily KYC
 * of an agent and a transaction for a customer, each with the Aadhaar encrypted as Eko asks and
 * the sample PID block the simulator accepts. One builder, so the presets and the test helpers
 * cannot drift on what a valid request is.
 */
import { encryptAadhaarForTest } from './aadhaar-cipher.js'
import { SAMPLE_PID_XML_OK } from './pid-data.js'

/** What a transaction body needs of the agent: who it is and where it stands. */
export interface AepsBodyAgent {
  readonly initiator_id: string
  readonly user_code: string
  readonly latlong: string
}

/** What a transaction body needs of the customer: mobile, bank and Aadhaar (in clear). */
export interface AepsBodyCustomer {
  readonly customer_id: string
  readonly bank_code: string
  readonly aadhaar: string
}

/** The body of an AePS transaction by `agent` for `customer`, plus `extra` (amount, client_ref_id). */
export function aepsTransactionBody(
  agent: AepsBodyAgent,
  customer: AepsBodyCustomer,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    initiator_id: agent.initiator_id,
    user_code: agent.user_code,
    customer_id: customer.customer_id,
    bank_code: customer.bank_code,
    aadhar: encryptAadhaarForTest(customer.aadhaar),
    latlong: agent.latlong,
    piddata: SAMPLE_PID_XML_OK,
    ...extra,
  }
}

/** The Daily KYC body of `agent` (its own mobile and Aadhaar), at its bank `bank_code`. */
export function aepsDailyKycBody(
  initiatorId: string,
  agent: {
    readonly user_code: string
    readonly customer_id: string
    readonly aadhaar: string
    readonly latlong: string
  },
  bankCode: string,
): Record<string, unknown> {
  return {
    initiator_id: initiatorId,
    user_code: agent.user_code,
    customer_id: agent.customer_id,
    aadhar: encryptAadhaarForTest(agent.aadhaar),
    latlong: agent.latlong,
    piddata: SAMPLE_PID_XML_OK,
    bank_code: bankCode,
  }
}
