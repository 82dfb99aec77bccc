import { boundedMemo } from '../core/index.js'
import {
  FIXTURE_REFERENCE_DATE,
  LABELLED_EKO_CUSTOMERS,
  createSeededEkoCustomers,
  type EkoBankResponse,
  type EkoCustomer,
  type EkoStatementLine,
} from '../fixtures/index.js'
import { defineTable } from '../pipeline/index.js'
import { seedNumber } from '../seed-number.js'
import { ekoFixtureAgents } from './eko-tables.js'

/**
 * The state of Eko's agent services and AePS money: which services each agent has, the
 * customers' bank accounts, the agents' E-value wallets and every AePS transaction.
 */

/** `status` of a service in Eko's service list: 0 deactivated, 1 activated, 2 pending review. */
export type EkoServiceStatus = 0 | 1 | 2

/** One service of one agent, keyed `<user_code>:<service_code>`. */
export interface EkoServiceRow {
  readonly key: string
  readonly user_code: string
  readonly service_code: string
  readonly status: EkoServiceStatus
  /** 0 not applicable, 1 verified, 2 rejected, 3 pending. */
  readonly verification_status: 0 | 1 | 2 | 3
  readonly comments: string
  /** Epoch ms (simulator clock). */
  readonly created_at: number
  readonly updated_at: number
  /** When a pending review completes (epoch ms), or null. */
  readonly active_at: number | null
}

/** The service codes fintwin models (Eko has more): PAN, AePS Fingpay, AePS Fino, BBPS. */
export const EKO_SERVICE_CODES = ['4', '43', '52', '53'] as const

/** The key of an agent's service row. */
export const serviceKey = (userCode: string, serviceCode: string): string =>
  `${userCode}:${serviceCode}`

/** When the seeded services were activated: two days after the fixtures' reference date. */
const SEEDED_AT = Date.parse(FIXTURE_REFERENCE_DATE)

/**
 * Agents' services. The fixture agents with AePS active have AePS Fingpay (43) ACTIVATED;
 * the `ekyc_done` agent also PAN verification (4), so PAN verify works for it out of the box.
 */
export const ekoAgentServices = defineTable('agentServices').of<EkoServiceRow>({
  key: 'key',
  seed: ({ seed }) =>
    ekoFixtureAgents(seed).flatMap((agent) => {
      if (agent.aeps_status !== 'active') return []
      const codes = agent.label === 'ekyc_done' ? ['4', '43'] : ['43']
      return codes.map((code) => ({
        key: serviceKey(agent.user_code, code),
        user_code: agent.user_code,
        service_code: code,
        status: 1 as const,
        verification_status: 1 as const,
        comments: '',
        created_at: SEEDED_AT,
        updated_at: SEEDED_AT + 2 * 86_400_000,
        active_at: null,
      }))
    }),
})

/** Seeded customers added to the labelled ones. */
const SEEDED_CUSTOMERS = 20

/** The fixture customers of `seed`: the labelled ones, then the seeded ones. */
export const ekoFixtureCustomers: (seed: string) => readonly EkoCustomer[] = boundedMemo(
  (seed) => [
    ...LABELLED_EKO_CUSTOMERS,
    ...createSeededEkoCustomers(seedNumber(seed), SEEDED_CUSTOMERS),
  ],
  16,
)

/** Most statement lines an account keeps (a mini statement shows the newest ten). */
export const STATEMENT_LINES_KEPT = 20

/** A customer's bank account, keyed `<bank_code>:<aadhaar>`: how AePS reaches it. */
export interface EkoAccountRow {
  readonly account: string
  readonly aadhaar: string
  readonly bank_code: string
  readonly customer_id: string
  readonly name: string
  readonly balance_paise: number
  readonly bank_response: EkoBankResponse
  /** Oldest first, at most {@link STATEMENT_LINES_KEPT}. */
  readonly statement: readonly EkoStatementLine[]
  /** Pending withdrawals on this account, oldest first (their amounts are held). */
  readonly pending_tids: readonly string[]
}

/** The key of an account. */
export const accountKey = (bankCode: string, aadhaar: string): string =>
  `${bankCode.toUpperCase()}:${aadhaar}`

/** Customers' accounts: all seeded (AePS opens none), so never evicted and reset to the seed. */
export const ekoAccounts = defineTable('customerAccounts').of<EkoAccountRow>({
  key: 'account',
  indexes: ['aadhaar'],
  seed: ({ seed }) =>
    ekoFixtureCustomers(seed).map((c) => ({
      account: accountKey(c.bank_code, c.aadhaar),
      aadhaar: c.aadhaar,
      bank_code: c.bank_code,
      customer_id: c.customer_id,
      name: c.name,
      balance_paise: c.balance_paise,
      bank_response: c.bank_response,
      statement: c.statement,
      pending_tids: [],
    })),
})

/** An agent's E-value wallet; created at its first credit (it starts at ₹0). */
export interface EkoWalletRow {
  readonly user_code: string
  readonly balance_paise: number
}

export const ekoWallets = defineTable('agentWallets').of<EkoWalletRow>({ key: 'user_code' })

/** Which AePS transaction a row is. */
export type EkoAepsKind = 'cash_withdrawal' | 'balance_enquiry' | 'mini_statement'

/** An AePS transaction, keyed by Eko's `tid`. */
export interface EkoTransactionRow {
  readonly tid: string
  /** `<initiator_id>:<client_ref_id>`, or `tid:<tid>` when the call carried no reference. */
  readonly ref_key: string
  readonly client_ref_id: string
  readonly initiator_id: string
  readonly user_code: string
  readonly kind: EkoAepsKind
  readonly account: string
  readonly amount_paise: number
  /** "0" success, "1" failed, "2" pending (Eko's tx_status). */
  readonly tx_status: '0' | '1' | '2'
  readonly bank_ref_num: string
  readonly created_at: number
  /** When a pending transaction settles (epoch ms), or null. */
  readonly settle_at: number | null
  /** The first answer (its case and data, if it has any), replayed to a retry with the same client_ref_id. */
  readonly answer: {
    readonly case: string
    readonly data: Readonly<Record<string, unknown>> | null
  }
}

/** The reference key of a call: the partner's own reference when it sent one. */
export const refKey = (initiatorId: string, clientRefId: string): string =>
  `${initiatorId}:${clientRefId}`

/** Transactions; the oldest go past `maxSessions`. */
export const ekoTransactions = defineTable('aepsTransactions').of<EkoTransactionRow>({
  key: 'tid',
  indexes: ['ref_key'],
})
