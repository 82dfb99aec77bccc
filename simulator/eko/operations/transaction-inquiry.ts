import { SimulatorError, defineOperation } from '../../pipeline/index.js'
import { rupees, settled } from '../eko-aeps.js'
import { ekoTransactions, refKey } from '../eko-aeps-tables.js'
import { requireQueryInitiator } from '../eko-checks.js'
import { ekoDateTime } from '../ist-calendar.js'

/** Eko's tx_status descriptions (developers.eko.in v3 error-codes). */
const TX_STATUS_DESC = { '0': 'Success', '1': 'Failed', '2': 'Response Awaited' } as const

/** The partner's reference form of the path segment: `client_ref_id:<ref>`. */
const CLIENT_REF_PREFIX = 'client_ref_id:'

/**
 * Transaction Inquiry: a transaction of this initiator by tid or by `client_ref_id:<ref>`, as it
 * stands now — a pending withdrawal due by now is settled first, so tx_status moves 2 → 0 or 1.
 * Sources: developers.eko.in/v3/reference/transaction-inquiry, ekoindia/eps-platform api-specs.ts.
 */
export const transactionInquiry = defineOperation('eko.transactions.inquiry', {
  handle(call) {
    const { params, table, outcome } = call
    const initiator = requireQueryInitiator(call)
    const ref = params.transaction_ref as string
    const transactions = table(ekoTransactions)
    const found = ref.startsWith(CLIENT_REF_PREFIX)
      ? transactions.findBy('ref_key', refKey(initiator, ref.slice(CLIENT_REF_PREFIX.length)))
      : transactions.get(ref)
    if (!found || found.initiator_id !== initiator) throw new SimulatorError('tid_not_found')
    const tx = settled(call, found)
    return outcome('success', {
      data: {
        tx_status: tx.tx_status,
        txstatus_desc: TX_STATUS_DESC[tx.tx_status],
        tid: tx.tid,
        client_ref_id: tx.client_ref_id,
        amount: rupees(tx.amount_paise),
        bank_ref_num: tx.bank_ref_num,
        user_code: tx.user_code,
        transaction_date: ekoDateTime(tx.created_at),
      },
    })
  },
})
