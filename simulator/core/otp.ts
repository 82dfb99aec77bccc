/**
 * One OTP lifecycle engine for both providers.
 *
 * Surepass CKYC download and Eko AePS eKYC both "send" an OTP that the client must echo back.
 * Expiry, attempt counting, locking, single use, "only the latest OTP is valid" and resend
 * cool-downs are the same problem in both, so they live here once; provider modules only map
 * the engine's outcomes to their own error envelopes. The engine also backs the QA inbox
 * (`GET /__sim/otps`), where testers read the OTP that was "sent".
 */

import type { SimClock } from './clock.js'
import { constantTimeEqual } from './constant-time-equal.js'
import type { SimRandom } from './random.js'
import {
  isCount,
  isFiniteNumber,
  isNonEmptyString,
  isString,
  StateError,
  stateArray,
  stateField,
  stateObject,
} from './state-error.js'

/** Which provider issued an OTP; shown in the inbox and usable as a filter. */
export type OtpProvider = 'surepass' | 'eko'

/**
 * Lifecycle of an OTP as the inbox shows it. `expired` is never stored: it is computed against
 * the clock, so advancing the clock past `expires_at` changes what the inbox reads.
 */
export type OtpStatus = 'pending' | 'used' | 'expired' | 'locked' | 'superseded'

/** How long an OTP lives, how often it may be tried and re-sent. */
export interface OtpPolicy {
  /** Validity from issue, in ms. The OTP is expired when `now >= issued_at + ttlMs`. */
  ttlMs: number
  /** Wrong codes tolerated per OTP; the OTP locks when they are used up. */
  maxAttempts: number
  /** Minimum time between two issues for the same subject, in ms (0 disables). */
  resendCooldownMs: number
  /** Digits in a generated OTP (ignored when a fixed OTP is configured). */
  length: number
}

/**
 * CERSAI's CKYC OTP rules as relayed by HyperVerge [3P] (Surepass's CKYC Download doc page, share.apidog.com/apidoc/docs-site/750756/ckyc-download-18110308e0): valid 10 minutes,
 * 3 validation attempts per OTP, 90 s between resends, 6 digits. Eko documents none of these,
 * so the Eko flow reuses them as [INF] defaults unless it passes its own policy.
 */
export const DEFAULT_OTP_POLICY: Readonly<OtpPolicy> = Object.freeze({
  ttlMs: 600_000,
  maxAttempts: 3,
  resendCooldownMs: 90_000,
  length: 6,
})

/** How long a record stays readable in the inbox after it expires, by default (1 h). */
export const DEFAULT_OTP_RETENTION_MS = 3_600_000

/** Hard cap on stored OTP records, by default; the oldest are evicted beyond it. */
export const DEFAULT_OTP_MAX_RECORDS = 50_000

/** Inbox entries returned when the filter gives no `limit`. */
export const DEFAULT_INBOX_LIMIT = 100

/** A read-only snapshot of one OTP, with its status computed at the time of the call. */
export interface OtpRecord {
  readonly provider: OtpProvider
  /** Contract operation that issued it, e.g. `surepass.ckyc-v2.generate-otp`. */
  readonly operation: string
  /** The id the provider returned for this OTP (Surepass download `client_id`, Eko `otp_ref_id`). */
  readonly ref: string
  /** Where the OTP was "sent"; null when the provider does not say. */
  readonly phone: string | null
  /** What "only the latest OTP is valid" and the cool-down are keyed on. */
  readonly subject: string
  readonly otp: string
  /** Epoch ms, by the simulator clock. */
  readonly issuedAt: number
  /** Epoch ms; expired from this instant on. */
  readonly expiresAt: number
  readonly maxAttempts: number
  readonly attemptsLeft: number
  readonly status: OtpStatus
}

/** What to issue. */
export interface OtpIssueRequest {
  provider: OtpProvider
  operation: string
  /** Unique id the provider returns for this OTP. Issuing an existing ref throws. */
  ref: string
  phone: string | null
  /** Key for superseding and cool-down: e.g. the Surepass search `client_id`, the Eko `user_code`. */
  subject: string
  /** Overrides of the engine's policy for this OTP only. */
  policy?: Partial<OtpPolicy>
}

