import { SimulatorError, defineOperation } from '../../pipeline/index.js'
import { activeAgent, newOtpRefId, requireAgentAadhaar } from '../eko-checks.js'
import { ekoKycSessions } from '../eko-tables.js'

/**
 * AePS Fingpay eKYC step 2: checks the OTP of the session. Eko answers a NEW otp_ref_id and the
 * BEKYF twin of the EKYKF reference_tid, which Biometric must carry (Eko's AePS Fingpay eKYC
 * docs, developers.eko.in).
 */
export const aepsKycVerifyOtp = defineOperation('eko.aepsKyc.verifyOtp', {
  handle(call) {
    const { body, sim, table, outcome } = call
    const agent = activeAgent(call)
    requireAgentAadhaar(call, agent)
    const sessions = table(ekoKycSessions)
    const session = sessions.get(body.otp_ref_id as string)
    if (
      session?.stage !== 'otp_sent' ||
      session.user_code !== agent.user_code ||
      session.reference_tid !== body.reference_tid
    )
      throw new SimulatorError('otp_invalid_or_expired')
    if (!sim.otp.verify(session.otp_ref_id, body.otp as string).ok)
      throw new SimulatorError('otp_invalid_or_expired')
    sessions.update(session.otp_ref_id, { stage: 'completed' })
    const nextRef = newOtpRefId(call)
    const nextTid = `BEKYF${session.reference_tid.slice(5)}`
    sessions.insert({
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
