/**
 * Eko's request signature, executable: the one implementation the simulator's check, the SDK,
 * the presets, the bench and the tests all sign with. It lives beside the contracts because it
 * is part of Eko's contract (the provider file's security schemes), and because the contracts
 * are what every layer may import.
 *
 * `secret-key = base64(HMAC-SHA256(key = UTF-8 bytes of base64(access_key), message =
 * secret-key-timestamp))`: the HMAC key is the base64 TEXT of the access key (decoding it back to
 * bytes, or keying with the raw access key, is the most common integration bug), and the message
 * is the timestamp header exactly as sent, epoch milliseconds (Eko's developer docs,
 * developers.eko.in "Authentication"; Eko's Node SDK, github.com/ekoindia/eko-sdk-node).
 * Isomorphic (Web Crypto, `btoa`): it runs in Node and in a browser.
 */
import { bytesToBase64, webCryptoHmacSha256Base64 } from './hmac.js'
import { getProvider, schemaAt } from './registry.js'

/** `base64(HMAC-SHA256(key, message))`, key and message as UTF-8 text. */
export type HmacSha256Base64 = (key: string, message: string) => string

/** An Eko developer key and the access key it signs with. */
export interface EkoCredentials {
  developer_key: string
  access_key: string
}

function headerName(scheme: string): string {
  const schemes = getProvider('eko').document['x-provider'].securitySchemes as Record<
    string,
    { name?: unknown }
  >
  const name = schemes[scheme]?.name
  if (typeof name !== 'string')
    throw new Error(`eko provider contract: no security scheme ${scheme}`)
  return name
}

/** Eko's auth header names, from the provider contract's security schemes. */
export const EKO_AUTH_HEADERS: Readonly<{
  developerKey: string
  secretKey: string
  timestamp: string
}> = Object.freeze({
  developerKey: headerName('developerKey'),
  secretKey: headerName('secretKey'),
  timestamp: headerName('secretKeyTimestamp'),
})

/**
 * What a `secret-key-timestamp` must look like (13 digits: epoch milliseconds; 10 digits,
 * seconds, is the classic mistake), from the contract's auth-header schema.
 */
export const EKO_TIMESTAMP_PATTERN: RegExp = timestampPattern()

function timestampPattern(): RegExp {
  const headers = schemaAt(
    'https://fintwin.dev/contracts/shared/eko-envelope.json#/$defs/authHeaders',
  )
  const property = (headers.properties as Record<string, { pattern?: unknown }> | undefined)?.[
    EKO_AUTH_HEADERS.timestamp
  ]
  if (typeof property?.pattern !== 'string')
    throw new Error('eko auth headers contract: the timestamp header has no pattern')
  return new RegExp(property.pattern)
}

const encoder = new TextEncoder()

/** Key texts by access key: the same few keys sign every request (bounded against abuse). */
const keyTexts = new Map<string, string>()

/** Eko's HMAC key TEXT for an access key: the base64 of its UTF-8 bytes, used as text. */
export function ekoHmacKey(accessKey: string): string {
  let text = keyTexts.get(accessKey)
  if (text === undefined) {
    text = bytesToBase64(encoder.encode(accessKey))
    if (keyTexts.size >= 64) keyTexts.delete(keyTexts.keys().next().value as string)
    keyTexts.set(accessKey, text)
  }
  return text
}

/** A `secret-key-timestamp` for an instant: epoch milliseconds as a decimal string. */
export function ekoTimestamp(nowMs: number): string {
  return String(Math.trunc(nowMs))
}

/**
 * The `secret-key` for `accessKey` at `timestamp` (the header's exact text). With a host's
 * synchronous HMAC (`node:crypto`) when given, Web Crypto otherwise; same result either way.
 */
export async function ekoSecretKey(
  accessKey: string,
  timestamp: string,
  hmac?: HmacSha256Base64,
): Promise<string> {
  const keyText = ekoHmacKey(accessKey)
  return hmac ? hmac(keyText, timestamp) : webCryptoHmacSha256Base64(keyText, timestamp)
}

/** The three auth headers, from a developer key, a timestamp and its `secret-key`. */
export function ekoAuthHeaderSet(
  developerKey: string,
  timestamp: string,
  secretKey: string,
): Record<string, string> {
  return {
    [EKO_AUTH_HEADERS.developerKey]: developerKey,
    [EKO_AUTH_HEADERS.secretKey]: secretKey,
    [EKO_AUTH_HEADERS.timestamp]: timestamp,
  }
}

/**
 * Eko's auth headers for one request signed at `nowMs` (a fresh pair per request: Eko only
 * accepts a timestamp close to its clock). Follow the SIMULATOR clock when signing for the
 * simulator: tests move it, and a timestamp outside the skew window is a 403.
 */
export async function signEkoRequest(
  credentials: EkoCredentials,
  nowMs: number,
  hmac?: HmacSha256Base64,
): Promise<Record<string, string>> {
  const timestamp = ekoTimestamp(nowMs)
  const secretKey = await ekoSecretKey(credentials.access_key, timestamp, hmac)
  return ekoAuthHeaderSet(credentials.developer_key, timestamp, secretKey)
}
