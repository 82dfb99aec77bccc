import { describe, expect, it } from 'vitest'
import { createClock } from './clock.js'
import { createRandom } from './random.js'
import {
  createOtpEngine,
  DEFAULT_INBOX_LIMIT,
  DEFAULT_OTP_POLICY,
  type OtpEngineOptions,
  type OtpIssueRequest,
} from './otp.js'

const T0 = Date.UTC(2025, 0, 1)

function setup(options: Partial<OtpEngineOptions> = {}) {
  const clock = createClock({ now: () => 0, start: T0, frozen: true })
  const engine = createOtpEngine({ clock, random: createRandom('otp-test'), ...options })
  return { clock, engine }
}

let refCounter = 0
function request(overrides: Partial<OtpIssueRequest> = {}): OtpIssueRequest {
  refCounter += 1
  return {
    provider: 'surepass',
    operation: 'surepass.ckyc-v2.generate-otp',
    ref: `ckyc_download_${refCounter}`,
    phone: '8939809876',
    subject: `ckyc_search_${refCounter}`,
    ...overrides,
  }
}

/** Issues and returns the record, failing the test if the engine refused. */
function issueOk(engine: ReturnType<typeof setup>['engine'], req: OtpIssueRequest) {
  const result = engine.issue(req)
  if (!result.ok) throw new Error(`expected issue to succeed, got ${result.reason}`)
  return result.record
}

/** A code guaranteed to differ from `otp`. */
const wrong = (otp: string) => otp.replace(/^./, (c) => (c === '0' ? '1' : '0'))

describe('DEFAULT_OTP_POLICY', () => {
  it('carries the CERSAI rules', () => {
    expect(DEFAULT_OTP_POLICY).toEqual({
      ttlMs: 600_000,
      maxAttempts: 3,
      resendCooldownMs: 90_000,
      length: 6,
    })
    expect(Object.isFrozen(DEFAULT_OTP_POLICY)).toBe(true)
  })
})

