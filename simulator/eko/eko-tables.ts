import { checkFixtureDocument } from '../../contracts/index.js'
import { boundedMemo, createRandom } from '../core/index.js'
import {
  EKO_PARTNER_WALLET_OPENING_BALANCE,
  LABELLED_BBPS_BILLS,
  LABELLED_EKO_AGENTS,
  createSeededEkoAgents,
  isValidAadhaar,
  type EkoAgent,
} from '../fixtures/index.js'
import { defineTable, TestDataError } from '../pipeline/index.js'
import { seedNumber } from '../seed-number.js'

/** Eko one-time eKYC progress of an agent. */
export type EkoEkycStatus = 'pending' | 'done'

/** An Eko agent (retailer) known to the simulator: seeded, or created by Onboard User. */
export interface EkoAgentRow {
  /** The fixture label, or the one a test-data document gave (how `/__sim/agents` finds its own). */
  readonly label?: string
  readonly user_code: string
  /** The agent's mobile, sent as `customer_id` in eKYC calls. */
  readonly customer_id: string
  /** AePS Fingpay service state, e.g. `active`, `not_activated`. */
  readonly aeps_status: string
  readonly ekyc_status: EkoEkycStatus
  /**
   * Epoch ms of the last successful Daily KYC, or null: what Daily KYC commits (Eko documents no
   * answer for a second Daily KYC the same day, so nothing reads it yet).
   */
  readonly daily_kyc_at: number | null
  /** Plain 12-digit Aadhaar the encrypted `aadhar` must decrypt to; empty for onboarded agents. */
  readonly aadhaar: string
  readonly pan_number: string
}

/** Seeded agents added to the labelled ones. */
const SEEDED_AGENTS = 10

/** The fixture agents of `seed`: the labelled ones, then the seeded ones. */
export const ekoFixtureAgents: (seed: string) => readonly EkoAgent[] = boundedMemo(
  (seed) => [...LABELLED_EKO_AGENTS, ...createSeededEkoAgents(seedNumber(seed), SEEDED_AGENTS)],
  16,
)

/**
 * Agents. The fixture agents are seeded (never evicted); onboarding is the one way to create
 * state that never expires, so onboarded agents are capped at `maxSessions`, oldest evicted.
 * Looked up by PAN and mobile to refuse a second onboarding of either.
 */
export const ekoAgents = defineTable('agents').of<EkoAgentRow>({
  key: 'user_code',
  indexes: ['pan_number', 'customer_id'],
  seed: ({ seed, config }): EkoAgentRow[] => [
    ...ekoFixtureAgents(seed).map((agent) => ({
      label: agent.label,
      user_code: agent.user_code,
      customer_id: agent.customer_id,
      aeps_status: agent.aeps_status,
      ekyc_status: agent.ekyc_done ? ('done' as const) : ('pending' as const),
      daily_kyc_at: null,
      aadhaar: agent.aadhaar,
      pan_number: agent.pan_number,
    })),
    // Your own agents of `--fixtures`: seeded too, so a reset keeps them.
    ...config.fixtures.agents.map((document) => readAgent(document)),
  ],
})

/**
 * An agent document (`POST /__sim/agents`, `--fixtures`) as a row of the agents table, or a
 * {@link TestDataError} naming each bad field. Without a `user_code` one is drawn: from the
 * seeded id stream for a posted agent, from the label for one of `--fixtures` (so a fixtures
 * file gives the same codes on every start).
 */
export function readAgent(document: unknown, userCode?: () => string): EkoAgentRow {
  const problems = checkFixtureDocument('agent', document)
  const doc = document as Record<string, string | undefined>
  if (problems.length === 0 && !isValidAadhaar(doc.aadhaar as string))
    problems.push({ path: '/aadhaar', message: 'the Verhoeff check digit fails' })
  if (problems.length > 0) throw new TestDataError(problems)
  const drawn = () => String(createRandom(`agent/${doc.label}`).int(20_000_000, 99_999_999))
  return {
    user_code: doc.user_code ?? (userCode ?? drawn)(),
    customer_id: doc.customer_id as string,
    aeps_status: doc.aeps_status ?? 'active',
    ekyc_status: doc.ekyc_status === 'done' ? 'done' : 'pending',
    daily_kyc_at: null,
    aadhaar: doc.aadhaar as string,
    pan_number: doc.pan_number as string,
    label: doc.label as string,
  }
}

/** Stage an Eko eKYC session has reached. */
export type EkoKycStage = 'otp_sent' | 'otp_verified' | 'completed'

/** An Eko eKYC session, keyed by the `otp_ref_id` the client carries from step to step. */
export interface EkoKycSessionRow {
  readonly otp_ref_id: string
  readonly user_code: string
  readonly stage: EkoKycStage
  readonly reference_tid: string
  /** Epoch ms, by the simulator clock. */
  readonly created_at: number
}

/**
 * eKYC sessions: kept for the OTP's validity, then for the retention. Looked up by
 * `reference_tid` too, so Biometric can find the verified twin of Send OTP's ids.
 */
export const ekoKycSessions = defineTable('ekoSessions').of<EkoKycSessionRow>({
  key: 'otp_ref_id',
  indexes: ['reference_tid'],
  forgetAt: (s, c) => s.created_at + c.otp.eko.ttlMs + c.sessionRetentionMs,
})

/** A seeded bill: what is still due on it. Keyed `<operator_id>:<utility_acc_no>`. */
export interface BbpsBillRow {
  readonly key: string
  /** The fixture label (`electricity_due`, …). */
  readonly label: string
  /** Paise still due; 0 once paid. */
  readonly due_paise: number
  /** The tid of the payment that settled it, if one did. */
  readonly paid_tid: string | null
}

/** The key of a bill in {@link bbpsBills}. */
export function billKey(operatorId: number, utilityAccNo: string): string {
  return `${operatorId}:${utilityAccNo}`
}

/**
 * The seeded bills, what is due on each (fetch bill reads it, pay bill settles it). Only seeded
 * rows: fetching an account the biller has no bill for creates nothing.
 */
export const bbpsBills = defineTable('bbpsBills').of<BbpsBillRow>({
  key: 'key',
  seed: () =>
    LABELLED_BBPS_BILLS.map((bill) => ({
      key: billKey(bill.operator_id, bill.utility_acc_no),
      label: bill.label,
      due_paise: bill.paid ? 0 : Math.round(Number(bill.amount) * 100),
      paid_tid: null,
    })),
})

/** Where Eko's `last_used_okekey` starts: its pay bill sample shows 22 [INF: any start would do]. */
const FIRST_OKEKEY = 22

/**
 * A partner's E-value wallet (one per initiator): what pay bill debits, and the last OkeKey it
 * used. Not the agents' AePS wallets (`agentWallets`), which withdrawals credit.
 */
export interface EkoPartnerWalletRow {
  readonly initiator_id: string
  readonly balance_paise: number
  readonly last_okekey: number
}

/** One wallet per configured initiator, at the opening balance. */
export const ekoPartnerWallets = defineTable('partnerWallets').of<EkoPartnerWalletRow>({
  key: 'initiator_id',
  seed: ({ config }) =>
    config.eko.initiatorIds.map((initiator_id) => ({
      initiator_id,
      balance_paise: EKO_PARTNER_WALLET_OPENING_BALANCE * 100,
      last_okekey: FIRST_OKEKEY,
    })),
})
