/**
 * Sandboxes: many isolated simulators behind one server, each reached under `/sbx/{id}/…` or
 * with the header `x-fintwin-sandbox`, the default one without either.
 */
export {
  createSandboxManager,
  DEFAULT_MAX_SANDBOXES,
  DEFAULT_SANDBOX_IDLE_MS,
} from './sandbox-manager.js'
export type {
  Sandbox,
  SandboxIdentity,
  SandboxLimits,
  SandboxManager,
  SandboxManagerOptions,
} from './sandbox-manager.js'
export { createSandboxRouter, SANDBOX_HEADER, SANDBOX_PATH_PREFIX } from './sandbox-router.js'
export type { SandboxResolution, SandboxRouter, SandboxView } from './sandbox-router.js'
export { SandboxError, isSandboxError } from './sandbox-error.js'
export type { SandboxErrorCode } from './sandbox-error.js'
export type { SandboxSettings } from './sandbox-input.js'
export { DEFAULT_SANDBOX_ID, SANDBOX_ID_PATTERN } from './sandbox-id.js'
