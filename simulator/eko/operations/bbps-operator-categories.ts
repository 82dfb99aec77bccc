import { BBPS_CATEGORIES } from '../../fixtures/index.js'
import { defineOperation } from '../../pipeline/index.js'
import { requireInitiatorId } from '../eko-checks.js'

/** `GET /ekoapi/v2/billpayments/operators_category`: every seeded category. */
export const bbpsOperatorCategories = defineOperation('eko.bbps.operatorCategories', {
  handle(call) {
    const { initiator_id } = call.request.query
    if (initiator_id !== undefined) requireInitiatorId(call, initiator_id)
    return call.outcome('success', { data: BBPS_CATEGORIES.map((c) => ({ ...c })) })
  },
})
