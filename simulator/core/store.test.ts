import { afterEach, describe, expect, it } from 'vitest'
import {
  createStore,
  DEFAULT_SESSION_LIMIT,
  StoreError,
  type CkycDownloadEntity,
  type CkycRecordEntity,
  type CkycSearchEntity,
  type EkoAgentEntity,
  type EkoKycSessionEntity,
} from './store.js'

const record: CkycRecordEntity = {
  id: 'PAN:EKRPR1234F',
  document_type: 'PAN',
  id_number: 'EKRPR1234F',
  mobile_number: '8939809876',
  mobile_registered: true,
  data: JSON.stringify({ full_name: 'Test Persona' }),
}
const search: CkycSearchEntity = {
  client_id: 'ckyc_YWECGljIfgTrlCaijVKf',
  record_id: null,
  created_at: 1_735_689_600_000,
  download_client_ids: ['ckyc_download_a', 'ckyc_download_b'],
}
const download = (client_id: string, created_at = 1): CkycDownloadEntity => ({
  client_id,
  search_client_id: 'ckyc_YWECGljIfgTrlCaijVKf',
  status: 'otp_sent',
  created_at,
})
const agent: EkoAgentEntity = {
  user_code: '20110002',
  customer_id: '9999999999',
  aeps_status: 'active',
  ekyc_status: 'pending',
  daily_kyc_at: null,
  data: '{"label":"ekyc_pending"}',
}
const session: EkoKycSessionEntity = {
  otp_ref_id: '2465238',
  user_code: '20110002',
  stage: 'otp_sent',
  reference_tid: 'EKYKF4719702240123152147525I',
  created_at: 5,
}

/** Expects `fn` to throw a StoreError with `code`. */
function expectStoreError(fn: () => unknown, code: StoreError['code']) {
  let caught: unknown
  try {
    fn()
  } catch (error) {
    caught = error
  }
  expect(caught).toBeInstanceOf(StoreError)
  expect((caught as StoreError).code).toBe(code)
}

