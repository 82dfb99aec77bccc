import { resolveConfig, type SimulatorConfig, type SimulatorConfigInput } from './config.js'
import {
  createClock,
  createIdFactory,
  createOtpEngine,
  createRandom,
  type SimClock,
} from './core/index.js'
import { createJournal, type Journal } from './pipeline/journal.js'
import { createPipeline } from './pipeline/pipeline.js'
import { createTableSet, type AnyTableSpec, type TableSet } from './pipeline/table.js'
import { PROVIDERS, type ProviderFixtures, type TableName } from './providers.js'
import { createScenarios, type Scenarios } from './pipeline/scenarios.js'
import type { SimContext } from './sim-context.js'
import type { SimPlatform } from './sim-platform.js'
import type { SimRequest, SimResponse } from './sim-types.js'
import { TRIGGERS } from './catalogue/triggers.js'
import { SIMULATOR_VERSION } from './version.js'

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
 * Counts of what a simulator holds: OTP records, the rows of every declared table (Surepass
 * searches and downloads, Eko eKYC sessions and agents…) and journal entries. Every one is
 * bounded (`maxSessions`, `sessionRetentionMs`, `journalCapacity`); these counts make that
 * observable. The table counts are derived from the tables the providers and operations declare.
 */
export type SimulatorStats = { otps: number; journal: number } & Record<TableName, number>

/** `GET /__sim/fixtures`: each provider's seeded personas and credentials, and the magic values. */
export type SimFixtures = ProviderFixtures & {
  /** How to reach each error case by value, by operation and case id. */
  triggers: typeof TRIGGERS
}

/** A running simulator: the behaviour of the providers over one in-memory state. */
export interface Simulator {
  /** Answers one request (with `createSimulator`, also the admin API's). Never throws for a request's sake. */
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
 * Creates the providers' simulator: provider traffic only (its `handle` answers no `/__sim`
 * route). `createSimulator` composes the admin API around it.
 *
 * Creates an independent simulator. Nothing is module-global: two simulators in one process
 * share no state, so parallel tests stay isolated.
 */
export function createSimulatorCore(options: SimulatorOptions = {}): Simulator {
  const seed = String(options.seed ?? 'fintwin')
  const config = resolveConfig(options.config)
  const clock: SimClock = isClock(options.clock) ? options.clock : createClock(options.clock)
  const platform = options.platform ?? {}
  /** Real time (not the simulator clock, which tests move and set): uptime must not jump or go negative. */
  const startedAt = performance.now()
  const tableSpecs: readonly AnyTableSpec[] = PROVIDERS.flatMap((p) => [
    ...p.tables,
    ...p.operations.flatMap((o) => o.tables),
  ])

  const journal = createJournal(config.journalCapacity)
  let scenarioSeq = 0
  const scenarios = createScenarios(() => `scn_${++scenarioSeq}`)
  let state = buildState()

  /** Services and tables from the seed: built at start and again on reset. */
  function buildState(): { sim: SimContext; tables: TableSet } {
    const random = createRandom(seed)
    const sim: SimContext = {
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
      platform,
    }
    return { sim, tables: createTableSet(tableSpecs, { seed, config, clock }) }
  }

  const pipeline = createPipeline({
    config,
    clock,
    scenarios,
    journal,
    providers: PROVIDERS,
    state: () => state,
  })

  const stats = (): SimulatorStats =>
    ({
      otps: state.sim.otp.size(),
      ...state.tables.counts(),
      journal: journal.size,
    }) as SimulatorStats

  const simulator: Simulator = {
    clock,
    config,
    seed,
    scenarios,
    journal,
    handle: pipeline,
    reset() {
      clock.reset()
      state = buildState()
      scenarios.clear()
      journal.clear()
      scenarioSeq = 0
    },
    fixtures: () =>
      ({
        ...Object.fromEntries(PROVIDERS.map((p) => [p.id, p.fixtures(state.sim)])),
        triggers: TRIGGERS,
      }) as SimFixtures,
    otps: (filter) => state.sim.otp.inbox(filter),
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
  return simulator
}

function isClock(value: unknown): value is SimClock {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as SimClock).now === 'function' &&
    typeof (value as SimClock).advance === 'function'
  )
}
