import { findCase } from '../../contracts/index.js'
import { findBbpsOperator, type BbpsOperator } from '../fixtures/index.js'
import { SimulatorError } from '../pipeline/index.js'
import { FIELD_MESSAGE, invalidParams } from './eko-checks.js'

/**
 * The biller a fetch bill or pay bill names, with its parameters checked: an unknown operator_id,
 * or a parameter that does not match the biller's regex, is Eko's `invalid_params` naming the
 * field, with the biller's own `error_message` for a parameter [INF: Eko's wording is not known].
 */
export function requireBiller(body: Readonly<Record<string, unknown>>): BbpsOperator {
  const operator = findBbpsOperator(Number(body.operator_id))
  if (!operator) throw invalidParams({ operator_id: FIELD_MESSAGE })
  const wrong: Record<string, string> = {}
  for (const p of operator.parameters) {
    const value = body[p.param_name]
    if (typeof value !== 'string' || !new RegExp(p.regex).test(value))
      wrong[p.param_name] = p.error_message
  }
  if (Object.keys(wrong).length > 0) throw invalidParams(wrong)
  return operator
}

/** Why a biller gave no bill; each is one of the fetch bill contract's 1468 examples, in order. */
export type BillFetchFailure = 'unavailable' | 'no_bill_due' | 'not_supported'

const FAILURE_EXAMPLE: Record<BillFetchFailure, number> = {
  unavailable: 0,
  no_bill_due: 1,
  not_supported: 2,
}

/** Eko's 1468 "Unable to fetch bill", its `data.reason` the contract's example for `why`. */
export function billFetchFailed(why: BillFetchFailure): SimulatorError {
  const example = findCase('eko.bbps.fetchBill', 'bill_fetch_failed')?.examples[
    FAILURE_EXAMPLE[why]
  ] as { data?: { reason?: string } } | undefined
  const reason = example?.data?.reason
  if (reason === undefined) throw new Error(`the 1468 examples lack the ${why} reason`)
  return new SimulatorError('bill_fetch_failed', { data: { reason } })
}

/** Rupees (a number or Eko's decimal string) in whole paise, so money is never a float sum. */
export function toPaise(rupees: string | number): number {
  return Math.round(Number(rupees) * 100)
}

/** Paise as Eko's two-decimal rupee string, e.g. 5000 → "50.00". */
export function formatRupees(paise: number): string {
  return (paise / 100).toFixed(2)
}
