import { BBPS_CATEGORIES } from '../../fixtures/index.js'
import { caseOutcome } from '../../outcome.js'
import { defineEkoOperation } from '../eko-operation.js'

/** `GET /ekoapi/v2/billpayments/operators_category`: every seeded category. */
export const bbpsOperatorCategories = defineEkoOperation(
  'eko.bbps.operatorCategories',
  (env, { request, operation }) => {
    if (request.query.initiator_id !== undefined) env.requireInitiator(request.query.initiator_id)
    return caseOutcome(operation.id, 'success', { data: BBPS_CATEGORIES.map((c) => ({ ...c })) })
  },
)
