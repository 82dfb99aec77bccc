import { describe, expect, it } from 'vitest'
import { computeRawKeyedSecretKey, computeSecretKey, verifyEkoAuth } from './secret-key.js'
import type { EkoAuthInput } from './secret-key.js'

const UAT_DEVELOPER_KEY = 'becbbce45f79c6f5109f848acd540567'
const UAT_ACCESS_KEY = 'd2fe1d99-6298-4af2-8cc5-d97dcf46df30'
const TS = '1700000000000'
/** The UAT access key signed at 1700000000000 (a vector computed by the rule of developers.eko.in/docs/authentication). */
const UAT_SECRET_AT_TS = 'qIir8tILHtqxO1Mu3/fC3pVElIa0oIxXMRDUP0463Bc='
/** The same, keyed with the raw access key: the common mistake. */
const UAT_RAW_KEYED_AT_TS = 'ADpYKsHy4BKM7jVMJAdkWUJqdqvf0wZwStJf8yC2Lmg='

describe('computeSecretKey', () => {
  it.each([
    ['1', 'test-access-key-123', '1700000000000', '88lqTf9ew69XbVbeczjxVL8/B4vibfp1MvTi1mIj2Xo='],
    [
      '2',
      'TEST_ACCESS_KEY_DO_NOT_USE',
      '1700000000000',
      'u30ak/iOGwKCaspqCeiYng8fd98QDx7kF3DBBOadQHk=',
    ],
    [
      '3',
      'f74c50a1-f705-4634-9cda-30a477df91b7',
      '1516705204593',
      'MC6dKW278tBef+AuqL/5rW2K3WgOegF0ZHLW/FriZQw=',
    ],
    ['4', UAT_ACCESS_KEY, TS, UAT_SECRET_AT_TS],
  ])('matches published vector %s', async (_id, accessKey, timestamp, expected) => {
    expect(await computeSecretKey(accessKey, timestamp)).toBe(expected)
  })

  it('gives the same answer from the cache and after eviction', async () => {
    const first = await computeSecretKey('test-access-key-123', TS)
    expect(await computeSecretKey('test-access-key-123', TS)).toBe(first)
    // Push far more than the cache bound through it, then recompute.
    for (let i = 0; i < 100; i++) await computeSecretKey(`filler-${i}`, TS)
    expect(await computeSecretKey('test-access-key-123', TS)).toBe(first)
  })

  it('changes with the timestamp', async () => {
    expect(await computeSecretKey(UAT_ACCESS_KEY, '1700000000001')).not.toBe(UAT_SECRET_AT_TS)
  })

  it('handles non-ASCII access keys through UTF-8', async () => {
    // Python: base64.b64encode(hmac.new(base64.b64encode('ключ'.encode()), b'1700000000000', sha256).digest())
    expect(await computeSecretKey('ключ', TS)).toBe('Sui769tnHtYvFAThXyJqG3Ez7SI78G7NGS5lgCNMlAY=')
  })
})

describe('computeRawKeyedSecretKey', () => {
  it('reproduces vector 4b (the raw access key mistake)', async () => {
    expect(await computeRawKeyedSecretKey(UAT_ACCESS_KEY, TS)).toBe(UAT_RAW_KEYED_AT_TS)
  })
})

