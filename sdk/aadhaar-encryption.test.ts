import { createPublicKey, generateKeyPairSync } from 'node:crypto'
import forge from 'node-forge'
import { describe, expect, it } from 'vitest'
import { AADHAAR_PRIVATE_KEY_PEM, AADHAAR_PUBLIC_KEY_PEM } from '../simulator/eko/aadhaar-key.js'
import { encryptAadhaar, parseAadhaarPublicKey } from './aadhaar-encryption.js'

const AADHAAR = '234567890123'

/** Decrypts with node-forge: Node 20 refuses PKCS#1 v1.5 private decryption (CVE-2023-46809). */
function decrypt(ciphertext: string): string {
  return forge.pki
    .privateKeyFromPem(AADHAAR_PRIVATE_KEY_PEM)
    .decrypt(forge.util.decode64(ciphertext), 'RSAES-PKCS1-V1_5')
}

describe('encryptAadhaar', () => {
  const key = parseAadhaarPublicKey(AADHAAR_PUBLIC_KEY_PEM)

  it('round-trips through the simulator private key (RSA PKCS#1 v1.5, base64)', () => {
    const ciphertext = encryptAadhaar(AADHAAR, key)
    expect(ciphertext).toMatch(/^[A-Za-z0-9+/]+={0,2}$/)
    expect(ciphertext).toHaveLength(172) // one 1024-bit block, like Eko's
    expect(decrypt(ciphertext)).toBe(AADHAAR)
  })

  it('is randomised: two encryptions differ and both decrypt', () => {
    const a = encryptAadhaar(AADHAAR, key)
    const b = encryptAadhaar(AADHAAR, key)
    expect(a).not.toBe(b)
    expect([decrypt(a), decrypt(b)]).toEqual([AADHAAR, AADHAAR])
  })

  it('refuses an empty value', () => {
    expect(() => encryptAadhaar('', key)).toThrow(TypeError)
  })
})

describe('parseAadhaarPublicKey', () => {
  it('accepts a PEM, the bare base64 body Eko prints, and a KeyObject', () => {
    const body = AADHAAR_PUBLIC_KEY_PEM.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '')
    for (const input of [AADHAAR_PUBLIC_KEY_PEM, body, createPublicKey(AADHAAR_PUBLIC_KEY_PEM)]) {
      const ciphertext = encryptAadhaar(AADHAAR, parseAadhaarPublicKey(input))
      expect(decrypt(ciphertext)).toBe(AADHAAR)
    }
  })

  it('refuses garbage and non-RSA keys with a TypeError', () => {
    expect(() => parseAadhaarPublicKey('not a key')).toThrow(
      /aadhaarPublicKey is not a valid RSA public key/,
    )
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    expect(() => parseAadhaarPublicKey(publicKey)).toThrow(/RSA/)
    expect(() =>
      parseAadhaarPublicKey(publicKey.export({ type: 'spki', format: 'pem' }) as string),
    ).toThrow(/RSA/)
  })
})
