import type { BodyError } from '../simulator/sim-types.js'
import { parseMultipart } from './multipart.js'

/** What a door gets back from {@link parseRequestBody}. */
export type ParsedBody = { ok: true; body: unknown } | { ok: false; error: BodyError }

/** JSON deeper than this is refused before it reaches validation or behaviour. */
export const MAX_JSON_DEPTH = 64

/**
 * Whether a body of this content type is read as a binary string (one char per byte) rather than
 * UTF-8 text: multipart uploads carry files, whose exact sizes the contracts check.
 */
export function isMultipart(contentType: string | undefined): boolean {
  return /^\s*multipart\/form-data\s*(;|$)/i.test(contentType ?? '')
}

/**
 * Turns raw body text into a value by its content type, the one way both doors do it. JSON and
 * `application/x-www-form-urlencoded` are accepted (Eko's v1/v2 APIs and its Node SDK send form
 * bodies; the v3 docs JSON), and `multipart/form-data` (Eko's AePS activation uploads), whose
 * body the doors read as a binary string ({@link isMultipart}). An empty body is `undefined`,
 * left for validation to refuse.
 */
export function parseRequestBody(contentType: string | undefined, text: string): ParsedBody {
  if (text.length === 0) return { ok: true, body: undefined }
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  if (type === 'multipart/form-data') {
    const parsed = parseMultipart(contentType ?? '', text)
    return parsed.ok ? parsed : { ok: false, error: 'malformed' }
  }
  if (type === 'application/x-www-form-urlencoded') {
    const body: Record<string, string> = Object.create(null) as Record<string, string>
    for (const [key, value] of new URLSearchParams(text))
      if (!PROTOTYPE_KEYS.has(key)) body[key] = value
    return { ok: true, body: { ...body } }
  }
  if (type !== '' && type !== 'application/json' && !type.endsWith('+json')) {
    return { ok: false, error: 'unsupported_media_type' }
  }
  if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) return { ok: false, error: 'too_deep' }
  try {
    // The reviver (a JS call per value) only when a prototype key could be there at all: its
    // name in clear, or any \u escape (which could spell one). Every provider body is neither.
    return {
      ok: true,
      body: mayHidePrototypeKey(text) ? JSON.parse(text, dropPrototypeKeys) : JSON.parse(text),
    }
  } catch {
    return { ok: false, error: 'malformed' }
  }
}

/** Keys that never reach behaviour, from JSON or form bodies alike (prototype pollution). */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])

/** `__proto__`, `constructor` and `prototype` keys never reach behaviour (prototype pollution). */
function dropPrototypeKeys(key: string, value: unknown): unknown {
  return PROTOTYPE_KEYS.has(key) ? undefined : value
}

function mayHidePrototypeKey(text: string): boolean {
  return (
    text.includes('\\u') ||
    text.includes('__proto__') ||
    text.includes('constructor') ||
    text.includes('prototype')
  )
}

/**
 * A linear scan for nesting depth, so a deeply nested body is refused without recursing into it.
 * Depth past `limit` needs more than `limit` opening brackets: counted first with native
 * `indexOf`, so a body with few of them (every provider body) skips the character loop.
 */
function jsonDepthExceeds(text: string, limit: number): boolean {
  let openers = 0
  for (let i = text.indexOf('{'); i !== -1 && openers <= limit; i = text.indexOf('{', i + 1))
    openers++
  for (let i = text.indexOf('['); i !== -1 && openers <= limit; i = text.indexOf('[', i + 1))
    openers++
  if (openers <= limit) return false
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 92 /* \ */) i++
      else if (c === 34 /* " */) inString = false
    } else if (c === 34) inString = true
    else if (c === 123 || c === 91) {
      if (++depth > limit) return true
    } else if (c === 125 || c === 93) depth--
  }
  return false
}
