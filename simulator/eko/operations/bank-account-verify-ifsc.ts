import { findEkoBank } from '../../fixtures/index.js'
import { SimulatorError, defineOperation } from '../../pipeline/index.js'
import { requireIfscFormat, verifyBankAccount } from '../bank-account-verification.js'

/**
 * `POST /ekoapi/v2/banks/ifsc:{ifsc}/accounts/{account}`: the IFSC must have the form of one
 * (136) and name a bank Eko knows by its first four letters (521); the branch is not checked.
 */
export const bankAccountVerifyIfsc = defineOperation('eko.bankAccount.verifyByIfsc', {
  handle: (call) =>
    verifyBankAccount(call, (params) => {
      const ifsc = (params.ifsc ?? '').toUpperCase()
      requireIfscFormat(ifsc)
      const bank = findEkoBank(ifsc.slice(0, 4))
      if (!bank) throw new SimulatorError('ifsc_not_found')
      return { bank, ifsc }
    }),
})
