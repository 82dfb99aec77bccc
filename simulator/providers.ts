import { ekoProvider } from './eko/eko-provider.js'
import { surepassProvider } from './surepass/surepass-provider.js'

/**
 * The providers the simulator serves: the one list to register a provider in. Everything else
 * (fixtures, stats, tables, routing to operations) is derived from it; the pipeline and
 * `createSimulator` name no provider.
 */
export const PROVIDERS = [surepassProvider, ekoProvider] as const

type Providers = typeof PROVIDERS

/** Each provider's part of `GET /__sim/fixtures`, by provider id. */
export type ProviderFixtures = {
  [P in Providers[number] as P['id']]: ReturnType<P['fixtures']>
}

type NameOf<T> = T extends { readonly name: infer N extends string } ? N : never
type TablesOf<P> = P extends {
  readonly tables: readonly (infer T)[]
  readonly operations: readonly (infer O)[]
}
  ? NameOf<T> | (O extends { readonly tables: readonly (infer OT)[] } ? NameOf<OT> : never)
  : never

/** The name of every table a provider or one of its operations declares. */
export type TableName = TablesOf<Providers[number]>
