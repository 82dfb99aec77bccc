/**
 * The simulator's in-memory state, behind a small repository interface.
 *
 * This is the only file that imports `@mswjs/data` (DESIGN.md), so that the planned move to
 * `@msw/data` touches one file: everything else sees {@link Repository} and the entity types
 * below, never a query DSL or library types.
 *
 * Why not `findFirst({ where: { id: { equals } } })`: in @mswjs/data 0.16.2 every query, even
 * one on the primary key, walks all entities of the model (`executeQuery` →
 * `queryByPrimaryKey` → `iteratorUtils.filter`), and so do the model API's `update` and
 * `delete`. Measured: 0.85 ms per lookup at 1k entities, 69 ms at 100k. The library's
 * `Database` already keeps one `Map<primaryKey, entity>` per model, so reads go straight to
 * that Map and writes go through the `Database`'s own `update`/`delete`: O(1) whatever the
 * state size. Creation still goes through the model API, which validates the primary key,
 * refuses duplicates and applies the model definition.
 */

import { ENTITY_TYPE, factory, nullable, primaryKey, PRIMARY_KEY } from '@mswjs/data'
import { DATABASE_INSTANCE } from '@mswjs/data/lib/glossary.js'

// ---------------------------------------------------------------------------------------------
// Entities
// ---------------------------------------------------------------------------------------------

/**
 * A Surepass CKYC persona record: what a search can find. Long-lived (seeded fixtures).
 * Use the natural lookup key as `id` (e.g. `${document_type}:${id_number}`) so a search is one
 * O(1) `get`.
 */
export interface CkycRecordEntity {
  readonly id: string
  readonly document_type: string
  readonly id_number: string
  /** Mobile held on the CKYC record; null for the `no_mobile` persona. */
  readonly mobile_number: string | null
  /** Whether that mobile is registered for OTP (false for the `mobile_unregistered` persona). */
  readonly mobile_registered: boolean
  /** JSON text of the full record payload (search and download `data`), opaque to the store. */
  readonly data: string
}

/** A CKYC search session: what the `ckyc_…` client_id returned by search stands for. */
export interface CkycSearchEntity {
  readonly client_id: string
  /** The {@link CkycRecordEntity} `id` found; null when the search found nothing. */
  readonly record_id: string | null
  /** Epoch ms, by the simulator clock. */
  readonly created_at: number
  /** `ckyc_download_…` ids issued by generate-otp for this search, oldest first. */
  readonly download_client_ids: readonly string[]
}

/** Lifecycle of a CKYC download session. */
export type CkycDownloadStatus = 'otp_sent' | 'downloaded' | 'locked'

/** A CKYC download session: what the `ckyc_download_…` client_id from generate-otp stands for. */
export interface CkycDownloadEntity {
  readonly client_id: string
  readonly search_client_id: string
  readonly status: CkycDownloadStatus
  /** Epoch ms, by the simulator clock. */
  readonly created_at: number
}

/** Eko one-time eKYC progress of an agent. */
export type EkoEkycStatus = 'pending' | 'done'

/** An Eko agent (retailer) known to the simulator. */
export interface EkoAgentEntity {
  readonly user_code: string
  /** The agent's mobile, sent as `customer_id` in eKYC calls. */
  readonly customer_id: string
  /** AePS Fingpay service state, e.g. `active`, `pending`, `not_activated`. */
  readonly aeps_status: string
  readonly ekyc_status: EkoEkycStatus
  /** Epoch ms of the last successful Daily KYC, or null; callers derive "done today" from it. */
  readonly daily_kyc_at: number | null
  /** JSON text of the rest of the persona (name, Aadhaar, label…), opaque to the store. */
  readonly data: string
}

/** Stage an Eko eKYC session has reached. */
export type EkoKycStage = 'otp_sent' | 'otp_verified' | 'completed'

