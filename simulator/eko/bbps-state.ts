import {
  EKO_PARTNER_WALLET_OPENING_BALANCE,
  LABELLED_BBPS_BILLS,
  type BbpsBill,
} from '../fixtures/index.js'

/** A bill as the simulator holds it: the seeded facts, and what is still due. */
export interface BbpsBillState {
  readonly bill: BbpsBill
  /** Paise still due; 0 once paid. */
  readonly duePaise: number
  /** The tid of the payment that settled it, if one did. */
  readonly paidTid: string | null
}

/**
 * Bill payment state of one simulator: the seeded bills (what is due on each) and the partners'
 * E-value wallets (what pay bill debits). Bounded by construction: bills are the seeded ones only
 * (fetching an unknown account creates nothing), and one wallet per configured initiator.
 */
export interface BbpsState {
  /** The bill of that operator and account, if seeded. */
  bill(operatorId: number, utilityAccNo: string): BbpsBillState | undefined
  /** Marks a bill paid by `tid`. */
  settle(operatorId: number, utilityAccNo: string, tid: string): void
  /** The wallet of an initiator, in paise (every configured initiator starts with the opening balance). */
  walletPaise(initiatorId: string): number
  /** Debits a wallet; the caller checked the balance. */
  debit(initiatorId: string, paise: number): number
  /** Eko's `last_used_okekey`, one more per successful payment. */
  nextOkekey(): number
  /** How many bills are held (for stats). */
  size(): number
  /** Back to the seeded start. */
  reset(): void
}

/** Where the OkeKey counter starts: Eko's pay bill sample shows 22 [INF: any start would do]. */
const FIRST_OKEKEY = 22

function billKey(operatorId: number, utilityAccNo: string): string {
  return `${operatorId}:${utilityAccNo}`
}

/** Rupees (a number or Eko's decimal string) in whole paise, so money is never a float sum. */
export function toPaise(rupees: string | number): number {
  return Math.round(Number(rupees) * 100)
}

/** Paise as Eko's two-decimal rupee string, e.g. 5000 → "50.00". */
export function formatRupees(paise: number): string {
  return (paise / 100).toFixed(2)
}

export function createBbpsState(): BbpsState {
  const bills = new Map<string, BbpsBillState>()
  const wallets = new Map<string, number>()
  let okekey = FIRST_OKEKEY
  const seed = () => {
    bills.clear()
    wallets.clear()
    okekey = FIRST_OKEKEY
    for (const bill of LABELLED_BBPS_BILLS) {
      bills.set(billKey(bill.operator_id, bill.utility_acc_no), {
        bill,
        duePaise: bill.paid ? 0 : toPaise(bill.amount),
        paidTid: null,
      })
    }
  }
  seed()
  return {
    bill: (operatorId, utilityAccNo) => bills.get(billKey(operatorId, utilityAccNo)),
    settle(operatorId, utilityAccNo, tid) {
      const key = billKey(operatorId, utilityAccNo)
      const held = bills.get(key)
      if (held) bills.set(key, { ...held, duePaise: 0, paidTid: tid })
    },
    walletPaise: (initiatorId) =>
      wallets.get(initiatorId) ?? EKO_PARTNER_WALLET_OPENING_BALANCE * 100,
    debit(initiatorId, paise) {
      const left = (wallets.get(initiatorId) ?? EKO_PARTNER_WALLET_OPENING_BALANCE * 100) - paise
      wallets.set(initiatorId, left)
      return left
    },
    nextOkekey: () => ++okekey,
    size: () => bills.size,
    reset: seed,
  }
}
