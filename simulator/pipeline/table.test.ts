import { afterEach, describe, expect, it } from 'vitest'
import { defaultConfig, type SimulatorConfig } from '../config.js'
import { createClock } from '../core/index.js'
import { createTableSet, defineTable, TableError, type TableSpec } from './table.js'

interface Session {
  id: string
  owner: string
  created_at: number
  tags?: readonly string[]
}

const sessions = defineTable('sessions').of<Session>({
  key: 'id',
  indexes: ['owner'],
  forgetAt: (s, c) => s.created_at + c.sessionRetentionMs,
})
const people = defineTable('people').of<Session>({
  key: 'id',
  limit: () => 2,
  seed: () => [
    { id: 'p1', owner: 'seed', created_at: 0 },
    { id: 'p2', owner: 'seed', created_at: 0 },
  ],
})

function setOf(specs: TableSpec<Session>[], config: Partial<SimulatorConfig> = {}) {
  const clock = createClock({ start: 0 })
  clock.freeze(true)
  const tables = createTableSet(specs, {
    seed: 's',
    config: { ...defaultConfig(), ...config },
    clock,
  })
  return { tables, clock }
}

describe('defineTable and createTableSet', () => {
  it('counts every declared table by name, a table declared twice once', () => {
    const { tables } = setOf([sessions, people, sessions])
    tables.get(sessions).insert({ id: 'a', owner: 'x', created_at: 0 })
    expect(tables.counts()).toEqual({ sessions: 1, people: 2 })
  })

  it('refuses two different tables with one name, and undeclared tables', () => {
    const twin = defineTable('sessions').of<Session>({ key: 'id' })
    expect(() => setOf([sessions, twin])).toThrow(/two different tables are named "sessions"/)
    expect(() => setOf([sessions]).tables.get(people)).toThrow(TableError)
    expect(() => defineTable('Not-camel')).toThrow(/camelCase/)
  })

  it('stores frozen snapshots; update replaces them and ignores undefined fields', () => {
    const table = setOf([sessions]).tables.get(sessions)
    const tags = ['a']
    const first = table.insert({ id: 'k', owner: 'x', created_at: 1, tags })
    tags.push('b')
    expect(first.tags).toEqual(['a'])
    expect(Object.isFrozen(first) && Object.isFrozen(first.tags)).toBe(true)
    const next = table.update('k', { owner: 'y', created_at: undefined })
    expect(next).toEqual({ id: 'k', owner: 'y', created_at: 1, tags: ['a'] })
    expect(first.owner).toBe('x')
    expect(table.update('missing', { owner: 'z' })).toBeUndefined()
  })

  it('refuses missing keys, duplicate keys and key changes, leaving the row as it was', () => {
    const table = setOf([sessions]).tables.get(sessions)
    table.insert({ id: 'k', owner: 'x', created_at: 0 })
    expect(() => table.insert({ id: '', owner: 'x', created_at: 0 })).toThrow(/missing|non-empty/)
    expect(() => table.insert({ id: 'k', owner: 'x', created_at: 0 })).toThrow(/already exists/)
    expect(() => table.update('k', { id: 'other' })).toThrow(/cannot change/)
    expect(table.get('k')?.id).toBe('k')
  })

  it('an index finds the newest row with the value and forgets deleted rows', () => {
    const table = setOf([sessions]).tables.get(sessions)
    table.insert({ id: 'a', owner: 'x', created_at: 0 })
    table.insert({ id: 'b', owner: 'x', created_at: 0 })
    expect(table.findBy('owner', 'x')?.id).toBe('b')
    table.update('b', { owner: 'y' })
    expect(table.findBy('owner', 'y')?.id).toBe('b')
    expect(table.findBy('owner', 'x')).toBeUndefined()
    table.delete('b')
    expect(table.findBy('owner', 'y')).toBeUndefined()
    expect(() => table.findBy('id', 'a')).toThrow(/not an index/)
  })

  it('inserting forgets expired rows from the oldest, stopping at the first live one', () => {
    const { tables, clock } = setOf([sessions], { sessionRetentionMs: 100 })
    const table = tables.get(sessions)
    table.insert({ id: 'old', owner: 'x', created_at: 0 })
    table.insert({ id: 'mid', owner: 'x', created_at: 50 })
    clock.advance(120)
    table.insert({ id: 'new', owner: 'x', created_at: 120 })
    expect(table.get('old')).toBeUndefined()
    expect(table.get('mid')?.id).toBe('mid')
    expect(table.size).toBe(2)
  })

  it('caps unseeded rows at the limit (default maxSessions), oldest first; seeded rows stay', () => {
    const capped = setOf([sessions, people], { maxSessions: 3 }).tables
    for (let i = 0; i < 5; i++)
      capped.get(sessions).insert({ id: `s${i}`, owner: 'x', created_at: 0 })
    expect(capped.get(sessions).size).toBe(3)
    expect(capped.get(sessions).get('s1')).toBeUndefined()
    expect(capped.get(sessions).get('s2')?.id).toBe('s2')
    const p = capped.get(people)
    for (let i = 0; i < 4; i++) p.insert({ id: `n${i}`, owner: 'x', created_at: 0 })
    expect([p.get('p1'), p.get('p2')].map((r) => r?.id)).toEqual(['p1', 'p2'])
    expect(p.size).toBe(4)
    expect(p.get('n1')).toBeUndefined()
    expect(p.get('n3')?.id).toBe('n3')
  })

  it('a new set starts from the seeds again (what reset does)', () => {
    const first = setOf([people]).tables
    first.get(people).insert({ id: 'n', owner: 'x', created_at: 0 })
    first.get(people).delete('p1')
    expect(setOf([people]).tables.counts()).toEqual({ people: 2 })
  })
})

