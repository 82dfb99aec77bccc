import { SimulatorError, type OperationCall, type RequestCall } from '../pipeline/index.js'

/**
 * The partner check every Eko operation starts with: its `initiator_id` (in the body, or in a
 * GET's query) must be one the simulator's partners registered, else `invalid_initiator` (319).
 */

/**
 * Refuses an `initiator_id` no partner registered (`invalid_initiator`), echoing it as
 * `data.csp_id` (Eko's sample elides that value: the echo is inferred).
 */
export function requireInitiatorId({ sim }: RequestCall, initiatorId: string): void {
  if (!sim.config.eko.initiatorIds.includes(initiatorId))
    throw new SimulatorError('invalid_initiator', { data: { csp_id: initiatorId } })
}

/** Refuses the body's `initiator_id` when no partner registered it (`invalid_initiator`). */
export function requireInitiator(call: OperationCall): void {
  requireInitiatorId(call, call.body.initiator_id as string)
}

/** A GET's `initiator_id` (in the query), refused like the body's; returns it. */
export function requireQueryInitiator(call: RequestCall): string {
  const initiatorId = call.query.initiator_id as string
  requireInitiatorId(call, initiatorId)
  return initiatorId
}
