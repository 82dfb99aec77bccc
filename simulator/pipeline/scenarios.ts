import { findCase, getOperation, operations } from '../../contracts/index.js'

/**
 * Outcomes that are not contract cases but misbehaviour of the transport or the provider, usable
 * on any operation (by rule or by the `x-fintwin-scenario` header).
 */
export const FAULT_OUTCOMES = ['timeout', 'drop', 'latency', 'commit_then_fail'] as const
export type FaultOutcome = (typeof FAULT_OUTCOMES)[number]

/** A rule forcing an outcome (Prism's `Prefer`, WireMock's stubs), kept until used up. */
export interface ScenarioRule {
  id: string
  operation: string
  outcome: string
  /** Body fields that must equal these values for the rule to apply. */
  match: Record<string, unknown> | null
  /** How many more requests it applies to; null = until deleted. */
  remaining: number | null
  /** For `latency`: milliseconds to add. */
  latency_ms: number | null
  created_at: string
}

/** What `POST /__sim/scenarios` takes. */
export interface ScenarioInput {
  operation: string
  outcome: string
  match?: Record<string, unknown>
  times?: number
  latency_ms?: number
}

/**
 * Checks that `outcome` can be forced on `operationId`: a case of the operation or of its
 * provider, or a fault. Throws a ScenarioInputError with a readable message.
 */
export function assertForcible(operationId: string, outcome: string): void {
  if (!operations.has(operationId))
    throw new ScenarioInputError(
      `unknown operation "${operationId}"; known: ${[...operations.keys()].join(', ')}`,
    )
  if ((FAULT_OUTCOMES as readonly string[]).includes(outcome)) return
  if (outcome.startsWith('latency:') && Number.isFinite(Number(outcome.slice(8)))) return
  if (findCase(operationId, outcome)) return
  const cases = [...getOperation(operationId).cases.keys()]
  throw new ScenarioInputError(
    `unknown outcome "${outcome}" for ${operationId}; known: ${[...cases, 'internal_server_error', ...FAULT_OUTCOMES].join(', ')}`,
  )
}

/** A scenario request that cannot be honoured (unknown operation or outcome, bad fields). */
export class ScenarioInputError extends Error {
  override readonly name = 'ScenarioInputError'
}

/** The forced-outcome rules of one simulator. */
export interface Scenarios {
  add(input: ScenarioInput, now: string): ScenarioRule
  list(): ScenarioRule[]
  remove(id: string): boolean
  clear(): void
  /** The first rule applying to this request, used up by one. */
  take(operationId: string, body: unknown): ScenarioRule | undefined
}

export function createScenarios(newId: () => string): Scenarios {
  const rules = new Map<string, ScenarioRule>()
  return {
    add(input, now) {
      if (typeof input !== 'object' || input === null)
        throw new ScenarioInputError('body must be an object')
      if (typeof input.operation !== 'string' || typeof input.outcome !== 'string') {
        throw new ScenarioInputError('"operation" and "outcome" are required strings')
      }
      assertForcible(input.operation, input.outcome)
      if (input.times !== undefined && !(Number.isInteger(input.times) && input.times > 0)) {
        throw new ScenarioInputError('"times" must be a positive integer')
      }
      if (
        input.match !== undefined &&
        (typeof input.match !== 'object' || input.match === null || Array.isArray(input.match))
      ) {
        throw new ScenarioInputError('"match" must be an object of body fields')
      }
      if (input.match !== undefined) {
        // An empty match would force EVERY request; it is also what a match of only `__proto__`
        // becomes once the body parser has dropped that key, so it is refused rather than widened.
        const keys = Object.keys(input.match)
        if (keys.length === 0)
          throw new ScenarioInputError(
            '"match" must name at least one body field (omit it to match every request)',
          )
        const bad = keys.find(
          (key) => key === '__proto__' || key === 'constructor' || key === 'prototype',
        )
        if (bad !== undefined)
          throw new ScenarioInputError(`"match" cannot name "${bad}": no request body carries it`)
      }
      if (
        input.latency_ms !== undefined &&
        !(Number.isFinite(input.latency_ms) && input.latency_ms >= 0)
      ) {
        throw new ScenarioInputError('"latency_ms" must be a non-negative number')
      }
      const rule: ScenarioRule = {
        id: newId(),
        operation: input.operation,
        outcome: input.outcome,
        match: input.match ?? null,
        remaining: input.times ?? null,
        latency_ms: input.latency_ms ?? null,
        created_at: now,
      }
      rules.set(rule.id, rule)
      return rule
    },
    list: () => [...rules.values()],
    remove: (id) => rules.delete(id),
    clear: () => rules.clear(),
    take(operationId, body) {
      if (rules.size === 0) return undefined
      for (const rule of rules.values()) {
        if (rule.operation !== operationId || !matches(rule.match, body)) continue
        if (rule.remaining !== null && --rule.remaining <= 0) rules.delete(rule.id)
        return rule
      }
      return undefined
    },
  }
}

function matches(match: Record<string, unknown> | null, body: unknown): boolean {
  if (match === null) return true
  if (typeof body !== 'object' || body === null) return false
  const fields = body as Record<string, unknown>
  return Object.entries(match).every(
    ([key, value]) => Object.hasOwn(fields, key) && fields[key] === value,
  )
}