/** Outcome of {@link OtpEngine.issue}. */
export type OtpIssueResult =
  | { ok: true; record: OtpRecord }
  | { ok: false; reason: 'cooldown'; retryAfterMs: number }

/** Why a verification failed. */
export type OtpVerifyFailure =
  | 'not_found'
  | 'expired'
  | 'locked'
  | 'used'
  | 'superseded'
  | 'mismatch'

/** Outcome of {@link OtpEngine.verify}. */
export type OtpVerifyResult =
  | { ok: true; record: OtpRecord }
  | { ok: false; reason: OtpVerifyFailure; attemptsLeft: number; record?: OtpRecord }

/** One row of `GET /__sim/otps`; snake_case and ISO times because it is wire format. */
export interface OtpInboxEntry {
  provider: OtpProvider
  operation: string
  ref: string
  phone: string | null
  otp: string
  issued_at: string
  expires_at: string
  attempts_left: number
  status: OtpStatus
}

/** Inbox filter; all given fields must match. */
export interface OtpInboxFilter {
  ref?: string
  phone?: string
  /** An {@link OtpProvider}; any other text (e.g. a raw query parameter) simply matches nothing. */
  provider?: string
  subject?: string
  /** Most entries returned (newest first). Default {@link DEFAULT_INBOX_LIMIT}; `Infinity` for all. */
  limit?: number
}

/** Options of {@link createOtpEngine}. */
export interface OtpEngineOptions {
  clock: SimClock
  /** Source of OTP digits. Pass a dedicated fork (`random.fork('otp')`) so ids do not shift OTPs. */
  random: SimRandom
  /** Overrides of {@link DEFAULT_OTP_POLICY} for every issue. */
  policy?: Partial<OtpPolicy>
  /** When set, every OTP is this code (CLI `--otp`), for demos and scripted QA. */
  fixedOtp?: string
  /** Time after expiry a record stays in the inbox before it may be pruned. Default 1 h. */
  retentionMs?: number
  /** Hard cap on stored records; oldest evicted first. Default 50,000. */
  maxRecords?: number
}

/** The OTP engine. Every method is synchronous, so no two requests can interleave inside one. */
export interface OtpEngine {
  /**
   * Issues an OTP for `ref`. Supersedes the subject's previous OTP if it is still pending.
   * Refused with `cooldown` within `resendCooldownMs` of the subject's last issue.
   */
  issue(request: OtpIssueRequest): OtpIssueResult
  /**
   * Checks `code` against the OTP issued as `ref`. A wrong code costs an attempt; the last wrong
   * code locks the OTP, after which even the right code is refused. The right code marks it used
   * (single use). Refusals that are not a wrong code (expired, locked, used, superseded,
   * not_found) cost nothing.
   */
  verify(ref: string, code: string): OtpVerifyResult
  /** The OTP issued as `ref`, without side effects. */
  peek(ref: string): OtpRecord | undefined
  /** QA inbox, newest first. */
  inbox(filter?: OtpInboxFilter): OtpInboxEntry[]
  /** Stored records (including expired ones not yet pruned). */
  size(): number
  /** Forgets every OTP, cool-down and counter. */
  reset(): void
  /** Everything the engine holds, as plain data (a snapshot saves it). */
  dump(): OtpEngineState
  /**
   * Replaces everything with a {@link dump}ed state. Checks it all first and throws a
   * `StateError` naming the bad field, leaving the engine as it was.
   */
  load(state: unknown, path?: string): void
}

/** One stored OTP as a snapshot holds it. */
export interface OtpStateRecord {
  provider: OtpProvider
  operation: string
  ref: string
  phone: string | null
  subject: string
  otp: string
  issuedAt: number
  expiresAt: number
  maxAttempts: number
  attemptsLeft: number
  state: 'pending' | 'used' | 'locked' | 'superseded'
}

/** What {@link OtpEngine.dump} returns: the records in issue order and the per-subject counters. */
export interface OtpEngineState {
  records: OtpStateRecord[]
  subjects: {
    provider: OtpProvider
    subject: string
    latestRef: string
    lastIssuedAt: number
  }[]
}

type StoredState = 'pending' | 'used' | 'locked' | 'superseded'

