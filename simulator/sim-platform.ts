import type { RsaPkcs1Decrypt } from './eko/aadhaar-cipher.js'

/**
 * Primitives a host may supply faster than the isomorphic defaults. The behaviour is the same;
 * only the engine changes. The simulator itself never imports `node:`: a Node door passes these.
 */
export interface SimPlatform {
  /** RSA PKCS#1 v1.5 decryption under the simulator's Aadhaar key (default: node-forge, ~5 ms). */
  rsaPkcs1Decrypt?: RsaPkcs1Decrypt
}
