import { findCase } from '../../contracts/index.js'
import { boundedMemo } from '../core/index.js'
import { SimulatorError, type OperationCall } from '../pipeline/index.js'
import type { SimPlatform } from '../sim-platform.js'
import { decryptAadhaar } from './aadhaar-cipher.js'
import { ekoAgents, ekoKycSessions, type EkoAgentRow } from './eko-tables.js'
import { parsePidData } from './pid-data.js'

/**
 * The checks the Eko AePS operations share: the initiator, the agent's AePS activation, its
 * encrypted Aadhaar and the PID block. Each throws the Eko case it stands for.
 */

/** Refuses an `initiator_id` no partner registered (`invalid_initiator`). */
export function requireInitiator(call: OperationCall): void {
  requireInitiatorId(call, call.body.initiator_id)
}

/** {@link requireInitiator} for an initiator sent elsewhere than the body (Eko's v2 query string). */
export function requireInitiatorId({ sim }: OperationCall, initiatorId: unknown): void {
  if (!sim.config.eko.initiatorIds.includes(initiatorId as string))
    throw new SimulatorError('invalid_initiator')
}

/** The agent behind `user_code`, whatever its services (else Eko's 463 `user_not_found`). */
export function requireAgent(call: OperationCall): EkoAgentRow {
  const agent = call.table(ekoAgents).get(call.body.user_code as string)
  if (!agent) throw new SimulatorError('user_not_found')
  return agent
}

/** The agent behind `user_code`, if AePS Fingpay is active for it (else 346, as Eko answers). */
export function activeAgent(call: OperationCall): EkoAgentRow {
  requireInitiator(call)
  const agent = call.table(ekoAgents).get(call.body.user_code as string)
  if (agent?.aeps_status !== 'active') throw new SimulatorError('agent_not_allowed')
  return agent
}

/** Decrypted Aadhaar by ciphertext, per host platform: clients often encrypt once per flow. */
const decryptions = new WeakMap<SimPlatform, (ciphertext: string) => string | undefined>()

function decrypted(platform: SimPlatform, ciphertext: string): string | undefined {
  let decrypt = decryptions.get(platform)
  if (!decrypt) {
    decrypt = boundedMemo((c) => {
      const result = decryptAadhaar(c, platform.rsaPkcs1Decrypt)
      return result.ok ? result.aadhaar : undefined
    }, 512)
    decryptions.set(platform, decrypt)
  }
  return decrypt(ciphertext)
}

/** Decrypts `aadhar` (or the older `aadhaar`) and checks it is the agent's own. */
export function requireAgentAadhaar({ body, sim }: OperationCall, agent: EkoAgentRow): void {
  const field = typeof body.aadhar === 'string' ? 'aadhar' : 'aadhaar'
  const plain = decrypted(sim.platform, body[field] as string)
  if (plain === undefined || plain !== agent.aadhaar)
    throw invalidParams({ [field]: FIELD_MESSAGE })
}

/** Refuses PID data that is not PID XML (`invalid_params`) or whose capture failed (`failureCase`). */
export function requireGoodBiometric(piddata: string, failureCase: string): void {
  const pid = parsePidData(piddata)
  if (!pid.ok) throw invalidParams({ piddata: FIELD_MESSAGE })
  if (pid.errCode !== '0') throw new SimulatorError(failureCase)
}

/** A fresh `otp_ref_id`: unused by any session and any OTP. */
export function newOtpRefId({ sim, table }: OperationCall): string {
  const sessions = table(ekoKycSessions)
  return sim.ids.unique(
    () => sim.ids.ekoOtpRefId(),
    (id) => sessions.get(id) !== undefined || sim.otp.peek(id) !== undefined,
  )
}

/**
 * Eko's documented text for an invalid field (placeholders unfilled, as Eko sends it), taken from
 * the contract's `invalid_params` example so the wording lives in one place.
 */
export const FIELD_MESSAGE = fieldMessageFromContract()

function fieldMessageFromContract(): string {
  const example = findCase('eko.aepsKyc.sendOtp', 'invalid_params')?.examples[0] as
    | { invalid_params?: Record<string, string> }
    | undefined
  const message = Object.values(example?.invalid_params ?? {})[0]
  if (message === undefined) throw new Error('the Eko invalid_params example names no field')
  return message
}

/** The `invalid_params` error naming `params`. */
export function invalidParams(params: Record<string, string>): SimulatorError {
  return new SimulatorError('invalid_params', { invalid_params: params })
}
