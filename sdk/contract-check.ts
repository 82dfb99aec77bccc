import {
  ContractViolationError,
  validateResponse,
  type ContractViolation,
} from '../contracts/index.js'

/** One response that departs from its contract, with what is needed to report it. */
export interface ContractDriftReport {
  /** Operation id, e.g. `surepass.ckycV2.generateOtp`. */
  operation: string
  method: string
  url: string
  /** HTTP status received. */
  status: number
  /** Body received (parsed JSON, or text). */
  body: unknown
  violations: readonly ContractViolation[]
}

/** Called instead of throwing when a response breaks its contract (live drift reports). */
export type ContractViolationHandler = (report: ContractDriftReport) => void

/**
 * Checks one response against its operation's contract (every case of that HTTP status, the
 * OpenAPI `oneOf` reading) when the client was built with `validateResponses`. Violations throw
 * a {@link ContractViolationError}, or go to `onContractViolation` when one is given — so a
 * live-sandbox run can collect every difference instead of stopping at the first.
 */
export function checkContract(
  options: {
    validateResponses: boolean
    onContractViolation: ContractViolationHandler | undefined
  },
  call: { operation: string; method: string; url: string; status: number; body: unknown },
): void {
  if (!options.validateResponses) return
  const violations = validateResponse(call.operation, { status: call.status, body: call.body })
  if (violations.length === 0) return
  if (options.onContractViolation) options.onContractViolation({ ...call, violations })
  else throw new ContractViolationError(violations)
}