describe('issue', () => {
  it('creates a pending record with a 6-digit OTP valid for 10 minutes', () => {
    const { engine } = setup()
    const record = issueOk(engine, request({ ref: 'r1', subject: 's1' }))
    expect(record).toMatchObject({
      provider: 'surepass',
      ref: 'r1',
      subject: 's1',
      phone: '8939809876',
      issuedAt: T0,
      expiresAt: T0 + 600_000,
      maxAttempts: 3,
      attemptsLeft: 3,
      status: 'pending',
    })
    expect(record.otp).toMatch(/^\d{6}$/)
    expect(engine.peek('r1')).toEqual(record)
  })

  it('generates OTPs deterministically from the seed', () => {
    const a = setup().engine
    const b = setup().engine
    const otpsA = [1, 2, 3].map((i) => issueOk(a, request({ ref: `r${i}`, subject: `s${i}` })).otp)
    const otpsB = [1, 2, 3].map((i) => issueOk(b, request({ ref: `r${i}`, subject: `s${i}` })).otp)
    expect(otpsA).toEqual(otpsB)
    expect(new Set(otpsA).size).toBeGreaterThan(1)
  })

  it('uses the fixed OTP when configured', () => {
    const { engine } = setup({ fixedOtp: '123456' })
    expect(issueOk(engine, request()).otp).toBe('123456')
    expect(issueOk(engine, request()).otp).toBe('123456')
  })

  it('applies engine-level and per-issue policy overrides', () => {
    const { engine } = setup({ policy: { length: 4, maxAttempts: 5 } })
    const a = issueOk(engine, request())
    expect(a.otp).toMatch(/^\d{4}$/)
    expect(a.attemptsLeft).toBe(5)
    const b = issueOk(engine, request({ policy: { ttlMs: 1_000, length: 8 } }))
    expect(b.otp).toMatch(/^\d{8}$/)
    expect(b.expiresAt).toBe(T0 + 1_000)
    expect(b.attemptsLeft).toBe(5)
  })

  it('rejects invalid policies and options', () => {
    expect(() => setup({ policy: { ttlMs: 0 } })).toThrow(RangeError)
    expect(() => setup({ policy: { maxAttempts: 1.5 } })).toThrow(RangeError)
    expect(() => setup({ fixedOtp: '' })).toThrow(RangeError)
    expect(() => setup({ maxRecords: 0 })).toThrow(RangeError)
    const { engine } = setup()
    expect(() => engine.issue(request({ policy: { resendCooldownMs: -1 } }))).toThrow(RangeError)
    expect(engine.size()).toBe(0)
  })

  it('refuses a duplicate ref', () => {
    const { engine } = setup()
    issueOk(engine, request({ ref: 'dup' }))
    expect(() => engine.issue(request({ ref: 'dup' }))).toThrow(/already issued/)
  })

  it('supersedes the previous pending OTP of the same subject', () => {
    const { clock, engine } = setup()
    const first = issueOk(engine, request({ ref: 'a', subject: 'search-1' }))
    const other = issueOk(engine, request({ ref: 'x', subject: 'search-2' }))
    clock.advance(90_000)
    const second = issueOk(engine, request({ ref: 'b', subject: 'search-1' }))
    expect(engine.peek('a')?.status).toBe('superseded')
    expect(engine.peek('x')?.status).toBe('pending')

    const stale = engine.verify('a', first.otp)
    expect(stale).toMatchObject({ ok: false, reason: 'superseded', attemptsLeft: 3 })
    expect(engine.verify('x', other.otp).ok).toBe(true)
    expect(engine.verify('b', second.otp).ok).toBe(true)
  })

  it('keys subjects per provider', () => {
    const { engine } = setup()
    issueOk(engine, request({ provider: 'surepass', subject: 'same', ref: 'sp' }))
    expect(engine.issue(request({ provider: 'eko', subject: 'same', ref: 'ek' })).ok).toBe(true)
    expect(engine.peek('sp')?.status).toBe('pending')
  })

  it('refuses a resend within the cool-down and says how long to wait', () => {
    const { clock, engine } = setup()
    issueOk(engine, request({ ref: 'a', subject: 's' }))
    clock.advance(30_000)
    expect(engine.issue(request({ ref: 'b', subject: 's' }))).toEqual({
      ok: false,
      reason: 'cooldown',
      retryAfterMs: 60_000,
    })
    expect(engine.peek('b')).toBeUndefined()
    expect(engine.peek('a')?.status).toBe('pending') // a refused resend supersedes nothing
    clock.advance(59_999)
    expect(engine.issue(request({ ref: 'c', subject: 's' }))).toEqual({
      ok: false,
      reason: 'cooldown',
      retryAfterMs: 1,
    })
    clock.advance(1)
    expect(engine.issue(request({ ref: 'd', subject: 's' })).ok).toBe(true)
  })

  it('does not apply the cool-down after the subject verified successfully', () => {
    const { engine } = setup()
    const first = issueOk(engine, request({ ref: 'a', subject: 's' }))
    expect(engine.verify('a', first.otp).ok).toBe(true)
    expect(engine.issue(request({ ref: 'b', subject: 's' })).ok).toBe(true)
  })
})

