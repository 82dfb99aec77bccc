import { findCase } from '../../contracts/index.js'
import { SimulatorError } from '../outcome.js'

/**
 * Eko's documented text for an invalid field (placeholders unfilled, as Eko sends it), taken from
 * the contract's `invalid_params` example so the wording lives in one place.
 */
export const FIELD_MESSAGE = fieldMessageFromContract()

function fieldMessageFromContract(): string {
  const example = findCase('eko.aepsKyc.sendOtp', 'invalid_params')?.examples[0] as
    | { invalid_params?: Record<string, string> }
    | undefined
  const message = Object.values(example?.invalid_params ?? {})[0]
  if (message === undefined) throw new Error('the Eko invalid_params example names no field')
  return message
}

/** Eko's 97 `invalid_params` answer naming these fields, as an error behaviour can throw. */
export function invalidParams(params: Record<string, string>): SimulatorError {
  return new SimulatorError('invalid_params', { invalid_params: params })
}
