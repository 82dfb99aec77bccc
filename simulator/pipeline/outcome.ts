import {
  findCase,
  getProvider,
  type Operation,
  type ProviderId,
  type ResponseCase,
} from '../../contracts/index.js'
import type { SimResponse } from '../sim-types.js'

/**
 * What behaviour decided for a request: the contract case it is, resolved once, and its body.
 * The HTTP status is never written by behaviour: it is the case's status in the contract, and
 * the response, its status and its validation all read the case carried here (no second look-up).
 */
export class Outcome {
  constructor(
    /** The contract case (of the operation, or of its provider for 413/415/500…). */
    readonly resolved: ResponseCase,
    readonly body: unknown,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {}

  /** The case id (Surepass: its `message_code`; Eko: the contract's case id). */
  get case(): string {
    return this.resolved.id
  }

  get status(): number {
    return this.resolved.status
  }

  /** The same outcome with extra response headers. */
  withHeaders(headers: Readonly<Record<string, string>>): Outcome {
    return new Outcome(this.resolved, this.body, { ...this.headers, ...headers })
  }

  /** The response this outcome stands for (JSON, the case's status). */
  toResponse(): SimResponse {
    return {
      status: this.resolved.status,
      headers: { 'content-type': 'application/json', ...this.headers },
      body: this.body,
    }
  }
}

/**
 * A provider error raised from anywhere in behaviour (Hono's `HTTPException` model): it names a
 * contract case and the parts of the body that differ from the case's documented example, and
 * renders itself once the pipeline knows which operation raised it.
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

  /** The outcome this error stands for on `operation`; undefined when the contract lacks the case. */
  toOutcome(operation: Operation): Outcome | undefined {
    const c = findCase(operation.id, this.caseId)
    return c && new Outcome(c, caseBody(c, this.patch), this.headers)
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
 * The outcome of a case of `operation` (or of its provider, for 413/415/500), its body the
 * case's example with `patch` laid over it. Throws when the contract lacks the case: a
 * programming error, caught by the tests that walk the contracts.
 */
export function caseOutcome(
  operation: Operation,
  caseId: string,
  patch?: Record<string, unknown>,
): Outcome {
  const c = findCase(operation.id, caseId)
  if (!c) throw new Error(`contract case ${operation.id}/${caseId} missing`)
  return new Outcome(c, caseBody(c, patch))
}

/** The outcome of a provider-level case (unknown path, wrong method, 413, 500). */
export function providerOutcome(
  provider: ProviderId,
  caseId: string,
  patch?: Record<string, unknown>,
): Outcome {
  const c = getProvider(provider).cases.get(caseId)
  if (!c) throw new Error(`provider case ${provider}/${caseId} missing`)
  return new Outcome(c, caseBody(c, patch))
}
