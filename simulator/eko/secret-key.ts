/**
 * Eko request authentication: the `secret-key` signature and its server-side check.
 *
 * Eko signs every request with `secret-key = base64(HMAC-SHA256(key, timestamp))` where the HMAC
 * key is the UTF-8 bytes of the *base64 text* of the access key (never decoded back to bytes) and
 * the message is the `secret-key-timestamp` header exactly as sent (epoch milliseconds). See
 * `shared/reference/eko.md` §3.2–3.5. Runs on every Eko request, in Node and in a browser, so it
 * uses Web Crypto by default; a host may pass a faster synchronous HMAC (`SimPlatform`).
 */
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

const encoder = new TextEncoder()

/** Upper bound on cached HMAC keys: enough for every realistic tenant, bounded against abuse. */
const KEY_CACHE_LIMIT = 64

/**
 * Imported HMAC keys by access key. Importing a CryptoKey costs more than the HMAC itself and
 * the same few access keys sign every request, so keys are imported once. Promises are cached
 * (not keys) so concurrent first requests share one import. Oldest entry is evicted first.
 */
const hmacKeyCache = new Map<string, Promise<CryptoKey>>()

/** Binary-safe base64 of bytes via `btoa` (no Buffer: this module is isomorphic). */
function bytesToBase64(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

function importHmacKey(keyBytes: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return globalThis.crypto.subtle.importKey(
    'raw',
    keyBytes,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
}

function cachedEkoHmacKey(accessKey: string): Promise<CryptoKey> {
  const cached = hmacKeyCache.get(accessKey)
  if (cached) return cached
  if (hmacKeyCache.size >= KEY_CACHE_LIMIT) {
    const oldest = hmacKeyCache.keys().next()
    if (!oldest.done) hmacKeyCache.delete(oldest.value)
  }
  // Eko's rule: the HMAC key is the base64 *text* of the access key, as UTF-8 bytes.
  const base64Text = bytesToBase64(encoder.encode(accessKey))
  const pending = importHmacKey(encoder.encode(base64Text))
  hmacKeyCache.set(accessKey, pending)
  // A failed import must not poison the cache for later requests.
  pending.catch(() => {
    if (hmacKeyCache.get(accessKey) === pending) hmacKeyCache.delete(accessKey)
  })
  return pending
}

async function hmacBase64(key: CryptoKey, message: string): Promise<string> {
  const signature = await globalThis.crypto.subtle.sign('HMAC', key, encoder.encode(message))
  return bytesToBase64(new Uint8Array(signature))
}

/**
 * The `secret-key` Eko expects for `accessKey` at `timestamp` (the header's exact text).
 * Used by the simulator to check requests and by tests/docs to sign them. Throws when
 * `accessKey` is empty (Web Crypto refuses zero-length HMAC keys).
 */
export async function computeSecretKey(accessKey: string, timestamp: string): Promise<string> {
  return hmacBase64(await cachedEkoHmacKey(accessKey), timestamp)
}

/**
 * The signature produced by the most common client MISTAKE: HMAC keyed with the raw access key
 * bytes instead of their base64 text. Exists only so a 403 can say
 * `access_key_not_base64_encoded` instead of a bare `signature_mismatch`; never accepted.
 * Not cached: it runs only on the failure path.
 */
export async function computeRawKeyedSecretKey(
  accessKey: string,
  timestamp: string,
): Promise<string> {
  return hmacBase64(await importHmacKey(encoder.encode(accessKey)), timestamp)
}

/** Eko's HMAC key text for an access key: the base64 of its UTF-8 bytes, used as text. Memoised (few keys). */
const hmacKeyTextCache = new Map<string, string>()

function ekoHmacKeyText(accessKey: string): string {
  let text = hmacKeyTextCache.get(accessKey)
  if (text === undefined) {
    text = bytesToBase64(encoder.encode(accessKey))
    if (hmacKeyTextCache.size >= KEY_CACHE_LIMIT)
      hmacKeyTextCache.delete(hmacKeyTextCache.keys().next().value as string)
    hmacKeyTextCache.set(accessKey, text)
  }
  return text
}

/**
 * Eko's HMAC of any message: base64(HMAC-SHA256(key = base64(access_key) as text, message)).
 * The `secret-key` is this over the timestamp; `request_hash` over its concatenated parts
 * (`ekoindia/openapi-spec` markdown/README.md: "the same key" as the secret-key). With a host's
 * synchronous HMAC when given, else Web Crypto; the results are the same.
 */
export async function ekoHmacBase64(
  accessKey: string,
  message: string,
  hmac?: HmacSha256Base64,
): Promise<string> {
  return hmac ? hmac(ekoHmacKeyText(accessKey), message) : computeSecretKey(accessKey, message)
}

/**
 * Compares two strings without an early exit on the first differing character, so response
 * time does not reveal how much of a forged signature was right. The loop runs over
 * `expected.length` (a property of the server's own value, 44 for a secret-key), whatever
 * `provided` is; a length mismatch is folded into the result instead of returning early.
 * Pass the server-computed value first.
 */
export function timingSafeEqualString(expected: string, provided: string): boolean {
  let diff = expected.length ^ provided.length
  for (let i = 0; i < expected.length; i++) {
    // charCodeAt past the end is NaN; `| 0` makes it 0, the length term already flags it.
    diff |= expected.charCodeAt(i) ^ (provided.charCodeAt(i) | 0)
  }
  return diff === 0
}

/** Exactly 13 ASCII digits: epoch milliseconds until the year 2286. Seconds (10 digits) is the classic mistake. */
const EPOCH_MS_PATTERN = /^[0-9]{13}$/

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
  const developerKey = headers.developer_key
  const providedSecretKey = headers['secret-key']
  const timestamp = headers['secret-key-timestamp']
  if (!developerKey || !providedSecretKey || !timestamp) {
    return { ok: false, reason: 'missing_header' }
  }

  const accessKey = lookupAccessKey(developerKey)
  if (!accessKey) return { ok: false, reason: 'unknown_developer_key' }

  if (!EPOCH_MS_PATTERN.test(timestamp)) return { ok: false, reason: 'timestamp_not_ms' }
  if (Math.abs(nowMs - Number(timestamp)) > skewMs) return { ok: false, reason: 'timestamp_skew' }

  const { hmac } = input
  const expected = await ekoHmacBase64(accessKey, timestamp, hmac)
  if (timingSafeEqualString(expected, providedSecretKey)) return { ok: true, developerKey }

  const rawKeyed = hmac
    ? hmac(accessKey, timestamp)
    : await computeRawKeyedSecretKey(accessKey, timestamp)
  if (timingSafeEqualString(rawKeyed, providedSecretKey)) {
    return { ok: false, reason: 'access_key_not_base64_encoded' }
  }
  return { ok: false, reason: 'signature_mismatch' }
}
