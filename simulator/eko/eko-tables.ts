import { boundedMemo } from '../core/index.js'
import {
  EKO_PARTNER_WALLET_OPENING_BALANCE,
  LABELLED_BBPS_BILLS,
  LABELLED_EKO_AGENTS,
  createSeededEkoAgents,
  type EkoAgent,
} from '../fixtures/index.js'
import { defineTable } from '../pipeline/index.js'
import { seedNumber } from '../seed-number.js'

/** Eko one-time eKYC progress of an agent. */
export type EkoEkycStatus = 'pending' | 'done'

/** An Eko agent (retailer) known to the simulator: seeded, or created by Onboard User. */
export interface EkoAgentRow {
  readonly user_code: string
  /** The agent's mobile, sent as `customer_id` in eKYC calls. */
  readonly customer_id: string
  /** AePS Fingpay service state, e.g. `active`, `not_activated`. */
  readonly aeps_status: string
  readonly ekyc_status: EkoEkycStatus
  /** Epoch ms of the last successful Daily KYC, or null. */
  readonly daily_kyc_at: number | null
  /** Plain 12-digit Aadhaar the encrypted `aadhar` must decrypt to; empty for onboarded agents. */
  readonly aadhaar: string
  readonly pan_number: string
  /** The fixture label, or null for onboarded agents. */
  readonly label: string | null
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
  seed: ({ seed }) =>
    ekoFixtureAgents(seed).map((agent) => ({
      user_code: agent.user_code,
      customer_id: agent.customer_id,
      aeps_status: agent.aeps_status,
      ekyc_status: agent.ekyc_done ? 'done' : 'pending',
      daily_kyc_at: null,
      aadhaar: agent.aadhaar,
      pan_number: agent.pan_number,
      label: agent.label,
    })),
})

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

/** eKYC sessions: kept for the OTP's validity, then for the retention. */
export const ekoKycSessions = defineTable('ekoSessions').of<EkoKycSessionRow>({
  key: 'otp_ref_id',
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

/** A partner's E-value wallet: what pay bill debits, and the last OkeKey it used. */
export interface EkoWalletRow {
  readonly initiator_id: string
  readonly balance_paise: number
  readonly last_okekey: number
}

/** One wallet per configured initiator, at the opening balance. */
export const ekoWallets = defineTable('ekoWallets').of<EkoWalletRow>({
  key: 'initiator_id',
  seed: ({ config }) =>
    config.eko.initiatorIds.map((initiator_id) => ({
      initiator_id,
      balance_paise: EKO_PARTNER_WALLET_OPENING_BALANCE * 100,
      last_okekey: FIRST_OKEKEY,
    })),
})
