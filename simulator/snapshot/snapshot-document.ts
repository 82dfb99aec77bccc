import { isRandomState, parseInstant, type OtpEngineState, type SimClock } from '../core/index.js'
import type { ScenarioRule } from '../pipeline/scenarios.js'
import type { TableState } from '../pipeline/table.js'
import { SnapshotError } from './snapshot-error.js'

/** The `format` of every snapshot document. */
export const SNAPSHOT_FORMAT = 'fintwin-snapshot'
/**
 * The version of the document's shape. A snapshot of another version is refused (400) rather
 * than half-read: bump it whenever a part below changes meaning.
 */
export const SNAPSHOT_VERSION = 1

/**
 * One sandbox's whole state as data (`GET /__sim/snapshot`): every declared table's rows (so
 * the state of an operation added later is in it without a line here), the OTP engine, where
 * the seeded id and OTP streams are (ids drawn after a restore never repeat), the clock's
 * offset or freeze, the scenario rules. Not the journal: it is a log of requests, not state.
 *
 * Only `format` and `version` are required on a restore: a part left out starts as after a
 * reset (no OTPs, seeded tables, fresh streams, no rules, the clock as configured), so a
 * hand-written document can set just the clock and some rules. A table left out of `tables`
 * keeps its seeded rows (a snapshot from before an operation was added still loads).
 */
export interface SimulatorSnapshot {
  format: typeof SNAPSHOT_FORMAT
  version: typeof SNAPSHOT_VERSION
  /** The fintwin that wrote it (informative; `version` decides compatibility). */
  simulator_version: string
  /** Real time it was taken, ISO 8601. */
  taken_at: string
  /** The seed of the simulator it is of; a restore into another seed is refused. */
  seed: string
  /** Simulated minus real time while running; or, frozen, the pinned instant (offset null). */
  clock: { offset_ms: number; frozen_at: null } | { offset_ms: null; frozen_at: number }
  /** The seeded streams' positions, by name. */
  random: Record<string, [number, number, number, number]>
  otp: OtpEngineState
  tables: Record<string, TableState>
  scenarios: ScenarioRule[]
  /** Added by a state dir: which sandbox this is and how to re-create it. */
  sandbox?: unknown
}

const TOP_LEVEL = new Set([
  'format',
  'version',
  'simulator_version',
  'taken_at',
  'seed',
  'clock',
  'random',
  'otp',
  'tables',
  'scenarios',
  'sandbox',
])

/**
 * Checks the frame of a snapshot for a simulator of `seed` with these streams: format,
 * version, seed, clock and stream states. The parts (OTP, tables, scenarios) are checked by
 * their owners as they are loaded. Throws a {@link SnapshotError} naming each bad field.
 */
export function readSnapshotFrame(
  document: unknown,
  seed: string,
  streams: readonly string[],
): RestorableSnapshot {
  if (typeof document !== 'object' || document === null || Array.isArray(document))
    throw new SnapshotError('malformed', [{ path: '', message: 'must be a snapshot object' }])
  const doc = document as Record<string, unknown>
  if (doc.format !== SNAPSHOT_FORMAT)
    throw new SnapshotError('malformed', [
      {
        path: '/format',
        message: `must be "${SNAPSHOT_FORMAT}" (take one with GET /__sim/snapshot)`,
      },
    ])
  if (doc.version !== SNAPSHOT_VERSION)
    throw new SnapshotError('incompatible_version', [
      {
        path: '/version',
        message: `this fintwin reads snapshot version ${SNAPSHOT_VERSION}, not ${JSON.stringify(doc.version)}`,
      },
    ])
  const fields = Object.keys(doc)
    .filter((key) => !TOP_LEVEL.has(key))
    .map((key) => ({ path: `/${key}`, message: 'unknown field' }))
  const clock = doc.clock as Record<string, unknown> | undefined
  if (clock === undefined) {
    // left out: the clock as configured
  } else if (typeof clock !== 'object' || clock === null)
    fields.push({ path: '/clock', message: 'must be {"offset_ms","frozen_at"}' })
  else if (clock.frozen_at !== null && !validInstant(clock.frozen_at))
    fields.push({ path: '/clock/frozen_at', message: 'must be null or an epoch-ms instant' })
  else if (
    clock.frozen_at === null &&
    !(typeof clock.offset_ms === 'number' && validInstant(Date.UTC(2000, 0) + clock.offset_ms))
  )
    fields.push({ path: '/clock/offset_ms', message: 'must be a number of ms' })
  const random = doc.random as Record<string, unknown> | undefined
  if (random !== undefined)
    for (const name of streams)
      if (!isRandomState(random?.[name]))
        fields.push({ path: `/random/${name}`, message: 'must be four 32-bit unsigned integers' })
  for (const part of ['otp', 'tables'])
    if (doc[part] !== undefined && (typeof doc[part] !== 'object' || doc[part] === null))
      fields.push({ path: `/${part}`, message: 'must be an object' })
  if (doc.scenarios !== undefined && !Array.isArray(doc.scenarios))
    fields.push({ path: '/scenarios', message: 'must be an array' })
  if (fields.length > 0) throw new SnapshotError('malformed', fields)
  if (doc.seed !== undefined && doc.seed !== seed)
    throw new SnapshotError('inconsistent', [
      {
        path: '/seed',
        message: `the snapshot is of seed ${JSON.stringify(doc.seed)}, this sandbox runs seed "${seed}"; restore it into a sandbox created with {"seed": ${JSON.stringify(doc.seed)}}`,
      },
    ])
  return doc as unknown as RestorableSnapshot
}

/** What a restore reads: a {@link SimulatorSnapshot} whose parts may be left out. */
export type RestorableSnapshot = Pick<SimulatorSnapshot, 'format' | 'version'> &
  Partial<Omit<SimulatorSnapshot, 'format' | 'version'>>

function validInstant(value: unknown): boolean {
  try {
    parseInstant(value as number)
    return typeof value === 'number'
  } catch {
    return false
  }
}

/** The clock part of a snapshot. */
export function clockPart(clock: SimClock): SimulatorSnapshot['clock'] {
  const now = clock.toJSON()
  return now.frozen
    ? { offset_ms: null, frozen_at: now.now_ms }
    : { offset_ms: now.offset_ms, frozen_at: null }
}

/** Puts a checked clock part back: the same offset from real time, or the same pinned instant. */
export function restoreClock(clock: SimClock, saved: SimulatorSnapshot['clock']): void {
  if (saved.frozen_at !== null) {
    clock.freeze(true)
    clock.set(saved.frozen_at)
    return
  }
  clock.freeze(false)
  const now = clock.toJSON()
  clock.set(now.now_ms - now.offset_ms + saved.offset_ms)
}
