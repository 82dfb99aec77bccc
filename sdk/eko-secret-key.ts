import { createHmac } from 'node:crypto'
import {
  ekoAuthHeaderSet,
  ekoHmacKey as contractHmacKey,
  ekoTimestamp,
} from '../contracts/index.js'

/**
 * Eko's per-request signature, synchronously with `node:crypto`: the rule itself (key derivation,
 * header names, timestamp form) is the contracts' `eko-signature.ts`, shared with the simulator;
 * this file only supplies the fast native HMAC the client signs every request with.
 * `secret-key = base64(HMAC-SHA256(key = UTF-8 bytes of base64(access_key), message = timestamp))`.
 */
export function ekoSecretKey(accessKey: string, timestamp: string): string {
  return signWithHmacKey(ekoHmacKey(accessKey), timestamp)
}

/** The HMAC key text for an access key: `base64(UTF-8 bytes of access_key)`. */
export function ekoHmacKey(accessKey: string): string {
  return contractHmacKey(accessKey)
}

/**
 * The three Eko auth headers for one request, signed at `nowMs` (epoch milliseconds, sent as a
 * 13-digit string: seconds are the classic mistake). A fresh pair per request, because Eko only
 * accepts a timestamp close to its own clock. Takes the precomputed {@link ekoHmacKey} so the
 * client never keeps the access key itself around longer than construction.
 */
export function ekoAuthHeaders(input: {
  developerKey: string
  hmacKey: string
  nowMs: number
}): Record<string, string> {
  const timestamp = ekoTimestamp(input.nowMs)
  return ekoAuthHeaderSet(input.developerKey, timestamp, signWithHmacKey(input.hmacKey, timestamp))
}

/**
 * Eko's `request_hash` for a wallet-debiting call: the same HMAC as the secret-key, over the
 * message the operation's contract rule concatenates (timestamp first). Keyed with the access
 * key's {@link ekoHmacKey} — not the developer key, as Eko's own Node SDK 0.4.1 does.
 */
export function ekoRequestHash(hmacKey: string, message: string): string {
  return signWithHmacKey(hmacKey, message)
}

function signWithHmacKey(hmacKey: string, message: string): string {
  return createHmac('sha256', hmacKey).update(message, 'utf8').digest('base64')
}
