import {
  ContractViolationError,
  findCase,
  matchRoute,
  validateCaseResponse,
  validateRequest,
  violationsToJSON,
  type ContractViolation,
  type Operation,
  type ProviderId,
} from '../../contracts/index.js'
import type { SimulatorConfig } from '../config.js'
import type { SimClock } from '../core/index.js'
import type { Journal } from './journal.js'
import type { Scenarios } from './scenarios.js'
import type { SimContext } from '../sim-context.js'
import type { SimFault, SimRequest, SimResponse } from '../sim-types.js'
import type { OperationModule, RequestCall } from './define-operation.js'
import type { ProviderModule } from './define-provider.js'
import { Outcome, caseBody, caseOutcome, isSimulatorError, providerOutcome } from './outcome.js'
import type { AnyTableSpec, TableSet } from './table.js'

/** The header that forces one outcome on one request (like Prism's `Prefer`). */
export const SCENARIO_HEADER = 'x-fintwin-scenario'
/** Set on a response that broke its contract (server mode); the journal has the details. */
export const CONTRACT_VIOLATION_HEADER = 'x-fintwin-contract-violation'

/** What the pipeline runs against: the registered providers and one simulator's services. */
export interface PipelineEnv {
  readonly config: SimulatorConfig
  readonly clock: SimClock
  readonly scenarios: Scenarios
  readonly journal: Journal
  readonly providers: readonly ProviderModule[]
  /** The simulator's services and tables right now (both are rebuilt on reset). */
  state(): { readonly sim: SimContext; readonly tables: TableSet }
}

/**
 * Where a request is on its way through the pipeline. Steps return a new exchange; the
 * decision, once taken, is one {@link Verdict}, and the journal entry is built from the final
 * exchange in one piece.
 */
interface Exchange {
  readonly request: SimRequest
  /** `performance.now()` when the request came in. */
  readonly started: number
  /** The provider whose envelope answers (set by routing, also for its 404/405). */
  readonly provider?: ProviderModule
  /** The operation, when routing found one, and the tables it may use. */
  readonly target?: Target
  /** The forced outcome (header or rule), when there was one. */
  readonly forced?: string
  /** Under `commit_then_fail`: the case the behaviour committed before the forced 500. */
  readonly committed?: string
  /** Latency the door adds before answering. */
  readonly delayMs: number
  readonly verdict?: Verdict
  readonly violations: readonly ContractViolation[]
  readonly response?: SimResponse
}

interface Target {
  readonly operation: Operation
  /** The path's `{name}` values, from routing. */
  readonly params: Readonly<Record<string, string>>
  readonly module: OperationModule
  readonly tables: ReadonlySet<AnyTableSpec>
}

/** What was decided: a contract case, a transport fault, or fintwin's own answer (not a provider's). */
type Verdict =
  | { readonly kind: 'outcome'; readonly outcome: Outcome }
  | { readonly kind: 'fault'; readonly fault: SimFault }
  | { readonly kind: 'reply'; readonly response: SimResponse }

const HAS_UPPER_CASE = /[A-Z]/

type Step = (exchange: Exchange, env: PipelineEnv) => Exchange | Promise<Exchange>

// ─── the steps, in order ─────────────────────────────────────────────────────────────────────────

/** Method + path → operation, or the provider's 404/405, or fintwin's own 404 for a foreign path. */
const route: Step = (x, env) => {
  const match = matchRoute(x.request.method, x.request.path)
  if (match.kind === 'operation') {
    const { operation } = match
    const provider = providerById(env, operation.provider)
    const module = provider.operations.find((m) => m.id === operation.id)
    if (!module) throw new Error(`No behaviour for ${operation.id}`)
    const tables = new Set([...provider.tables, ...module.tables])
    return {
      ...x,
      provider,
      target: { operation, params: match.params, module, tables },
      delayMs: env.config.latencyMs,
    }
  }
  if (match.provider === undefined) {
    const body = {
      error: 'not_found',
      message: `fintwin serves no ${x.request.method} ${x.request.path}`,
    }
    return { ...x, verdict: { kind: 'reply', response: json(404, body) } }
  }
  const caseId = match.kind === 'not_found' ? 'not_found' : 'method_not_allowed'
  const outcome = providerOutcome(match.provider, caseId)
  return {
    ...x,
    provider: providerById(env, match.provider),
    verdict: {
      kind: 'outcome',
      outcome:
        match.kind === 'method_not_allowed'
          ? outcome.withHeaders({ allow: match.allowed.join(', ') })
          : outcome,
    },
  }
}

