import { findEkoBank } from '../../fixtures/index.js'
import { SimulatorError, defineOperation } from '../../pipeline/index.js'
import { verifyBankAccount } from '../bank-account-verification.js'

/**
 * `POST /ekoapi/v2/banks/bank_code:{bank_code}/accounts/{account}`: the bank by Eko's code (48
 * when there is none); the answer's `ifsc` is empty, as in Eko's sample.
 */
export const bankAccountVerifyBankCode = defineOperation('eko.bankAccount.verifyByBankCode', {
  handle: (call) =>
    verifyBankAccount(call, (params) => {
      const bank = findEkoBank(params.bank_code ?? '')
      if (!bank) throw new SimulatorError('bank_not_found')
      return { bank, ifsc: '' }
    }),
})
