import type { ContractViolation, Operation, ResponseCase } from '../../contracts/index.js'
import {
  EKO_PARTNER_WALLET_OPENING_BALANCE,
  EKO_UAT_CREDENTIALS,
  LABELLED_BBPS_BILLS,
  LABELLED_EKO_AGENTS,
  LABELLED_EKO_BANK_ACCOUNTS,
  createSeededEkoAgents,
  toEkoAgentFixtureView,
  type EkoAgentFixtureView,
  type BbpsBill,
  type EkoBankAccount,
} from '../fixtures/index.js'
import type { EkoAgentEntity } from '../core/index.js'
import { caseBody, caseOutcome, providerOutcome, SimulatorError, type Outcome } from '../outcome.js'
import type { OperationCall, ProviderBehaviour } from '../provider-behaviour.js'
import { seedNumber } from '../seed-number.js'
import type { SimContext } from '../sim-context.js'
import type { BodyError, SimRequest } from '../sim-types.js'
import { decryptAadhaar } from './aadhaar-cipher.js'
import { AADHAAR_PUBLIC_KEY_PEM } from './aadhaar-key.js'
import { parsePidData, SAMPLE_PID_XML_BAD_FINGER, SAMPLE_PID_XML_OK } from './pid-data.js'
import { AUTH_ERROR_HEADER } from './auth-error-header.js'
import { createBbpsState } from './bbps-state.js'
import type { EkoEnv } from './eko-operation.js'
import { EKO_OPERATIONS } from './operations/index.js'
import { FIELD_MESSAGE, invalidParams } from './invalid-params.js'
import { verifyEkoAuth } from './secret-key.js'

/** Seeded agents added to the labelled ones. */
const SEEDED_AGENTS = 10
export { AUTH_ERROR_HEADER }
/** Decrypted Aadhaar by ciphertext: clients often encrypt once and reuse it through a flow. */
const DECRYPT_CACHE_SIZE = 512

/**
 * Eko's behaviour: secret-key + timestamp auth, agent onboarding, and the one-time AePS Fingpay
 * eKYC (Send OTP → Verify OTP → Biometric) followed by Daily KYC once per IST day.
 */
/** Eko's part of `GET /__sim/fixtures`. */
export interface EkoFixtures {
  developer_key: string
  access_key: string
  initiator_id: string
  /** SPKI PEM of the simulator's own key: encrypt `aadhar` with it (RSA PKCS#1 v1.5, base64). */
  aadhaar_public_key_pem: string
  agents: EkoAgentFixtureView[]
  piddata: { pid_ok: string; pid_bad_finger: string }
  /** Accounts bank account verification finds (recipient_name null: the bank shares none). */
  bank_accounts: EkoBankAccount[]
  /** Bills to fetch and pay, and what the partner's E-value wallet starts with (rupees). */
  bbps: { wallet_opening_balance: number; bills: BbpsBill[] }
}

