import {
  constants,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  privateDecrypt,
  publicEncrypt,
} from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { decryptAadhaar, encryptAadhaarForTest } from './aadhaar-cipher.js'
import { AADHAAR_PRIVATE_KEY_PEM, AADHAAR_PUBLIC_KEY_PEM } from './aadhaar-key.js'

const AADHAAR = '234567890123'

/** Made once with Node `publicEncrypt` under the committed key: breaks if the key ever changes. */
const PINNED_CIPHERTEXT =
  'hhWvfK8ajqvkN7S7FzCHIUH7s04mwGdodYVXbaKSdni44tgCtydUOCFRAiTgPxv4iqZ8d6mtQFp5TbJRKrKq9cPsew273v+cCeNjtmRgvSR6aR5aT6UNO+8NEwfx42rs1bxd7Ordw8Y/uhyQYex7X2IejkdUAtyEkStmAOjXmyQ='
/** `234567890123` under ANOTHER 1024-bit key (PKCS#1 v1.5), e.g. a client still using Eko's key. */
const OTHER_KEY_CIPHERTEXT =
  'CROxPHxXieVwfoPIbLmobTULrdzPsujCg+yyzGWQftgMLx70RyB4ROB/qraa0mkBVw6N6I9yqc1UH3VHJ6pdp5gVHUs0j6l8pIk5obpJE1owuGXwkDly9HumdBksUKGgmR0XvGWxSwr7NVOrewn7KXRHecJLvvhiV+XFx9pnIJI='
/** `234567890123` under the simulator key but with OAEP padding instead of PKCS#1 v1.5. */
const OAEP_CIPHERTEXT =
  'bUb7CVw4uLKlFulE8iRxcERABSNXzZKpgCawoaHInIslDPUqYNn2KO3gguQ8LFQpmqzxpJMdZOfTH8adXYkoVDRQRNyJHnwy4DAfrPztRf3O481zNxgw9KqrG11xpyg17+KPfPRKoNHNDBEgcLF9yEttAs3ibfMtYfI74gUBMII='

function base64OfBytes(bytes: number[]): string {
  return btoa(String.fromCharCode(...bytes))
}

describe('the committed key pair', () => {
  it('is a matching 1024-bit RSA pair in the promised PEM formats', () => {
    expect(AADHAAR_PUBLIC_KEY_PEM.startsWith('-----BEGIN PUBLIC KEY-----\n')).toBe(true)
    const publicKey = createPublicKey(AADHAAR_PUBLIC_KEY_PEM)
    const privateKey = createPrivateKey(AADHAAR_PRIVATE_KEY_PEM)
    expect(publicKey.asymmetricKeyDetails?.modulusLength).toBe(1024)
    expect(createPublicKey(privateKey).export({ type: 'spki', format: 'pem' })).toBe(
      AADHAAR_PUBLIC_KEY_PEM,
    )
  })
})

describe('encryptAadhaarForTest + decryptAadhaar', () => {
  it('round-trips and yields 172 base64 chars like Eko ciphertexts', () => {
    const ciphertext = encryptAadhaarForTest(AADHAAR)
    expect(ciphertext).toHaveLength(172)
    expect(decryptAadhaar(ciphertext)).toEqual({ ok: true, aadhaar: AADHAAR })
  })

  it('uses random padding, so two encryptions differ but both decrypt', () => {
    const a = encryptAadhaarForTest(AADHAAR)
    const b = encryptAadhaarForTest(AADHAAR)
    expect(a).not.toBe(b)
    expect(decryptAadhaar(b)).toEqual({ ok: true, aadhaar: AADHAAR })
  })

  it('produces standard PKCS#1 v1.5 blocks under an explicit key (checked by Node, raw RSA)', () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 1024 })
    const otherPem = other.publicKey.export({ type: 'spki', format: 'pem' }).toString()
    const ciphertext = encryptAadhaarForTest(AADHAAR, otherPem)
    // Node 20 refuses PKCS#1 v1.5 private decryption, so undo only the RSA step and check the padding by hand.
    const block = privateDecrypt(
      { key: other.privateKey, padding: constants.RSA_NO_PADDING },
      Buffer.from(ciphertext, 'base64'),
    )
    expect(block).toHaveLength(128)
    expect([block[0], block[1]]).toEqual([0x00, 0x02])
    const separator = block.indexOf(0x00, 2)
    expect(separator).toBeGreaterThanOrEqual(2 + 8)
    expect(block.subarray(separator + 1).toString('utf8')).toBe(AADHAAR)
    // ...and the simulator, holding a different key, refuses it.
    expect(decryptAadhaar(ciphertext).ok).toBe(false)
  })
})

