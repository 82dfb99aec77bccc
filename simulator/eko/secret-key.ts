/**
 * Eko request authentication, the server side: the checks of a request's auth headers. The
 * signature itself is `contracts/eko-signature.ts`, the one implementation every signer uses
 * (Eko's developer docs, developers.eko.in "Authentication"). Runs on every Eko request, in
 * Node and in a browser, so the HMAC is Web Crypto by default; a host may pass a faster
 * synchronous one (`SimPlatform`).
 */
import {
  EKO_AUTH_HEADERS,
  EKO_TIMESTAMP_PATTERN,
  ekoSecretKey,
  webCryptoHmacSha256Base64,
} from '../../contracts/index.js'
import { constantTimeEqual } from '../core/index.js'
import type { HmacSha256Base64 } from '../sim-platform.js'

/** Why an Eko request was refused with 403; surfaced as the `x-fintwin-auth-error` header. */
export type EkoAuthFailure =
  | 'missing_header'
  | 'unknown_developer_key'
  | 'timestamp_not_ms'
  | 'timestamp_skew'
  | 'access_key_not_base64_encoded'
  | 'signature_mismatch'

/** Outcome of {@link verifyEkoAuth}: the authenticated developer key, or the first failed check. */
export type EkoAuthResult =
  | { ok: true; developerKey: string }
  | { ok: false; reason: EkoAuthFailure }

/** What {@link verifyEkoAuth} needs: the request headers (lowercase names) and the simulator's view of time and keys. */
export interface EkoAuthInput {
  /** Request headers keyed by lowercase name (`developer_key`, `secret-key`, `secret-key-timestamp`). */
  headers: Record<string, string | undefined>
  /** The simulator clock's "now", epoch milliseconds (not `Date.now()`: tests move the clock). */
  nowMs: number
  /** Allowed |now − timestamp| in milliseconds; Eko publishes none, the simulator defaults to 5 min. */
  skewMs: number
  /** Access key registered for a developer key, or `undefined` when the developer key is unknown. */
  lookupAccessKey: (developerKey: string) => string | undefined
  /** A host's HMAC (e.g. `node:crypto`); Web Crypto when absent. Same results either way. */
  hmac?: HmacSha256Base64
}

/**
 * The `secret-key` Eko expects for `accessKey` at `timestamp` (the header's exact text), with
 * Web Crypto. Throws when `accessKey` is empty (Web Crypto refuses zero-length HMAC keys).
 */
export function computeSecretKey(accessKey: string, timestamp: string): Promise<string> {
  return ekoSecretKey(accessKey, timestamp)
}

/**
 * The signature produced by the most common client MISTAKE: HMAC keyed with the raw access key
 * instead of its base64 text. Exists only so a 403 can say `access_key_not_base64_encoded`
 * instead of a bare `signature_mismatch`; never accepted.
 */
export function computeRawKeyedSecretKey(accessKey: string, timestamp: string): Promise<string> {
  return webCryptoHmacSha256Base64(accessKey, timestamp)
}

/**
 * Checks Eko's auth headers the way the simulator enforces them, returning the FIRST failed
 * check in this order: `missing_header` → `unknown_developer_key` → `timestamp_not_ms` →
 * `timestamp_skew` → signature (`access_key_not_base64_encoded` when the request was signed
 * with the raw access key, else `signature_mismatch`). The order puts the cheapest and most
 * actionable diagnosis first, so a client with two mistakes fixes them one at a time.
 * Empty header values count as missing. Content-type is checked elsewhere.
 */
export async function verifyEkoAuth(input: EkoAuthInput): Promise<EkoAuthResult> {
  const { headers, nowMs, skewMs, lookupAccessKey } = input
  const developerKey = headers[EKO_AUTH_HEADERS.developerKey]
  const providedSecretKey = headers[EKO_AUTH_HEADERS.secretKey]
  const timestamp = headers[EKO_AUTH_HEADERS.timestamp]
  if (!developerKey || !providedSecretKey || !timestamp) {
    return { ok: false, reason: 'missing_header' }
  }

  const accessKey = lookupAccessKey(developerKey)
  if (!accessKey) return { ok: false, reason: 'unknown_developer_key' }

  if (!EKO_TIMESTAMP_PATTERN.test(timestamp)) return { ok: false, reason: 'timestamp_not_ms' }
  if (Math.abs(nowMs - Number(timestamp)) > skewMs) return { ok: false, reason: 'timestamp_skew' }

  const { hmac } = input
  const expected = await ekoSecretKey(accessKey, timestamp, hmac)
  if (constantTimeEqual(expected, providedSecretKey)) return { ok: true, developerKey }

  const rawKeyed = hmac
    ? hmac(accessKey, timestamp)
    : await computeRawKeyedSecretKey(accessKey, timestamp)
  if (constantTimeEqual(rawKeyed, providedSecretKey)) {
    return { ok: false, reason: 'access_key_not_base64_encoded' }
  }
  return { ok: false, reason: 'signature_mismatch' }
}
