import type { SimulatorConfig } from '../config.js'
import type { SimClock } from '../core/index.js'

/**
 * Keyed, bounded tables: where every piece of provider state lives.
 *
 * A provider or an operation declares the tables it needs ({@link defineTable}); the simulator
 * builds one instance of each per simulator and derives from the declarations what used to be
 * written by hand per kind of state: the counts of `sim.stats()` and `/__sim/health`, the caps,
 * the eviction of expired rows and `reset()`. Lookups by key and by a declared index are one
 * `Map` read whatever the size: the data libraries (`@mswjs/data` 0.16, `@msw/data` 1.x) answer
 * `findFirst` by scanning every record, which is why hot session lookups do not go through them.
 */

/** The fields of `Row` whose values are strings: a key or an index must be one. */
export type StringField<Row> = {
  [F in keyof Row & string]: Row[F] extends string ? F : never
}[keyof Row & string]

/** What a table is built from, besides its name. */
export interface TableOptions<Row> {
  /** The field rows are keyed by (unique, a non-empty string), e.g. `otp_ref_id`. */
  readonly key: StringField<Row>
  /**
   * Fields looked up by value with {@link Table.findBy}. An index is not a constraint: the newest
   * row with the value wins, and deleting a row frees its value.
   */
  readonly indexes?: readonly StringField<Row>[]
  /**
   * Most rows the table keeps besides its seeded ones; inserting one more evicts the oldest
   * unseeded row. Default: the config's `maxSessions`.
   */
  readonly limit?: (config: SimulatorConfig) => number
  /**
   * The instant (epoch ms, simulator clock) after which a row may be forgotten: past its use and
   * its retention, so an old id still answers "expired" rather than "unknown" until then. Rows
   * are inserted in time order, so inserting evicts from the oldest while this has passed:
   * O(evicted), and state stays flat however long a server runs. Default: kept until the cap.
   */
  readonly forgetAt?: (row: Row, config: SimulatorConfig) => number
  /** Rows the table starts with, and returns to on reset (seeded fixtures). Never evicted. */
  readonly seed?: (seed: TableSeedContext) => readonly Row[]
}

/** What a table's `seed` may read. */
export interface TableSeedContext {
  readonly seed: string
  readonly config: SimulatorConfig
}

/** A declared table: its name (the key in `sim.stats()`) and how it is kept. */
export interface TableSpec<Row, Name extends string = string> extends TableOptions<Row> {
  readonly name: Name
  /** Type-only witness of the row type; never set. */
  readonly __row?: Row
}

/** Any table declaration, whatever its row type. */
// biome-ignore lint/suspicious/noExplicitAny: a list of tables of different row types
export type AnyTableSpec = TableSpec<any, string>

/**
 * Declares a table: `defineTable('ekoSessions').of<EkoSessionRow>({ key: 'otp_ref_id' })`.
 * Two steps so that the row type is written and the name is inferred as a literal (the type of
 * `sim.stats()` is derived from the declared names).
 */
export function defineTable<const Name extends string>(
  name: Name,
): { of<Row>(options: TableOptions<Row>): TableSpec<Row, Name> } {
  if (!/^[a-z][A-Za-z0-9]*$/.test(name))
    throw new Error(`table name "${name}" must be camelCase (it is a key of sim.stats())`)
  return { of: (options) => Object.freeze({ name, ...options }) }
}

/**
 * One simulator's instance of a table. Rows are frozen snapshots: `update` stores a new object,
 * so a row read earlier never changes under its reader and nothing changes state behind the
 * table's back.
 */
export interface Table<Row> {
  get(key: string): Row | undefined
  /** The newest row whose indexed `field` equals `value`. */
  findBy(field: StringField<Row>, value: string): Row | undefined
  /** Stores a new row (then applies expiry and the cap). Throws {@link TableError} on a missing or duplicate key. */
  insert(row: Row): Row
  /** Applies `patch` (undefined fields ignored); undefined if `key` is unknown. The key cannot change. */
  update(key: string, patch: Partial<Row>): Row | undefined
  /** True if a row was deleted. */
  delete(key: string): boolean
  readonly size: number
}

/** Why a table refused an operation: programming errors, not provider errors. */
export type TableErrorCode = 'missing_key' | 'duplicate_key' | 'key_change' | 'undeclared_table'

/** Thrown on misuse of a table, naming the table. */
export class TableError extends Error {
  override readonly name = 'TableError'
  constructor(
    readonly code: TableErrorCode,
    readonly table: string,
    message: string,
  ) {
    super(`${table}: ${message}`)
  }
}

/** Every table of one simulator, built from the declarations. */
export interface TableSet {
  /** The instance of `spec`; throws when `spec` was not declared. */
  get<Row>(spec: TableSpec<Row>): Table<Row>
  /** Rows per table, by table name, in declaration order. */
  counts(): Record<string, number>
}

/** What a table set needs from its simulator. */
export interface TableSetContext extends TableSeedContext {
  readonly clock: SimClock
}

/**
 * Builds one instance of each declared table, seeded. Declarations are deduplicated by identity
 * (a shared table may be declared by its provider and by operations); two different tables with
 * one name are refused, since the name is their key in `sim.stats()`.
 */
