import { findEkoBank, maskAadhaar, type EkoStatementLine } from '../fixtures/index.js'
import { SimulatorError, type OperationCall } from '../pipeline/index.js'
import { activeAgent, plainAadhaar, invalidParams, FIELD_MESSAGE } from './eko-checks.js'
import {
  STATEMENT_LINES_KEPT,
  accountKey,
  ekoAccounts,
  ekoTransactions,
  ekoWallets,
  refKey,
  type EkoAccountRow,
  type EkoAepsKind,
  type EkoTransactionRow,
} from './eko-aeps-tables.js'
import { ekoFixtureAgents, type EkoAgentRow } from './eko-tables.js'
import { ekoDateTime, istDayMonth, sameIstDay } from './ist-calendar.js'
import { parsePidData } from './pid-data.js'

/**
 * What the three AePS Fingpay transactions (cash withdrawal, balance enquiry, mini statement)
 * share: the gate (AePS active, one-time eKYC and today's Daily KYC), the customer's account by
 * Aadhaar and bank, the replay of a retried `client_ref_id`, the settling of pending withdrawals
 * on the simulator clock, and the ledger (customer balance down, agent wallet up). Everything
 * between a check and the debit it guards is synchronous, so concurrent requests can neither
 * overdraw an account nor debit one reference twice.
 */

