import { getOperation, type Operation } from '../../contracts/index.js'
import type { SimContext } from '../sim-context.js'
import type { SimRequest } from '../sim-types.js'
import type { MessageValues, Outcome } from './outcome.js'
import type { AnyTableSpec, Table, TableSpec } from './table.js'

/**
 * What a provider hook is given for one request: the request, its operation (from the contract
 * registry), the simulator's services and the tables declared by the operation or its provider.
 */
export interface RequestCall {
  readonly request: SimRequest
  readonly operation: Operation
  /** The `{name}` parameters of the operation's path (e.g. `customer_id`), percent-decoded. */
  readonly params: Readonly<Record<string, string>>
  /** The query string (the request's, as a flat record). */
  readonly query: Readonly<Record<string, string>>
  readonly sim: SimContext
  /** The outcome of a case of this operation (or of its provider), its body the case's example with `patch` laid over it. */
  outcome(caseId: string, patch?: Record<string, unknown>): Outcome
  /** The case's `x-messages` template `name` with its `{placeholder}`s filled from `values`. */
  message(caseId: string, name: string, values?: MessageValues): string
  /** This simulator's instance of a table the operation or its provider declared. */
  table<Row>(spec: TableSpec<Row>): Table<Row>
}

/** What an operation's `handle` is given: a {@link RequestCall} whose body passed the contract. */
export interface OperationCall extends RequestCall {
  /** The validated body (a record: the contracts only take object bodies; `{}` for a GET). */
  readonly body: Record<string, unknown>
}

/**
 * One operation's behaviour. It returns the outcome, or throws a `SimulatorError` naming a case
 * of the operation; anything else it throws is the provider's `internal_server_error` (or, in
 * tests, rethrown).
 */
export type OperationHandler = (call: OperationCall) => Outcome | Promise<Outcome>

/** What {@link defineOperation} takes. */
export interface OperationDefinition<Tables extends readonly AnyTableSpec[]> {
  /** The tables this operation uses beyond its provider's (its own, or shared ones it names). */
  readonly tables?: Tables
  readonly handle: OperationHandler
}

/** An operation's behaviour module, as the provider registers it and the pipeline runs it. */
export interface OperationModule<Tables extends readonly AnyTableSpec[] = readonly AnyTableSpec[]> {
  readonly id: string
  readonly operation: Operation
  readonly tables: Tables
  readonly handle: OperationHandler
}

/**
 * Declares the behaviour of the contract operation `id` (one module per operation, under
 * `simulator/<provider>/operations/`). Throws at import when the contracts have no such
 * operation, so a typo cannot ship.
 */
export function defineOperation<const Tables extends readonly AnyTableSpec[] = readonly []>(
  id: string,
  definition: OperationDefinition<Tables>,
): OperationModule<Tables> {
  return Object.freeze({
    id,
    operation: getOperation(id),
    tables: definition.tables ?? ([] as unknown as Tables),
    handle: definition.handle,
  })
}