describe('cost of key lookups', () => {
  type MapMethod = 'entries' | 'values' | 'keys' | 'forEach' | typeof Symbol.iterator
  const methods: MapMethod[] = ['entries', 'values', 'keys', 'forEach', Symbol.iterator]
  const originals = new Map(methods.map((m) => [m, Map.prototype[m]]))
  const restore = () => {
    for (const [m, fn] of originals)
      Object.defineProperty(Map.prototype, m, { value: fn, writable: true, configurable: true })
  }
  afterEach(restore)

  /** Counts iterations started over any Map holding at least `minSize` entries during `fn`. */
  function countScans(minSize: number, fn: () => void): number {
    let scans = 0
    for (const [m, original] of originals) {
      Object.defineProperty(Map.prototype, m, {
        configurable: true,
        writable: true,
        value: function (this: Map<unknown, unknown>, ...args: unknown[]) {
          if (this.size >= minSize) scans += 1
          return (original as (...a: unknown[]) => unknown).apply(this, args)
        },
      })
    }
    try {
      fn()
    } finally {
      restore()
    }
    return scans
  }

  it('get, findBy, update, delete and size never iterate the table (flat cost as state grows)', () => {
    const table = setOf([sessions]).tables.get(sessions)
    const n = 5_000
    for (let i = 0; i < n; i++) table.insert({ id: `d${i}`, owner: `o${i}`, created_at: i })
    const scans = countScans(n / 2, () => {
      expect(table.get('d4321')?.created_at).toBe(4321)
      expect(table.get('missing')).toBeUndefined()
      expect(table.findBy('owner', 'o17')?.id).toBe('d17')
      expect(table.update('d17', { owner: 'z' })?.owner).toBe('z')
      expect(table.delete('d99')).toBe(true)
      expect(table.size).toBe(n - 1)
    })
    expect(scans).toBe(0)
    // The probe does see a scan when there is one.
    expect(
      countScans(n / 2, () => table.insert({ id: 'x', owner: 'x', created_at: n })),
    ).toBeGreaterThan(0)
  })
})