/** Rupees as Eko writes them in transaction data: `"1000.00"`. */
export function rupees(paise: number): string {
  const sign = paise < 0 ? '-' : ''
  const abs = Math.abs(paise)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/**
 * The agent behind `user_code`, allowed to transact now: AePS Fingpay active (else 346), the
 * one-time eKYC done and Daily KYC done on the current India calendar day by the simulator
 * clock (else the "do 2FA first" failure). A successful eKYC is not that day's Daily KYC: the
 * eKYC operation never sets `daily_kyc_at`.
 */
export function transactingAgent(call: OperationCall): EkoAgentRow {
  const agent = activeAgent(call)
  const daily = agent.daily_kyc_at
  if (agent.ekyc_status !== 'done' || daily === null || !sameIstDay(daily, call.sim.clock.now()))
    throw new SimulatorError('two_factor_required')
  return agent
}

/** The path's `customer_id` must be the body's (they name the same customer). */
export function requireSameCustomer(call: OperationCall): void {
  if (call.params.customer_id !== call.body.customer_id)
    throw invalidParams({ customer_id: FIELD_MESSAGE })
}

/**
 * A transaction this call already made (same initiator, same `client_ref_id`), if any. A
 * reference already used by another kind of transaction is refused naming `client_ref_id`:
 * Eko asks for one unique per call, and a balance enquiry cannot replay a withdrawal [INF].
 */
export function previousTransaction(call: OperationCall): EkoTransactionRow | undefined {
  const ref = call.body.client_ref_id
  if (typeof ref !== 'string') return undefined
  const previous = call
    .table(ekoTransactions)
    .findBy('ref_key', refKey(call.body.initiator_id as string, ref))
  if (previous && previous.kind !== kindOf(call))
    throw invalidParams({ client_ref_id: FIELD_MESSAGE })
  return previous
}

/** A retry answers what the first call answered: same case, same tid, never a second debit. */
export function replay(call: OperationCall, previous: EkoTransactionRow) {
  const { case: caseId, data } = previous.answer
  return call.outcome(caseId, data === null ? undefined : { data })
}

/**
 * The customer's account at `bank_code`, reached by the decrypted Aadhaar and the fingerprint:
 * an unknown bank never reaches a bank (`bank_not_completed`); an Aadhaar with no account there
 * is `aadhaar_not_linked`; a failed capture is `invalid_biometric`. Pending withdrawals due by
 * now are settled first, so the balance is today's.
 */
export function customerAccount(call: OperationCall): EkoAccountRow {
  const { body } = call
  const bankCode = body.bank_code as string
  const aadhaar = plainAadhaar(call)
  const bank = findEkoBank(bankCode)
  if (!bank)
    throw new SimulatorError('bank_not_completed', {
      data: emptyFailData('Transaction Not Completed'),
    })
  const pid = parsePidData(body.piddata as string)
  if (!pid.ok) throw invalidParams({ piddata: FIELD_MESSAGE })
  const account = call.table(ekoAccounts).get(accountKey(bank.bank_code, aadhaar))
  if (!account) throw failure(call, 'aadhaar_not_linked', undefined)
  if (pid.errCode !== '0') throw failure(call, 'invalid_biometric', account)
  return settleAccount(call, account)
}

/** The data of a request the bank never processed: every field empty but the comment. */
function emptyFailData(comment: string): Record<string, string> {
  return { tx_status: '1', tid: '', amount: '', bank: '', customer_balance: '', comment }
}

/**
 * A failure the bank answered: recorded as a failed transaction (so Transaction Inquiry knows its
 * tid and a retry of its reference replays it), thrown as its case.
 */
export function failure(
  call: OperationCall,
  caseId: string,
  account: EkoAccountRow | undefined,
): SimulatorError {
  const example = call.outcome(caseId).body as { data?: { comment?: string } }
  const tid = newTid(call)
  const data = { tx_status: '1', tid, comment: example.data?.comment ?? '' }
  record(call, {
    tid,
    account: account?.account ?? '',
    amount_paise: 0,
    tx_status: '1',
    settle_at: null,
    answer: { case: caseId, data },
  })
  return new SimulatorError(caseId, { data })
}

/** A fresh Eko tid: ten digits, unused. */
export function newTid(call: OperationCall): string {
  const transactions = call.table(ekoTransactions)
  return call.sim.ids.unique(
    () => call.sim.ids.numeric(2_000_000_000, 5_999_999_999),
    (id) => transactions.get(id) !== undefined,
  )
}

/** A 12-digit bank reference number (RRN). */
export function newBankRef(call: OperationCall): string {
  return call.sim.ids.numeric(100_000, 999_999) + call.sim.ids.numeric(100_000, 999_999)
}

/** The kind of AePS transaction an operation is. */
function kindOf(call: OperationCall): EkoAepsKind {
  const id = call.operation.id
  return id.endsWith('cashWithdrawal')
    ? 'cash_withdrawal'
    : id.endsWith('balanceEnquiry')
      ? 'balance_enquiry'
      : 'mini_statement'
}

/** Stores a transaction of this call (its reference, kind and agent from the request). */
export function record(
  call: OperationCall,
  row: Omit<
    EkoTransactionRow,
    | 'ref_key'
    | 'client_ref_id'
    | 'initiator_id'
    | 'user_code'
    | 'kind'
    | 'bank_ref_num'
    | 'created_at'
  > & { bank_ref_num?: string },
): EkoTransactionRow {
  const { body } = call
  const ref = typeof body.client_ref_id === 'string' ? body.client_ref_id : ''
  const initiator = body.initiator_id as string
  return call.table(ekoTransactions).insert({
    ...row,
    ref_key: ref === '' ? `tid:${row.tid}` : refKey(initiator, ref),
    client_ref_id: ref,
    initiator_id: initiator,
    user_code: body.user_code as string,
    kind: kindOf(call),
    bank_ref_num: row.bank_ref_num ?? '',
    created_at: call.sim.clock.now(),
  })
}

/** Appends a statement line, keeping the newest {@link STATEMENT_LINES_KEPT}. */
export function withLine(
  statement: readonly EkoStatementLine[],
  line: EkoStatementLine,
): EkoStatementLine[] {
  return [...statement, line].slice(-STATEMENT_LINES_KEPT)
}

/** Credits an agent's E-value wallet; returns the new balance in paise. */
export function creditWallet(call: OperationCall, userCode: string, paise: number): number {
  const wallets = call.table(ekoWallets)
  const wallet = wallets.get(userCode)
  const balance = (wallet?.balance_paise ?? 0) + paise
  if (wallet) wallets.update(userCode, { balance_paise: balance })
  else wallets.insert({ user_code: userCode, balance_paise: balance })
  return balance
}

/** An agent's E-value wallet balance in paise (₹0 until its first credit). */
function walletOf(call: OperationCall, userCode: string): number {
  return call.table(ekoWallets).get(userCode)?.balance_paise ?? 0
}

/**
 * Settles the account's pending withdrawals whose time has come: to success (the agent's wallet
 * is credited) or to failure (the held amount goes back to the customer, a reversal line on the
 * statement), as the customer's bank answers. Returns the account as it is after.
 */
function settleAccount(call: OperationCall, account: EkoAccountRow): EkoAccountRow {
  if (account.pending_tids.length === 0) return account
  const now = call.sim.clock.now()
  const transactions = call.table(ekoTransactions)
  let balance = account.balance_paise
  let statement = account.statement
  const stillPending: string[] = []
  for (const tid of account.pending_tids) {
    const tx = transactions.get(tid)
    if (tx?.tx_status !== '2') continue
    if ((tx.settle_at ?? 0) > now) {
      stillPending.push(tid)
      continue
    }
    if (account.bank_response === 'pending_then_failure') {
      balance += tx.amount_paise
      statement = withLine(statement, {
        date: istDayMonth(now),
        amount_paise: tx.amount_paise,
        narration: 'AEPS CW REV',
        txnType: 'Cr',
      })
      transactions.update(tid, { tx_status: '1' })
    } else {
      creditWallet(call, tx.user_code, tx.amount_paise)
      transactions.update(tid, { tx_status: '0' })
    }
  }
  return call.table(ekoAccounts).update(account.account, {
    balance_paise: balance,
    statement,
    pending_tids: stillPending,
  }) as EkoAccountRow
}

/** Settles the transaction's account if the transaction is pending; returns it as it is now. */
export function settled(call: OperationCall, tx: EkoTransactionRow): EkoTransactionRow {
  if (tx.tx_status !== '2') return tx
  const account = call.table(ekoAccounts).get(tx.account)
  if (account) settleAccount(call, account)
  return call.table(ekoTransactions).get(tx.tid) ?? tx
}

/** The agent's shop and name for transaction data: the fixture's, blank for onboarded agents. */
function agentNames(call: OperationCall, userCode: string): { shop: string; merchantname: string } {
  const agent = ekoFixtureAgents(call.sim.seed).find((a) => a.user_code === userCode)
  return agent
    ? { shop: agent.shop_name, merchantname: `${agent.first_name} ${agent.last_name}` }
    : { shop: '', merchantname: '' }
}

/** The data strings every completed transaction answers (Eko sends every value as a string). */
export function transactionData(
  call: OperationCall,
  account: EkoAccountRow,
  tx: { tid: string; tx_status: string; amount_paise: number; bank_ref_num: string },
  comment: string,
): Record<string, string> {
  const now = call.sim.clock.now()
  const userCode = call.body.user_code as string
  const aadhaar = maskAadhaar(account.aadhaar).slice(-4)
  return {
    tx_status: tx.tx_status,
    tid: tx.tid,
    amount: rupees(tx.amount_paise),
    balance: rupees(walletOf(call, userCode)),
    customer_balance: rupees(account.balance_paise),
    user_code: userCode,
    aadhar: `XXXX XXXX ${aadhaar}`,
    bank: findEkoBank(account.bank_code)?.name ?? account.bank_code,
    bank_ref_num: tx.bank_ref_num,
    tds: '0.00',
    commission: '0.00',
    sender_name: account.name,
    ...agentNames(call, userCode),
    transaction_date: ekoDateTime(now),
    transaction_time: ekoDateTime(now),
    comment,
  }
}

/**
 * Balance enquiry and mini statement: the gate, a replay of a retried reference, the account
 * (settled), a successful zero-amount transaction recorded, and `shape` turning the common
 * transaction data into the operation's own.
 */
export function enquire(
  call: OperationCall,
  shape: (data: Record<string, string>, account: EkoAccountRow) => Record<string, unknown>,
) {
  requireSameCustomer(call)
  const previous = previousTransaction(call)
  if (previous) return replay(call, previous)
  transactingAgent(call)
  const account = customerAccount(call)
  const tx = { tid: newTid(call), tx_status: '0', amount_paise: 0, bank_ref_num: newBankRef(call) }
  const data = shape(transactionData(call, account, tx, 'Request Completed'), account)
  record(call, {
    tid: tx.tid,
    account: account.account,
    amount_paise: 0,
    tx_status: '0',
    bank_ref_num: tx.bank_ref_num,
    settle_at: null,
    answer: { case: 'success', data },
  })
  return call.outcome('success', { data })
}
