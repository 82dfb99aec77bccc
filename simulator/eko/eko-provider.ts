import type { ContractViolation } from '../../contracts/index.js'
import {
  EKO_PARTNER_WALLET_OPENING_BALANCE,
  EKO_UAT_CREDENTIALS,
  LABELLED_BBPS_BILLS,
  LABELLED_EKO_BANK_ACCOUNTS,
  toEkoAgentFixtureView,
  type BbpsBill,
  type EkoAgentFixtureView,
  type EkoBankAccount,
} from '../fixtures/index.js'
import { defineProvider } from '../pipeline/index.js'
import { AADHAAR_PUBLIC_KEY_PEM } from './aadhaar-key.js'
import { AUTH_ERROR_HEADER } from './auth-error-header.js'
import { FIELD_MESSAGE } from './eko-checks.js'
import { bbpsBills, ekoAgents, ekoFixtureAgents, ekoKycSessions, ekoWallets } from './eko-tables.js'
import { EKO_OPERATIONS } from './operations/index.js'
import { SAMPLE_PID_XML_BAD_FINGER, SAMPLE_PID_XML_OK } from './pid-data.js'
import { verifyEkoAuth } from './secret-key.js'

export { AUTH_ERROR_HEADER }

/** Eko's part of `GET /__sim/fixtures`. */
export interface EkoFixtures {
  developer_key: string
  access_key: string
  initiator_id: string
  /** SPKI PEM of the simulator's own key: encrypt `aadhar` with it (RSA PKCS#1 v1.5, base64). */
  aadhaar_public_key_pem: string
  agents: EkoAgentFixtureView[]
  /** PID XML samples: a good capture, and one whose RD service reported an error (magic value). */
  piddata: { pid_ok: string; pid_bad_finger: string }
  /** Accounts bank account verification finds (recipient_name null: the bank shares none). */
  bank_accounts: EkoBankAccount[]
  /** Bills to fetch and pay, and what the partner's E-value wallet starts with (rupees). */
  bbps: { wallet_opening_balance: number; bills: BbpsBill[] }
}

/**
 * Eko: secret-key + timestamp auth, its `invalid_params` and HTTP-level envelopes, the agents,
 * eKYC sessions, bills and partner wallets its operations share, and the operations (Onboard
 * User, the AePS Fingpay eKYC, Daily KYC, the v2 bill payments and bank account verification
 * Eko's Node SDK calls) in `./operations/`.
 */
export const ekoProvider = defineProvider({
  id: 'eko',
  tables: [ekoAgents, ekoKycSessions, bbpsBills, ekoWallets],
  operations: EKO_OPERATIONS,
  async authenticate({ request, sim, outcome }) {
    const { credentials } = sim.config.eko
    const verdict = await verifyEkoAuth({
      headers: request.headers,
      nowMs: sim.clock.now(),
      skewMs: sim.config.ekoSkewMs,
      lookupAccessKey: (key) => credentials.find((c) => c.developer_key === key)?.access_key,
      hmac: sim.platform.hmacSha256Base64,
    })
    if (verdict.ok) return undefined
    return outcome('auth_failed').withHeaders({ [AUTH_ERROR_HEADER]: verdict.reason })
  },
  dressForced: (outcome) =>
    outcome.status === 403
      ? outcome.withHeaders({ [AUTH_ERROR_HEADER]: 'forced_by_scenario' })
      : outcome,
  invalidRequest({ outcome }, { violations, bodyError }) {
    if (bodyError === 'too_large') return outcome('payload_too_large')
    if (
      bodyError === 'unsupported_media_type' ||
      violations.some(
        (v) =>
          v.path === '/headers/content-type' ||
          (v.path === '/headers' && v.message.includes("'content-type'")),
      )
    )
      return outcome('unsupported_media_type')
    const params =
      bodyError !== undefined ? { request: 'Request body is not valid JSON' } : paramsOf(violations)
    return outcome('invalid_params', { invalid_params: params })
  },
  fixtures: (sim): EkoFixtures => ({
    developer_key: EKO_UAT_CREDENTIALS.developer_key,
    access_key: EKO_UAT_CREDENTIALS.access_key,
    initiator_id: EKO_UAT_CREDENTIALS.initiator_id,
    aadhaar_public_key_pem: AADHAAR_PUBLIC_KEY_PEM,
    agents: ekoFixtureAgents(sim.seed).map(toEkoAgentFixtureView),
    piddata: { pid_ok: SAMPLE_PID_XML_OK, pid_bad_finger: SAMPLE_PID_XML_BAD_FINGER },
    bank_accounts: LABELLED_EKO_BANK_ACCOUNTS.map((a) => ({ ...a })),
    bbps: {
      wallet_opening_balance: EKO_PARTNER_WALLET_OPENING_BALANCE,
      bills: LABELLED_BBPS_BILLS.map((b) => ({ ...b })),
    },
  }),
})

/**
 * One `invalid_params` entry per offending top-level body field (Eko keys them by field name).
 * A violation inside a field (e.g. `residence_address` missing its `city`) names the field itself,
 * never the nested property. The only body-level `oneOf` of the Eko contracts is "exactly one of
 * `aadhar` and the older `aadhaar`": sending both or neither names Eko's own spelling, `aadhar`.
 */
function paramsOf(violations: readonly ContractViolation[]): Record<string, string> {
  const params: Record<string, string> = {}
  const notAnObject = violations.some((v) => v.path === '/body' && v.keyword === 'type')
  for (const v of violations) {
    let field = v.path.replace(/^\/(body|headers|query|params)\/?/, '').split('/')[0] ?? ''
    if (field === '') {
      if (v.keyword === 'required') field = /'([^']+)'/.exec(v.message)?.[1] ?? ''
      else if (v.keyword === 'additionalProperties')
        field = /\(([^)]+)\)/.exec(v.message)?.[1] ?? ''
      else if (v.keyword === 'oneOf' && v.path === '/body' && !notAnObject) field = 'aadhar'
      if (v.keyword === 'required' && field === 'aadhaar') field = 'aadhar'
    }
    // Own keys only: a field named like an Object.prototype member (`toString`) is still named.
    const key = field === '' || field === '__proto__' ? 'request' : field
    if (!Object.hasOwn(params, key)) params[key] = FIELD_MESSAGE
  }
  return params
}
