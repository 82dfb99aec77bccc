import type { ContractViolation } from '../../contracts/index.js'
import {
  EKO_PARTNER_WALLET_OPENING_BALANCE,
  LABELLED_BBPS_BILLS,
  LABELLED_EKO_BANK_ACCOUNTS,
  toEkoAgentFixtureView,
  toEkoCustomerFixtureView,
  type BbpsBill,
  type EkoAgentFixtureView,
  type EkoBankAccount,
  type EkoCustomerFixtureView,
} from '../fixtures/index.js'
import { defineProvider } from '../pipeline/index.js'
import { AADHAAR_PUBLIC_KEY_PEM } from './aadhaar-key.js'
import { AUTH_ERROR_HEADER } from './auth-error-header.js'
import { EKO_AUTH_CHECKS } from './eko-auth-checks.js'
import { agentTestData, customAgentView, isTestAgent } from './eko-test-agents.js'
import { FIELD_MESSAGE } from './eko-checks.js'
import {
  ekoAccounts,
  ekoAgentServices,
  ekoFixtureCustomers,
  ekoTransactions,
  ekoWallets,
} from './eko-aeps-tables.js'
import {
  bbpsBills,
  ekoAgents,
  ekoFixtureAgents,
  ekoKycSessions,
  ekoPartnerWallets,
} from './eko-tables.js'
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
  /** Bank customers AePS transactions reach by Aadhaar and bank_code (`happy` has ₹25,000). */
  customers: EkoCustomerFixtureView[]
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
  tables: [
    ekoAgents,
    ekoKycSessions,
    ekoAgentServices,
    ekoAccounts,
    ekoWallets,
    ekoTransactions,
    bbpsBills,
    ekoPartnerWallets,
  ],
  operations: EKO_OPERATIONS,
  authChecks: EKO_AUTH_CHECKS,
  testData: { agent: agentTestData },
  async authenticate({ request, sim, outcome, message }) {
    const { credentials } = sim.config.eko
    const verdict = await verifyEkoAuth({
      headers: request.headers,
      nowMs: sim.clock.now(),
      skewMs: sim.config.ekoSkewMs,
      lookupAccessKey: (key) => credentials.find((c) => c.developer_key === key)?.access_key,
      hmac: sim.platform.hmacSha256Base64,
    })
    if (verdict.ok) return undefined
    // The gateway's text for this check, as the contract words it (x-messages by check name).
    return outcome('auth_failed')
      .withBody(message('auth_failed', verdict.reason))
      .withHeaders({ [AUTH_ERROR_HEADER]: verdict.reason })
      .withCheck(verdict.reason)
  },
  jsonForms: (config) => config.eko.gatewayErrors === 'json',
  dressForced: (outcome) =>
    outcome.status === 403
      ? outcome.withHeaders({ [AUTH_ERROR_HEADER]: 'forced_by_scenario' })
      : outcome,
  invalidRequest({ outcome, message, operation }, { violations, bodyError }) {
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
    if (bodyError === undefined && onlyUnknownFields(violations) && operation.cases.has(NO_KEY))
      return outcome(NO_KEY)
    const params =
      bodyError !== undefined
        ? { request: message('invalid_params', 'not_json') }
        : paramsOf(violations, operation.aliases)
    return outcome('invalid_params', { invalid_params: params })
  },
  // The credentials this simulator accepts (its config), not the built-in defaults: a config
  // that replaces them must not advertise a pair that now answers 403.
  fixtures: (sim, table): EkoFixtures => ({
    developer_key: sim.config.eko.credentials[0]?.developer_key ?? '',
    access_key: sim.config.eko.credentials[0]?.access_key ?? '',
    initiator_id: sim.config.eko.initiatorIds[0] ?? '',
    aadhaar_public_key_pem: AADHAAR_PUBLIC_KEY_PEM,
    agents: [
      ...ekoFixtureAgents(sim.seed).map(toEkoAgentFixtureView),
      ...table(ekoAgents)
        .values()
        .filter((row) => isTestAgent(row, sim.seed))
        .map(customAgentView),
    ],
    customers: ekoFixtureCustomers(sim.seed).map(toEkoCustomerFixtureView),
    piddata: { pid_ok: SAMPLE_PID_XML_OK, pid_bad_finger: SAMPLE_PID_XML_BAD_FINGER },
    bank_accounts: LABELLED_EKO_BANK_ACCOUNTS.map((a) => ({ ...a })),
    bbps: {
      wallet_opening_balance: EKO_PARTNER_WALLET_OPENING_BALANCE,
      bills: LABELLED_BBPS_BILLS.map((b) => ({ ...b })),
    },
  }),
})

/**
 * The case of an operation that answers an unknown body field with Eko's bare
 * `{"message":"No key for Response"}` instead of `invalid_params` (seen on Daily KYC in
 * production; an operation opts in by declaring the case in its contract).
 */
const NO_KEY = 'no_key_for_response'

/** Whether every violation is an extra top-level body field and nothing else is wrong. */
function onlyUnknownFields(violations: readonly ContractViolation[]): boolean {
  return (
    violations.length > 0 &&
    violations.every((v) => v.path === '/body' && v.keyword === 'additionalProperties')
  )
}

/**
 * One `invalid_params` entry per offending top-level body field (Eko keys them by field name).
 * A violation inside a field (e.g. `residence_address` missing its `city`) names the field itself,
 * never the nested property, and an alias (`x-eko-alias`) is named by Eko's own spelling. The
 * only body-level `oneOf` of the Eko contracts is "exactly one spelling of a field": sending
 * both or neither names Eko's own spelling.
 */
function paramsOf(
  violations: readonly ContractViolation[],
  aliases: ReadonlyMap<string, string>,
): Record<string, string> {
  const params: Record<string, string> = {}
  const notAnObject = violations.some((v) => v.path === '/body' && v.keyword === 'type')
  const [spelled] = new Set(aliases.values())
  for (const v of violations) {
    let field = v.path.replace(/^\/(body|headers|params|query)\/?/, '').split('/')[0] ?? ''
    if (field === '') {
      if (v.keyword === 'required') field = /'([^']+)'/.exec(v.message)?.[1] ?? ''
      else if (v.keyword === 'additionalProperties')
        field = /\(([^)]+)\)/.exec(v.message)?.[1] ?? ''
      else if (v.keyword === 'oneOf' && v.path === '/body' && !notAnObject) field = spelled ?? ''
      if (v.keyword === 'required') field = aliases.get(field) ?? field
    }
    // Own keys only: a field named like an Object.prototype member (`toString`) is still named.
    const key = field === '' || field === '__proto__' ? 'request' : field
    if (!Object.hasOwn(params, key)) params[key] = FIELD_MESSAGE
  }
  return params
}