/** An Eko eKYC session, keyed by the `otp_ref_id` the client carries from step to step. */
export interface EkoKycSessionEntity {
  readonly otp_ref_id: string
  readonly user_code: string
  readonly stage: EkoKycStage
  readonly reference_tid: string
  /** Epoch ms, by the simulator clock. */
  readonly created_at: number
}

/** Entity type of each model, by model name. */
export interface StoreEntities {
  ckycRecords: CkycRecordEntity
  ckycSearches: CkycSearchEntity
  ckycDownloads: CkycDownloadEntity
  ekoAgents: EkoAgentEntity
  ekoKycSessions: EkoKycSessionEntity
}

/** Name of a model in the store. */
export type StoreModelName = keyof StoreEntities

// ---------------------------------------------------------------------------------------------
// Repository
// ---------------------------------------------------------------------------------------------

/**
 * Typed access to one model. Returned entities are frozen snapshots: `update` replaces the
 * stored entity with a new object, so a value read earlier never changes under the reader,
 * and nobody can change state without going through the repository.
 *
 * `get`, `update`, `delete` and `count` are O(1); `all` and `deleteWhere` are O(n);
 * `evictOldest` is O(evicted + 1).
 */
export interface Repository<T> {
  /** Stores a new entity. Throws {@link StoreError} on a missing or duplicate key or an unknown field. */
  create(value: T): T
  get(id: string): T | undefined
  /** Applies `patch` (undefined fields are ignored). Undefined if `id` is unknown. The key cannot change. */
  update(id: string, patch: Partial<T>): T | undefined
  /** True if something was deleted. */
  delete(id: string): boolean
  count(): number
  /** Every entity, oldest first. */
  all(): T[]
  clear(): void
  /**
   * Deletes from the oldest entity forward while `shouldEvict` says yes; stops at the first no.
   * Cheap enough to call on every request, e.g. `evictOldest(s => s.created_at < cutoff)`.
   * Returns how many were deleted.
   */
  evictOldest(shouldEvict: (value: T) => boolean): number
  /** Deletes every entity matching `predicate` (full scan). Returns how many were deleted. */
  deleteWhere(predicate: (value: T) => boolean): number
}

/** Why a store operation was refused; these are programming errors, not provider errors. */
export type StoreErrorCode = 'missing_key' | 'duplicate_key' | 'unknown_field' | 'key_change'

/** Thrown by a {@link Repository} on misuse, so callers never see @mswjs/data's own errors. */
export class StoreError extends Error {
  override readonly name = 'StoreError'
  readonly code: StoreErrorCode
  readonly model: StoreModelName

  constructor(code: StoreErrorCode, model: StoreModelName, message: string) {
    super(`${model}: ${message}`)
    this.code = code
    this.model = model
  }
}

/** The simulator's state: one repository per model. */
export type Store = { readonly [M in StoreModelName]: Repository<StoreEntities[M]> } & {
  /** Empties every model (seeding again is the caller's job). */
  reset(): void
}

/** Options of {@link createStore}. */
export interface StoreOptions {
  /**
   * Most entities per model; creating one more evicts the oldest. Defaults: 50,000 for the
   * session models (`ckycSearches`, `ckycDownloads`, `ekoKycSessions`), unbounded for the
   * persona models (`ckycRecords`, `ekoAgents`) — seeded personas are the oldest entities and
   * must never be evicted.
   */
  limits?: Partial<Record<StoreModelName, number>>
}

/** Default cap for session models, matching the OTP engine's. */
export const DEFAULT_SESSION_LIMIT = 50_000

// ---------------------------------------------------------------------------------------------
// @mswjs/data binding
// ---------------------------------------------------------------------------------------------

const string = () => ''
const number = () => 0
const boolean = () => false
const nullString = nullable<string>(() => null)
const nullNumber = nullable<number>(() => null)
const stringList = (): string[] => []

