import type { ContractViolation, Operation, ProviderId, ResponseCase } from '../contracts/index.js'
import type { Outcome } from './outcome.js'
import type { BodyError, SimRequest } from './sim-types.js'

/** One operation's behaviour. It may throw a `SimulatorError` naming an error case. */
export type OperationHandler = (call: OperationCall) => Outcome | Promise<Outcome>

/** What an operation handler is given: the request, and its body already checked against the contract. */
export interface OperationCall {
  request: SimRequest
  operation: Operation
  /** The validated body (a record: the contracts only take object bodies; `{}` for a GET). */
  body: Record<string, unknown>
  /** The path's `{name}` values, validated like the body (empty for a literal path). */
  params: Readonly<Record<string, string>>
}

/**
 * A provider's behaviour as the pipeline sees it: how it authenticates, how it words a
 * validation failure, and what each operation does. One per simulator (no shared state).
 */
export interface ProviderBehaviour<Fixtures = unknown> {
  readonly provider: ProviderId
  /** A failure outcome (401, 403…) or undefined when the caller is who it says. */
  authenticate(
    request: SimRequest,
    operation: Operation,
  ): Promise<Outcome | undefined> | Outcome | undefined
  /** The provider's own envelope for a request that breaks the contract or has an unreadable body. */
  invalidRequest(
    operation: Operation,
    violations: readonly ContractViolation[],
    bodyError: BodyError | undefined,
  ): Outcome
  readonly handlers: Readonly<Record<string, OperationHandler>>
  /** Dresses a forced case like a natural one (e.g. the 403's auth-error header); default: the case's example. */
  forced?(c: ResponseCase): Outcome
  /** The provider's part of `GET /__sim/fixtures`. */
  fixtures(): Fixtures
  /** Back to the seeded start. */
  reset(): void
}
