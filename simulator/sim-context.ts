import type { SimulatorConfig } from './config.js'
import type { IdFactory, OtpEngine, SimClock, SimRandom } from './core/index.js'
import type { SimPlatform } from './sim-platform.js'

/**
 * What provider behaviour works with: one simulator's clock, config, seeded randomness, OTP
 * engine and host primitives. Built per simulator (and anew on reset), never shared. State
 * is not here: it lives in the tables the operations and providers declare.
 */
export interface SimContext {
  readonly clock: SimClock
  readonly config: SimulatorConfig
  readonly seed: string
  readonly random: SimRandom
  readonly ids: IdFactory
  readonly otp: OtpEngine
  readonly platform: SimPlatform
}
