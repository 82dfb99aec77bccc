import { defineOperation } from '../../pipeline/index.js'
import { requireInitiator } from '../eko-checks.js'
import { existingAgent, requestService } from '../eko-services.js'

/**
 * Activate a service (v1), as Eko's Node SDK's `init()` does for PAN (4) and BBPS (53): those are
 * ACTIVATED at once; AePS Fingpay (43) and Fino (52) wait for Eko's review. A service already
 * active or pending is refused. Source: ekoindia/eko-sdk-node services.js.
 */
export const userServicesActivateV1 = defineOperation('eko.userServices.activateV1', {
  handle(call) {
    const { body, outcome } = call
    requireInitiator(call)
    const agent = existingAgent(call, body.user_code as string)
    const row = requestService(call, agent, String(body.service_code), 'service_already_active')
    return outcome('success', {
      data: {
        service_code: row.service_code,
        initiator_id: body.initiator_id,
        user_code: agent.user_code,
        latlong: body.latlong,
        service_status: String(row.status),
        service_status_desc: row.status === 1 ? 'ACTIVATED' : 'PENDING',
      },
    })
  },
})
