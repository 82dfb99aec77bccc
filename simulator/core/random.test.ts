import { describe, expect, it } from 'vitest'
import { createIdFactory, createRandom } from './random.js'

const take = (n: number, f: () => number) => Array.from({ length: n }, f)

describe('createRandom', () => {
  it('replays the same sequence for the same seed', () => {
    const a = createRandom(42)
    const b = createRandom(42)
    expect(take(100, a.next)).toEqual(take(100, b.next))
    expect(a.letters(30)).toBe(b.letters(30))
    expect(a.digits(30)).toBe(b.digits(30))
  })

  it('treats a numeric seed and its text as the same seed', () => {
    expect(createRandom(7).letters(20)).toBe(createRandom('7').letters(20))
  })

  it('gives unrelated sequences for different (even adjacent) seeds', () => {
    const a = take(50, createRandom(1).next)
    const b = take(50, createRandom(2).next)
    const same = a.filter((x, i) => x === b[i]).length
    expect(same).toBe(0)
    expect(createRandom('a').letters(20)).not.toBe(createRandom('b').letters(20))
  })

  it('next() stays in [0, 1) and is roughly uniform', () => {
    const r = createRandom('uniform')
    const buckets = new Array<number>(10).fill(0)
    let outOfRange = 0
    for (let i = 0; i < 20_000; i++) {
      const x = r.next()
      if (!(x >= 0 && x < 1)) outOfRange += 1
      else buckets[Math.floor(x * 10)]! += 1
    }
    expect(outOfRange).toBe(0)
    for (const count of buckets) expect(count).toBeGreaterThan(1_800) // expected 2,000 each
  })

  it('int() covers both inclusive bounds and nothing outside', () => {
    const r = createRandom('int')
    const seen = new Set<number>()
    for (let i = 0; i < 2_000; i++) seen.add(r.int(-2, 2))
    expect([...seen].sort((x, y) => x - y)).toEqual([-2, -1, 0, 1, 2])
    expect(r.int(5, 5)).toBe(5)
    expect(() => r.int(3, 2)).toThrow(RangeError)
    expect(() => r.int(0, 1.5)).toThrow(RangeError)
    expect(() => r.int(0, 2 ** 33)).toThrow(RangeError)
  })

  it('digits() and letters() have the requested length and alphabet', () => {
    const r = createRandom('alpha')
    expect(r.digits(500)).toMatch(/^\d{500}$/)
    const letters = r.letters(2_000)
    expect(letters).toMatch(/^[A-Za-z]{2000}$/)
    expect(letters).toMatch(/[A-Z]/)
    expect(letters).toMatch(/[a-z]/)
    expect(r.digits(0)).toBe('')
    expect(() => r.digits(-1)).toThrow(RangeError)
    expect(() => r.letters(2.5)).toThrow(RangeError)
  })

  it('pick() returns members and refuses an empty array', () => {
    const r = createRandom('pick')
    const items = ['a', 'b', 'c'] as const
    const seen = new Set(take(200, () => items.indexOf(r.pick(items))))
    expect(seen).toEqual(new Set([0, 1, 2]))
    expect(() => r.pick([])).toThrow(RangeError)
  })

  it('fork() is deterministic, independent of parent consumption, and distinct per label', () => {
    const a = createRandom(42)
    const b = createRandom(42)
    take(1_000, b.next) // consume the parent: must not shift the fork
    expect(a.fork('otp').digits(60)).toBe(b.fork('otp').digits(60))
    expect(a.fork('otp').digits(60)).not.toBe(a.fork('ids').digits(60))
    expect(a.fork('otp').digits(60)).not.toBe(a.digits(60))
    expect(a.fork('a/b').seed).not.toBe(a.fork('a').fork('b').seed)
  })

  it('consuming a fork does not perturb the parent or sibling forks', () => {
    const a = createRandom(9)
    const b = createRandom(9)
    const otpA = a.fork('otp')
    a.fork('ids').letters(1_000)
    expect(take(20, a.next)).toEqual(take(20, b.next))
    expect(otpA.digits(6)).toBe(b.fork('otp').digits(6))
  })
})

describe('createIdFactory', () => {
  it('makes Surepass client ids: prefix, underscore, 20 letters', () => {
    const ids = createIdFactory(createRandom(1))
    expect(ids.surepass('ckyc')).toMatch(/^ckyc_[A-Za-z]{20}$/)
    expect(ids.surepass('ckyc_download')).toMatch(/^ckyc_download_[A-Za-z]{20}$/)
  })

  it('is deterministic per seed', () => {
    const a = createIdFactory(createRandom('s'))
    const b = createIdFactory(createRandom('s'))
    expect([a.surepass('ckyc'), a.ekoOtpRefId(), a.digits(4)]).toEqual([
      b.surepass('ckyc'),
      b.ekoOtpRefId(),
      b.digits(4),
    ])
  })

  it('makes Eko otp_ref_ids of 6 or 7 digits without a leading zero', () => {
    const ids = createIdFactory(createRandom(3))
    const lengths = new Set<number>()
    const malformed: string[] = []
    for (let i = 0; i < 500; i++) {
      const id = ids.ekoOtpRefId()
      if (!/^[1-9]\d{5,6}$/.test(id)) malformed.push(id)
      lengths.add(id.length)
    }
    expect(malformed).toEqual([])
    expect(lengths).toEqual(new Set([6, 7]))
  })

  it('makes Eko reference_tids shaped like the documented sample, timestamped in IST', () => {
    const ids = createIdFactory(createRandom(4))
    // 2024-01-23 15:21:47.525 IST is 09:51:47.525 UTC.
    const tid = ids.ekoReferenceTid('EKYKF', Date.UTC(2024, 0, 23, 9, 51, 47, 525))
    expect(tid).toMatch(/^EKYKF\d{22}I$/)
    expect(tid.length).toBe('EKYKF4719702240123152147525I'.length)
    expect(tid.slice(12, 27)).toBe('240123152147525')
  })

  it('numeric() returns the decimal text of an in-range integer', () => {
    const ids = createIdFactory(createRandom(5))
    for (let i = 0; i < 100; i++) {
      const n = Number(ids.numeric(10, 99))
      expect(n >= 10 && n <= 99).toBe(true)
    }
  })

  it('unique() redraws until an id is free and gives up when the space is exhausted', () => {
    const ids = createIdFactory(createRandom(6))
    const taken = new Set(['0', '1', '2', '3', '4', '5', '6', '7', '8'])
    expect(
      ids.unique(
        () => ids.digits(1),
        (id) => taken.has(id),
      ),
    ).toBe('9')
    taken.add('9')
    expect(() =>
      ids.unique(
        () => ids.digits(1),
        (id) => taken.has(id),
        50,
      ),
    ).toThrow(/exhausted/)
  })
})
