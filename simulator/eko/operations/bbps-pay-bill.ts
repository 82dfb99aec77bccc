import { caseOutcome, SimulatorError } from '../../outcome.js'
import { AUTH_ERROR_HEADER } from '../auth-error-header.js'
import { requireBiller, billFetchFailed } from '../bbps-biller.js'
import { formatRupees, toPaise } from '../bbps-state.js'
import { defineEkoOperation, type EkoEnv } from '../eko-operation.js'
import { verifyRequestHash } from '../request-hash.js'
import type { OperationCall } from '../../provider-behaviour.js'

/**
 * `POST /ekoapi/v2/billpayments/paybill?initiator_id=`: pays a bill from the partner's E-value
 * wallet. In order: the request_hash (403 when missing or wrong), the initiator, the agent, the
 * biller and its parameters; then, for a biller that fetches bills, the amount must be the bill's
 * due (208 otherwise: a paid bill is due 0, so it cannot be paid twice); then the wallet must
 * hold it (347). A success debits the wallet and settles the bill.
 */
export const bbpsPayBill = defineEkoOperation('eko.bbps.payBill', async (env, call) => {
  const { request, operation, body } = call
  await requireRequestHash(env, call)
  const initiatorId = request.query.initiator_id as string
  env.requireInitiator(initiatorId)
  env.requireAgent(body.user_code)
  const operator = requireBiller(body)
  const utilityAccNo = body.utility_acc_no as string
  const amountPaise = toPaise(body.amount as string | number)
  const { ctx, bbps } = env
  const tid = ctx.ids.numeric(2_000_000_000, 4_000_000_000)
  if (operator.billFetchResponse === 1) {
    const held = bbps.bill(operator.operator_id, utilityAccNo)
    if (!held) throw billFetchFailed('unavailable')
    if (held.duePaise !== amountPaise)
      throw new SimulatorError('amount_mismatch', { data: { last_used_okekey: '', tid } })
  }
  if (bbps.walletPaise(initiatorId) < amountPaise) throw new SimulatorError('insufficient_balance')
  const balance = bbps.debit(initiatorId, amountPaise)
  if (operator.billFetchResponse === 1) bbps.settle(operator.operator_id, utilityAccNo, tid)
  const okekey = String(bbps.nextOkekey())
  const amount = formatRupees(amountPaise)
  const held = bbps.bill(operator.operator_id, utilityAccNo)
  return caseOutcome(operation.id, 'success', {
    message: `Success Last_used_OkeyKey: ${okekey}`,
    data: {
      tx_status: '0',
      tds: '0.0',
      bbpstrxnrefid: '',
      txstatus_desc: 'Success',
      utilitycustomername: held?.bill.utilitycustomername ?? '',
      fee: '0.0',
      discount: '',
      tid,
      sender_id: initiatorId,
      balance: formatRupees(balance),
      customerconveniencefee: '',
      commission: '0.0',
      state: '1',
      recipient_id: '',
      timestamp: new Date(ctx.clock.now()).toISOString(),
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
      billdate: held?.bill.billdate ?? '',
      status_text: '',
      account: utilityAccNo,
      user_code: body.user_code,
    },
  })
})

/** The request_hash of the contract's rule, or Eko's 403 naming what is wrong with it. */
async function requireRequestHash(env: EkoEnv, { request, operation, body }: OperationCall) {
  const rule = operation.requestHash
  if (!rule) return
  const developerKey = request.headers.developer_key ?? ''
  const accessKey = env.accessKeyOf(developerKey)
  if (accessKey === undefined) throw new Error('pay bill reached behaviour unauthenticated')
  const verdict = await verifyRequestHash({
    rule,
    headers: request.headers,
    body,
    accessKey,
    developerKey,
    hmac: env.ctx.platform.hmacSha256Base64,
  })
  if (!verdict.ok)
    throw new SimulatorError('auth_failed', {}, { [AUTH_ERROR_HEADER]: verdict.reason })
}
