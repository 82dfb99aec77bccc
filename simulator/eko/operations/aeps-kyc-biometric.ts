import { SimulatorError, defineOperation, type OperationCall } from '../../pipeline/index.js'
import { ekycAgent, referenceTidPrefix, requireGoodBiometric } from '../eko-checks.js'
import { ekoAgents, ekoKycSessions, type EkoKycSessionRow } from '../eko-tables.js'

/** The prefixes of Send OTP's `reference_tid` and of Verify OTP's twin (the contracts' `x-prefix`). */
const SENT_PREFIX = referenceTidPrefix('eko.aepsKyc.sendOtp')
const VERIFIED_PREFIX = referenceTidPrefix('eko.aepsKyc.verifyOtp')

/**
 * The verified session the request's `otp_ref_id` / `reference_tid` name: Verify OTP's new pair
 * or, unless the config says `verified_only`, Send OTP's own pair once it was verified (Eko's
 * spec says "returned by the preceding OTP step" and gives Send OTP's values as examples).
 */
function verifiedSession({ body, sim, table }: OperationCall): EkoKycSessionRow | undefined {
  const sessions = table(ekoKycSessions)
  const named = sessions.get(body.otp_ref_id as string)
  if (named === undefined || named.reference_tid !== body.reference_tid) return undefined
  if (named.stage === 'otp_verified') return named
  if (
    sim.config.eko.biometricIds === 'verified_only' ||
    !named.reference_tid.startsWith(SENT_PREFIX)
  )
    return undefined
  const twin = sessions.findBy(
    'reference_tid',
    `${VERIFIED_PREFIX}${named.reference_tid.slice(SENT_PREFIX.length)}`,
  )
  return twin?.stage === 'otp_verified' ? twin : undefined
}

/** AePS Fingpay eKYC step 3: the fingerprint, on a live verified session; completes the one-time eKYC. */
export const aepsKycBiometric = defineOperation('eko.aepsKyc.biometric', {
  handle(call) {
    const { body, sim, table, outcome } = call
    const agent = ekycAgent(call)
    const session = verifiedSession(call)
    if (
      !session ||
      session.created_at + sim.config.otp.eko.ttlMs <= sim.clock.now() ||
      session.user_code !== agent.user_code
    )
      throw new SimulatorError('otp_not_verified')
    requireGoodBiometric(body.piddata as string, 'invalid_biometric')
    table(ekoKycSessions).update(session.otp_ref_id, { stage: 'completed' })
    table(ekoAgents).update(agent.user_code, { ekyc_status: 'done' })
    return outcome('success', { data: { user_code: agent.user_code } })
  },
})