/** Model definitions. Every field of an entity interface above must appear here (checked below). */
const dictionary = {
  ckycRecords: {
    id: primaryKey(string),
    document_type: string,
    id_number: string,
    mobile_number: nullString,
    mobile_registered: boolean,
    data: string,
  },
  ckycSearches: {
    client_id: primaryKey(string),
    record_id: nullString,
    created_at: number,
    download_client_ids: stringList,
  },
  ckycDownloads: {
    client_id: primaryKey(string),
    search_client_id: string,
    status: string,
    created_at: number,
  },
  ekoAgents: {
    user_code: primaryKey(string),
    customer_id: string,
    aeps_status: string,
    ekyc_status: string,
    daily_kyc_at: nullNumber,
    data: string,
  },
  ekoKycSessions: {
    otp_ref_id: primaryKey(string),
    user_code: string,
    stage: string,
    reference_tid: string,
    created_at: number,
  },
}

/** Compile-time guard: each definition has exactly the fields of its entity interface. */
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never]
  ? true
  : never
const definitionsMatchEntities: {
  [M in StoreModelName]: SameKeys<(typeof dictionary)[M], StoreEntities[M]>
} = {
  ckycRecords: true,
  ckycSearches: true,
  ckycDownloads: true,
  ekoAgents: true,
  ekoKycSessions: true,
}

const primaryKeys: { [M in StoreModelName]: keyof StoreEntities[M] & string } = {
  ckycRecords: 'id',
  ckycSearches: 'client_id',
  ckycDownloads: 'client_id',
  ekoAgents: 'user_code',
  ekoKycSessions: 'otp_ref_id',
}

const sessionModels: ReadonlySet<StoreModelName> = new Set([
  'ckycSearches',
  'ckycDownloads',
  'ekoKycSessions',
])

type StoredEntity = Record<PropertyKey, unknown>

/** The part of @mswjs/data 0.16.2's internal `Database` this file relies on. */
interface MswDatabase {
  getModel(modelName: string): Map<string, StoredEntity>
  update(modelName: string, prevEntity: StoredEntity, nextEntity: StoredEntity): void
  delete(modelName: string, primaryKey: string): void
  events: { removeAllListeners(): unknown }
}

interface MswModel {
  create(initialValues: never): StoredEntity
}

function databaseOf(api: object): MswDatabase {
  const db = (api as Record<symbol, unknown>)[DATABASE_INSTANCE] as Partial<MswDatabase> | undefined
  if (
    !db ||
    typeof db.getModel !== 'function' ||
    typeof db.update !== 'function' ||
    typeof db.delete !== 'function'
  ) {
    throw new Error(
      '@mswjs/data internals changed: expected factory()[DATABASE_INSTANCE] to be a Database (pinned 0.16.2)',
    )
  }
  return db as MswDatabase
}

/**
 * Makes a stored entity behave like a plain frozen value: the library's symbol tags become
 * non-enumerable (so spreads, `toEqual` and `structuredClone` see only the entity's fields),
 * arrays are copied and frozen (so the caller's array is not captured), and the entity is frozen.
 */
function seal(entity: StoredEntity, type: unknown, key: unknown): StoredEntity {
  Object.defineProperty(entity, ENTITY_TYPE, { value: type, enumerable: false })
  Object.defineProperty(entity, PRIMARY_KEY, { value: key, enumerable: false })
  for (const field of Object.keys(entity)) {
    const value = entity[field]
    if (Array.isArray(value)) entity[field] = Object.freeze(value.slice())
  }
  return Object.freeze(entity)
}

