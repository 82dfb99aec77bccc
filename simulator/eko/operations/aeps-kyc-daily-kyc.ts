import { SimulatorError, defineOperation } from '../../pipeline/index.js'
import { activeAgent, requireAgentAadhaar, requireGoodBiometric } from '../eko-checks.js'
import { ekoAgents } from '../eko-tables.js'

/** Daily KYC: the agent's daily fingerprint, allowed once the one-time eKYC is done. */
export const aepsKycDailyKyc = defineOperation('eko.aepsKyc.dailyKyc', {
  handle(call) {
    const { body, sim, table, outcome } = call
    const agent = activeAgent(call)
    requireAgentAadhaar(call, agent)
    if (agent.ekyc_status !== 'done') throw new SimulatorError('ekyc_not_done')
    requireGoodBiometric(body.piddata as string, 'invalid_biometric')
    table(ekoAgents).update(agent.user_code, { daily_kyc_at: sim.clock.now() })
    return outcome('success', { data: { user_code: agent.user_code } })
  },
})
