import { SimulatorError, defineOperation } from '../../pipeline/index.js'
import {
  customerAccount,
  newBankRef,
  newTid,
  previousTransaction,
  record,
  replay,
  requireSameCustomer,
  transactingAgent,
  transactionData,
  withLine,
  creditWallet,
} from '../eko-aeps.js'
import { ekoAccounts } from '../eko-aeps-tables.js'
import { istDayMonth } from '../ist-calendar.js'

/**
 * AePS cash withdrawal: the customer's account is debited and the agent's E-value wallet credited
 * — at once, or, when the customer's bank answers late, held as pending and settled after
 * `config.eko.aepsPendingSettleMs` on the simulator clock (success credits the wallet, failure
 * refunds the customer). A retry with the same `client_ref_id` replays the first answer.
 * Sources: ekoindia/eps-platform api-specs.ts (1463/1464/1465); 1960 and the 2FA comment are
 * third-party production observations.
 */
export const aepsCashWithdrawal = defineOperation('eko.aepsTransactions.cashWithdrawal', {
  handle(call) {
    const { body, sim, table, outcome } = call
    requireSameCustomer(call)
    const previous = previousTransaction(call)
    if (previous) return replay(call, previous)
    const amountRupees = Number(body.amount)
    if (amountRupees % 50 !== 0) throw new SimulatorError('amount_not_multiple_of_50')
    const agent = transactingAgent(call)
    const account = customerAccount(call)
    const amount = amountRupees * 100
    const tid = newTid(call)
    if (account.balance_paise < amount) {
      record(call, {
        tid,
        account: account.account,
        amount_paise: amount,
        tx_status: '1',
        settle_at: null,
        answer: { case: 'insufficient_balance', data: null },
      })
      throw new SimulatorError('insufficient_balance')
    }
    const now = sim.clock.now()
    const pending = account.bank_response !== 'instant'
    const debited = table(ekoAccounts).update(account.account, {
      balance_paise: account.balance_paise - amount,
      statement: withLine(account.statement, {
        date: istDayMonth(now),
        amount_paise: amount,
        narration: 'AEPS CW',
        txnType: 'Dr',
      }),
      pending_tids: pending ? [...account.pending_tids, tid] : account.pending_tids,
    })!
    if (!pending) creditWallet(call, agent.user_code, amount)
    const tx = {
      tid,
      tx_status: pending ? '2' : '0',
      amount_paise: amount,
      bank_ref_num: newBankRef(call),
    }
    const caseId = pending ? 'pending' : 'success'
    const data = transactionData(
      call,
      debited,
      tx,
      pending ? 'Transaction Pending' : 'Request Completed',
    )
    record(call, {
      tid,
      account: account.account,
      amount_paise: amount,
      tx_status: pending ? '2' : '0',
      bank_ref_num: tx.bank_ref_num,
      settle_at: pending ? now + sim.config.eko.aepsPendingSettleMs : null,
      answer: { case: caseId, data },
    })
    return outcome(caseId, { data })
  },
})