describe('createStore', () => {
  it('round-trips every field of every model (definitions match the entity types)', () => {
    const store = createStore()
    expect(store.ckycRecords.create(record)).toEqual(record)
    expect(store.ckycSearches.create(search)).toEqual(search)
    expect(store.ckycDownloads.create(download('d1'))).toEqual(download('d1'))
    expect(store.ekoAgents.create(agent)).toEqual(agent)
    expect(store.ekoKycSessions.create(session)).toEqual(session)

    expect(store.ckycRecords.get(record.id)).toEqual(record)
    expect(store.ckycSearches.get(search.client_id)).toEqual(search)
    expect(store.ckycDownloads.get('d1')).toEqual(download('d1'))
    expect(store.ekoAgents.get(agent.user_code)).toEqual(agent)
    expect(store.ekoKycSessions.get(session.otp_ref_id)).toEqual(session)
    expect(store.ckycRecords.get('nope')).toBeUndefined()
  })

  it('returns plain-looking frozen values: no library tags in keys, JSON or spreads', () => {
    const store = createStore()
    const created = store.ekoAgents.create(agent)
    expect(Object.isFrozen(created)).toBe(true)
    expect(Object.keys(created).sort()).toEqual(Object.keys(agent).sort())
    expect({ ...created }).toStrictEqual({ ...agent })
    expect(JSON.parse(JSON.stringify(created))).toEqual(agent)
    expect(() => {
      ;(created as { aeps_status: string }).aeps_status = 'hacked'
    }).toThrow(TypeError)
    expect(store.ekoAgents.get(agent.user_code)?.aeps_status).toBe('active')
  })

  it('copies and freezes arrays instead of capturing the caller’s', () => {
    const store = createStore()
    const ids = ['x']
    const created = store.ckycSearches.create({ ...search, download_client_ids: ids })
    ids.push('y')
    expect(created.download_client_ids).toEqual(['x'])
    expect(Object.isFrozen(created.download_client_ids)).toBe(true)
    expect(Object.isFrozen(ids)).toBe(false)
  })

  it('refuses missing keys, duplicate keys and unknown fields with StoreError', () => {
    const store = createStore()
    store.ckycDownloads.create(download('d1'))
    expectStoreError(() => store.ckycDownloads.create(download('d1')), 'duplicate_key')
    expectStoreError(() => store.ckycDownloads.create(download('')), 'missing_key')
    expectStoreError(
      () => store.ckycDownloads.create({ ...download('d2'), surprise: 1 } as CkycDownloadEntity),
      'unknown_field',
    )
    expect(store.ckycDownloads.count()).toBe(1)
  })

  it('update replaces the entity, keeps earlier snapshots intact and ignores undefined fields', () => {
    const store = createStore()
    const before = store.ckycDownloads.create(download('d1'))
    const after = store.ckycDownloads.update('d1', { status: 'downloaded', created_at: undefined })
    expect(after).toEqual({ ...download('d1'), status: 'downloaded' })
    expect(Object.isFrozen(after)).toBe(true)
    expect(before.status).toBe('otp_sent')
    expect(store.ckycDownloads.get('d1')).toBe(after)
    expect(store.ckycDownloads.update('missing', { status: 'locked' })).toBeUndefined()
  })

  it('update refuses a key change and unknown fields, leaving the entity as it was', () => {
    const store = createStore()
    store.ckycDownloads.create(download('d1'))
    expectStoreError(() => store.ckycDownloads.update('d1', { client_id: 'd2' }), 'key_change')
    expectStoreError(
      () => store.ckycDownloads.update('d1', { nope: 1 } as Partial<CkycDownloadEntity>),
      'unknown_field',
    )
    expect(store.ckycDownloads.update('d1', { client_id: 'd1', status: 'locked' })?.status).toBe(
      'locked',
    )
    expect(store.ckycDownloads.get('d2')).toBeUndefined()
    expect(store.ckycDownloads.count()).toBe(1)
  })

  it('update keeps nullable fields nullable and arrays frozen', () => {
    const store = createStore()
    store.ekoAgents.create(agent)
    expect(store.ekoAgents.update(agent.user_code, { daily_kyc_at: 42 })?.daily_kyc_at).toBe(42)
    expect(store.ekoAgents.update(agent.user_code, { daily_kyc_at: null })?.daily_kyc_at).toBeNull()
    store.ckycSearches.create(search)
    const updated = store.ckycSearches.update(search.client_id, {
      download_client_ids: [...search.download_client_ids, 'c'],
    })
    expect(updated?.download_client_ids).toEqual(['ckyc_download_a', 'ckyc_download_b', 'c'])
    expect(Object.isFrozen(updated?.download_client_ids)).toBe(true)
  })

  it('delete, count, all (oldest first) and clear', () => {
    const store = createStore()
    for (const id of ['a', 'b', 'c']) store.ckycDownloads.create(download(id))
    store.ckycDownloads.update('a', { status: 'locked' }) // an update keeps the entity's age
    expect(store.ckycDownloads.all().map((d) => d.client_id)).toEqual(['a', 'b', 'c'])
    expect(store.ckycDownloads.delete('b')).toBe(true)
    expect(store.ckycDownloads.delete('b')).toBe(false)
    expect(store.ckycDownloads.count()).toBe(2)
    store.ckycDownloads.clear()
    expect(store.ckycDownloads.count()).toBe(0)
    expect(store.ckycDownloads.all()).toEqual([])
    expect(store.ckycDownloads.create(download('a')).client_id).toBe('a') // the key is free again
  })

  it('reset empties every model', () => {
    const store = createStore()
    store.ckycRecords.create(record)
    store.ckycSearches.create(search)
    store.ckycDownloads.create(download('d1'))
    store.ekoAgents.create(agent)
    store.ekoKycSessions.create(session)
    store.reset()
    expect(
      [
        store.ckycRecords,
        store.ckycSearches,
        store.ckycDownloads,
        store.ekoAgents,
        store.ekoKycSessions,
      ].map((r) => r.count()),
    ).toEqual([0, 0, 0, 0, 0])
  })

  it('keeps separate stores separate', () => {
    const a = createStore()
    const b = createStore()
    a.ekoAgents.create(agent)
    expect(b.ekoAgents.get(agent.user_code)).toBeUndefined()
    b.ekoAgents.create(agent)
    a.ekoAgents.update(agent.user_code, { ekyc_status: 'done' })
    expect(b.ekoAgents.get(agent.user_code)?.ekyc_status).toBe('pending')
  })
})

