import { defineOperation } from '../../pipeline/index.js'
import { enquire } from '../eko-aeps.js'

/**
 * AePS balance enquiry: the customer's balance, after any pending withdrawal due by now has
 * settled. No money moves. Source: ekoindia/eps-platform api-specs.ts (1466 / 1464).
 */
export const aepsBalanceEnquiry = defineOperation('eko.aepsTransactions.balanceEnquiry', {
  handle: (call) => enquire(call, (data) => ({ ...data, amount: '0.00' })),
})
