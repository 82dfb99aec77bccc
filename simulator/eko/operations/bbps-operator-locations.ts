import { BBPS_LOCATIONS } from '../../fixtures/index.js'
import { caseOutcome } from '../../outcome.js'
import { defineEkoOperation } from '../eko-operation.js'

/** `GET /ekoapi/v2/billpayments/operators_location`: every state and union territory. */
export const bbpsOperatorLocations = defineEkoOperation(
  'eko.bbps.operatorLocations',
  (env, { request, operation }) => {
    if (request.query.initiator_id !== undefined) env.requireInitiator(request.query.initiator_id)
    return caseOutcome(operation.id, 'success', { data: BBPS_LOCATIONS.map((l) => ({ ...l })) })
  },
)
