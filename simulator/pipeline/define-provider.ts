import {
  operations as contractOperations,
  type ContractViolation,
  type ProviderId,
} from '../../contracts/index.js'
import type { SimContext } from '../sim-context.js'
import type { BodyError } from '../sim-types.js'
import type { OperationModule, RequestCall } from './define-operation.js'
import type { Outcome } from './outcome.js'
import type { AnyTableSpec } from './table.js'

/** Why a request's body or headers were refused before behaviour ran. */
export interface RequestProblem {
  /** Contract violations of the headers and body (empty when the body could not be read). */
  readonly violations: readonly ContractViolation[]
  /** Set when the door could not read the body. */
  readonly bodyError: BodyError | undefined
}

/**
 * What is provider-wide: how callers authenticate, how the provider words a refused request,
 * the tables its operations share, its part of `GET /__sim/fixtures` and its operations.
 */
export interface ProviderModule<
  Id extends ProviderId = ProviderId,
  Fixtures = unknown,
  Tables extends readonly AnyTableSpec[] = readonly AnyTableSpec[],
  Operations extends readonly OperationModule[] = readonly OperationModule[],
> {
  readonly id: Id
  /** Tables every operation of the provider may use. */
  readonly tables: Tables
  readonly operations: Operations
  /** A failure outcome (401, 403…) or undefined when the caller is who it says. */
  authenticate(call: RequestCall): Outcome | undefined | Promise<Outcome | undefined>
  /** The provider's own envelope for a request that breaks the contract or has an unreadable body. */
  invalidRequest(call: RequestCall, problem: RequestProblem): Outcome
  /** Dresses a forced case like a natural one (e.g. Eko's 403 auth-error header). */
  dressForced?(outcome: Outcome): Outcome
  /** The provider's part of `GET /__sim/fixtures`. */
  fixtures(sim: SimContext): Fixtures
}

/**
 * Declares a provider. Throws at import when its operation modules and the contracts disagree:
 * every contract operation of the provider has exactly one module, and every module is one of
 * the provider's contract operations.
 */
export function defineProvider<
  const Id extends ProviderId,
  Fixtures,
  const Tables extends readonly AnyTableSpec[],
  const Operations extends readonly OperationModule[],
>(
  definition: ProviderModule<Id, Fixtures, Tables, Operations>,
): ProviderModule<Id, Fixtures, Tables, Operations> {
  const declared = definition.operations.map((m) => m.id)
  const expected = [...contractOperations.values()]
    .filter((op) => op.provider === definition.id)
    .map((op) => op.id)
  const missing = expected.filter((id) => !declared.includes(id))
  const foreign = declared.filter((id) => !expected.includes(id))
  const repeated = declared.filter((id, i) => declared.indexOf(id) !== i)
  if (missing.length + foreign.length + repeated.length > 0) {
    throw new Error(
      `provider ${definition.id}: operation modules and contracts disagree` +
        (missing.length ? `; no module for ${missing.join(', ')}` : '') +
        (foreign.length ? `; not ${definition.id} operations: ${foreign.join(', ')}` : '') +
        (repeated.length ? `; registered twice: ${repeated.join(', ')}` : '') +
        ' (run npm run generate)',
    )
  }
  return Object.freeze(definition)
}