interface StoredOtp {
  readonly provider: OtpProvider
  readonly operation: string
  readonly ref: string
  readonly phone: string | null
  readonly subject: string
  readonly subjectKey: string
  readonly otp: string
  readonly issuedAt: number
  readonly expiresAt: number
  readonly maxAttempts: number
  attemptsLeft: number
  state: StoredState
}

interface SubjectState {
  latestRef: string
  lastIssuedAt: number
}

function resolvePolicy(
  base: Readonly<OtpPolicy>,
  override: Partial<OtpPolicy> | undefined,
): OtpPolicy {
  const policy: OtpPolicy = { ...base }
  if (override) {
    for (const [key, value] of Object.entries(override) as Array<
      [keyof OtpPolicy, number | undefined]
    >) {
      if (value !== undefined) policy[key] = value
    }
  }
  const positiveInt = (n: number) => Number.isSafeInteger(n) && n >= 1
  if (!(Number.isFinite(policy.ttlMs) && policy.ttlMs > 0)) {
    throw new RangeError(
      `OTP policy: ttlMs must be a positive finite number, got ${String(policy.ttlMs)}`,
    )
  }
  if (!positiveInt(policy.maxAttempts)) {
    throw new RangeError(
      `OTP policy: maxAttempts must be an integer >= 1, got ${String(policy.maxAttempts)}`,
    )
  }
  if (!(Number.isFinite(policy.resendCooldownMs) && policy.resendCooldownMs >= 0)) {
    throw new RangeError(
      `OTP policy: resendCooldownMs must be a finite number >= 0, got ${String(policy.resendCooldownMs)}`,
    )
  }
  if (!positiveInt(policy.length) || policy.length > 32) {
    throw new RangeError(
      `OTP policy: length must be an integer in [1, 32], got ${String(policy.length)}`,
    )
  }
  return policy
}

function statusAt(record: StoredOtp, now: number): OtpStatus {
  if (record.state === 'pending' && now >= record.expiresAt) return 'expired'
  return record.state
}

function snapshot(record: StoredOtp, now: number): OtpRecord {
  return {
    provider: record.provider,
    operation: record.operation,
    ref: record.ref,
    phone: record.phone,
    subject: record.subject,
    otp: record.otp,
    issuedAt: record.issuedAt,
    expiresAt: record.expiresAt,
    maxAttempts: record.maxAttempts,
    attemptsLeft: record.attemptsLeft,
    status: statusAt(record, now),
  }
}

/** The inbox's wire form of a record: its snapshot, snake_case, times as ISO text. */
function toInboxEntry(record: StoredOtp, now: number): OtpInboxEntry {
  const {
    subject: _subject,
    issuedAt,
    expiresAt,
    maxAttempts: _max,
    attemptsLeft,
    status,
    ...rest
  } = snapshot(record, now)
  return {
    ...rest,
    issued_at: new Date(issuedAt).toISOString(),
    expires_at: new Date(expiresAt).toISOString(),
    attempts_left: attemptsLeft,
    status,
  }
}

/**
 * Creates an OTP engine over a clock and a random stream.
 *
 * State is bounded: records live in a `Map` in issue order, so each `issue` prunes from the
 * front while the oldest record is past `expires_at + retentionMs` (amortised O(1): each record
 * is deleted once), and a hard cap evicts the oldest beyond `maxRecords`. Lookups by ref are O(1).
 */
