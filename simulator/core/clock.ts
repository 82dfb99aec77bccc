/**
 * The simulator's only source of time.
 *
 * Every expiry, timestamp and token check in the simulator reads a {@link SimClock} so that
 * QA and tests can move time (`advance`, `set`, `freeze`) instead of sleeping. This is the only
 * module in `simulator/` allowed to read the host's real time (`Date.now`).
 */

/** Latest/earliest instants a JS `Date` can represent (±100,000,000 days around the epoch). */
const MAX_EPOCH_MS = 8.64e15

/**
 * Thrown when a clock is given an instant or a duration it cannot represent: a malformed ISO
 * string, a non-finite number, or an instant outside the `Date` range.
 *
 * A `RangeError` subclass so that callers can catch it generically, and a named class so that
 * the admin API can answer 400 for exactly this error and still let real bugs surface as 500.
 */
export class InvalidTimeError extends RangeError {
  override readonly name = 'InvalidTimeError'
  /** The rejected input, kept as given for error messages and logs. */
  readonly value: unknown

  constructor(message: string, value: unknown) {
    super(message)
    this.value = value
  }
}

/** Type guard for {@link InvalidTimeError}; works across realms where `instanceof` may not. */
export function isInvalidTimeError(error: unknown): error is InvalidTimeError {
  return (
    error instanceof InvalidTimeError ||
    (error instanceof Error && error.name === 'InvalidTimeError')
  )
}

/** What `GET /__sim/clock` returns; snake_case because it is wire format. */
export interface ClockState {
  /** Simulated now, ISO 8601 UTC. */
  now: string
  /** Simulated now, epoch milliseconds. */
  now_ms: number
  /** Simulated now minus real now, in milliseconds. */
  offset_ms: number
  /** Whether the simulated instant is pinned (real time does not move it). */
  frozen: boolean
}

/** Options of {@link createClock}. */
export interface ClockOptions {
  /**
   * Real time source in epoch ms. Defaults to `Date.now`; injected in tests so that even the
   * "real" half of the clock is deterministic.
   */
  now?: () => number
  /** Simulated instant at creation (and after `reset()`): epoch ms or ISO 8601. Default: real now. */
  start?: number | string
  /** Start frozen (and return to frozen on `reset()`), for fully deterministic runs. Default false. */
  frozen?: boolean
}

/**
 * A controllable clock: real time plus an offset, optionally frozen.
 *
 * Frozen pins the simulated instant so that nothing expires while a QA engineer inspects state;
 * `advance` and `set` still move it, which is how tests step through expiry windows.
 */
export interface SimClock {
  /** Simulated now in epoch milliseconds. */
  now(): number
  /** Snapshot for the admin API (`GET /__sim/clock`). */
  toJSON(): ClockState
  /** Moves simulated time by `ms` (may be negative). Works whether frozen or not. */
  advance(ms: number): void
  /** Jumps simulated time to an absolute instant (epoch ms or ISO 8601), keeping the frozen flag. */
  set(at: number | string): void
  /** Pins (`true`) or releases (`false`) the simulated instant; releasing resumes from where it was. */
  freeze(frozen: boolean): void
  /** Back to the configuration given at creation (start instant, frozen flag). */
  reset(): void
}

const ISO_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2}))?$/

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/**
 * Parses a strict ISO 8601 instant: `YYYY-MM-DD` (UTC midnight) or `YYYY-MM-DDTHH:MM[:SS[.fff]]`
 * followed by `Z` or `±HH:MM`.
 *
 * Stricter than `Date.parse` on purpose: `Date.parse` accepts free-form dates, rolls
 * `2025-02-30` over into March, and reads zone-less date-times in the host's local zone, which
 * would make the same admin request mean different instants on different machines.
 */
export function parseInstant(at: number | string): number {
  if (typeof at === 'number') {
    if (!Number.isFinite(at) || Math.abs(at) > MAX_EPOCH_MS) {
      throw new InvalidTimeError(
        `Invalid instant: ${String(at)} is not a finite epoch-ms value in the Date range`,
        at,
      )
    }
    return at
  }
  if (typeof at !== 'string') {
    throw new InvalidTimeError(
      `Invalid instant: expected epoch ms or an ISO 8601 string, got ${typeof at}`,
      at,
    )
  }
  const match = ISO_PATTERN.exec(at)
  if (!match) {
    throw new InvalidTimeError(
      `Invalid instant: "${at}" is not ISO 8601 (YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS[.fff]] with Z or ±HH:MM)`,
      at,
    )
  }
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone = 'Z'] = match
  const year = Number(y)
  const month = Number(mo)
  const day = Number(d)
  const hour = Number(h)
  const minute = Number(mi)
  const second = Number(s)
  const millis = Number(frac.slice(0, 3).padEnd(3, '0'))
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    throw new InvalidTimeError(
      `Invalid instant: "${at}" names a date or time that does not exist`,
      at,
    )
  }
  let offsetMinutes = 0
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1
    const zoneHours = Number(zone.slice(1, 3))
    const zoneMinutes = Number(zone.slice(4, 6))
    if (zoneHours > 23 || zoneMinutes > 59) {
      throw new InvalidTimeError(`Invalid instant: "${at}" has an impossible UTC offset`, at)
    }
    offsetMinutes = sign * (zoneHours * 60 + zoneMinutes)
  }
  const ms = Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000
  return parseInstant(ms)
}

function assertDuration(ms: number): void {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) {
    throw new InvalidTimeError(
      `Invalid duration: ${String(ms)} is not a finite number of milliseconds`,
      ms,
    )
  }
}

/**
 * Creates an independent clock. A factory, not a singleton: each simulator (and each test) owns
 * its own time, so parallel tests never move each other's clocks.
 */
export function createClock(options: ClockOptions = {}): SimClock {
  const realNow = options.now ?? (() => Date.now())
  const start = options.start === undefined ? undefined : parseInstant(options.start)
  const startFrozen = options.frozen ?? false

  /** Simulated minus real time, used while not frozen. */
  let offset = 0
  /** The pinned simulated instant while frozen, else null. */
  let frozenAt: number | null = null

  const now = (): number => frozenAt ?? realNow() + offset

  const reset = (): void => {
    const real = realNow()
    offset = start === undefined ? 0 : start - real
    frozenAt = startFrozen ? real + offset : null
  }

  /** Moves to `target` whether frozen or not, rejecting instants `Date` cannot represent. */
  const moveTo = (target: number): void => {
    parseInstant(target)
    if (frozenAt !== null) frozenAt = target
    else offset = target - realNow()
  }

  reset()

  return {
    now,
    toJSON() {
      const real = realNow()
      const at = frozenAt ?? real + offset
      return {
        now: new Date(at).toISOString(),
        now_ms: at,
        offset_ms: at - real,
        frozen: frozenAt !== null,
      }
    },
    advance(ms) {
      assertDuration(ms)
      moveTo(now() + ms)
    },
    set(at) {
      moveTo(parseInstant(at))
    },
    freeze(frozen) {
      if (frozen && frozenAt === null) {
        frozenAt = now()
      } else if (!frozen && frozenAt !== null) {
        offset = frozenAt - realNow()
        frozenAt = null
      }
    },
    reset,
  }
}
