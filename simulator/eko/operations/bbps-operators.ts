import { BBPS_OPERATORS, toOperatorListEntry } from '../../fixtures/index.js'
import { caseOutcome } from '../../outcome.js'
import { defineEkoOperation } from '../eko-operation.js'

/**
 * `GET /ekoapi/v2/billpayments/operators[?category=&location=]`: the seeded billers, filtered by
 * category and by location (an exact match of the ids: a pan-India biller, location 0, is listed
 * only without a location filter [INF]).
 */
export const bbpsOperators = defineEkoOperation(
  'eko.bbps.operators',
  (env, { request, operation }) => {
    const { initiator_id, category, location } = request.query
    if (initiator_id !== undefined) env.requireInitiator(initiator_id)
    const data = BBPS_OPERATORS.filter(
      (o) =>
        (category === undefined || o.operator_category === Number(category)) &&
        (location === undefined || o.location_id === Number(location)),
    ).map(toOperatorListEntry)
    return caseOutcome(operation.id, 'success', { data })
  },
)
