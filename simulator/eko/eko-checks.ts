import { findCase } from '../../contracts/index.js'
import { boundedMemo } from '../core/index.js'
import { SimulatorError, type OperationCall } from '../pipeline/index.js'
import type { SimPlatform } from '../sim-platform.js'
import { decryptAadhaar } from './aadhaar-cipher.js'
import { requireInitiator } from './eko-initiator.js'
import { completeReviews } from './eko-services.js'
import {
  ekoAgents,
  ekoKycSessions,
  type EkoAgentRow,
  type EkoKycSessionRow,
  type EkoKycStage,
} from './eko-tables.js'
import { parsePidData } from './pid-data.js'

/**
 * The checks the Eko AePS operations share: the initiator, the agent's AePS activation, its
 * encrypted Aadhaar and the PID block. Each throws the Eko case it stands for.
 */

export { requireInitiator, requireInitiatorId, requireQueryInitiator } from './eko-initiator.js'

/**
 * The agent behind `user_code`, if AePS Fingpay is active for it (else 346, as Eko answers). An
 * activation whose review is over by the simulator clock is completed first.
 */
export function activeAgent(call: OperationCall): EkoAgentRow {
  requireInitiator(call)
  const found = call.table(ekoAgents).get(call.body.user_code as string)
  const agent = found && completeReviews(call, found)
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

/**
 * The spelling of `field` this body uses: Eko's own, or an alias the contract accepts for it
 * (`x-eko-alias`, e.g. the older docs' `aadhaar` for `aadhar`).
 */
export function spellingIn({ body, operation }: OperationCall, field: string): string {
  if (typeof body[field] === 'string') return field
  for (const [alias, canonical] of operation.aliases)
    if (canonical === field && typeof body[alias] === 'string') return alias
  return field
}

/** Decrypts `aadhar` (or a spelling the contract accepts for it) and checks it is the agent's own. */
export function requireAgentAadhaar(call: OperationCall, agent: EkoAgentRow): void {
  if (plainAadhaar(call) !== agent.aadhaar)
    throw invalidParams({ [spellingIn(call, 'aadhar')]: FIELD_MESSAGE })
}

/** The plain Aadhaar the body's encrypted `aadhar` (or an accepted alias) holds; `invalid_params` if none. */
export function plainAadhaar(call: OperationCall): string {
  const field = spellingIn(call, 'aadhar')
  const plain = decrypted(call.sim.platform, call.body[field] as string)
  if (plain === undefined) throw invalidParams({ [field]: FIELD_MESSAGE })
  return plain
}

/** The agent of an eKYC call: AePS active under a registered initiator, its own Aadhaar sent. */
export function ekycAgent(call: OperationCall): EkoAgentRow {
  const agent = activeAgent(call)
  requireAgentAadhaar(call, agent)
  return agent
}

/** Refuses PID data that is not PID XML (`invalid_params`) or whose capture failed (`failureCase`). */
export function requireGoodBiometric(piddata: string, failureCase: string): void {
  const pid = parsePidData(piddata)
  if (!pid.ok) throw invalidParams({ piddata: FIELD_MESSAGE })
  if (pid.errCode !== '0') throw new SimulatorError(failureCase)
}

/**
 * The literal prefix of the `reference_tid` an operation's success answers (its contract's
 * `x-prefix`): Send OTP's `EKYKF…`, Verify OTP's `BEKYF…` twin.
 */
export function referenceTidPrefix(operationId: string): string {
  const schema = findCase(operationId, 'success')?.schema as
    | { properties?: { data?: { properties?: { reference_tid?: { 'x-prefix'?: unknown } } } } }
    | undefined
  const prefix = schema?.properties?.data?.properties?.reference_tid?.['x-prefix']
  if (typeof prefix !== 'string')
    throw new Error(`${operationId}: success reference_tid has no x-prefix`)
  return prefix
}

/**
 * The eKYC session the body names (`otp_ref_id`), if it is at `stage` and belongs to `agent` and
 * the body's `reference_tid`: what Verify OTP and Biometric each carry on from the step before.
 */
export function sessionAt(
  call: OperationCall,
  agent: EkoAgentRow,
  stage: EkoKycStage,
): EkoKycSessionRow | undefined {
  const session = call.table(ekoKycSessions).get(call.body.otp_ref_id as string)
  return session?.stage === stage &&
    session.user_code === agent.user_code &&
    session.reference_tid === call.body.reference_tid
    ? session
    : undefined
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
