import { SimulatorError, defineOperation } from '../../pipeline/index.js'
import { ekycAgent, newOtpRefId, referenceTidPrefix } from '../eko-checks.js'
import { ekoKycSessions } from '../eko-tables.js'

/** The `reference_tid` prefix of the answer (the contract's `x-prefix`). */
const REFERENCE_TID_PREFIX = referenceTidPrefix('eko.aepsKyc.sendOtp')

/**
 * AePS Fingpay eKYC step 1: "sends" the OTP (readable in `GET /__sim/otps`) to the number in
 * `customer_id`, as Eko's current spec says (github.com/ekoindia/eps-platform commit f7013f0),
 * and opens the session.
 */
export const aepsKycSendOtp = defineOperation('eko.aepsKyc.sendOtp', {
  handle(call) {
    const { body, sim, table, operation, outcome } = call
    const agent = ekycAgent(call)
    const otpRefId = newOtpRefId(call)
    const referenceTid = sim.ids.ekoReferenceTid(REFERENCE_TID_PREFIX, sim.clock.now())
    const issued = sim.otp.issue({
      provider: 'eko',
      operation: operation.id,
      ref: otpRefId,
      phone: body.customer_id as string,
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
