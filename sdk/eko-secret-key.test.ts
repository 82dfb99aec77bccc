import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { ekoAuthHeaders, ekoHmacKey, ekoSecretKey } from './eko-secret-key.js'

/** Vectors by the rule of developers.eko.in/docs/authentication: the published ones (1-3) and the current UAT key (4). */
const VECTORS = [
  {
    n: 1,
    accessKey: 'test-access-key-123',
    ts: '1700000000000',
    expected: '88lqTf9ew69XbVbeczjxVL8/B4vibfp1MvTi1mIj2Xo=',
  },
  {
    n: 2,
    accessKey: 'TEST_ACCESS_KEY_DO_NOT_USE',
    ts: '1700000000000',
    expected: 'u30ak/iOGwKCaspqCeiYng8fd98QDx7kF3DBBOadQHk=',
  },
  {
    n: 3,
    accessKey: 'f74c50a1-f705-4634-9cda-30a477df91b7',
    ts: '1516705204593',
    expected: 'MC6dKW278tBef+AuqL/5rW2K3WgOegF0ZHLW/FriZQw=',
  },
  {
    n: 4,
    accessKey: 'd2fe1d99-6298-4af2-8cc5-d97dcf46df30',
    ts: '1700000000000',
    expected: 'qIir8tILHtqxO1Mu3/fC3pVElIa0oIxXMRDUP0463Bc=',
  },
]
/** Vector 4b: the WRONG variant (raw access key as the HMAC key). */
const WRONG_VARIANT_4B = 'ADpYKsHy4BKM7jVMJAdkWUJqdqvf0wZwStJf8yC2Lmg='

describe('ekoSecretKey', () => {
  it.each(VECTORS)('matches published vector $n', ({ accessKey, ts, expected }) => {
    expect(ekoSecretKey(accessKey, ts)).toBe(expected)
  })

  it('does not produce vector 4b, which is what the raw-key mistake produces', () => {
    const uat = VECTORS[3]!
    expect(ekoSecretKey(uat.accessKey, uat.ts)).not.toBe(WRONG_VARIANT_4B)
    expect(createHmac('sha256', uat.accessKey).update(uat.ts).digest('base64')).toBe(
      WRONG_VARIANT_4B,
    )
  })

  it('keys the HMAC with the base64 text of the access key', () => {
    expect(ekoHmacKey('d2fe1d99-6298-4af2-8cc5-d97dcf46df30')).toBe(
      'ZDJmZTFkOTktNjI5OC00YWYyLThjYzUtZDk3ZGNmNDZkZjMw',
    )
  })
})

describe('ekoAuthHeaders', () => {
  const hmacKey = ekoHmacKey('d2fe1d99-6298-4af2-8cc5-d97dcf46df30')

  it('signs the 13-digit millisecond timestamp it sends', () => {
    const headers = ekoAuthHeaders({
      developerKey: 'becbbce45f79c6f5109f848acd540567',
      hmacKey,
      nowMs: 1_700_000_000_000,
    })
    expect(headers).toEqual({
      developer_key: 'becbbce45f79c6f5109f848acd540567',
      'secret-key': 'qIir8tILHtqxO1Mu3/fC3pVElIa0oIxXMRDUP0463Bc=',
      'secret-key-timestamp': '1700000000000',
    })
  })

  it('truncates a fractional clock (performance-style now) instead of sending a decimal point', () => {
    const headers = ekoAuthHeaders({ developerKey: 'k', hmacKey, nowMs: 1_700_000_000_000.75 })
    expect(headers['secret-key-timestamp']).toBe('1700000000000')
  })

  it('gives a different signature for every timestamp', () => {
    const a = ekoAuthHeaders({ developerKey: 'k', hmacKey, nowMs: 1_700_000_000_000 })
    const b = ekoAuthHeaders({ developerKey: 'k', hmacKey, nowMs: 1_700_000_000_001 })
    expect(a['secret-key']).not.toBe(b['secret-key'])
  })
})
