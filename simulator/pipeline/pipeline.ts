import {
  ContractViolationError,
  findCase,
  matchRoute,
  operations,
  validateCaseResponse,
  validateRequest,
  violationsToJSON,
  type ContractViolation,
  type Operation,
  type ProviderId,
} from '../../contracts/index.js'
import type { SimulatorConfig } from '../config.js'
import type { SimClock } from '../core/index.js'
import type { SimContext } from '../sim-context.js'
import type { SimFault, SimRequest, SimResponse } from '../sim-types.js'
import type { OperationCall, OperationModule } from './define-operation.js'
import type { ProviderModule } from './define-provider.js'
import type { Journal, JournalEntry, JournalReason } from './journal.js'
import {
  Outcome,
  caseBody,
  caseMessage,
  caseOutcome,
  isSimulatorError,
  providerOutcome,
} from './outcome.js'
import { redactBody } from './redact.js'
import type { Scenarios } from './scenarios.js'
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

/** An operation with what serves it: its provider, its module and the tables it may use. */
interface Target {
  readonly operation: Operation
  readonly provider: ProviderModule
  readonly module: OperationModule
  readonly tables: ReadonlySet<AnyTableSpec>
}

/** What was decided: a contract case, a transport fault, or fintwin's own answer (not a provider's). */
type Verdict =
  | { readonly kind: 'outcome'; readonly outcome: Outcome }
  | { readonly kind: 'fault'; readonly fault: SimFault }
  | { readonly kind: 'reply'; readonly response: SimResponse }

/**
 * One request on its way through the pipeline: ONE object, each step writing the fields it
 * decides (and only those), so what a step depends on is visible in its body. The decision,
 * once taken, is one {@link Verdict}; the journal entry is built from the finished exchange in
 * one piece.
 */
interface Exchange {
  request: SimRequest
  /** Told of the journal entry once recorded (a door's structured log). */
  readonly observe?: JournalObserver
  /** `performance.now()` when the request came in. */
  readonly started: number
  /** The provider whose envelope answers (set by routing, also for its 404/405). */
  provider?: ProviderModule
  /** The operation routing found, and the call its provider hooks and behaviour are given. */
  target?: Target
  /** The path parameters routing found (`{name}` segments of the operation's path). */
  params: Readonly<Record<string, string>>
  call?: OperationCall
  /** The forced outcome (header or rule), when there was one. */
  forced?: string
  /** What forced it: the header, or the rule (by id). */
  forcedBy?: { by: 'header' | 'rule'; rule?: string }
  /** Why the deciding step decided, when it was not the behaviour (see {@link reasonOf}). */
  reason?: JournalReason
  /** Under `commit_then_fail`: the case the behaviour committed before the forced 500. */
  committed?: string
  /** Latency the door adds before answering. */
  delayMs: number
  verdict?: Verdict
  violations: readonly ContractViolation[]
  response?: SimResponse
}

/** What a step gets: the exchange, the environment, and the targets by operation id. */
interface StepContext {
  readonly env: PipelineEnv
  readonly targets: ReadonlyMap<string, Target>
}

type Step = (x: Exchange, ctx: StepContext) => void | Promise<void>

const HAS_UPPER_CASE = /[A-Z]/

// ─── the steps, in order ─────────────────────────────────────────────────────────────────────────

/** Method + path → operation, or the provider's 404/405, or fintwin's own 404 for a foreign path. */
const route: Step = (x, { env, targets }) => {
  const match = matchRoute(x.request.method, x.request.path)
  if (match.kind === 'operation') {
    const target = targets.get(match.operation.id) as Target
    x.provider = target.provider
    x.target = target
    x.params = match.params
    x.delayMs = env.config.latencyMs
    return
  }
  if (match.provider === undefined) {
    const body = {
      error: 'not_found',
      message: `fintwin serves no ${x.request.method} ${x.request.path}`,
    }
    x.verdict = { kind: 'reply', response: json(404, body) }
    return
  }
  x.provider = providerById(env, match.provider)
  x.reason = {
    step: 'route',
    message:
      match.kind === 'not_found'
        ? `${match.provider} has no operation at ${x.request.path}`
        : `${x.request.method} is not allowed on ${x.request.path}; allowed: ${match.allowed.join(', ')}`,
  }
  const outcome = providerOutcome(
    match.provider,
    match.kind === 'not_found' ? 'not_found' : 'method_not_allowed',
  )
  decide(
    x,
    match.kind === 'method_not_allowed'
      ? outcome.withHeaders({ allow: match.allowed.join(', ') })
      : outcome,
  )
}

