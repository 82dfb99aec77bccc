import { LABELLED_BBPS_BILLS } from '../../fixtures/index.js'
import { SimulatorError, defineOperation, type OperationCall } from '../../pipeline/index.js'
import { AUTH_ERROR_HEADER } from '../auth-error-header.js'
import { billFetchFailed, formatRupees, requireBiller, toPaise } from '../bbps-biller.js'
import { requireQueryInitiator } from '../eko-checks.js'
import { existingAgent } from '../eko-services.js'
import { bbpsBills, billKey, ekoPartnerWallets } from '../eko-tables.js'
import { verifyRequestHash } from '../request-hash.js'

/**
 * `POST /ekoapi/v2/billpayments/paybill?initiator_id=`: pays a bill from the partner's E-value
 * wallet. In order: the request_hash (403 when missing or wrong), the initiator, the agent, the
 * biller and its parameters; then, for a biller that fetches bills, the amount must be the bill's
 * due (208 otherwise: a paid bill is due 0, so it cannot be paid twice); then the wallet must
 * hold it (347). A success debits the wallet and settles the bill.
 */
export const bbpsPayBill = defineOperation('eko.bbps.payBill', {
  async handle(call) {
    const { request, body, sim, table, outcome } = call
    await requireRequestHash(call)
    const initiatorId = request.query.initiator_id as string
    requireQueryInitiator(call)
    const agent = existingAgent(call, call.body.user_code as string)
    const operator = requireBiller(body)
    const utilityAccNo = body.utility_acc_no as string
    const amountPaise = toPaise(body.amount as string | number)
    const bills = table(bbpsBills)
    const key = billKey(operator.operator_id, utilityAccNo)
    const tid = sim.ids.numeric(2_000_000_000, 4_000_000_000)
    if (operator.billFetchResponse === 1) {
      const held = bills.get(key)
      if (!held) throw billFetchFailed('unavailable')
      if (held.due_paise !== amountPaise)
        throw new SimulatorError('amount_mismatch', { data: { last_used_okekey: '', tid } })
    }
    const wallets = table(ekoPartnerWallets)
    const wallet = wallets.get(initiatorId)
    if (!wallet || wallet.balance_paise < amountPaise)
      throw new SimulatorError('insufficient_balance')
    const okekey = String(wallet.last_okekey + 1)
    const balance = wallet.balance_paise - amountPaise
    wallets.update(initiatorId, { balance_paise: balance, last_okekey: wallet.last_okekey + 1 })
    if (operator.billFetchResponse === 1) bills.update(key, { due_paise: 0, paid_tid: tid })
    const bill = LABELLED_BBPS_BILLS.find((b) => b.label === bills.get(key)?.label)
    const amount = formatRupees(amountPaise)
    return outcome('success', {
      message: `Success Last_used_OkeyKey: ${okekey}`,
      data: {
        tx_status: '0',
        tds: '0.0',
        bbpstrxnrefid: '',
        txstatus_desc: 'Success',
        utilitycustomername: bill?.utilitycustomername ?? '',
        fee: '0.0',
        discount: '',
        tid,
        sender_id: initiatorId,
        balance: formatRupees(balance),
        customerconveniencefee: '',
        commission: '0.0',
        state: '1',
        recipient_id: '',
        timestamp: new Date(sim.clock.now()).toISOString(),
        amount,
        mobile: initiatorId,
        reference_tid: 'null',
        serial_number: '',
        customermobilenumber: body.confirmation_mobile_no,
        payment_mode_desc: '',
        last_used_okekey: okekey,
        operator_name: operator.name,
        totalamount: amount,
        billnumber: '',
        billdate: bill?.billdate ?? '',
        status_text: '',
        account: utilityAccNo,
        user_code: agent.user_code,
      },
    })
  },
})

/** The request_hash of the contract's rule, or Eko's 403 naming what is wrong with it. */
async function requireRequestHash({ request, operation, body, sim }: OperationCall): Promise<void> {
  const rule = operation.requestHash
  if (!rule) return
  const developerKey = request.headers.developer_key ?? ''
  const accessKey = sim.config.eko.credentials.find(
    (c) => c.developer_key === developerKey,
  )?.access_key
  if (accessKey === undefined) throw new Error('pay bill reached behaviour unauthenticated')
  const verdict = await verifyRequestHash({
    rule,
    headers: request.headers,
    body,
    accessKey,
    developerKey,
    hmac: sim.platform.hmacSha256Base64,
  })
  if (!verdict.ok)
    throw new SimulatorError('auth_failed', {}, { [AUTH_ERROR_HEADER]: verdict.reason })
}
