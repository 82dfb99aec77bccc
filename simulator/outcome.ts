import { findCase, getProvider, type ProviderId, type ResponseCase } from '../contracts/index.js'

/**
 * What behaviour decides for a request: which contract case it is, and the body. The HTTP status
 * is never written by behaviour: it is the case's status in the contract.
 */
export interface Outcome {
  case: string
  body: unknown
  headers?: Record<string, string>
}

/**
 * A provider error raised from anywhere in behaviour (Hono's HTTPException model): it names a
 * contract case and the parts of the body that differ from the case's documented example.
 */
export class SimulatorError extends Error {
  override readonly name = 'SimulatorError'
  constructor(
    readonly caseId: string,
    readonly patch: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(`provider case ${caseId}`)
  }

  /** The outcome this error stands for, its body built from the contract case. */
  toOutcome(c: ResponseCase): Outcome {
    return { case: this.caseId, body: caseBody(c, this.patch), headers: this.headers }
  }
}

/** Guard that does not depend on one module copy. */
export function isSimulatorError(error: unknown): error is SimulatorError {
  return error instanceof Error && error.name === 'SimulatorError'
}

/**
 * The body of a case: its first documented example with `patch` laid over the top-level keys.
 * Messages, codes and envelope fields thus come from the contract, never from code.
 */
export function caseBody(
  c: ResponseCase,
  patch: Record<string, unknown> = {},
): Record<string, unknown> {
  const example = c.examples[0]
  if (example === null || typeof example !== 'object')
    throw new Error(`Case ${c.id} has no object example`)
  return { ...(example as Record<string, unknown>), ...patch }
}

/**
 * The outcome of an operation's case (or its provider's, for 413/415/500), its body the case's
 * example with `patch` laid over it. Throws when the contract lacks the case: a programming
 * error, caught by the tests that walk the contracts.
 */
export function caseOutcome(
  operationId: string,
  caseId: string,
  patch?: Record<string, unknown>,
): Outcome {
  const c = findCase(operationId, caseId)
  if (!c) throw new Error(`contract case ${operationId}/${caseId} missing`)
  return { case: caseId, body: caseBody(c, patch) }
}

/** The outcome of a provider-level case (unknown path, wrong method, 413, 500). */
export function providerOutcome(
  provider: ProviderId,
  caseId: string,
  patch?: Record<string, unknown>,
): Outcome {
  const c = getProvider(provider).cases.get(caseId)
  if (!c) throw new Error(`provider case ${provider}/${caseId} missing`)
  return { case: caseId, body: caseBody(c, patch) }
}
