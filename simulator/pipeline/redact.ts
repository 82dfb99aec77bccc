/**
 * What a journal may keep of a body (`--journal-bodies`): the shape and the harmless values, with
 * personal data redacted the way a payments log must be. Aadhaar numbers keep their last four
 * digits (UIDAI's masked-Aadhaar form), PANs are masked but for their last four characters, and
 * OTPs, tokens, keys, signatures and encrypted fields (Eko's RSA-encrypted `aadhar`, PID blocks)
 * are removed outright. Key-based where the key says what a value is, value-based for PANs,
 * whose shape is unmistakable wherever they appear (`id_number`, free text).
 */

/** What a removed value is replaced with: the key stays, so the shape of the body is visible. */
export const REMOVED = '[removed]'

/** Keys whose values are secrets or ciphertext: removed whatever they hold. */
const SECRET_KEY =
  /(^|_|-)(otp|token|secret|password|signature|hmac|piddata|pid_data|encrypted|ciphertext|authorization)($|_|-)|(^|_|-)key$|^(access|developer)_key$|^secret-key/i
/** A reference to an OTP is not the OTP: `otp_ref_id` and the like stay. */
const REFERENCE_KEY = /(_ref_id|_id|_at|_sent|_status|_left|_ttl)$/i
const AADHAAR_KEY = /^(aadhaar|aadhar|uid)(_number|_no|_num)?$/i
const PAN_KEY = /^pan(_number|_no)?$/i
const AADHAAR_DIGITS = /^\d{4}\s?\d{4}\s?\d{4}$/
const PAN_SHAPE = /\b[A-Z]{5}[0-9]{4}[A-Z]\b/g
/** Longer strings (photos, XML) are cut: the journal is bounded in entries, and so in bytes. */
const MAX_STRING = 256
const MAX_DEPTH = 8
const MAX_ITEMS = 50

/** Masks all but the last four characters. */
function lastFour(value: string): string {
  const compact = value.replace(/\s/g, '')
  return `${'X'.repeat(Math.max(0, compact.length - 4))}${compact.slice(-4)}`
}

/**
 * A JSON object carried as text (an AePS activation's multipart `form-data` part holds the
 * agent's plain Aadhaar), redacted as the object it is; undefined when the text is no object.
 */
function redactJsonText(value: string, depth: number): string | undefined {
  if (!value.trimStart().startsWith('{')) return undefined
  try {
    const parsed = JSON.parse(value) as unknown
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined
    return JSON.stringify(redactBody(parsed, '', depth + 1))
  } catch {
    return undefined
  }
}

function redactString(key: string, value: string, depth: number): string {
  if (AADHAAR_KEY.test(key)) return AADHAAR_DIGITS.test(value) ? lastFour(value) : REMOVED
  if (PAN_KEY.test(key)) return lastFour(value)
  if (key === 'id_number' && AADHAAR_DIGITS.test(value)) return lastFour(value)
  const masked = (redactJsonText(value, depth) ?? value).replace(PAN_SHAPE, (pan) => lastFour(pan))
  return masked.length > MAX_STRING
    ? `${masked.slice(0, 32)}… [${masked.length} characters]`
    : masked
}

/**
 * A copy of `value` fit for the journal (see the module comment). Never throws and never
 * evaluates anything: it walks plain JSON data, bounded in depth and breadth.
 */
export function redactBody(value: unknown, key = '', depth = 0): unknown {
  if (key !== '' && SECRET_KEY.test(key) && !REFERENCE_KEY.test(key)) return REMOVED
  if (typeof value === 'string') return redactString(key, value, depth)
  if (typeof value !== 'object' || value === null) return value
  if (depth >= MAX_DEPTH) return '[too deep]'
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ITEMS).map((item) => redactBody(item, key, depth + 1))
    if (value.length > MAX_ITEMS) items.push(`… [${value.length - MAX_ITEMS} more]`)
    return items
  }
  const out: Record<string, unknown> = {}
  for (const [field, item] of Object.entries(value))
    if (field !== '__proto__') out[field] = redactBody(item, field, depth + 1)
  return out
}
