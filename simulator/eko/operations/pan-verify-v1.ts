import { SimulatorError, defineOperation } from '../../pipeline/index.js'
import { requireInitiator } from '../eko-checks.js'
import { hasActiveService } from '../eko-services.js'
import { ekoFixtureAgents } from '../eko-tables.js'

/**
 * PAN verification (v1), as Eko's Node SDK's `verifyPAN` calls it: needs the PAN service (4)
 * ACTIVATED for the agent — the body's `user_code`, else the partner's own
 * (`config.eko.partnerUserCode`; Eko's SDK sends none) — and answers the holder's name for the
 * PANs the simulator knows (its fixture agents'). Source: ekoindia/eko-sdk-node kyc.js samples.
 */
export const panVerifyV1 = defineOperation('eko.pan.verifyV1', {
  handle(call) {
    const { body, sim, outcome } = call
    requireInitiator(call)
    const userCode = (body.user_code as string | undefined) ?? sim.config.eko.partnerUserCode
    if (!hasActiveService(call, userCode, '4')) throw new SimulatorError('agent_not_allowed')
    const pan = body.pan_number as string
    const holder = ekoFixtureAgents(sim.seed).find((a) => a.pan_number === pan)
    if (!holder) throw new SimulatorError('pan_not_found')
    return outcome('success', {
      data: {
        pan_number: pan,
        first_name: holder.first_name,
        middle_name: '',
        last_name: holder.last_name,
        title: '',
      },
    })
  },
})
