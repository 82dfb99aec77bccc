import type { Outcome } from '../outcome.js'
import type { OperationCall } from '../provider-behaviour.js'
import type { SimContext } from '../sim-context.js'
import type { BbpsState } from './bbps-state.js'

/**
 * What an Eko operation module is given besides its call: the simulator's context, the Eko state
 * it may read and change, and the provider-wide checks every Eko operation shares.
 */
export interface EkoEnv {
  readonly ctx: SimContext
  readonly bbps: BbpsState
  /** Throws Eko's 319 unless `initiatorId` is a configured partner. */
  requireInitiator(initiatorId: unknown): void
  /** Throws Eko's 463 unless `userCode` is an agent the simulator knows. */
  requireAgent(userCode: unknown): void
  /** The access key registered for a developer key (the request already authenticated with it). */
  accessKeyOf(developerKey: string): string | undefined
}

/** One Eko operation: its contract id and its behaviour. */
export interface EkoOperation {
  readonly id: string
  handle(env: EkoEnv, call: OperationCall): Outcome | Promise<Outcome>
}

/** Declares an Eko operation module (the shape every module under `operations/` exports). */
export function defineEkoOperation(id: string, handle: EkoOperation['handle']): EkoOperation {
  return { id, handle }
}
