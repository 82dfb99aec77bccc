import type { HmacSha256Base64 } from '../contracts/index.js'
import type { RsaPkcs1Decrypt } from './eko/aadhaar-cipher.js'

/**
 * Primitives a host may supply faster than the isomorphic defaults. The behaviour is the same;
 * only the engine changes. The simulator itself never imports `node:`: a Node door passes these.
 */
export interface SimPlatform {
  /** RSA PKCS#1 v1.5 decryption under the simulator's Aadhaar key (default: node-forge, ~5 ms). */
  rsaPkcs1Decrypt?: RsaPkcs1Decrypt
  /**
   * `base64(HMAC-SHA256(key, message))`, key and message as UTF-8 text: Eko's `secret-key` check
   * on every Eko request. Default: Web Crypto (`crypto.subtle`, async, about 40-80 µs a call in
   * Node 20); the Node door passes `node:crypto` `createHmac` (a few µs, synchronous).
   */
  hmacSha256Base64?: HmacSha256Base64
}

/** See {@link SimPlatform.hmacSha256Base64}. */
export type { HmacSha256Base64 } from '../contracts/index.js'