/** Media types are case-insensitive (RFC 9110): the contracts see them lower-cased. */
const lowerCaseContentType: Step = (x) => {
  const contentType = x.request.headers['content-type']
  if (contentType === undefined || !HAS_UPPER_CASE.test(contentType)) return
  const headers = { ...x.request.headers, 'content-type': contentType.toLowerCase() }
  x.request = { ...x.request, headers }
}

/** The call the provider's hooks and the behaviour are given, built once for the request. */
const prepareCall: Step = (x, { env }) => {
  x.call = callOf(x.request, targetOf(x), x.params, env)
}

/** An oversized body is refused before auth, as the provider's gateway would. */
const refuseOversizedBody: Step = (x) => {
  if (x.request.bodyError !== 'too_large') return
  x.reason = {
    step: 'request',
    body_error: 'too_large',
    message: 'the body is larger than the server reads',
  }
  decide(x, targetOf(x).provider.invalidRequest(callIn(x), refusal(x)))
}

const authenticate: Step = async (x) => {
  const failure = await targetOf(x).provider.authenticate(callIn(x))
  if (!failure) return
  const check = failure.check ?? 'refused'
  x.reason = { step: 'auth', check, message: `auth failed: ${check}` }
  decide(x, failure)
}

/** Anything else about the body (unreadable, wrong type) and the contract's request schema. */
const checkRequest: Step = (x) => {
  const { provider, operation } = targetOf(x)
  const { bodyError } = x.request
  const violations = bodyError
    ? []
    : validateRequest(operation.id, {
        headers: x.request.headers,
        body: x.request.body,
        params: x.params,
        query: x.request.query,
      })
  if (!bodyError && violations.length === 0) return
  x.reason = bodyError
    ? {
        step: 'request',
        body_error: bodyError,
        message: `the body could not be read (${bodyError})`,
      }
    : {
        step: 'request',
        violations: violations.map((v) => ({
          path: v.path,
          keyword: v.keyword,
          message: v.message,
        })),
        message: `the request breaks the contract: ${violations.map((v) => `${v.path} ${v.message}`).join('; ')}`,
      }
  decide(x, provider.invalidRequest(callIn(x), { violations, bodyError }))
}

/** A forced outcome (header first, then the first matching rule): a case, a fault, latency… */
const forceScenario: Step = async (x, { env }) => {
  const { provider, operation } = targetOf(x)
  const header = x.request.headers[SCENARIO_HEADER]
  const rule = header === undefined ? env.scenarios.take(operation.id, x.request.body) : undefined
  const forced = header ?? rule?.outcome
  if (forced === undefined) return
  x.forced = forced
  x.forcedBy = rule ? { by: 'rule', rule: rule.id } : { by: 'header' }
  if (forced === 'success') return
  if (forced === 'latency' || forced.startsWith('latency:')) {
    x.delayMs += rule?.latency_ms ?? (Number(forced.slice(8)) || 1000)
    return
  }
  if (forced === 'commit_then_fail') {
    x.committed = (await behave(x, env)).case
    x.reason = {
      step: 'fault',
      message: `forced commit_then_fail: the behaviour committed ${x.committed}, then the client got a 500`,
    }
    decide(x, providerOutcome(operation.provider, 'internal_server_error'))
    return
  }
  if (forced === 'timeout') {
    x.verdict = { kind: 'fault', fault: { kind: 'timeout', holdMs: env.config.timeoutHoldMs } }
    return
  }
  if (forced === 'drop') {
    x.verdict = { kind: 'fault', fault: { kind: 'drop' } }
    return
  }
  const c = findCase(operation.id, forced)
  if (!c) {
    const body = {
      error: 'invalid_scenario',
      message: `unknown outcome "${forced}" for ${operation.id}`,
    }
    x.verdict = { kind: 'reply', response: json(400, body) }
    return
  }
  const outcome = new Outcome(c, caseBody(c))
  x.reason = { step: 'scenario', message: `forced ${forced}: ${c.when}` }
  decide(x, provider.dressForced?.(outcome) ?? outcome)
}

