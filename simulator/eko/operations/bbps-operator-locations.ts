import { BBPS_LOCATIONS } from '../../fixtures/index.js'
import { defineOperation } from '../../pipeline/index.js'
import { requireInitiatorId } from '../eko-checks.js'

/** `GET /ekoapi/v2/billpayments/operators_location`: every state and union territory. */
export const bbpsOperatorLocations = defineOperation('eko.bbps.operatorLocations', {
  handle(call) {
    const { initiator_id } = call.request.query
    if (initiator_id !== undefined) requireInitiatorId(call, initiator_id)
    return call.outcome('success', { data: BBPS_LOCATIONS.map((l) => ({ ...l })) })
  },
})
