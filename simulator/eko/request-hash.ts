/**
 * Eko's `request_hash`: the second signature of a wallet-debiting call. It is
 * base64(HMAC-SHA256(key = base64(access_key) as text, message = the parts concatenated)), the
 * parts and their order named by the operation's contract (`x-operation.requestHash`), the first
 * being the same `secret-key-timestamp` the secret-key signs. Eko documents the rule and a PHP
 * sample for bill payments (`ekoindia/openapi-spec` markdown/README.md "request_hash";
 * developers.eko.in/docs/authentication), but not the answer to a wrong hash: the simulator
 * refuses it like a wrong secret-key, with HTTP 403.
 */
import { ekoSecretKey, requestHashMessage, type RequestHashRule } from '../../contracts/index.js'
import { constantTimeEqual } from '../core/index.js'
import type { HmacSha256Base64 } from '../sim-platform.js'

/** Why a request hash was refused; surfaced as the `x-fintwin-auth-error` header of the 403. */
export type RequestHashFailure =
  | 'request_hash_missing'
  | 'request_hash_mismatch'
  /** Eko's Node SDK 0.4.1 keys the HMAC with the developer key instead of the access key. */
  | 'request_hash_keyed_with_developer_key'

/** What {@link verifyRequestHash} needs. */
export interface RequestHashInput {
  rule: RequestHashRule
  /** Request headers, lower-case names. */
  headers: Readonly<Record<string, string | undefined>>
  /** The validated body: the parts that are not headers are its fields. */
  body: Readonly<Record<string, unknown>>
  accessKey: string
  developerKey: string
  hmac?: HmacSha256Base64
}

/** Checks the request hash; names the first failed check, or says it is right. */
export async function verifyRequestHash(
  input: RequestHashInput,
): Promise<{ ok: true } | { ok: false; reason: RequestHashFailure }> {
  const provided = input.headers[input.rule.header]
  if (!provided) return { ok: false, reason: 'request_hash_missing' }
  const message = requestHashMessage(input.rule, input.headers, input.body)
  const expected = await ekoSecretKey(input.accessKey, message, input.hmac)
  if (constantTimeEqual(expected, provided)) return { ok: true }
  const developerKeyed = await ekoSecretKey(input.developerKey, message, input.hmac)
  if (constantTimeEqual(developerKeyed, provided))
    return { ok: false, reason: 'request_hash_keyed_with_developer_key' }
  return { ok: false, reason: 'request_hash_mismatch' }
}
