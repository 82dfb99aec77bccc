import { SimulatorError, defineOperation } from '../../pipeline/index.js'
import { activeAgent, requireAgentAadhaar, requireGoodBiometric } from '../eko-checks.js'
import { ekoAgents, ekoKycSessions } from '../eko-tables.js'

/** AePS Fingpay eKYC step 3: the fingerprint, on a live verified session; completes the one-time eKYC. */
export const aepsKycBiometric = defineOperation('eko.aepsKyc.biometric', {
  handle(call) {
    const { body, sim, table, outcome } = call
    const agent = activeAgent(call)
    requireAgentAadhaar(call, agent)
    const sessions = table(ekoKycSessions)
    const session = sessions.get(body.otp_ref_id as string)
    const live =
      session !== undefined && session.created_at + sim.config.otp.eko.ttlMs > sim.clock.now()
    if (
      !session ||
      !live ||
      session.stage !== 'otp_verified' ||
      session.user_code !== agent.user_code ||
      session.reference_tid !== body.reference_tid
    )
      throw new SimulatorError('otp_not_verified')
    requireGoodBiometric(body.piddata as string, 'invalid_biometric')
    sessions.update(session.otp_ref_id, { stage: 'completed' })
    table(ekoAgents).update(agent.user_code, { ekyc_status: 'done' })
    return outcome('success', { data: { user_code: agent.user_code } })
  },
})