/** Media types are case-insensitive (RFC 9110): the contracts see them lower-cased. */
const lowerCaseContentType: Step = (x) => {
  const contentType = x.request.headers['content-type']
  if (contentType === undefined || !HAS_UPPER_CASE.test(contentType)) return x
  const headers = { ...x.request.headers, 'content-type': contentType.toLowerCase() }
  return { ...x, request: { ...x.request, headers } }
}

/** An oversized body is refused before auth, as the provider's gateway would. */
const refuseOversizedBody: Step = (x, env) =>
  x.request.bodyError === 'too_large'
    ? decided(x, targetOf(x).provider.invalidRequest(callOf(x, env), refusal(x)))
    : x

const authenticate: Step = async (x, env) => {
  const failure = await targetOf(x).provider.authenticate(callOf(x, env))
  return failure ? decided(x, failure) : x
}

/** Anything else about the body (unreadable, wrong type) and the contract's request schema. */
const checkRequest: Step = (x, env) => {
  const { provider, operation, params } = targetOf(x)
  const { headers, body, query } = x.request
  const violations = x.request.bodyError
    ? []
    : validateRequest(operation.id, { headers, body, query, params })
  if (!x.request.bodyError && violations.length === 0) return x
  return decided(
    x,
    provider.invalidRequest(callOf(x, env), { violations, bodyError: x.request.bodyError }),
  )
}

/** A forced outcome (header first, then the first matching rule): a case, a fault, latency… */
const forceScenario: Step = async (x, env) => {
  const { provider, operation } = targetOf(x)
  const header = x.request.headers[SCENARIO_HEADER]
  const rule = header === undefined ? env.scenarios.take(operation.id, x.request.body) : undefined
  const forced = header ?? rule?.outcome
  if (forced === undefined) return x
  const y = { ...x, forced }
  if (forced === 'success') return y
  if (forced === 'latency' || forced.startsWith('latency:'))
    return { ...y, delayMs: y.delayMs + (rule?.latency_ms ?? (Number(forced.slice(8)) || 1000)) }
  if (forced === 'commit_then_fail') {
    const committed = await behave(y, env)
    return decided(
      { ...y, committed: committed.case },
      providerOutcome(operation.provider, 'internal_server_error'),
    )
  }
  if (forced === 'timeout')
    return {
      ...y,
      verdict: { kind: 'fault', fault: { kind: 'timeout', holdMs: env.config.timeoutHoldMs } },
    }
  if (forced === 'drop') return { ...y, verdict: { kind: 'fault', fault: { kind: 'drop' } } }
  const c = findCase(operation.id, forced)
  if (!c) {
    const body = {
      error: 'invalid_scenario',
      message: `unknown outcome "${forced}" for ${operation.id}`,
    }
    return { ...y, verdict: { kind: 'reply', response: json(400, body) } }
  }
  const outcome = new Outcome(c, caseBody(c))
  return decided(y, provider.dressForced?.(outcome) ?? outcome)
}

/** The operation's own behaviour. */
const runBehaviour: Step = async (x, env) => decided(x, await behave(x, env))

/** Every provider response is checked against the case it claims to be. */
const checkResponse: Step = (x) => {
  if (x.verdict?.kind !== 'outcome') return x
  const { outcome } = x.verdict
  const provider = (x.provider as ProviderModule).id
  const where = { provider, operation: x.target?.operation.id ?? `${provider}.*` }
  return { ...x, violations: validateCaseResponse(outcome.resolved, outcome.toResponse(), where) }
}

/** The response: the outcome's own, flagged when it broke its contract (thrown in tests). */
const render: Step = (x, env) => {
  const verdict = x.verdict as Verdict
  if (verdict.kind === 'reply') return { ...x, response: verdict.response }
  if (verdict.kind === 'fault')
    return { ...x, response: { status: 0, headers: {}, body: null, fault: verdict.fault } }
  if (x.violations.length > 0 && env.config.onContractViolation === 'throw')
    throw new ContractViolationError([...x.violations])
  const response = verdict.outcome.toResponse()
  if (x.violations.length > 0)
    response.headers[CONTRACT_VIOLATION_HEADER] = violationsToJSON([...x.violations]).slice(0, 2000)
  if (x.delayMs > 0) response.delayMs = x.delayMs
  return { ...x, response }
}

