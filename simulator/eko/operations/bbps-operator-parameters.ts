import { findBbpsOperator } from '../../fixtures/index.js'
import { caseOutcome } from '../../outcome.js'
import { defineEkoOperation } from '../eko-operation.js'
import { FIELD_MESSAGE, invalidParams } from '../invalid-params.js'

/**
 * `GET /ekoapi/v2/billpayments/operators/{operator_id}`: what a biller asks for. An operator id
 * no biller has is answered as an invalid `operator_id` [INF].
 */
export const bbpsOperatorParameters = defineEkoOperation(
  'eko.bbps.operatorParameters',
  (env, { request, operation, params }) => {
    if (request.query.initiator_id !== undefined) env.requireInitiator(request.query.initiator_id)
    const operator = findBbpsOperator(Number(params.operator_id))
    if (!operator) throw invalidParams({ operator_id: FIELD_MESSAGE })
    return caseOutcome(operation.id, 'success', {
      operator_name: operator.name,
      operator_id: operator.operator_id,
      fetchBill: operator.billFetchResponse,
      BBPS: operator.BBPS,
      data: operator.parameters.map((p) => ({ ...p })),
    })
  },
)