export function createOtpEngine(options: OtpEngineOptions): OtpEngine {
  const { clock, random, fixedOtp } = options
  const basePolicy = resolvePolicy(DEFAULT_OTP_POLICY, options.policy)
  const retentionMs = options.retentionMs ?? DEFAULT_OTP_RETENTION_MS
  const maxRecords = options.maxRecords ?? DEFAULT_OTP_MAX_RECORDS
  if (!(Number.isFinite(retentionMs) && retentionMs >= 0)) {
    throw new RangeError(
      `OTP engine: retentionMs must be a finite number >= 0, got ${String(retentionMs)}`,
    )
  }
  if (!(Number.isSafeInteger(maxRecords) && maxRecords >= 1)) {
    throw new RangeError(
      `OTP engine: maxRecords must be an integer >= 1, got ${String(maxRecords)}`,
    )
  }
  if (fixedOtp !== undefined && (typeof fixedOtp !== 'string' || fixedOtp.length === 0)) {
    throw new RangeError('OTP engine: fixedOtp must be a non-empty string')
  }

  /** All records by ref, in issue order (oldest first). */
  const records = new Map<string, StoredOtp>()
  /** Per subject: its latest ref and last issue time. Never outlives its latest record. */
  const subjects = new Map<string, SubjectState>()

  const forget = (record: StoredOtp): void => {
    records.delete(record.ref)
    const subject = subjects.get(record.subjectKey)
    if (subject && subject.latestRef === record.ref) subjects.delete(record.subjectKey)
  }

  const prune = (now: number): void => {
    for (const record of records.values()) {
      // Stop at the first record still worth keeping: amortised O(1) per issue. Per-issue TTLs
      // or a clock moved backwards can leave an older record behind it; the cap bounds that.
      if (record.expiresAt + retentionMs > now) break
      forget(record)
    }
    for (const record of records.values()) {
      if (records.size <= maxRecords) break
      forget(record)
    }
  }

  return {
    issue(request) {
      const policy = resolvePolicy(basePolicy, request.policy)
      const now = clock.now()
      if (records.has(request.ref)) {
        throw new Error(
          `OTP ref "${request.ref}" was already issued; refs must be unique (see IdFactory.unique)`,
        )
      }
      const subjectKey = `${request.provider}\u0000${request.subject}`
      const subject = subjects.get(subjectKey)
      if (subject) {
        const elapsed = now - subject.lastIssuedAt
        // A clock moved backwards (elapsed < 0) does not extend the cool-down.
        if (elapsed >= 0 && elapsed < policy.resendCooldownMs) {
          return { ok: false, reason: 'cooldown', retryAfterMs: policy.resendCooldownMs - elapsed }
        }
        const previous = records.get(subject.latestRef)
        if (previous && previous.state === 'pending' && now < previous.expiresAt)
          previous.state = 'superseded'
      }

      const record: StoredOtp = {
        provider: request.provider,
        operation: request.operation,
        ref: request.ref,
        phone: request.phone,
        subject: request.subject,
        subjectKey,
        otp: fixedOtp ?? random.digits(policy.length),
        issuedAt: now,
        expiresAt: now + policy.ttlMs,
        maxAttempts: policy.maxAttempts,
        attemptsLeft: policy.maxAttempts,
        state: 'pending',
      }
      records.set(record.ref, record)
      subjects.set(subjectKey, {
        latestRef: record.ref,
        lastIssuedAt: now,
      })
      prune(now)
      return { ok: true, record: snapshot(record, now) }
    },

    verify(ref, code) {
      const record = records.get(ref)
      if (!record) return { ok: false, reason: 'not_found', attemptsLeft: 0 }
      const now = clock.now()
      const fail = (reason: OtpVerifyFailure): OtpVerifyResult => ({
        ok: false,
        reason,
        attemptsLeft: record.attemptsLeft,
        record: snapshot(record, now),
      })
      if (record.state === 'used') return fail('used')
      if (record.state === 'locked') return fail('locked')
      if (record.state === 'superseded') return fail('superseded')
      if (now >= record.expiresAt) return fail('expired')
      if (!constantTimeEqual(String(code), record.otp)) {
        record.attemptsLeft -= 1
        if (record.attemptsLeft <= 0) record.state = 'locked'
        return fail('mismatch')
      }
      record.state = 'used'
      // A completed flow starts afresh: no cool-down or issue count carries over.
      const subject = subjects.get(record.subjectKey)
      if (subject && subject.latestRef === ref) subjects.delete(record.subjectKey)
      return { ok: true, record: snapshot(record, now) }
    },

    peek(ref) {
      const record = records.get(ref)
      return record ? snapshot(record, clock.now()) : undefined
    },

    inbox(filter = {}) {
      const now = clock.now()
      const limit = filter.limit ?? DEFAULT_INBOX_LIMIT
      const matches = (record: StoredOtp): boolean =>
        (filter.phone === undefined || record.phone === filter.phone) &&
        (filter.provider === undefined || record.provider === filter.provider) &&
        (filter.subject === undefined || record.subject === filter.subject)
      if (filter.ref !== undefined) {
        const record = records.get(filter.ref)
        return record && matches(record) && limit > 0 ? [toInboxEntry(record, now)] : []
      }
      const all = Array.from(records.values())
      const out: OtpInboxEntry[] = []
      for (let i = all.length - 1; i >= 0 && out.length < limit; i--) {
        const record = all[i]!
        if (matches(record)) out.push(toInboxEntry(record, now))
      }
      return out
    },

    size: () => records.size,

    reset() {
      records.clear()
      subjects.clear()
    },

    dump() {
      return {
        records: [...records.values()].map(({ subjectKey: _, ...record }) => ({ ...record })),
        subjects: [...subjects].map(([key, s]) => {
          const [provider, subject] = key.split('\u0000') as [OtpProvider, string]
          return { provider, subject, ...s }
        }),
      }
    },

    load(state, path = '') {
      const { records: loadedRecords, subjects: loadedSubjects } = readOtpState(state, path)
      if (loadedRecords.length > maxRecords)
        throw new StateError(
          `${path}/records`,
          `more than the ${maxRecords} records the engine keeps`,
        )
      records.clear()
      subjects.clear()
      for (const record of loadedRecords) records.set(record.ref, record)
      for (const [key, subject] of loadedSubjects) subjects.set(key, subject)
    },
  }
}

