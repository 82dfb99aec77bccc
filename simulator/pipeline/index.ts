/**
 * What an operation or provider module is written with: `defineOperation`, `defineProvider`,
 * `defineTable`, the `Outcome` a handler returns and the `SimulatorError` it throws. Operation
 * modules import from here only, so the pipeline's internals may move without touching them.
 */
export { defineOperation } from './define-operation.js'
export type {
  OperationCall,
  OperationDefinition,
  OperationHandler,
  OperationModule,
  RequestCall,
} from './define-operation.js'
export { defineProvider } from './define-provider.js'
export type { ProviderModule, RequestProblem } from './define-provider.js'
export { defineTable, TableError } from './table.js'
export type {
  AnyTableSpec,
  StringField,
  Table,
  TableErrorCode,
  TableOptions,
  TableSeedContext,
  TableSpec,
} from './table.js'
export {
  Outcome,
  SimulatorError,
  caseBody,
  caseOutcome,
  isSimulatorError,
  providerOutcome,
} from './outcome.js'