/** The operation's own behaviour. */
const runBehaviour: Step = async (x, { env }) => {
  decide(x, await behave(x, env))
}

/** A case with a JSON form answers in it when its provider's config asks (`jsonForms`). */
const chooseForm: Step = (x, { env }) => {
  if (x.verdict?.kind !== 'outcome' || !x.provider?.jsonForms?.(env.config)) return
  x.verdict = { kind: 'outcome', outcome: x.verdict.outcome.inJsonForm() }
}

/** Every provider response is checked against the case it claims to be. */
const checkResponse: Step = (x) => {
  if (x.verdict?.kind !== 'outcome') return
  const { outcome } = x.verdict
  const provider = (x.provider as ProviderModule).id
  const where = { provider, operation: x.target?.operation.id ?? `${provider}.*` }
  const response = outcome.toResponse()
  const contentType = response.headers['content-type']
  x.violations = validateCaseResponse(outcome.resolved, { ...response, contentType }, where)
}

/** The response: the outcome's own, flagged when it broke its contract (thrown in tests). */
const render: Step = (x, { env }) => {
  const verdict = x.verdict as Verdict
  if (verdict.kind === 'reply') {
    x.response = verdict.response
    return
  }
  if (verdict.kind === 'fault') {
    x.response = { status: 0, headers: {}, body: null, fault: verdict.fault }
    return
  }
  if (x.violations.length > 0 && env.config.onContractViolation === 'throw')
    throw new ContractViolationError([...x.violations])
  const response = verdict.outcome.toResponse()
  if (x.violations.length > 0)
    response.headers[CONTRACT_VIOLATION_HEADER] = violationsToJSON([...x.violations]).slice(0, 2000)
  if (x.delayMs > 0) response.delayMs = x.delayMs
  x.response = response
}

/** One journal entry per provider request (fintwin's own replies are not provider traffic). */
const journal: Step = (x, { env }) => {
  const verdict = x.verdict as Verdict
  if (verdict.kind === 'reply' || !x.provider) return
  const bodies = env.config.journalBodies
    ? { request_body: redactBody(x.request.body), response_body: redactBody(x.response?.body) }
    : {}
  const entry = env.journal.record({
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
    reason: reasonOf(x, verdict),
    contract: { ok: x.violations.length === 0, violations: [...x.violations] },
    ...bodies,
  })
  x.observe?.(entry)
}

/** Errors behaviour threw that were not provider cases: the 500 they became, and what they said. */
const unhandled = new WeakMap<Outcome, string>()

/** The reason a step gave; else the fault, the unhandled error, or the case behaviour chose. */
function reasonOf(x: Exchange, verdict: Exclude<Verdict, { kind: 'reply' }>): JournalReason {
  const forced =
    x.forced === undefined
      ? {}
      : { forced: { outcome: x.forced, ...(x.forcedBy ?? { by: 'header' as const }) } }
  if (x.reason) return { ...x.reason, ...forced }
  if (verdict.kind === 'fault')
    return { step: 'fault', message: `forced fault: ${verdict.fault.kind}`, ...forced }
  const error = unhandled.get(verdict.outcome)
  if (error !== undefined) return { step: 'internal_error', message: error, ...forced }
  return { step: 'behaviour', message: verdict.outcome.resolved.when, ...forced }
}

/**
 * The pipeline, top-down. The deciding steps run until one takes a verdict; the finishing steps
 * always run on it.
 */
