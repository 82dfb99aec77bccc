import { BBPS_OPERATORS, toOperatorListEntry } from '../../fixtures/index.js'
import { defineOperation } from '../../pipeline/index.js'
import { requireInitiatorId } from '../eko-checks.js'

/**
 * `GET /ekoapi/v2/billpayments/operators[?category=&location=]`: the seeded billers, filtered by
 * category and by location (an exact match of the ids: a pan-India biller, location 0, is listed
 * only without a location filter [INF]). The initiator is optional here, as Eko's SDK sends none.
 */
export const bbpsOperators = defineOperation('eko.bbps.operators', {
  handle(call) {
    const { initiator_id, category, location } = call.request.query
    if (initiator_id !== undefined) requireInitiatorId(call, initiator_id)
    const data = BBPS_OPERATORS.filter(
      (o) =>
        (category === undefined || o.operator_category === Number(category)) &&
        (location === undefined || o.location_id === Number(location)),
    ).map(toOperatorListEntry)
    return call.outcome('success', { data })
  },
})