describe('decryptAadhaar', () => {
  it('decrypts what Node publicEncrypt(RSA_PKCS1_PADDING) produces, as an SDK would send', () => {
    const ciphertext = publicEncrypt(
      { key: AADHAAR_PUBLIC_KEY_PEM, padding: constants.RSA_PKCS1_PADDING },
      new TextEncoder().encode(AADHAAR),
    ).toString('base64')
    expect(decryptAadhaar(ciphertext)).toEqual({ ok: true, aadhaar: AADHAAR })
  })

  it('decrypts a ciphertext pinned in this file (the key never changes)', () => {
    expect(decryptAadhaar(PINNED_CIPHERTEXT)).toEqual({ ok: true, aadhaar: AADHAAR })
  })

  it('tolerates the line breaks MIME/Android base64 encoders insert', () => {
    const wrapped = `${PINNED_CIPHERTEXT.slice(0, 76)}\r\n${PINNED_CIPHERTEXT.slice(76, 152)}\n${PINNED_CIPHERTEXT.slice(152)}\n`
    expect(decryptAadhaar(wrapped)).toEqual({ ok: true, aadhaar: AADHAAR })
  })

  it('refuses the plain 12-digit number (a client that forgot to encrypt)', () => {
    const result = decryptAadhaar(AADHAAR)
    expect(result.ok).toBe(false)
    expect(['not_base64', 'wrong_length']).toContain(result.ok ? undefined : result.reason)
  })

  it.each([
    ['empty', ''],
    ['non-alphabet characters', 'abc$'.repeat(43)],
    ['URL-safe base64', PINNED_CIPHERTEXT.replace(/\+/g, '-').replace(/\//g, '_')],
    ['missing padding', PINNED_CIPHERTEXT.slice(0, -1)],
    ['padding in the middle', `AA==${PINNED_CIPHERTEXT}`],
  ])('not_base64: %s', (_label, value) => {
    expect(decryptAadhaar(value)).toEqual({ ok: false, reason: 'not_base64' })
  })

  it.each([
    ['127 bytes', 127],
    ['129 bytes', 129],
    ['a 2048-bit block', 256],
  ])('wrong_length: %s', (_label, size) => {
    expect(decryptAadhaar(base64OfBytes(new Array<number>(size).fill(0x42)))).toEqual({
      ok: false,
      reason: 'wrong_length',
    })
  })

  it.each([
    ['128 bytes of 0xff (above the modulus)', base64OfBytes(new Array<number>(128).fill(0xff))],
    [
      '128 bytes of 0x01 (below the modulus, bad padding)',
      base64OfBytes(new Array<number>(128).fill(0x01)),
    ],
    ['encrypted under another key', OTHER_KEY_CIPHERTEXT],
    ['OAEP instead of PKCS#1 v1.5', OAEP_CIPHERTEXT],
  ])('decrypt_failed: %s', (_label, value) => {
    expect(value).toHaveLength(172)
    expect(decryptAadhaar(value)).toEqual({ ok: false, reason: 'decrypt_failed' })
  })

  it.each(['12345678901', '1234567890123', '23456789012a', '', '2345 6789 0123'])(
    'not_12_digits: encrypted %j',
    (plain) => {
      expect(decryptAadhaar(encryptAadhaarForTest(plain))).toEqual({
        ok: false,
        reason: 'not_12_digits',
      })
    },
  )
})
