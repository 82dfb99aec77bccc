import { describe, expect, it } from 'vitest'
import { encryptAadhaarForTest } from '../simulator/index.js'
import { decryptAadhaar, forgeRsaPkcs1Decrypt } from '../simulator/eko/aadhaar-cipher.js'
import { nodePlatform } from './node-platform.js'

const { rsaPkcs1Decrypt } = nodePlatform()

describe('native RSA PKCS#1 v1.5 decryption', () => {
  it('decrypts what forge decrypts, for many random paddings', () => {
    for (let i = 0; i < 50; i++) {
      const ciphertext = encryptAadhaarForTest('274839105621')
      expect(decryptAadhaar(ciphertext, rsaPkcs1Decrypt)).toEqual({ ok: true, aadhaar: '274839105621' })
      expect(decryptAadhaar(ciphertext, rsaPkcs1Decrypt)).toEqual(decryptAadhaar(ciphertext, forgeRsaPkcs1Decrypt))
    }
  })

  it('refuses what forge refuses: another key, garbage, the plain number', () => {
    const garbage = btoa(String.fromCharCode(...Array.from({ length: 128 }, (_, i) => (i * 37 + 11) % 256)))
    for (const bad of [garbage, '274839105621', 'not base64!']) {
      expect(decryptAadhaar(bad, rsaPkcs1Decrypt)).toEqual(decryptAadhaar(bad, forgeRsaPkcs1Decrypt))
    }
    expect(decryptAadhaar(garbage, rsaPkcs1Decrypt)).toEqual({ ok: false, reason: 'decrypt_failed' })
  })
})