const DECIDING: readonly Step[] = [
  route,
  lowerCaseContentType,
  prepareCall,
  refuseOversizedBody,
  authenticate,
  checkRequest,
  forceScenario,
  runBehaviour,
]
const FINISHING: readonly Step[] = [chooseForm, checkResponse, render, journal]

/** Told of a request's journal entry as soon as it is recorded. */
export type JournalObserver = (entry: JournalEntry) => void

/** Builds the request handler: every provider request goes through the steps above. */
export function createPipeline(
  env: PipelineEnv,
): (request: SimRequest, observe?: JournalObserver) => Promise<SimResponse> {
  const ctx: StepContext = { env, targets: targetsOf(env) }
  return async (request, observe) => {
    const x: Exchange = {
      request,
      observe,
      started: performance.now(),
      params: {},
      delayMs: 0,
      violations: [],
    }
    for (const step of DECIDING) {
      if (x.verdict) break
      try {
        await step(x, ctx)
      } catch (error) {
        decide(x, errorOutcome(x, error, env))
      }
    }
    for (const step of FINISHING) await step(x, ctx)
    return x.response as SimResponse
  }
}

// ─── helpers ─────────────────────────────────────────────────────────────────────────────────────

function decide(x: Exchange, outcome: Outcome): void {
  x.verdict = { kind: 'outcome', outcome }
}

/** Every contract operation with its provider, module and tables, resolved once. */
function targetsOf(env: PipelineEnv): Map<string, Target> {
  const targets = new Map<string, Target>()
  for (const operation of operations.values()) {
    const provider = providerById(env, operation.provider)
    const module = provider.operations.find((m) => m.id === operation.id)
    if (!module) throw new Error(`No behaviour for ${operation.id}`)
    const tables = new Set([...provider.tables, ...module.tables])
    targets.set(operation.id, { operation, provider, module, tables })
  }
  return targets
}

function providerById(env: PipelineEnv, id: ProviderId): ProviderModule {
  const provider = env.providers.find((p) => p.id === id)
  if (!provider) throw new Error(`provider ${id} is in the contracts but not registered`)
  return provider
}

function targetOf(x: Exchange): Target {
  if (!x.target) throw new Error('pipeline step before routing')
  return x.target
}

function callIn(x: Exchange): OperationCall {
  if (!x.call) throw new Error('pipeline step before the call was prepared')
  return x.call
}

function refusal(x: Exchange) {
  return { violations: [], bodyError: x.request.bodyError }
}

/** What provider hooks and behaviour are given for this request. */
function callOf(
  request: SimRequest,
  target: Target,
  params: Readonly<Record<string, string>>,
  env: PipelineEnv,
): OperationCall {
  const { operation, tables: declared } = target
  const { sim, tables } = env.state()
  return {
    request,
    operation,
    params,
    query: request.query ?? {},
    sim,
    // A GET's body is ignored (its contract takes any): behaviour sees an empty record.
    body: (typeof request.body === 'object' && request.body !== null && !Array.isArray(request.body)
      ? request.body
      : {}) as Record<string, unknown>,
    outcome: (caseId, patch) => caseOutcome(operation, caseId, patch),
    message: (caseId, name, values) => caseMessage(caseCalled(operation, caseId), name, values),
    table: (spec) => {
      if (!declared.has(spec))
        throw new Error(
          `${operation.id} uses table ${spec.name} without declaring it (tables: […])`,
        )
      return tables.get(spec)
    },
  }
}

function caseCalled(operation: Operation, caseId: string) {
  const c = findCase(operation.id, caseId)
  if (!c) throw new Error(`contract case ${operation.id}/${caseId} missing`)
  return c
}

/** Runs the operation's behaviour; a thrown `SimulatorError` is its case, anything else a 500. */
async function behave(x: Exchange, env: PipelineEnv): Promise<Outcome> {
  try {
    return await targetOf(x).module.handle(callIn(x))
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
  const outcome = providerOutcome(operation.provider, 'internal_server_error')
  unhandled.set(
    outcome,
    `unhandled ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
  )
  return outcome
}

function json(status: number, body: unknown): SimResponse {
  return { status, headers: { 'content-type': 'application/json' }, body }
}