export function createTableSet(specs: readonly AnyTableSpec[], context: TableSetContext): TableSet {
  const instances = new Map<AnyTableSpec, Table<unknown>>()
  const names = new Map<string, AnyTableSpec>()
  for (const spec of specs) {
    if (instances.has(spec)) continue
    if (names.has(spec.name))
      throw new Error(`two different tables are named "${spec.name}"; table names must be unique`)
    names.set(spec.name, spec)
    instances.set(spec, createTable(spec, context))
  }
  return {
    get<Row>(spec: TableSpec<Row>): Table<Row> {
      const table = instances.get(spec)
      if (!table)
        throw new TableError(
          'undeclared_table',
          spec.name,
          'not declared by this operation or its provider (add it to `tables`)',
        )
      return table as unknown as Table<Row>
    },
    counts: () => Object.fromEntries([...instances].map(([spec, t]) => [spec.name, t.size])),
  }
}

function createTable<Row>(spec: TableSpec<Row>, context: TableSetContext): Table<Row> {
  const { name, key } = spec
  const limit = spec.limit?.(context.config) ?? context.config.maxSessions
  if (!(limit >= 1) || (Number.isFinite(limit) && !Number.isSafeInteger(limit)))
    throw new RangeError(`table ${name}: limit must be an integer >= 1 or Infinity, got ${limit}`)
  /** Rows by key, oldest first (a `Map` keeps insertion order; `set` on a key keeps its place). */
  const rows = new Map<string, Row>()
  const seeded = new Set<string>()
  const indexes = new Map<string, Map<string, string>>(
    (spec.indexes ?? []).map((field) => [field, new Map()]),
  )
  const keyOf = (row: Row): unknown => (row as Record<string, unknown>)[key]

  const index = (row: Row, rowKey: string): void => {
    for (const [field, byValue] of indexes)
      byValue.set(String((row as Record<string, unknown>)[field]), rowKey)
  }
  const unindex = (row: Row, rowKey: string): void => {
    for (const [field, byValue] of indexes) {
      const value = String((row as Record<string, unknown>)[field])
      if (byValue.get(value) === rowKey) byValue.delete(value)
    }
  }
  const remove = (rowKey: string, row: Row): void => {
    rows.delete(rowKey)
    unindex(row, rowKey)
  }

  /** Expired rows go first (oldest forward, stopping at the first live one), then the cap. */
  const housekeep = (): void => {
    const { forgetAt } = spec
    if (forgetAt) {
      const now = context.clock.now()
      for (const [rowKey, row] of rows) {
        if (seeded.has(rowKey)) continue
        if (forgetAt(row, context.config) > now) break
        remove(rowKey, row)
      }
    }
    let excess = rows.size - seeded.size - limit
    if (excess <= 0) return
    for (const [rowKey, row] of rows) {
      if (excess <= 0) break
      if (seeded.has(rowKey)) continue
      remove(rowKey, row)
      excess -= 1
    }
  }

  const table: Table<Row> = {
    get: (rowKey) => rows.get(rowKey),
    findBy(field, value) {
      const byValue = indexes.get(field)
      if (!byValue) throw new Error(`table ${name}: "${field}" is not an index`)
      const rowKey = byValue.get(value)
      return rowKey === undefined ? undefined : rows.get(rowKey)
    },
    insert(row) {
      const rowKey = keyOf(row)
      if (typeof rowKey !== 'string' || rowKey === '')
        throw new TableError('missing_key', name, `"${key}" must be a non-empty string`)
      if (rows.has(rowKey))
        throw new TableError('duplicate_key', name, `"${key}" "${rowKey}" already exists`)
      const stored = seal(row)
      rows.set(rowKey, stored)
      index(stored, rowKey)
      housekeep()
      return stored
    },
    update(rowKey, patch) {
      const prev = rows.get(rowKey)
      if (prev === undefined) return undefined
      const next = { ...prev } as Record<string, unknown>
      for (const [field, value] of Object.entries(patch)) {
        if (value === undefined) continue
        if (field === key && value !== rowKey)
          throw new TableError('key_change', name, `"${key}" cannot change`)
        next[field] = value
      }
      const stored = seal(next as Row)
      unindex(prev, rowKey)
      rows.set(rowKey, stored)
      index(stored, rowKey)
      return stored
    },
    delete(rowKey) {
      const row = rows.get(rowKey)
      if (row === undefined) return false
      remove(rowKey, row)
      seeded.delete(rowKey)
      return true
    },
    get size() {
      return rows.size
    },
  }

  for (const row of spec.seed?.(context) ?? []) {
    const rowKey = keyOf(row)
    if (typeof rowKey !== 'string' || rowKey === '' || rows.has(rowKey))
      throw new TableError(
        'duplicate_key',
        name,
        `seed row "${String(rowKey)}" is missing or repeated`,
      )
    const stored = seal(row)
    rows.set(rowKey, stored)
    index(stored, rowKey)
    seeded.add(rowKey)
  }
  return table
}

/** Freezes a row, arrays copied first so the caller's array is not captured. */
function seal<Row>(row: Row): Row {
  const copy = { ...row } as Record<string, unknown>
  for (const [field, value] of Object.entries(copy))
    if (Array.isArray(value)) copy[field] = Object.freeze(value.slice())
  return Object.freeze(copy) as Row
}
