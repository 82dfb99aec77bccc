import { findBbpsOperator } from '../../fixtures/index.js'
import { defineOperation } from '../../pipeline/index.js'
import { FIELD_MESSAGE, invalidParams, requireInitiatorId } from '../eko-checks.js'

/**
 * `GET /ekoapi/v2/billpayments/operators/{operator_id}`: what a biller asks for. An operator id
 * no biller has is answered as an invalid `operator_id` [INF].
 */
export const bbpsOperatorParameters = defineOperation('eko.bbps.operatorParameters', {
  handle(call) {
    const { initiator_id } = call.request.query
    if (initiator_id !== undefined) requireInitiatorId(call, initiator_id)
    const operator = findBbpsOperator(Number(call.params.operator_id))
    if (!operator) throw invalidParams({ operator_id: FIELD_MESSAGE })
    return call.outcome('success', {
      operator_name: operator.name,
      operator_id: operator.operator_id,
      fetchBill: operator.billFetchResponse,
      BBPS: operator.BBPS,
      data: operator.parameters.map((p) => ({ ...p })),
    })
  },
})
