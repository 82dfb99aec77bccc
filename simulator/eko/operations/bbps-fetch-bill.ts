import { caseOutcome } from '../../outcome.js'
import { formatRupees } from '../bbps-state.js'
import { billFetchFailed, requireBiller } from '../bbps-biller.js'
import { defineEkoOperation } from '../eko-operation.js'

/**
 * `POST /ekoapi/v2/billpayments/fetchbill?initiator_id=`: the bill due on a seeded account (1052),
 * or Eko's 1468 when there is none to give: the biller does not fetch bills, the account has no
 * bill, or the bill is paid. Changes nothing.
 */
export const bbpsFetchBill = defineEkoOperation(
  'eko.bbps.fetchBill',
  (env, { request, operation, body }) => {
    env.requireInitiator(request.query.initiator_id)
    env.requireAgent(body.user_code)
    const operator = requireBiller(body)
    if (operator.billFetchResponse === 0) throw billFetchFailed('not_supported')
    const held = env.bbps.bill(operator.operator_id, body.utility_acc_no as string)
    if (!held) throw billFetchFailed('unavailable')
    if (held.duePaise === 0) throw billFetchFailed('no_bill_due')
    return caseOutcome(operation.id, 'success', {
      data: {
        amount: formatRupees(held.duePaise),
        bbpstrxnrefid: '',
        ifsc_status: 1,
        utilitycustomername: held.bill.utilitycustomername,
        postalcode: held.bill.postalcode,
        billfetchresponse: '',
        geocode: body.latlong,
        billdate: held.bill.billdate,
        customer_id: held.bill.utility_acc_no,
        user_code: body.user_code,
      },
    })
  },
)
