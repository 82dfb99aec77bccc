import { describe, expect, it } from 'vitest'
import { createClock, InvalidTimeError, isInvalidTimeError, parseInstant } from './clock.js'

/** A fake "real" time source the test moves by hand. */
function fakeRealTime(start = 1_700_000_000_000) {
  let t = start
  return {
    now: () => t,
    tick: (ms: number) => {
      t += ms
    },
  }
}

describe('createClock', () => {
  it('follows real time with no offset by default', () => {
    const real = fakeRealTime()
    const clock = createClock({ now: real.now })
    expect(clock.now()).toBe(1_700_000_000_000)
    real.tick(1234)
    expect(clock.now()).toBe(1_700_000_001_234)
    expect(clock.toJSON()).toEqual({
      now: new Date(1_700_000_001_234).toISOString(),
      now_ms: 1_700_000_001_234,
      offset_ms: 0,
      frozen: false,
    })
  })

  it('starts at the given instant and keeps running with real time', () => {
    const real = fakeRealTime()
    const clock = createClock({ now: real.now, start: '2025-01-01T00:00:00Z' })
    const start = Date.UTC(2025, 0, 1)
    expect(clock.now()).toBe(start)
    real.tick(500)
    expect(clock.now()).toBe(start + 500)
    expect(clock.toJSON().offset_ms).toBe(start - 1_700_000_000_000)
  })

  it('advance moves time forward by exactly the amount, on top of real time', () => {
    const real = fakeRealTime()
    const clock = createClock({ now: real.now })
    clock.advance(600_000)
    expect(clock.now()).toBe(1_700_000_600_000)
    real.tick(1)
    expect(clock.now()).toBe(1_700_000_600_001)
    expect(clock.toJSON().offset_ms).toBe(600_000)
  })

  it('freeze pins the instant against real time, but advance and set still move it', () => {
    const real = fakeRealTime()
    const clock = createClock({ now: real.now })
    clock.freeze(true)
    real.tick(10_000)
    expect(clock.now()).toBe(1_700_000_000_000)
    expect(clock.toJSON().frozen).toBe(true)

    clock.advance(90_000)
    expect(clock.now()).toBe(1_700_000_090_000)
    real.tick(10_000)
    expect(clock.now()).toBe(1_700_000_090_000)

    clock.set('2030-06-15T12:00:00.250Z')
    expect(clock.now()).toBe(Date.UTC(2030, 5, 15, 12, 0, 0, 250))
    expect(clock.toJSON().frozen).toBe(true)
  })

  it('unfreezing resumes from the pinned instant, not from where real time went', () => {
    const real = fakeRealTime()
    const clock = createClock({ now: real.now })
    clock.freeze(true)
    real.tick(60_000)
    clock.freeze(false)
    expect(clock.now()).toBe(1_700_000_000_000)
    real.tick(5)
    expect(clock.now()).toBe(1_700_000_000_005)
  })

  it('freeze is idempotent', () => {
    const real = fakeRealTime()
    const clock = createClock({ now: real.now })
    clock.freeze(true)
    real.tick(100)
    clock.freeze(true)
    expect(clock.now()).toBe(1_700_000_000_000)
    clock.freeze(false)
    clock.freeze(false)
    real.tick(1)
    expect(clock.now()).toBe(1_700_000_000_001)
  })

  it('set accepts epoch ms and ISO with offsets', () => {
    const clock = createClock({ now: fakeRealTime().now })
    clock.set(0)
    expect(clock.now()).toBe(0)
    clock.set('2025-01-01T10:00:00+05:30')
    expect(clock.now()).toBe(Date.UTC(2025, 0, 1, 4, 30))
    clock.set('2025-03-09')
    expect(clock.now()).toBe(Date.UTC(2025, 2, 9))
  })

  it('reset returns to the creation configuration', () => {
    const real = fakeRealTime()
    const clock = createClock({ now: real.now, start: 1_000, frozen: true })
    clock.freeze(false)
    clock.advance(50)
    real.tick(999)
    expect(clock.now()).toBe(2_049)
    clock.reset()
    expect(clock.now()).toBe(1_000)
    expect(clock.toJSON().frozen).toBe(true)
    real.tick(999)
    expect(clock.now()).toBe(1_000)
  })

  it('reset without a start goes back to real time', () => {
    const real = fakeRealTime()
    const clock = createClock({ now: real.now })
    clock.advance(1e9)
    clock.freeze(true)
    clock.reset()
    expect(clock.toJSON()).toMatchObject({ now_ms: 1_700_000_000_000, offset_ms: 0, frozen: false })
  })

  it('rejects invalid input with InvalidTimeError (a RangeError) and leaves the clock unchanged', () => {
    const clock = createClock({ now: fakeRealTime().now })
    const bad: Array<() => void> = [
      () => clock.advance(Number.NaN),
      () => clock.advance(Number.POSITIVE_INFINITY),
      () => clock.set(Number.NaN),
      () => clock.set('yesterday'),
      () => clock.set('2025-02-30'),
      () => clock.set('2025-01-01T10:00:00'), // no zone: would be host-local with Date.parse
      () => clock.set('2025-01-01T24:00:00Z'),
      () => clock.set(9e15),
      () => clock.advance(9e15),
    ]
    for (const call of bad) {
      let caught: unknown
      try {
        call()
      } catch (error) {
        caught = error
      }
      expect(caught).toBeInstanceOf(RangeError)
      expect(caught).toBeInstanceOf(InvalidTimeError)
      expect(isInvalidTimeError(caught)).toBe(true)
    }
    expect(clock.now()).toBe(1_700_000_000_000)
  })

  it('rejects an invalid start at creation', () => {
    expect(() => createClock({ start: 'soon' })).toThrow(InvalidTimeError)
  })

  it('reads Date.now by default', () => {
    const before = Date.now()
    const now = createClock().now()
    expect(now).toBeGreaterThanOrEqual(before)
    expect(now).toBeLessThanOrEqual(Date.now())
  })
})

describe('parseInstant', () => {
  it('handles leap days and fractional seconds', () => {
    expect(parseInstant('2024-02-29T00:00:00Z')).toBe(Date.UTC(2024, 1, 29))
    expect(() => parseInstant('2023-02-29T00:00:00Z')).toThrow(InvalidTimeError)
    expect(parseInstant('2025-01-01T00:00:00.123456Z')).toBe(Date.UTC(2025, 0, 1, 0, 0, 0, 123))
    expect(parseInstant('2025-01-01T00:00Z')).toBe(Date.UTC(2025, 0, 1))
    expect(parseInstant('2025-01-01T00:00:00-01:00')).toBe(Date.UTC(2025, 0, 1, 1))
  })
})
