/**
 * The Eko operations written as one module each: the bill payments and the bank account
 * verification Eko's Node SDK calls. The provider registers this list; adding an operation here
 * is the only edit besides its contract and its module.
 */
import type { EkoOperation } from '../eko-operation.js'
import { bankAccountVerifyByBankCode } from './bank-account-verify-bank-code.js'
import { bankAccountVerifyByIfsc } from './bank-account-verify-ifsc.js'
import { bbpsFetchBill } from './bbps-fetch-bill.js'
import { bbpsOperatorCategories } from './bbps-operator-categories.js'
import { bbpsOperatorLocations } from './bbps-operator-locations.js'
import { bbpsOperatorParameters } from './bbps-operator-parameters.js'
import { bbpsOperators } from './bbps-operators.js'
import { bbpsPayBill } from './bbps-pay-bill.js'

export const EKO_OPERATIONS: readonly EkoOperation[] = [
  bbpsOperators,
  bbpsOperatorCategories,
  bbpsOperatorLocations,
  bbpsOperatorParameters,
  bbpsFetchBill,
  bbpsPayBill,
  bankAccountVerifyByIfsc,
  bankAccountVerifyByBankCode,
]