export function createEkoBehaviour(ctx: SimContext): ProviderBehaviour<EkoFixtures> {
  const { ekoAgents: agents, ekoKycSessions: sessions } = ctx.store
  const credentials = new Map(
    ctx.config.eko.credentials.map((c) => [c.developer_key, c.access_key]),
  )
  const labelled = [
    ...LABELLED_EKO_AGENTS,
    ...createSeededEkoAgents(seedNumber(ctx.seed), SEEDED_AGENTS),
  ]
  const byPan = new Map<string, string>()
  const byMobile = new Map<string, string>()
  const decrypted = new Map<string, string | undefined>()
  /** Agents created by Onboard User, oldest first: capped at `maxSessions` (seeded agents never go). */
  const onboarded = new Map<string, { pan: string; mobile: string }>()

  function seedAgents(): void {
    for (const agent of labelled) {
      addAgent(
        {
          user_code: agent.user_code,
          customer_id: agent.customer_id,
          aeps_status: agent.aeps_status,
          ekyc_status: agent.ekyc_done ? 'done' : 'pending',
          daily_kyc_at: null,
        },
        { aadhaar: agent.aadhaar, pan_number: agent.pan_number, label: agent.label },
      )
    }
  }
  function addAgent(row: Omit<EkoAgentEntity, 'data'>, profile: AgentProfile): void {
    agents.create({ ...row, data: JSON.stringify(profile) })
    byPan.set(profile.pan_number, row.user_code)
    byMobile.set(row.customer_id, row.user_code)
  }
  function profileOf(agent: EkoAgentEntity): AgentProfile {
    return JSON.parse(agent.data) as AgentProfile
  }
  seedAgents()
  const bbps = createBbpsState()

  /** What the operation modules share with the rest of Eko's behaviour. */
  const env: EkoEnv = {
    ctx,
    bbps,
    requireInitiator(initiatorId) {
      if (!ctx.config.eko.initiatorIds.includes(initiatorId as string))
        throw new SimulatorError('invalid_initiator')
    },
    requireAgent(userCode) {
      if (agents.get(userCode as string) === undefined) throw new SimulatorError('user_not_found')
    },
    accessKeyOf: (developerKey) => credentials.get(developerKey),
  }
  const moduleHandlers = Object.fromEntries(
    EKO_OPERATIONS.map((op) => [op.id, (call: OperationCall) => op.handle(env, call)]),
  )

  function requireInitiator(body: Record<string, unknown>): void {
    env.requireInitiator(body.initiator_id)
  }

  /** The agent behind user_code, if AePS Fingpay is active for it (else 346, as Eko answers). */
  function activeAgent(body: Record<string, unknown>): EkoAgentEntity {
    requireInitiator(body)
    const agent = agents.get(body.user_code as string)
    if (agent?.aeps_status !== 'active') throw new SimulatorError('agent_not_allowed')
    return agent
  }

  /** Decrypts `aadhar` (or the older `aadhaar`) and checks it is the agent's own. */
  function requireAgentAadhaar(body: Record<string, unknown>, agent: EkoAgentEntity): void {
    const field = typeof body.aadhar === 'string' ? 'aadhar' : 'aadhaar'
    const ciphertext = body[field] as string
    let plain = decrypted.get(ciphertext)
    if (!decrypted.has(ciphertext)) {
      const result = decryptAadhaar(ciphertext, ctx.platform.rsaPkcs1Decrypt)
      plain = result.ok ? result.aadhaar : undefined
      if (decrypted.size >= DECRYPT_CACHE_SIZE)
        decrypted.delete(decrypted.keys().next().value as string)
      decrypted.set(ciphertext, plain)
    }
    if (plain === undefined || plain !== profileOf(agent).aadhaar)
      throw invalidParams({ [field]: FIELD_MESSAGE })
  }

  /** Drops eKYC sessions past use and retention, oldest first: O(dropped), so state stays flat. */
  function forgetExpired(): void {
    const cutoff = ctx.clock.now() - ctx.config.otp.eko.ttlMs - ctx.config.sessionRetentionMs
    sessions.evictOldest((s) => s.created_at <= cutoff)
  }

  /** Onboarding is the one way to create state that never expires: bounded by evicting the oldest. */
  function forgetOldestOnboarded(): void {
    for (const [userCode, { pan, mobile }] of onboarded) {
      if (onboarded.size <= ctx.config.maxSessions) break
      onboarded.delete(userCode)
      agents.delete(userCode)
      if (byPan.get(pan) === userCode) byPan.delete(pan)
      if (byMobile.get(mobile) === userCode) byMobile.delete(mobile)
    }
  }

  function onboard({ operation, body }: OperationCall): Outcome {
    requireInitiator(body)
    const pan = (body.pan_number as string).toUpperCase()
    const mobile = body.mobile as string
    if (byPan.has(pan) || byMobile.has(mobile)) throw new SimulatorError('user_already_exists')
    const userCode = ctx.ids.unique(
      () => ctx.ids.numeric(20_000_000, 99_999_999),
      (id) => agents.get(id) !== undefined,
    )
    // Onboarded agents wait for AePS activation (Eko: 2–3 business days of ops review), so their
    // Send OTP answers 346 until an admin activates them.
    addAgent(
      {
        user_code: userCode,
        customer_id: mobile,
        aeps_status: 'not_activated',
        ekyc_status: 'pending',
        daily_kyc_at: null,
      },
      { aadhaar: '', pan_number: pan, label: null },
    )
    onboarded.set(userCode, { pan, mobile })
    forgetOldestOnboarded()
    return caseOutcome(operation.id, 'success', {
      data: { user_code: userCode, initiator_id: body.initiator_id },
    })
  }

  function sendOtp({ operation, body }: OperationCall): Outcome {
    const agent = activeAgent(body)
    requireAgentAadhaar(body, agent)
    const otpRefId = ctx.ids.unique(
      () => ctx.ids.ekoOtpRefId(),
      (id) => sessions.get(id) !== undefined || ctx.otp.peek(id) !== undefined,
    )
    const referenceTid = ctx.ids.ekoReferenceTid('EKYKF', ctx.clock.now())
    forgetExpired()
    const issued = ctx.otp.issue({
      provider: 'eko',
      operation: operation.id,
      ref: otpRefId,
      phone: agent.customer_id,
      subject: agent.user_code,
      policy: ctx.config.otp.eko,
    })
    if (!issued.ok) throw new SimulatorError('agent_not_allowed')
    sessions.create({
      otp_ref_id: otpRefId,
      user_code: agent.user_code,
      stage: 'otp_sent',
      reference_tid: referenceTid,
      created_at: ctx.clock.now(),
    })
    return caseOutcome(operation.id, 'success', {
      data: { reference_tid: referenceTid, otp_ref_id: otpRefId },
    })
  }

  function verifyOtp({ operation, body }: OperationCall): Outcome {
    const agent = activeAgent(body)
    requireAgentAadhaar(body, agent)
    const session = sessions.get(body.otp_ref_id as string)
    if (
      session?.stage !== 'otp_sent' ||
      session.user_code !== agent.user_code ||
      session.reference_tid !== body.reference_tid
    ) {
      throw new SimulatorError('otp_invalid_or_expired')
    }
    const verdict = ctx.otp.verify(session.otp_ref_id, body.otp as string)
    if (!verdict.ok) throw new SimulatorError('otp_invalid_or_expired')
    sessions.update(session.otp_ref_id, { stage: 'completed' })
    // Verify answers a NEW otp_ref_id and the BEKYF twin of the reference_tid (eko.md §5.6).
    const nextRef = ctx.ids.unique(
      () => ctx.ids.ekoOtpRefId(),
      (id) => sessions.get(id) !== undefined || ctx.otp.peek(id) !== undefined,
    )
    const nextTid = `BEKYF${session.reference_tid.slice(5)}`
    sessions.create({
      otp_ref_id: nextRef,
      user_code: agent.user_code,
      stage: 'otp_verified',
      reference_tid: nextTid,
      created_at: ctx.clock.now(),
    })
    return caseOutcome(operation.id, 'success', {
      data: { user_code: agent.user_code, reference_tid: nextTid, otp_ref_id: nextRef },
    })
  }

  function biometric({ operation, body }: OperationCall): Outcome {
    const agent = activeAgent(body)
    requireAgentAadhaar(body, agent)
    const session = sessions.get(body.otp_ref_id as string)
    const live =
      session !== undefined && session.created_at + ctx.config.otp.eko.ttlMs > ctx.clock.now()
    if (
      !session ||
      !live ||
      session.stage !== 'otp_verified' ||
      session.user_code !== agent.user_code ||
      session.reference_tid !== body.reference_tid
    ) {
      throw new SimulatorError('otp_not_verified')
    }
    requireGoodBiometric(body.piddata as string, 'invalid_biometric')
    sessions.update(session.otp_ref_id, { stage: 'completed' })
    agents.update(agent.user_code, { ekyc_status: 'done' })
    return caseOutcome(operation.id, 'success', { data: { user_code: agent.user_code } })
  }

  function dailyKyc({ operation, body }: OperationCall): Outcome {
    const agent = activeAgent(body)
    requireAgentAadhaar(body, agent)
    if (agent.ekyc_status !== 'done') throw new SimulatorError('ekyc_not_done')
    requireGoodBiometric(body.piddata as string, 'invalid_biometric')
    agents.update(agent.user_code, { daily_kyc_at: ctx.clock.now() })
    return caseOutcome(operation.id, 'success', { data: { user_code: agent.user_code } })
  }

  return {
    provider: 'eko',
    async authenticate(request: SimRequest, operation: Operation): Promise<Outcome | undefined> {
      const verdict = await verifyEkoAuth({
        headers: request.headers,
        nowMs: ctx.clock.now(),
        skewMs: ctx.config.ekoSkewMs,
        lookupAccessKey: (key) => credentials.get(key),
        hmac: ctx.platform.hmacSha256Base64,
      })
      if (verdict.ok) return undefined
      return {
        ...caseOutcome(operation.id, 'auth_failed'),
        headers: { [AUTH_ERROR_HEADER]: verdict.reason },
      }
    },
    forced(c: ResponseCase): Outcome {
      const headers: Record<string, string> =
        c.status === 403 ? { [AUTH_ERROR_HEADER]: 'forced_by_scenario' } : {}
      return { case: c.id, body: caseBody(c), headers }
    },
    invalidRequest(
      operation: Operation,
      violations: readonly ContractViolation[],
      bodyError: BodyError | undefined,
    ): Outcome {
      if (bodyError === 'too_large') return providerOutcome('eko', 'payload_too_large')
      if (
        bodyError === 'unsupported_media_type' ||
        violations.some(
          (v) =>
            v.path === '/headers/content-type' ||
            (v.path === '/headers' && v.message.includes("'content-type'")),
        )
      ) {
        return providerOutcome('eko', 'unsupported_media_type')
      }
      const params =
        bodyError !== undefined
          ? { request: 'Request body is not valid JSON' }
          : paramsOf(violations)
      return caseOutcome(operation.id, 'invalid_params', { invalid_params: params })
    },
    handlers: {
      'eko.users.onboard': onboard,
      'eko.aepsKyc.sendOtp': sendOtp,
      'eko.aepsKyc.verifyOtp': verifyOtp,
      'eko.aepsKyc.biometric': biometric,
      'eko.aepsKyc.dailyKyc': dailyKyc,
      ...moduleHandlers,
    },
    fixtures: () => ({
      developer_key: EKO_UAT_CREDENTIALS.developer_key,
      access_key: EKO_UAT_CREDENTIALS.access_key,
      initiator_id: EKO_UAT_CREDENTIALS.initiator_id,
      aadhaar_public_key_pem: AADHAAR_PUBLIC_KEY_PEM,
      agents: labelled.map(toEkoAgentFixtureView),
      /** PID XML samples: a good capture, and one whose RD service reported an error (magic value). */
      piddata: { pid_ok: SAMPLE_PID_XML_OK, pid_bad_finger: SAMPLE_PID_XML_BAD_FINGER },
      bank_accounts: LABELLED_EKO_BANK_ACCOUNTS.map((a) => ({ ...a })),
      bbps: {
        wallet_opening_balance: EKO_PARTNER_WALLET_OPENING_BALANCE,
        bills: LABELLED_BBPS_BILLS.map((b) => ({ ...b })),
      },
    }),
    reset: () => {
      agents.clear()
      sessions.clear()
      byPan.clear()
      byMobile.clear()
      onboarded.clear()
      decrypted.clear()
      bbps.reset()
      seedAgents()
    },
  }
}

/** What the store's opaque `data` holds for an agent. */
interface AgentProfile {
  aadhaar: string
  pan_number: string
  label: string | null
}

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

function requireGoodBiometric(piddata: string, failureCase: string): void {
  const pid = parsePidData(piddata)
  if (!pid.ok) throw invalidParams({ piddata: FIELD_MESSAGE })
  if (pid.errCode !== '0') throw new SimulatorError(failureCase)
}