function createRepository<M extends StoreModelName>(
  name: M,
  model: MswModel,
  db: MswDatabase,
  limit: number,
): Repository<StoreEntities[M]> {
  type T = StoreEntities[M]
  const key = primaryKeys[name]
  const fields = new Set(Object.keys(dictionary[name]))
  const entities = db.getModel(name)

  const checkFields = (value: object): void => {
    for (const field of Object.keys(value)) {
      if (!fields.has(field))
        throw new StoreError('unknown_field', name, `unknown field "${field}"`)
    }
  }

  const remove = (id: string): void => db.delete(name, id)

  return {
    create(value) {
      const id = (value as unknown as Record<string, unknown>)[key]
      if (typeof id !== 'string' || id === '') {
        throw new StoreError('missing_key', name, `"${key}" must be a non-empty string`)
      }
      if (entities.has(id))
        throw new StoreError('duplicate_key', name, `"${key}" "${id}" already exists`)
      checkFields(value)
      const entity = model.create(value as never)
      seal(entity, entity[ENTITY_TYPE], entity[PRIMARY_KEY])
      if (entities.size > limit) {
        for (const oldest of entities.keys()) {
          if (entities.size <= limit) break
          remove(oldest)
        }
      }
      return entity as unknown as T
    },

    get: (id) => entities.get(id) as T | undefined,

    update(id, patch) {
      const prev = entities.get(id)
      if (!prev) return undefined
      checkFields(patch)
      // Spread copies enumerable own fields only: sealed entities keep their tags out of it.
      const next: StoredEntity = { ...prev }
      for (const [field, value] of Object.entries(patch)) {
        if (value === undefined) continue
        if (field === key && value !== id)
          throw new StoreError('key_change', name, `"${key}" cannot change`)
        next[field] = value
      }
      seal(next, prev[ENTITY_TYPE], prev[PRIMARY_KEY])
      db.update(name, prev, next)
      return next as unknown as T
    },

    delete(id) {
      if (!entities.has(id)) return false
      remove(id)
      return true
    },

    count: () => entities.size,

    all: () => Array.from(entities.values()) as unknown as T[],

    clear() {
      for (const id of Array.from(entities.keys())) remove(id)
    },

    evictOldest(shouldEvict) {
      let evicted = 0
      for (const [id, entity] of entities) {
        if (!shouldEvict(entity as unknown as T)) break
        remove(id)
        evicted += 1
      }
      return evicted
    },

    deleteWhere(predicate) {
      const doomed: string[] = []
      for (const [id, entity] of entities) if (predicate(entity as unknown as T)) doomed.push(id)
      for (const id of doomed) remove(id)
      return doomed.length
    },
  }
}

/**
 * Creates an empty store. A factory, not a singleton: each simulator instance (and each test)
 * owns its state.
 *
 * @mswjs/data's cross-tab sync is switched off: in a browser it would broadcast every write
 * over a `BroadcastChannel` to other tabs running the simulator and merge theirs into ours,
 * and two tabs compute the same database id — so twins in two tabs would share state.
 */
export function createStore(options: StoreOptions = {}): Store {
  void definitionsMatchEntities
  const api = factory(dictionary)
  const db = databaseOf(api)
  db.events.removeAllListeners()

  const limitOf = (name: StoreModelName): number => {
    const limit =
      options.limits?.[name] ??
      (sessionModels.has(name) ? DEFAULT_SESSION_LIMIT : Number.POSITIVE_INFINITY)
    if (!(limit >= 1) || (Number.isFinite(limit) && !Number.isSafeInteger(limit))) {
      throw new RangeError(
        `createStore: limit for ${name} must be an integer >= 1 or Infinity, got ${String(limit)}`,
      )
    }
    return limit
  }
  const repository = <M extends StoreModelName>(name: M) =>
    createRepository(name, api[name] as unknown as MswModel, db, limitOf(name))

  const store = {
    ckycRecords: repository('ckycRecords'),
    ckycSearches: repository('ckycSearches'),
    ckycDownloads: repository('ckycDownloads'),
    ekoAgents: repository('ekoAgents'),
    ekoKycSessions: repository('ekoKycSessions'),
  }
  return {
    ...store,
    reset() {
      for (const repo of Object.values(store)) repo.clear()
    },
  }
}
