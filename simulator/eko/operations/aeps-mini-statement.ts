import { defineOperation } from '../../pipeline/index.js'
import { enquire, rupees } from '../eko-aeps.js'

/** Lines a mini statement shows, newest first. */
const MINI_STATEMENT_LINES = 10

/**
 * AePS mini statement: the customer's last transactions, newest first — withdrawals made
 * through the simulator included — and the balance. No money moves. Source:
 * ekoindia/eps-platform api-specs.ts (1527 / 1528).
 */
export const aepsMiniStatement = defineOperation('eko.aepsTransactions.miniStatement', {
  handle: (call) =>
    enquire(call, (data, account) => ({
      mini_statement_list: account.statement
        .slice(-MINI_STATEMENT_LINES)
        .reverse()
        .map((line) => ({
          date: line.date,
          amount: rupees(line.amount_paise),
          narration: line.narration,
          txnType: line.txnType,
        })),
      tx_status: data.tx_status,
      tid: data.tid,
      sender_name: data.sender_name,
      user_code: data.user_code,
      merchantname: data.merchantname,
      aadhar: data.aadhar,
      bank: data.bank,
      customer_balance: data.customer_balance,
      transaction_date: data.transaction_date,
      transaction_time: data.transaction_time,
      commission: data.commission,
      terminal_id: `FT${data.user_code}`,
      comment: data.comment,
    })),
})