describe('verify', () => {
  it('accepts the right code once (single use)', () => {
    const { engine } = setup()
    const record = issueOk(engine, request({ ref: 'r' }))
    const ok = engine.verify('r', record.otp)
    expect(ok).toMatchObject({ ok: true, record: { status: 'used', attemptsLeft: 3 } })
    expect(engine.verify('r', record.otp)).toMatchObject({ ok: false, reason: 'used' })
  })

  it('expires exactly at expires_at, by the clock', () => {
    const { clock, engine } = setup()
    const record = issueOk(engine, request({ ref: 'r' }))
    clock.advance(599_999)
    expect(engine.peek('r')?.status).toBe('pending')
    clock.advance(1)
    expect(engine.peek('r')?.status).toBe('expired')
    expect(engine.verify('r', record.otp)).toMatchObject({
      ok: false,
      reason: 'expired',
      attemptsLeft: 3,
    })
    // An expired OTP costs no attempt.
    expect(engine.verify('r', wrong(record.otp))).toMatchObject({
      reason: 'expired',
      attemptsLeft: 3,
    })
  })

  it('counts wrong codes down to a lock, after which the right code is refused', () => {
    const { engine } = setup()
    const record = issueOk(engine, request({ ref: 'r' }))
    expect(engine.verify('r', wrong(record.otp))).toMatchObject({
      ok: false,
      reason: 'mismatch',
      attemptsLeft: 2,
    })
    expect(engine.verify('r', '')).toMatchObject({ ok: false, reason: 'mismatch', attemptsLeft: 1 })
    const last = engine.verify('r', `${record.otp}0`)
    expect(last).toMatchObject({
      ok: false,
      reason: 'mismatch',
      attemptsLeft: 0,
      record: { status: 'locked' },
    })
    expect(engine.verify('r', record.otp)).toMatchObject({
      ok: false,
      reason: 'locked',
      attemptsLeft: 0,
    })
    expect(engine.peek('r')?.status).toBe('locked')
  })

  it('lets the right code through with attempts left', () => {
    const { engine } = setup()
    const record = issueOk(engine, request({ ref: 'r' }))
    engine.verify('r', wrong(record.otp))
    engine.verify('r', wrong(record.otp))
    expect(engine.verify('r', record.otp)).toMatchObject({
      ok: true,
      record: { attemptsLeft: 1, status: 'used' },
    })
  })

  it('answers not_found for an unknown ref', () => {
    const { engine } = setup()
    expect(engine.verify('nope', '000000')).toEqual({
      ok: false,
      reason: 'not_found',
      attemptsLeft: 0,
    })
  })

  it('compares whole codes: prefixes, extensions and leading zeros matter', () => {
    const { engine } = setup({ fixedOtp: '012345' })
    issueOk(engine, request({ ref: 'r', policy: { maxAttempts: 5 } }))
    expect(engine.verify('r', '01234').ok).toBe(false)
    expect(engine.verify('r', '0123456').ok).toBe(false)
    expect(engine.verify('r', '12345').ok).toBe(false)
    expect(engine.verify('r', '012345').ok).toBe(true)
  })

  it('snapshots do not change when the engine state changes later', () => {
    const { engine } = setup()
    const record = issueOk(engine, request({ ref: 'r' }))
    engine.verify('r', record.otp)
    expect(record.status).toBe('pending')
    expect(engine.peek('r')?.status).toBe('used')
  })
})

describe('inbox', () => {
  it('lists newest first in wire format with ISO times', () => {
    const { clock, engine } = setup({ fixedOtp: '999999' })
    issueOk(engine, request({ ref: 'old', phone: '9000000001' }))
    clock.advance(1_000)
    issueOk(
      engine,
      request({
        ref: 'new',
        phone: '9000000002',
        provider: 'eko',
        operation: 'eko.aeps.kyc-send-otp',
      }),
    )
    expect(engine.inbox()).toEqual([
      {
        provider: 'eko',
        operation: 'eko.aeps.kyc-send-otp',
        ref: 'new',
        phone: '9000000002',
        otp: '999999',
        issued_at: new Date(T0 + 1_000).toISOString(),
        expires_at: new Date(T0 + 601_000).toISOString(),
        attempts_left: 3,
        status: 'pending',
      },
      expect.objectContaining({
        ref: 'old',
        issued_at: '2025-01-01T00:00:00.000Z',
        expires_at: '2025-01-01T00:10:00.000Z',
      }),
    ])
  })

  it('filters by ref, phone, provider and subject, and honours limit', () => {
    const { engine } = setup()
    issueOk(engine, request({ ref: 'a', phone: 'p1', provider: 'surepass', subject: 's1' }))
    issueOk(engine, request({ ref: 'b', phone: 'p2', provider: 'eko', subject: 's2' }))
    issueOk(engine, request({ ref: 'c', phone: 'p1', provider: 'eko', subject: 's3' }))
    issueOk(engine, request({ ref: 'd', phone: null, provider: 'surepass', subject: 's4' }))
    const refs = (entries: Array<{ ref: string }>) => entries.map((e) => e.ref)
    expect(refs(engine.inbox({ ref: 'b' }))).toEqual(['b'])
    expect(refs(engine.inbox({ ref: 'b', provider: 'surepass' }))).toEqual([])
    expect(refs(engine.inbox({ ref: 'zz' }))).toEqual([])
    expect(refs(engine.inbox({ phone: 'p1' }))).toEqual(['c', 'a'])
    expect(refs(engine.inbox({ provider: 'eko' }))).toEqual(['c', 'b'])
    expect(refs(engine.inbox({ phone: 'p1', provider: 'surepass' }))).toEqual(['a'])
    expect(refs(engine.inbox({ subject: 's4' }))).toEqual(['d'])
    expect(refs(engine.inbox({ limit: 2 }))).toEqual(['d', 'c'])
    expect(refs(engine.inbox({ limit: 0 }))).toEqual([])
  })

  it('computes every status against the clock', () => {
    const { clock, engine } = setup({ fixedOtp: '111111' })
    issueOk(engine, request({ ref: 'used' }))
    engine.verify('used', '111111')
    issueOk(engine, request({ ref: 'locked', policy: { maxAttempts: 1 } }))
    engine.verify('locked', '000000')
    issueOk(engine, request({ ref: 'superseded', subject: 'S' }))
    clock.advance(90_000)
    issueOk(engine, request({ ref: 'pending', subject: 'S' }))
    issueOk(engine, request({ ref: 'short', policy: { ttlMs: 1 } }))
    clock.advance(1)
    const status = Object.fromEntries(engine.inbox().map((e) => [e.ref, e.status]))
    expect(status).toEqual({
      used: 'used',
      locked: 'locked',
      superseded: 'superseded',
      pending: 'pending',
      short: 'expired',
    })
    clock.advance(600_000)
    expect(engine.inbox({ ref: 'pending' })[0]?.status).toBe('expired')
  })

  it('does not mark an already-expired OTP as superseded', () => {
    const { clock, engine } = setup()
    issueOk(engine, request({ ref: 'a', subject: 's' }))
    clock.advance(600_000)
    issueOk(engine, request({ ref: 'b', subject: 's' }))
    expect(engine.peek('a')?.status).toBe('expired')
  })

  it('caps the default listing', () => {
    const { engine } = setup()
    for (let i = 0; i < DEFAULT_INBOX_LIMIT + 5; i++) issueOk(engine, request())
    expect(engine.inbox()).toHaveLength(DEFAULT_INBOX_LIMIT)
    expect(engine.inbox({ limit: Number.POSITIVE_INFINITY })).toHaveLength(DEFAULT_INBOX_LIMIT + 5)
  })
})

