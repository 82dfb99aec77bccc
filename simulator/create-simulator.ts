import {
  findCase,
  getProvider,
  matchRoute,
  validateProviderResponse,
  validateRequest,
  validateResponse,
  violationsToJSON,
  ContractViolationError,
  type ContractViolation,
  type Operation,
  type ProviderId,
} from '../contracts/index.js'
import { createAdminApi } from './admin-api.js'
import { resolveConfig, type SimulatorConfig, type SimulatorConfigInput } from './config.js'
import {
  createClock,
  createIdFactory,
  createOtpEngine,
  createRandom,
  createStore,
  type SimClock,
} from './core/index.js'
import { createEkoBehaviour, type EkoFixtures } from './eko/eko-behaviour.js'
import { createJournal, type Journal } from './journal.js'
import { caseBody, isSimulatorError, providerOutcome, type Outcome } from './outcome.js'
import type { ProviderBehaviour } from './provider-behaviour.js'
import { FAULT_OUTCOMES, createScenarios, type ScenarioRule, type Scenarios } from './scenarios.js'
import type { SimContext } from './sim-context.js'
import type { SimPlatform } from './sim-platform.js'
import type { SimRequest, SimResponse } from './sim-types.js'
import { createSurepassBehaviour, type SurepassFixtures } from './surepass/surepass-behaviour.js'
import { TRIGGERS } from './triggers.js'
import { SIMULATOR_VERSION } from './version.js'

/** The header that forces one outcome on one request (like Prism's `Prefer`). */
export const SCENARIO_HEADER = 'x-fintwin-scenario'
/** Set on a response that broke its contract (server mode); the journal has the details. */
export const CONTRACT_VIOLATION_HEADER = 'x-fintwin-contract-violation'

export interface SimulatorOptions {
  /** Same seed ⇒ same fixtures, ids and OTPs. */
  seed?: string | number
  /** A clock to share, or options for the simulator's own. */
  clock?: SimClock | { now?: () => number; start?: number | string }
  config?: SimulatorConfigInput
  /** Faster primitives from the host (the Node server passes native RSA). */
  platform?: SimPlatform
}

/**
 * Counts of what a simulator holds: OTP records, Surepass search and download sessions, Eko eKYC
 * sessions, Eko agents (seeded and onboarded) and journal entries. Every one of them is bounded
 * (`maxSessions`, `sessionRetentionMs`, `journalCapacity`); these counts make that observable.
 */
export interface SimulatorStats {
  otps: number
  searches: number
  downloads: number
  ekoSessions: number
  agents: number
  journal: number
}

/** `GET /__sim/fixtures`: the seeded personas, credentials and magic values (DESIGN.md). */
export interface SimFixtures {
  surepass: SurepassFixtures
  eko: EkoFixtures
  /** How to reach each error case by value, by operation and case id. */
  triggers: typeof TRIGGERS
}

/** A running simulator: the behaviour of both providers over one in-memory state. */
export interface Simulator {
  /** Answers one provider or admin request. Never throws for a request's sake. */
  handle(request: SimRequest): Promise<SimResponse>
  readonly clock: SimClock
  readonly config: SimulatorConfig
  readonly seed: string
  readonly scenarios: Scenarios
  readonly journal: Journal
  /** State, clock, OTP inbox, scenarios and journal back to the seeded start. */
  reset(): void
  fixtures(): SimFixtures
  otps(filter?: {
    ref?: string
    phone?: string
    provider?: string
    limit?: number
  }): ReturnType<SimContext['otp']['inbox']>
  health(): {
    status: 'ok'
    name: 'fintwin'
    version: string
    seed: string
    uptime_ms: number
    now: string
    state: SimulatorStats
  }
  /** How much state the simulator holds right now (read-only; for bounded-state checks and `/__sim/health`). */
  stats(): SimulatorStats
}

/**
 * Creates an independent simulator. Nothing is module-global: two simulators in one process
 * share no state, so parallel tests stay isolated.
 */
