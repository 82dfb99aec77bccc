import type { SimulatorConfig } from './config.js'
import type { IdFactory, OtpEngine, SimClock, SimRandom, Store } from './core/index.js'
import type { SimPlatform } from './sim-platform.js'

/**
 * What provider behaviour works with: one simulator's clock, config, seeded randomness, OTP
 * engine and store. Built per simulator (and anew on reset), never shared.
 */
export interface SimContext {
  readonly clock: SimClock
  readonly config: SimulatorConfig
  readonly seed: string
  readonly random: SimRandom
  readonly ids: IdFactory
  readonly otp: OtpEngine
  readonly store: Store
  readonly platform: SimPlatform
}
