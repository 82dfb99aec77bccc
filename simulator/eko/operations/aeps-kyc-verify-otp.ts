import { SimulatorError, defineOperation } from '../../pipeline/index.js'
import { ekycAgent, newOtpRefId, referenceTidPrefix, sessionAt } from '../eko-checks.js'
import { ekoKycSessions } from '../eko-tables.js'

/** The prefixes of Send OTP's `reference_tid` and of the twin this answers (the contracts' `x-prefix`). */
const SENT_PREFIX = referenceTidPrefix('eko.aepsKyc.sendOtp')
const VERIFIED_PREFIX = referenceTidPrefix('eko.aepsKyc.verifyOtp')

/**
 * AePS Fingpay eKYC step 2: checks the OTP of the session. Eko answers a NEW otp_ref_id and the
 * BEKYF twin of the EKYKF reference_tid, which Biometric must carry (Eko's AePS Fingpay eKYC
 * docs, developers.eko.in).
 */
export const aepsKycVerifyOtp = defineOperation('eko.aepsKyc.verifyOtp', {
  handle(call) {
    const { body, sim, table, outcome } = call
    const agent = ekycAgent(call)
    const session = sessionAt(call, agent, 'otp_sent')
    if (!session) throw new SimulatorError('otp_invalid_or_expired')
    if (!sim.otp.verify(session.otp_ref_id, body.otp as string).ok)
      throw new SimulatorError('otp_invalid_or_expired')
    table(ekoKycSessions).update(session.otp_ref_id, { stage: 'completed' })
    const nextRef = newOtpRefId(call)
    const nextTid = `${VERIFIED_PREFIX}${session.reference_tid.slice(SENT_PREFIX.length)}`
    table(ekoKycSessions).insert({
      otp_ref_id: nextRef,
      user_code: agent.user_code,
      stage: 'otp_verified',
      reference_tid: nextTid,
      created_at: sim.clock.now(),
    })
    return outcome('success', {
      data: { user_code: agent.user_code, reference_tid: nextTid, otp_ref_id: nextRef },
    })
  },
})