const PROVIDERS: readonly string[] = ['surepass', 'eko']
const STORED_STATES: readonly string[] = ['pending', 'used', 'locked', 'superseded']

/** Reads a dumped OTP state, checking every field and that subjects point at their records. */
function readOtpState(
  state: unknown,
  path: string,
): { records: StoredOtp[]; subjects: Map<string, SubjectState> } {
  const root = stateObject(state, path)
  const records: StoredOtp[] = []
  const refs = new Set<string>()
  for (const [i, item] of stateArray(root.records, `${path}/records`).entries()) {
    const at = `${path}/records/${i}`
    const r = stateObject(item, at)
    const field = <T>(name: string, ok: (v: unknown) => boolean, must: string) =>
      stateField<T>(r[name], `${at}/${name}`, ok, must)
    const ref = field<string>('ref', isNonEmptyString, 'a non-empty string')
    if (refs.has(ref)) throw new StateError(`${at}/ref`, `ref "${ref}" appears twice`)
    refs.add(ref)
    const provider = field<OtpProvider>(
      'provider',
      (v) => PROVIDERS.includes(v as string),
      'surepass or eko',
    )
    const subject = field<string>('subject', isString, 'a string')
    const maxAttempts = field<number>('maxAttempts', isCount, 'a count')
    records.push({
      provider,
      operation: field<string>('operation', isString, 'a string'),
      ref,
      phone: field<string | null>('phone', (v) => v === null || isString(v), 'a string or null'),
      subject,
      subjectKey: `${provider}\u0000${subject}`,
      otp: field<string>('otp', isNonEmptyString, 'a non-empty string'),
      issuedAt: field<number>('issuedAt', isFiniteNumber, 'epoch ms'),
      expiresAt: field<number>('expiresAt', isFiniteNumber, 'epoch ms'),
      maxAttempts,
      attemptsLeft: field<number>(
        'attemptsLeft',
        (v) => isCount(v) && (v as number) <= maxAttempts,
        `a count up to maxAttempts`,
      ),
      state: field<StoredState>(
        'state',
        (v) => STORED_STATES.includes(v as string),
        STORED_STATES.join(', '),
      ),
    })
  }
  const subjects = new Map<string, SubjectState>()
  for (const [i, item] of stateArray(root.subjects, `${path}/subjects`).entries()) {
    const at = `${path}/subjects/${i}`
    const s = stateObject(item, at)
    const provider = stateField<OtpProvider>(
      s.provider,
      `${at}/provider`,
      (v) => PROVIDERS.includes(v as string),
      'surepass or eko',
    )
    const subject = stateField<string>(s.subject, `${at}/subject`, isString, 'a string')
    const latestRef = stateField<string>(s.latestRef, `${at}/latestRef`, isNonEmptyString, 'a ref')
    if (!refs.has(latestRef))
      throw new StateError(`${at}/latestRef`, `no OTP record has ref "${latestRef}"`)
    subjects.set(`${provider}\u0000${subject}`, {
      latestRef,
      lastIssuedAt: stateField<number>(
        s.lastIssuedAt,
        `${at}/lastIssuedAt`,
        isFiniteNumber,
        'epoch ms',
      ),
    })
  }
  return { records, subjects }
}