describe('verifyEkoAuth', () => {
  const nowMs = Number(TS)
  function input(
    headers: Record<string, string | undefined>,
    overrides: Partial<EkoAuthInput> = {},
  ): EkoAuthInput {
    return {
      headers,
      nowMs,
      skewMs: 300_000,
      lookupAccessKey: (key) => (key === UAT_DEVELOPER_KEY ? UAT_ACCESS_KEY : undefined),
      ...overrides,
    }
  }
  const goodHeaders = {
    developer_key: UAT_DEVELOPER_KEY,
    'secret-key': UAT_SECRET_AT_TS,
    'secret-key-timestamp': TS,
  }

  it('accepts a correctly signed request', async () => {
    expect(await verifyEkoAuth(input(goodHeaders))).toEqual({
      ok: true,
      developerKey: UAT_DEVELOPER_KEY,
    })
  })

  it('accepts a timestamp exactly at the skew limit, either side', async () => {
    for (const offset of [-300_000, 300_000]) {
      expect(await verifyEkoAuth(input(goodHeaders, { nowMs: nowMs + offset }))).toMatchObject({
        ok: true,
      })
    }
  })

  it.each(['developer_key', 'secret-key', 'secret-key-timestamp'])(
    'missing_header when %s is absent or empty',
    async (name) => {
      expect(await verifyEkoAuth(input({ ...goodHeaders, [name]: undefined }))).toEqual({
        ok: false,
        reason: 'missing_header',
      })
      expect(await verifyEkoAuth(input({ ...goodHeaders, [name]: '' }))).toEqual({
        ok: false,
        reason: 'missing_header',
      })
    },
  )

  it('missing_header for the misspelled header names clients send', async () => {
    const { developer_key, ...rest } = goodHeaders
    expect(await verifyEkoAuth(input({ ...rest, 'developer-key': developer_key }))).toEqual({
      ok: false,
      reason: 'missing_header',
    })
  })

  it('unknown_developer_key', async () => {
    expect(await verifyEkoAuth(input({ ...goodHeaders, developer_key: 'nope' }))).toEqual({
      ok: false,
      reason: 'unknown_developer_key',
    })
  })

  it.each([
    '1700000000',
    '17000000000000',
    '1700000000000.0',
    '-170000000000',
    ' 1700000000000',
    '17000000000ab',
  ])('timestamp_not_ms for %j', async (timestamp) => {
    expect(
      await verifyEkoAuth(input({ ...goodHeaders, 'secret-key-timestamp': timestamp })),
    ).toEqual({
      ok: false,
      reason: 'timestamp_not_ms',
    })
  })

  it('timestamp_skew one millisecond past the limit, either side', async () => {
    for (const offset of [-300_001, 300_001]) {
      expect(await verifyEkoAuth(input(goodHeaders, { nowMs: nowMs + offset }))).toEqual({
        ok: false,
        reason: 'timestamp_skew',
      })
    }
  })

  it('rejects vector 4b with access_key_not_base64_encoded', async () => {
    expect(
      await verifyEkoAuth(input({ ...goodHeaders, 'secret-key': UAT_RAW_KEYED_AT_TS })),
    ).toEqual({
      ok: false,
      reason: 'access_key_not_base64_encoded',
    })
  })

  it('signature_mismatch for a signature over another timestamp', async () => {
    const other = await computeSecretKey(UAT_ACCESS_KEY, '1700000000001')
    expect(await verifyEkoAuth(input({ ...goodHeaders, 'secret-key': other }))).toEqual({
      ok: false,
      reason: 'signature_mismatch',
    })
  })

  it('signature_mismatch for a signature with the developer key used as access key', async () => {
    const wrongKey = await computeSecretKey(UAT_DEVELOPER_KEY, TS)
    expect(await verifyEkoAuth(input({ ...goodHeaders, 'secret-key': wrongKey }))).toEqual({
      ok: false,
      reason: 'signature_mismatch',
    })
  })

  it('checks in the documented order when several things are wrong', async () => {
    // unknown key beats a bad timestamp
    expect(
      await verifyEkoAuth(
        input({ ...goodHeaders, developer_key: 'nope', 'secret-key-timestamp': '1700000000' }),
      ),
    ).toMatchObject({
      reason: 'unknown_developer_key',
    })
    // a seconds timestamp is reported as such, not as skew, even though it is also far off
    expect(
      await verifyEkoAuth(
        input({ ...goodHeaders, 'secret-key-timestamp': '1700000000', 'secret-key': 'x' }),
      ),
    ).toMatchObject({
      reason: 'timestamp_not_ms',
    })
    // skew beats a bad signature
    expect(
      await verifyEkoAuth(input({ ...goodHeaders, 'secret-key': 'x' }, { nowMs: nowMs + 600_000 })),
    ).toMatchObject({
      reason: 'timestamp_skew',
    })
  })
})
