import { boundedMemo } from '../core/index.js'
import { LABELLED_EKO_AGENTS, createSeededEkoAgents, type EkoAgent } from '../fixtures/index.js'
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
  seed: ({ seed }) =>
    ekoFixtureAgents(seed).map((agent) => ({
      user_code: agent.user_code,
      customer_id: agent.customer_id,
      aeps_status: agent.aeps_status,
      ekyc_status: agent.ekyc_done ? 'done' : 'pending',
      daily_kyc_at: null,
      aadhaar: agent.aadhaar,
      pan_number: agent.pan_number,
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
