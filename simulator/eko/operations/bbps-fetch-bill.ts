import { LABELLED_BBPS_BILLS } from '../../fixtures/index.js'
import { defineOperation } from '../../pipeline/index.js'
import { billFetchFailed, formatRupees, requireBiller } from '../bbps-biller.js'
import { requireQueryInitiator } from '../eko-checks.js'
import { existingAgent } from '../eko-services.js'
import { bbpsBills, billKey } from '../eko-tables.js'

/**
 * `POST /ekoapi/v2/billpayments/fetchbill?initiator_id=`: the bill due on a seeded account (1052),
 * or Eko's 1468 when there is none to give: the biller does not fetch bills, the account has no
 * bill, or the bill is paid. Changes nothing.
 */
export const bbpsFetchBill = defineOperation('eko.bbps.fetchBill', {
  handle(call) {
    const { body, table, outcome } = call
    requireQueryInitiator(call)
    const agent = existingAgent(call, call.body.user_code as string)
    const operator = requireBiller(body)
    if (operator.billFetchResponse === 0) throw billFetchFailed('not_supported')
    const held = table(bbpsBills).get(billKey(operator.operator_id, body.utility_acc_no as string))
    const bill = LABELLED_BBPS_BILLS.find((b) => b.label === held?.label)
    if (!held || !bill) throw billFetchFailed('unavailable')
    if (held.due_paise === 0) throw billFetchFailed('no_bill_due')
    return outcome('success', {
      data: {
        amount: formatRupees(held.due_paise),
        bbpstrxnrefid: '',
        ifsc_status: 1,
        utilitycustomername: bill.utilitycustomername,
        postalcode: bill.postalcode,
        billfetchresponse: '',
        geocode: body.latlong,
        billdate: bill.billdate,
        customer_id: bill.utility_acc_no,
        user_code: agent.user_code,
      },
    })
  },
})
