import { createAdminApi, isAdminPath } from './admin/admin-api.js'
import {
  createSimulatorCore,
  type Simulator,
  type SimulatorOptions,
} from './create-simulator-core.js'

export { CONTRACT_VIOLATION_HEADER, SCENARIO_HEADER } from './pipeline/pipeline.js'
export type {
  SimFixtures,
  Simulator,
  SimulatorOptions,
  SimulatorStats,
} from './create-simulator-core.js'

/**
 * Creates an independent simulator: the providers' behaviour, with the admin API (`/__sim/…`:
 * reset, fixtures, OTP inbox, clock, scenarios, presets, journal, OpenAPI) composed around it
 * from the outside, so the core knows nothing of its control surface. Nothing is module-global:
 * two simulators in one process share no state, so parallel tests stay isolated.
 */
export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const core = createSimulatorCore(options)
  const admin = createAdminApi(core)
  return {
    ...core,
    handle: (request) => (isAdminPath(request.path) ? admin.handle(request) : core.handle(request)),
  }
}
