/**
 * Eko's client-side chores, done by the simulator for tools that cannot do them (Postman, a
 * browser page, a shell without openssl): the three auth headers for "now" on the simulator
 * clock, a `request_hash`, and the RSA-encrypted Aadhaar. Conveniences only: the provider
 * routes keep verifying every request exactly as Eko does. The rules are Eko's, from
 * developers.eko.in "Authentication" (secret-key, request_hash) and the AePS Fingpay eKYC pages
 * (the `aadhar` field: base64 of RSA PKCS#1 v1.5 under the partner's public key).
 */
import { operations, requestHashMessage, type RequestHashRule } from '../../contracts/index.js'
import type { Simulator } from '../create-simulator-core.js'
import { encryptAadhaarForTest } from '../eko/aadhaar-cipher.js'
import { computeSecretKey } from '../eko/secret-key.js'
import { AdminInputError, objectBody } from './admin-input-error.js'

/** `POST /__sim/eko/sign`'s answer: Eko's auth headers by name, and a request_hash when asked. */
export interface EkoSignature {
  developer_key: string
  'secret-key': string
  'secret-key-timestamp': string
  request_hash?: string
}

/** Epoch milliseconds, as Eko wants `secret-key-timestamp`. */
const EPOCH_MS = /^[0-9]{13}$/
/** PKCS#1 v1.5 under a 1024-bit key carries at most 128 − 11 bytes. */
const RSA_1024_PKCS1_MAX_BYTES = 117

/**
 * Signs for the body `{ developer_key?, access_key?, timestamp?, request_hash_parts?,
 * operation?, body? }`: by default with the simulator's first accepted credential and the
 * simulator clock's now (so a moved clock needs no arithmetic). `access_key` signs with another
 * key (e.g. a wrong one, to reach `auth_failed`); `request_hash_parts` are concatenated after
 * the timestamp, Eko's request_hash rule (AePS transactions: aadhaar, amount, user_code). Or
 * `operation` (an id) with the request `body` it will send: the parts are then the body fields
 * the operation's contract names (`x-operation.requestHash`), and an operation that declares
 * none gets no request_hash.
 */
export async function signEkoRequest(sim: Simulator, rawBody: unknown): Promise<EkoSignature> {
  const body = objectBody(rawBody, [
    'developer_key',
    'access_key',
    'timestamp',
    'request_hash_parts',
    'operation',
    'body',
  ])
  const credentials = sim.config.eko.credentials
  const developerKey = optionalText(body, 'developer_key') ?? credentials[0]?.developer_key
  if (developerKey === undefined)
    throw new AdminInputError('developer_key', 'this simulator accepts no Eko credentials')
  const accessKey =
    optionalText(body, 'access_key') ??
    credentials.find((c) => c.developer_key === developerKey)?.access_key
  if (accessKey === undefined)
    throw new AdminInputError(
      'developer_key',
      `"${developerKey}" is not a developer_key this simulator accepts; pass its access_key too`,
    )
  const timestamp = timestampOf(body.timestamp, sim)
  const signature: EkoSignature = {
    developer_key: developerKey,
    'secret-key': await computeSecretKey(accessKey, timestamp),
    'secret-key-timestamp': timestamp,
  }
  const parts = body.request_hash_parts
  if (parts !== undefined) {
    if (
      !Array.isArray(parts) ||
      !parts.every((p) => typeof p === 'string' || typeof p === 'number')
    )
      throw new AdminInputError(
        'request_hash_parts',
        '"request_hash_parts" must be an array of strings, e.g. [aadhaar, amount, user_code]',
      )
    signature.request_hash = await computeSecretKey(accessKey, timestamp + parts.join(''))
  } else {
    const rule = requestHashRuleOf(body.operation)
    if (rule !== undefined)
      signature.request_hash = await computeSecretKey(
        accessKey,
        requestHashMessage(rule, { ...signature }, requestHashFields(rule, signature, body.body)),
      )
  }
  return signature
}

/**
 * The request_hash rule of `operation` (an id), read from its contract: undefined when no
 * operation is named or its contract asks for no request_hash.
 */
function requestHashRuleOf(operation: unknown): RequestHashRule | undefined {
  if (operation === undefined) return undefined
  const declared = typeof operation === 'string' ? operations.get(operation) : undefined
  if (declared === undefined)
    throw new AdminInputError(
      'operation',
      '"operation" must be an operation id of /__sim/catalogue',
    )
  return declared.requestHash
}

/**
 * The request body's fields that `rule` hashes (its parts that are not one of the signed
 * headers). A field the body lacks is refused by name (`body.amount`), since a hash without it
 * would only fail at Eko.
 */
function requestHashFields(
  rule: RequestHashRule,
  headers: object,
  request: unknown,
): Record<string, unknown> {
  const values =
    typeof request === 'object' && request !== null && !Array.isArray(request)
      ? (request as Record<string, unknown>)
      : {}
  const fields: Record<string, unknown> = {}
  for (const part of rule.concat) {
    if (part in headers) continue
    const value = values[part]
    if (value === undefined || value === null)
      throw new AdminInputError(
        `body.${part}`,
        `the request_hash covers "${part}": put it in "body"`,
      )
    fields[part] = value
  }
  return fields
}

/** The signature as header lines (`name: value`), for `curl -H @-`. */
export function signatureHeaderLines(signature: EkoSignature): string {
  return `${Object.entries(signature)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n')}\n`
}

/**
 * Encrypts `{ "aadhaar": "…" }` under the simulator's Aadhaar key → `{ "aadhar": "<base64>" }`,
 * Eko's field name and spelling. Any text encrypts (a wrong number too, to reach
 * `invalid_params`); only what cannot be one RSA block is refused.
 */
export function encryptAadhaarField(rawBody: unknown): { aadhar: string } {
  const body = objectBody(rawBody, ['aadhaar'])
  const aadhaar = body.aadhaar
  if (typeof aadhaar !== 'string' || aadhaar.length === 0)
    throw new AdminInputError('aadhaar', '"aadhaar" is required: the plain 12-digit number')
  if (new TextEncoder().encode(aadhaar).length > RSA_1024_PKCS1_MAX_BYTES)
    throw new AdminInputError(
      'aadhaar',
      `"aadhaar" is longer than one RSA block (${RSA_1024_PKCS1_MAX_BYTES} bytes)`,
    )
  return { aadhar: encryptAadhaarForTest(aadhaar) }
}

function timestampOf(value: unknown, sim: Simulator): string {
  if (value === undefined) return String(sim.clock.now())
  if ((typeof value === 'string' || typeof value === 'number') && EPOCH_MS.test(String(value)))
    return String(value)
  throw new AdminInputError('timestamp', '"timestamp" must be epoch milliseconds (13 digits)')
}

function optionalText(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field]
  if (value === undefined) return undefined
  if (typeof value !== 'string' || value.length === 0)
    throw new AdminInputError(field, `"${field}" must be a non-empty string`)
  return value
}