export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const seed = String(options.seed ?? 'fintwin')
  const config = resolveConfig(options.config)
  const clock: SimClock = isClock(options.clock) ? options.clock : createClock(options.clock)
  /** Real time (not the simulator clock, which tests move and set): uptime must not jump or go negative. */
  const startedAt = performance.now()

  const context = buildContext()
  const journal = createJournal(config.journalCapacity)
  let scenarioSeq = 0
  const scenarios = createScenarios(() => `scn_${++scenarioSeq}`)
  let behaviours = buildBehaviours()

  function buildContext(): SimContext {
    const random = createRandom(seed)
    return {
      clock,
      config,
      seed,
      random,
      ids: createIdFactory(random.fork('ids')),
      otp: createOtpEngine({
        clock,
        random: random.fork('otp'),
        fixedOtp: config.fixedOtp,
        maxRecords: config.maxSessions,
        retentionMs: config.sessionRetentionMs,
      }),
      platform: options.platform ?? {},
      store: createStore({
        limits: {
          ckycSearches: config.maxSessions,
          ckycDownloads: config.maxSessions,
          ekoKycSessions: config.maxSessions,
        },
      }),
    }
  }

  function buildBehaviours(): {
    surepass: ProviderBehaviour<SurepassFixtures>
    eko: ProviderBehaviour<EkoFixtures>
  } {
    return { surepass: createSurepassBehaviour(context), eko: createEkoBehaviour(context) }
  }

  const simulator: Simulator = {
    clock,
    config,
    seed,
    scenarios,
    journal,
    handle,
    reset() {
      Object.assign(context, buildContext())
      behaviours = buildBehaviours()
      clock.reset()
      scenarios.clear()
      journal.clear()
      scenarioSeq = 0
    },
    fixtures: () => ({
      surepass: behaviours.surepass.fixtures(),
      eko: behaviours.eko.fixtures(),
      triggers: TRIGGERS,
    }),
    otps: (filter) => context.otp.inbox(filter),
    health: () => ({
      status: 'ok',
      name: 'fintwin',
      version: SIMULATOR_VERSION,
      seed,
      uptime_ms: Math.round(performance.now() - startedAt),
      now: new Date(clock.now()).toISOString(),
      state: stats(),
    }),
    stats,
  }
  const admin = createAdminApi(simulator)

  function stats(): SimulatorStats {
    const { store } = context
    return {
      otps: context.otp.size(),
      searches: store.ckycSearches.count(),
      downloads: store.ckycDownloads.count(),
      ekoSessions: store.ekoKycSessions.count(),
      agents: store.ekoAgents.count(),
      journal: journal.size,
    }
  }

  async function handle(request: SimRequest): Promise<SimResponse> {
    if (request.path === '/__sim' || request.path.startsWith('/__sim/'))
      return admin.handle(request)
    const started = performance.now()
    const route = matchRoute(request.method, request.path)
    if (route.kind !== 'operation') {
      const caseId = route.kind === 'not_found' ? 'not_found' : 'method_not_allowed'
      if (route.provider === undefined) {
        return {
          status: 404,
          headers: { 'content-type': 'application/json' },
          body: {
            error: 'not_found',
            message: `fintwin serves no ${request.method} ${request.path}`,
          },
        }
      }
      const extra: Record<string, string> =
        route.kind === 'method_not_allowed' ? { allow: route.allowed.join(', ') } : {}
      return finishProvider(request, route.provider, caseId, extra, started)
    }
    const { operation, params } = route
    const behaviour = behaviours[operation.provider]
    const contentType = request.headers['content-type']
    if (contentType !== undefined && HAS_UPPER_CASE.test(contentType)) {
      // Media types are case-insensitive (RFC 9110): the contracts see them lower-cased.
      request = {
        ...request,
        headers: { ...request.headers, 'content-type': contentType.toLowerCase() },
      }
    }
    let rule: ScenarioRule | undefined
    let forced: string | undefined
    let committed: string | undefined
    let outcome: Outcome
    let delayMs = config.latencyMs
    try {
      // An oversized body is refused before auth, as the provider's gateway would; anything
      // else about the body only after the caller is known.
      outcome =
        (request.bodyError === 'too_large'
          ? behaviour.invalidRequest(operation, [], 'too_large')
          : undefined) ??
        (await behaviour.authenticate(request, operation)) ??
        checkRequest(behaviour, operation, request, params) ??
        (await run())
    } catch (error) {
      outcome = errorOutcome(operation, error)
    }

    async function run(): Promise<Outcome> {
      forced = request.headers[SCENARIO_HEADER]
      if (forced === undefined) {
        rule = scenarios.take(operation.id, request.body)
        forced = rule?.outcome
      }
      if (forced === undefined || forced === 'success') return callHandler()
      if (forced === 'latency' || forced.startsWith('latency:')) {
        delayMs += rule?.latency_ms ?? (Number(forced.slice(8)) || 1000)
        return callHandler()
      }
      if (forced === 'commit_then_fail') {
        committed = (await callHandler()).case
        return providerOutcome(operation.provider, 'internal_server_error')
      }
      if ((FAULT_OUTCOMES as readonly string[]).includes(forced))
        return { case: forced, body: null }
      const c = findCase(operation.id, forced)
      if (!c) return { case: 'invalid_scenario', body: null }
      return behaviour.forced?.(c) ?? { case: c.id, body: caseBody(c) }
    }

    async function callHandler(): Promise<Outcome> {
      const handler = behaviour.handlers[operation.id]
      if (!handler) throw new Error(`No behaviour for ${operation.id}`)
      try {
        // A GET's body is ignored (its contract takes any); handlers of the others get the
        // object the contract validated.
        const body = (
          typeof request.body === 'object' && request.body !== null && !Array.isArray(request.body)
            ? request.body
            : {}
        ) as Record<string, unknown>
        return await handler({ request, operation, body, params })
      } catch (error) {
        return errorOutcome(operation, error)
      }
    }

    if (outcome.case === 'timeout' || outcome.case === 'drop') {
      record(request, operation.provider, operation.id, 0, outcome.case, forced, started, [])
      const fault =
        outcome.case === 'timeout'
          ? { kind: 'timeout' as const, holdMs: config.timeoutHoldMs }
          : { kind: 'drop' as const }
      return { status: 0, headers: {}, body: null, fault }
    }
    if (outcome.case === 'invalid_scenario') {
      const body = {
        error: 'invalid_scenario',
        message: `unknown outcome "${forced}" for ${operation.id}`,
      }
      return { status: 400, headers: { 'content-type': 'application/json' }, body }
    }
    const c = findCase(operation.id, outcome.case)
    const status = c?.status ?? 500
    const violations = validateResponse(operation.id, { status, body: outcome.body }, outcome.case)
    const response = respond(status, outcome, violations)
    if (delayMs > 0) response.delayMs = delayMs
    record(
      request,
      operation.provider,
      operation.id,
      status,
      outcome.case,
      forced,
      started,
      violations,
      committed,
    )
    return response
  }

  function checkRequest(
    behaviour: ProviderBehaviour,
    operation: Operation,
    request: SimRequest,
    params: Readonly<Record<string, string>>,
  ): Outcome | undefined {
    if (request.bodyError) return behaviour.invalidRequest(operation, [], request.bodyError)
    const violations = validateRequest(operation.id, {
      headers: request.headers,
      body: request.body,
      query: request.query,
      params,
    })
    return violations.length > 0
      ? behaviour.invalidRequest(operation, violations, undefined)
      : undefined
  }

  function errorOutcome(operation: Operation, error: unknown): Outcome {
    if (isSimulatorError(error)) {
      const c = findCase(operation.id, error.caseId)
      if (c) return error.toOutcome(c)
    }
    if (config.onContractViolation === 'throw') throw error
    return providerOutcome(operation.provider, 'internal_server_error')
  }

  function finishProvider(
    request: SimRequest,
    provider: ProviderId,
    caseId: string,
    headers: Record<string, string>,
    started: number,
  ): SimResponse {
    const outcome = providerOutcome(provider, caseId)
    outcome.headers = headers
    const status = getProvider(provider).cases.get(caseId)?.status ?? 500
    const violations = validateProviderResponse(provider, { status, body: outcome.body }, caseId)
    const response = respond(status, outcome, violations)
    record(request, provider, null, status, caseId, undefined, started, violations)
    return response
  }

  function respond(status: number, outcome: Outcome, violations: ContractViolation[]): SimResponse {
    if (violations.length > 0 && config.onContractViolation === 'throw')
      throw new ContractViolationError(violations)
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      ...outcome.headers,
    }
    if (violations.length > 0)
      headers[CONTRACT_VIOLATION_HEADER] = violationsToJSON(violations).slice(0, 2000)
    return { status, headers, body: outcome.body }
  }

  function record(
    request: SimRequest,
    provider: ProviderId,
    operation: string | null,
    status: number,
    caseId: string,
    scenario: string | undefined,
    started: number,
    violations: ContractViolation[],
    committed?: string,
  ): void {
    journal.record({
      at: new Date(clock.now()).toISOString(),
      method: request.method,
      path: request.path,
      provider,
      operation,
      status,
      case: caseId,
      scenario: scenario ?? null,
      ...(committed === undefined ? {} : { committed }),
      duration_ms: Math.round((performance.now() - started) * 1000) / 1000,
      contract: { ok: violations.length === 0, violations },
    })
  }

  return simulator
}

const HAS_UPPER_CASE = /[A-Z]/

function isClock(value: unknown): value is SimClock {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as SimClock).now === 'function' &&
    typeof (value as SimClock).advance === 'function'
  )
}