/** One journal entry per provider request (fintwin's own replies are not provider traffic). */
const journal: Step = (x, env) => {
  const verdict = x.verdict as Verdict
  if (verdict.kind === 'reply' || !x.provider) return x
  env.journal.record({
    at: new Date(env.clock.now()).toISOString(),
    method: x.request.method,
    path: x.request.path,
    provider: x.provider.id,
    operation: x.target?.operation.id ?? null,
    status: verdict.kind === 'outcome' ? verdict.outcome.status : 0,
    case: verdict.kind === 'outcome' ? verdict.outcome.case : verdict.fault.kind,
    scenario: x.forced ?? null,
    ...(x.committed === undefined ? {} : { committed: x.committed }),
    duration_ms: Math.round((performance.now() - x.started) * 1000) / 1000,
    contract: { ok: x.violations.length === 0, violations: [...x.violations] },
  })
  return x
}

/**
 * The pipeline, top-down. Steps before `checkResponse` decide (each is skipped once a verdict
 * is taken); the rest always run on the verdict.
 */
const DECIDING: readonly Step[] = [
  route,
  lowerCaseContentType,
  refuseOversizedBody,
  authenticate,
  checkRequest,
  forceScenario,
  runBehaviour,
]
const FINISHING: readonly Step[] = [checkResponse, render, journal]

/** Builds the request handler: every provider request goes through the steps above. */
export function createPipeline(env: PipelineEnv): (request: SimRequest) => Promise<SimResponse> {
  return async (request) => {
    let x: Exchange = { request, started: performance.now(), delayMs: 0, violations: [] }
    for (const step of DECIDING) {
      if (x.verdict) break
      try {
        x = await step(x, env)
      } catch (error) {
        x = decided(x, errorOutcome(x, error, env))
      }
    }
    for (const step of FINISHING) x = await step(x, env)
    return x.response as SimResponse
  }
}

// ─── helpers ─────────────────────────────────────────────────────────────────────────────────────

function decided(x: Exchange, outcome: Outcome): Exchange {
  return { ...x, verdict: { kind: 'outcome', outcome } }
}

function providerById(env: PipelineEnv, id: ProviderId): ProviderModule {
  const provider = env.providers.find((p) => p.id === id)
  if (!provider) throw new Error(`provider ${id} is in the contracts but not registered`)
  return provider
}

function targetOf(x: Exchange): Target & { provider: ProviderModule } {
  if (!x.target || !x.provider) throw new Error('pipeline step before routing')
  return { ...x.target, provider: x.provider }
}

function refusal(x: Exchange) {
  return { violations: [], bodyError: x.request.bodyError }
}

/** What provider hooks and behaviour are given for this request. */
function callOf(x: Exchange, env: PipelineEnv): RequestCall & { body: Record<string, unknown> } {
  const { operation, params, tables: declared } = targetOf(x)
  const { sim, tables } = env.state()
  const { body } = x.request
  return {
    request: x.request,
    operation,
    sim,
    params,
    // A GET's body is ignored (its contract takes any): behaviour sees an empty record.
    body: (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}) as Record<
      string,
      unknown
    >,
    outcome: (caseId, patch) => caseOutcome(operation, caseId, patch),
    table: (spec) => {
      if (!declared.has(spec))
        throw new Error(
          `${operation.id} uses table ${spec.name} without declaring it (tables: […])`,
        )
      return tables.get(spec)
    },
  }
}

/** Runs the operation's behaviour; a thrown `SimulatorError` is its case, anything else a 500. */
async function behave(x: Exchange, env: PipelineEnv): Promise<Outcome> {
  try {
    return await targetOf(x).module.handle(callOf(x, env))
  } catch (error) {
    return errorOutcome(x, error, env)
  }
}

function errorOutcome(x: Exchange, error: unknown, env: PipelineEnv): Outcome {
  const { operation } = targetOf(x)
  if (isSimulatorError(error)) {
    const outcome = error.toOutcome(operation)
    if (outcome) return outcome
  }
  if (env.config.onContractViolation === 'throw') throw error
  return providerOutcome(operation.provider, 'internal_server_error')
}

function json(status: number, body: unknown): SimResponse {
  return { status, headers: { 'content-type': 'application/json' }, body }
}
