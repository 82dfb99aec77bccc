import {
  constants,
  createHmac,
  createPrivateKey,
  privateDecrypt,
  type KeyObject,
} from 'node:crypto'
import { AADHAAR_PRIVATE_KEY_PEM, type SimPlatform } from '../simulator/index.js'

let key: KeyObject | undefined

/**
 * RSA PKCS#1 v1.5 decryption with Node's native RSA: the raw private-key operation
 * (`RSA_NO_PADDING`, which Node 20 still allows) and the v1.5 unpadding done here. Node refuses
 * PKCS#1 v1.5 private decryption outright because of the Marvin timing attack (CVE-2023-46809);
 * that attack needs a secret key, and this key is a test key published in the fixtures. About
 * 50× faster than pure-JS forge, so a fresh ciphertext no longer blocks the server for 5 ms.
 */
function nativeRsaPkcs1Decrypt(ciphertext: string): string {
  key ??= createPrivateKey(AADHAAR_PRIVATE_KEY_PEM)
  const block = privateDecrypt(
    { key, padding: constants.RSA_NO_PADDING },
    Buffer.from(ciphertext, 'binary'),
  )
  // EM = 0x00 || 0x02 || PS (≥ 8 non-zero bytes) || 0x00 || M
  if (block[0] !== 0x00 || block[1] !== 0x02) throw new Error('decryption error')
  const separator = block.indexOf(0x00, 2)
  if (separator < 10) throw new Error('decryption error')
  return block.subarray(separator + 1).toString('binary')
}

/**
 * HMAC-SHA256 → base64 with `node:crypto`: Eko's `secret-key` check, synchronous and a few µs,
 * where Web Crypto's `subtle.sign` costs tens of µs (algorithm normalisation and a promise job)
 * on every Eko request.
 */
function nativeHmacSha256Base64(key: string, message: string): string {
  return createHmac('sha256', key).update(message, 'utf8').digest('base64')
}

/** The primitives a Node host supplies to `createSimulator({ platform })`: native RSA and HMAC. */
export function nodePlatform(): SimPlatform {
  return { rsaPkcs1Decrypt: nativeRsaPkcs1Decrypt, hmacSha256Base64: nativeHmacSha256Base64 }
}