describe('bounded state', () => {
  it('caps session models by default and evicts the oldest', () => {
    const store = createStore({ limits: { ckycDownloads: 3 } })
    for (const id of ['a', 'b', 'c', 'd', 'e']) store.ckycDownloads.create(download(id))
    expect(store.ckycDownloads.all().map((d) => d.client_id)).toEqual(['c', 'd', 'e'])
    expect(store.ckycDownloads.get('a')).toBeUndefined()
    expect(DEFAULT_SESSION_LIMIT).toBe(50_000)
  })

  it('does not cap persona models unless asked', () => {
    const store = createStore({ limits: { ckycDownloads: 1 } })
    for (let i = 0; i < 10; i++) store.ekoAgents.create({ ...agent, user_code: `u${i}` })
    expect(store.ekoAgents.count()).toBe(10)
    expect(() => createStore({ limits: { ekoAgents: 0 } })).toThrow(RangeError)
  })

  it('evictOldest deletes from the front while the predicate holds, then stops', () => {
    const store = createStore()
    for (const [id, at] of [
      ['a', 1],
      ['b', 2],
      ['c', 10],
      ['d', 3],
    ] as const)
      store.ckycDownloads.create(download(id, at))
    let calls = 0
    const evicted = store.ckycDownloads.evictOldest((d) => {
      calls += 1
      return d.created_at < 5
    })
    expect(evicted).toBe(2)
    expect(calls).toBe(3) // a, b, then c stops it: d (older by time, newer by insertion) is not reached
    expect(store.ckycDownloads.all().map((d) => d.client_id)).toEqual(['c', 'd'])
  })

  it('deleteWhere removes every match', () => {
    const store = createStore()
    for (const [id, at] of [
      ['a', 1],
      ['b', 20],
      ['c', 3],
    ] as const)
      store.ckycDownloads.create(download(id, at))
    expect(store.ckycDownloads.deleteWhere((d) => d.created_at < 5)).toBe(2)
    expect(store.ckycDownloads.all().map((d) => d.client_id)).toEqual(['b'])
  })
})

describe('cost of key lookups', () => {
  type MapMethod = 'entries' | 'values' | 'keys' | 'forEach' | typeof Symbol.iterator
  const methods: MapMethod[] = ['entries', 'values', 'keys', 'forEach', Symbol.iterator]
  const originals = new Map(methods.map((m) => [m, Map.prototype[m]]))
  afterEach(() => {
    for (const [m, fn] of originals)
      Object.defineProperty(Map.prototype, m, { value: fn, writable: true, configurable: true })
  })

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
      for (const [m, original] of originals)
        Object.defineProperty(Map.prototype, m, {
          value: original,
          writable: true,
          configurable: true,
        })
    }
    return scans
  }

  it('get, update, delete and count never iterate the model (flat cost as state grows)', () => {
    const store = createStore()
    const n = 5_000
    for (let i = 0; i < n; i++) store.ckycDownloads.create(download(`d${i}`, i))
    const scans = countScans(n / 2, () => {
      expect(store.ckycDownloads.get('d4321')?.created_at).toBe(4321)
      expect(store.ckycDownloads.get('missing')).toBeUndefined()
      expect(store.ckycDownloads.update('d17', { status: 'downloaded' })?.status).toBe('downloaded')
      expect(store.ckycDownloads.delete('d99')).toBe(true)
      expect(store.ckycDownloads.count()).toBe(n - 1)
    })
    expect(scans).toBe(0)
    // The probe does see a scan when there is one.
    expect(countScans(n / 2, () => store.ckycDownloads.all())).toBeGreaterThan(0)
  })
})