describe('bounded state', () => {
  it('prunes records past expiry + retention as the clock advances', () => {
    const { clock, engine } = setup({ retentionMs: 60_000 })
    issueOk(engine, request({ ref: 'old' }))
    clock.advance(600_000 + 59_999)
    issueOk(engine, request())
    expect(engine.peek('old')).toBeDefined() // still inside retention: readable as expired
    clock.advance(1)
    issueOk(engine, request())
    expect(engine.peek('old')).toBeUndefined()
    expect(engine.size()).toBe(2)
  })

  it('stays bounded over 20k issues with the clock advancing', () => {
    const { clock, engine } = setup({ retentionMs: 60_000 })
    // One issue per second: ttl 600 s + retention 60 s keeps about 660 records alive.
    let maxSize = 0
    for (let i = 0; i < 20_000; i++) {
      issueOk(engine, request())
      maxSize = Math.max(maxSize, engine.size())
      clock.advance(1_000)
    }
    expect(maxSize).toBeLessThanOrEqual(661)
    expect(maxSize).toBeGreaterThanOrEqual(660)
  })

  it('evicts the oldest beyond the hard cap, even when time stands still', () => {
    const { engine } = setup({ maxRecords: 100 })
    for (let i = 0; i < 1_000; i++) issueOk(engine, request({ ref: `r${i}`, subject: `s${i}` }))
    expect(engine.size()).toBe(100)
    expect(engine.peek('r899')).toBeUndefined()
    expect(engine.peek('r900')).toBeDefined()
    expect(engine.inbox({ limit: 1 })[0]?.ref).toBe('r999')
  })

  it('forgets cool-downs together with pruned records', () => {
    const { clock, engine } = setup({ maxRecords: 1, policy: { resendCooldownMs: 1e9 } })
    issueOk(engine, request({ ref: 'a', subject: 's' }))
    issueOk(engine, request({ ref: 'b', subject: 't' })) // evicts a, and with it s's cool-down
    clock.advance(1)
    expect(engine.issue(request({ ref: 'c', subject: 's' })).ok).toBe(true)
    expect(engine.issue(request({ ref: 'd', subject: 's' })).ok).toBe(false)
  })

  it('reset forgets records and cool-downs', () => {
    const { engine } = setup()
    issueOk(engine, request({ ref: 'a', subject: 's' }))
    engine.reset()
    expect(engine.size()).toBe(0)
    expect(engine.peek('a')).toBeUndefined()
    expect(engine.issue(request({ ref: 'a', subject: 's' })).ok).toBe(true)
  })
})
