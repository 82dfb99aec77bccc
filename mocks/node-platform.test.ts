import { describe, expect, it } from 'vitest'
import { encryptAadhaarForTest } from '../simulator/index.js'
import { decryptAadhaar, forgeRsaPkcs1Decrypt } from '../simulator/eko/aadhaar-cipher.js'
import {
  computeRawKeyedSecretKey,
  computeSecretKey,
  verifyEkoAuth,
} from '../simulator/eko/secret-key.js'
import { nodePlatform } from './node-platform.js'

const { rsaPkcs1Decrypt, hmacSha256Base64 } = nodePlatform()

describe('native RSA PKCS#1 v1.5 decryption', () => {
  it('decrypts what forge decrypts, for many random paddings', () => {
    for (let i = 0; i < 50; i++) {
      const ciphertext = encryptAadhaarForTest('274839105621')
      expect(decryptAadhaar(ciphertext, rsaPkcs1Decrypt)).toEqual({
        ok: true,
        aadhaar: '274839105621',
      })
      expect(decryptAadhaar(ciphertext, rsaPkcs1Decrypt)).toEqual(
        decryptAadhaar(ciphertext, forgeRsaPkcs1Decrypt),
      )
    }
  })

  it('refuses what forge refuses: another key, garbage, the plain number', () => {
    const garbage = btoa(
      String.fromCharCode(...Array.from({ length: 128 }, (_, i) => (i * 37 + 11) % 256)),
    )
    for (const bad of [garbage, '274839105621', 'not base64!']) {
      expect(decryptAadhaar(bad, rsaPkcs1Decrypt)).toEqual(
        decryptAadhaar(bad, forgeRsaPkcs1Decrypt),
      )
    }
    expect(decryptAadhaar(garbage, rsaPkcs1Decrypt)).toEqual({
      ok: false,
      reason: 'decrypt_failed',
    })
  })
})

describe('native HMAC for the Eko secret-key check', () => {
  const UAT_DEVELOPER_KEY = 'becbbce45f79c6f5109f848acd540567'
  const UAT_ACCESS_KEY = 'd2fe1d99-6298-4af2-8cc5-d97dcf46df30'
  const TS = '1700000000000'
  const verify = (headers: Record<string, string>) =>
    verifyEkoAuth({
      headers,
      nowMs: Number(TS),
      skewMs: 300_000,
      lookupAccessKey: (k) => (k === UAT_DEVELOPER_KEY ? UAT_ACCESS_KEY : undefined),
      hmac: hmacSha256Base64,
    })

  it('gives the known vectors (the UAT key, and the raw-keyed mistake)', async () => {
    expect(
      await verify({
        developer_key: UAT_DEVELOPER_KEY,
        'secret-key': 'qIir8tILHtqxO1Mu3/fC3pVElIa0oIxXMRDUP0463Bc=',
        'secret-key-timestamp': TS,
      }),
    ).toEqual({ ok: true, developerKey: UAT_DEVELOPER_KEY })
    expect(
      await verify({
        developer_key: UAT_DEVELOPER_KEY,
        'secret-key': 'ADpYKsHy4BKM7jVMJAdkWUJqdqvf0wZwStJf8yC2Lmg=',
        'secret-key-timestamp': TS,
      }),
    ).toEqual({ ok: false, reason: 'access_key_not_base64_encoded' })
    expect(
      await verify({
        developer_key: UAT_DEVELOPER_KEY,
        'secret-key': 'x',
        'secret-key-timestamp': TS,
      }),
    ).toEqual({ ok: false, reason: 'signature_mismatch' })
  })

  it('signs exactly as the Web Crypto default, non-ASCII keys included', async () => {
    for (const [accessKey, timestamp] of [
      [UAT_ACCESS_KEY, TS],
      ['ключ', '1700000000123'],
      ['k', '0'],
    ] as const) {
      const keyText = btoa(String.fromCharCode(...new TextEncoder().encode(accessKey)))
      expect(hmacSha256Base64!(keyText, timestamp)).toBe(
        await computeSecretKey(accessKey, timestamp),
      )
      expect(hmacSha256Base64!(accessKey, timestamp)).toBe(
        await computeRawKeyedSecretKey(accessKey, timestamp),
      )
    }
  })
})
