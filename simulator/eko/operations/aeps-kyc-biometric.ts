import { SimulatorError, defineOperation } from '../../pipeline/index.js'
import { ekycAgent, requireGoodBiometric, sessionAt } from '../eko-checks.js'
import { ekoAgents, ekoKycSessions } from '../eko-tables.js'

/** AePS Fingpay eKYC step 3: the fingerprint, on a live verified session; completes the one-time eKYC. */
export const aepsKycBiometric = defineOperation('eko.aepsKyc.biometric', {
  handle(call) {
    const { body, sim, table, outcome } = call
    const agent = ekycAgent(call)
    const session = sessionAt(call, agent, 'otp_verified')
    // Biometric must follow Verify OTP while the OTP's validity lasts.
    if (!session || session.created_at + sim.config.otp.eko.ttlMs <= sim.clock.now())
      throw new SimulatorError('otp_not_verified')
    requireGoodBiometric(body.piddata as string, 'invalid_biometric')
    table(ekoKycSessions).update(session.otp_ref_id, { stage: 'completed' })
    table(ekoAgents).update(agent.user_code, { ekyc_status: 'done' })
    return outcome('success', { data: { user_code: agent.user_code } })
  },
})
