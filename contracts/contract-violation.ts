import type { ProviderId } from './contract-document.js'

/**
 * One way a request or response departs from its contract. A single flat shape (the Zod issue
 * model) so that tests, the journal, the server's `x-fintwin-contract-violation` header and the
 * live drift report all speak of violations the same way, with separate printers below.
 */
export interface ContractViolation {
  provider: ProviderId
  /** Operation id, or `<provider>.*` for provider-level responses (404, 405, 413). */
  operation: string
  direction: 'request' | 'response'
  /** JSON pointer into the checked value, e.g. `/body/mobile_number`, `/status`. */
  path: string
  /** The JSON Schema keyword that failed (`pattern`, `required`, `const`…) or `case` / `status`. */
  keyword: string
  message: string
  /** The response case the value was checked against, when there was one. */
  case?: string
  /**
   * The provider's own sentence for a refused request-body field (its contract's
   * `x-invalid-message`), when the contract words one: what a provider envelope shows instead of
   * the validator's `message`.
   */
  fieldMessage?: string
}

/** A readable multi-line report: one violation a line. */
export function formatViolations(violations: readonly ContractViolation[]): string {
  if (violations.length === 0) return 'no contract violations'
  return violations
    .map((v) => {
      const where = `${v.operation} ${v.direction}${v.case ? ` [${v.case}]` : ''}`
      return `✗ ${where} at ${v.path || '/'}: ${v.message} (${v.keyword})`
    })
    .join('\n')
}

/** A compact JSON form for headers and logs: stable keys, no undefined. */
export function violationsToJSON(violations: readonly ContractViolation[]): string {
  return JSON.stringify(
    violations.map(({ provider, operation, direction, path, keyword, message, case: c }) =>
      c === undefined
        ? { provider, operation, direction, path, keyword, message }
        : { provider, operation, direction, path, keyword, message, case: c },
    ),
  )
}

/** Thrown where a violation must stop the run (tests, the SDK's `validateResponses`). */
export class ContractViolationError extends Error {
  override readonly name = 'ContractViolationError'
  constructor(readonly violations: readonly ContractViolation[]) {
    super(`Contract violated:\n${formatViolations(violations)}`)
  }
}

/** Type guard that works across module copies (checks the name, not the prototype). */
export function isContractViolationError(error: unknown): error is ContractViolationError {
  return error instanceof Error && error.name === 'ContractViolationError'
}
