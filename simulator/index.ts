/**
 * fintwin's simulator: the providers' behaviour as a state machine over an in-memory store.
 * Framework-free and isomorphic (no `node:` imports): the doors in `mocks/` put it behind msw,
 * express and the CLI.
 */
export { createSimulator, SCENARIO_HEADER, CONTRACT_VIOLATION_HEADER } from './create-simulator.js'
export type {
  Simulator,
  SimulatorOptions,
  SimulatorStats,
  SimFixtures,
} from './create-simulator.js'
export { defaultConfig, resolveConfig } from './config.js'
export type { SimulatorConfig, SimulatorConfigInput } from './config.js'
export type { SimPlatform, HmacSha256Base64 } from './sim-platform.js'
export type { RsaPkcs1Decrypt } from './eko/aadhaar-cipher.js'
export { AADHAAR_PRIVATE_KEY_PEM } from './eko/aadhaar-key.js'
export type { SimRequest, SimResponse, SimFault, BodyError } from './sim-types.js'
export type { Journal, JournalEntry } from './pipeline/journal.js'
export {
  Outcome,
  SimulatorError,
  isSimulatorError,
  defineOperation,
  defineProvider,
  defineTable,
} from './pipeline/index.js'
export type {
  OperationCall,
  OperationModule,
  ProviderModule,
  RequestCall,
  Table,
  TableSpec,
} from './pipeline/index.js'
export { FAULT_OUTCOMES, ScenarioInputError } from './pipeline/scenarios.js'
export type { ScenarioRule, ScenarioInput } from './pipeline/scenarios.js'
export { AUTH_ERROR_HEADER } from './eko/eko-provider.js'
export { computeSecretKey } from './eko/secret-key.js'
export { encryptAadhaarForTest } from './eko/aadhaar-cipher.js'
export { AADHAAR_PUBLIC_KEY_PEM } from './eko/aadhaar-key.js'
export { buildPidXml, SAMPLE_PID_XML_OK, SAMPLE_PID_XML_BAD_FINGER } from './eko/pid-data.js'
