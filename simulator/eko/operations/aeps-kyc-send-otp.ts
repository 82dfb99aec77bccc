import { SimulatorError, defineOperation } from '../../pipeline/index.js'
import { activeAgent, newOtpRefId, requireAgentAadhaar } from '../eko-checks.js'
import { ekoKycSessions } from '../eko-tables.js'

/** AePS Fingpay eKYC step 1: "sends" the OTP (readable in `GET /__sim/otps`) and opens the session. */
export const aepsKycSendOtp = defineOperation('eko.aepsKyc.sendOtp', {
  handle(call) {
    const { sim, table, operation, outcome } = call
    const agent = activeAgent(call)
    requireAgentAadhaar(call, agent)
    const otpRefId = newOtpRefId(call)
    const referenceTid = sim.ids.ekoReferenceTid('EKYKF', sim.clock.now())
    const issued = sim.otp.issue({
      provider: 'eko',
      operation: operation.id,
      ref: otpRefId,
      phone: agent.customer_id,
      subject: agent.user_code,
      policy: sim.config.otp.eko,
    })
    if (!issued.ok) throw new SimulatorError('agent_not_allowed')
    table(ekoKycSessions).insert({
      otp_ref_id: otpRefId,
      user_code: agent.user_code,
      stage: 'otp_sent',
      reference_tid: referenceTid,
      created_at: sim.clock.now(),
    })
    return outcome('success', { data: { reference_tid: referenceTid, otp_ref_id: otpRefId } })
  },
})
