/**
 * Surepass bearer tokens: HS256 JWTs with flask-jwt-extended claims (the Surepass API docs, share.apidog.com/apidoc/docs-site/750756 (401 bodies: UDIN send-otp page)).
 *
 * The simulator mints and checks its own tokens with a fixed secret, so the token printed in the
 * banner and in `/__sim/fixtures` is the same on every machine and a client that decodes its token
 * (to read `exp`, say) sees the claim set real Surepass tokens carry. Web Crypto HMAC and a local
 * base64url codec keep this isomorphic: no `node:` modules, no Buffer, no dependencies.
 */

import { hmacSha256 } from '../../contracts/index.js'
import { constantTimeEqual } from '../core/index.js'

/**
 * The simulator's HMAC secret. Public on purpose: these tokens guard nothing, and a fixed secret is
 * what makes {@link SUREPASS_FIXTURE_TOKEN} a constant.
 */
export const SUREPASS_SIM_SECRET = 'fintwin-surepass-simulator-secret-not-for-production'

/** `identity` of simulator-minted tokens; real ones read `dev.<account>@surepass.io`. */
export const SUREPASS_SIM_IDENTITY = 'dev.fintwin@surepass.io'

/** The claim set flask-jwt-extended puts in a Surepass access token, in its order. */
export interface SurepassJwtClaims {
  fresh: boolean
  /** Issued at, seconds since the epoch. */
  iat: number
  /** UUID4. */
  jti: string
  type: 'access'
  identity: string
  /** Not before, seconds; flask-jwt-extended sets it to `iat`. */
  nbf: number
  /** Expiry, seconds. */
  exp: number
  user_claims: { scopes: string[] }
}

/**
 * Claims of a token that verified. Typed loosely because a validly signed token may still carry
 * any JSON; only `exp`, `nbf` and `iat` are checked (and known to be numbers when present).
 */
export type SurepassVerifiedClaims = Readonly<Record<string, unknown>> & {
  readonly exp?: number
  readonly nbf?: number
  readonly iat?: number
}

/** Why a token was refused; every reason maps to the same 401 envelope (the Surepass API docs, share.apidog.com/apidoc/docs-site/750756 (401 bodies: UDIN send-otp page)). */
export type SurepassJwtFailure = 'malformed' | 'bad_signature' | 'expired' | 'not_yet_valid'

/** Outcome of {@link verifySurepassJwt}. */
export type SurepassJwtVerification =
  | { readonly ok: true; readonly claims: SurepassVerifiedClaims }
  | { readonly ok: false; readonly reason: SurepassJwtFailure }

// ---------------------------------------------------------------------------------------------
// base64url
// ---------------------------------------------------------------------------------------------

const encoder = new TextEncoder()
const decoder = new TextDecoder('utf-8', { fatal: true })

function base64UrlEncode(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

const BASE64URL = /^[A-Za-z0-9_-]*={0,2}$/

/** Decodes base64url with or without padding; `null` for anything else (including std base64). */
function base64UrlDecode(text: string): Uint8Array | null {
  if (!BASE64URL.test(text)) return null
  const bare = text.replace(/=+$/, '')
  if (bare.length % 4 === 1) return null
  const padded =
    bare.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (bare.length % 4)) % 4)
  try {
    const binary = atob(padded)
    const bytes = new Uint8Array(binary.length)
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
    return bytes
  } catch {
    return null
  }
}

function decodeJsonObject(segment: string): Record<string, unknown> | null {
  const bytes = base64UrlDecode(segment)
  if (!bytes) return null
  try {
    const value: unknown = JSON.parse(decoder.decode(bytes))
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null
  } catch {
    return null
  }
}

// ---------------------------------------------------------------------------------------------
// Sign, mint, verify
// ---------------------------------------------------------------------------------------------

/** Header of observed Surepass tokens, key order included (PyJWT writes `typ` first). */
const HEADER_SEGMENT = base64UrlEncode(encoder.encode(JSON.stringify({ typ: 'JWT', alg: 'HS256' })))

/**
 * Signs any claim object as a compact HS256 JWT. Claims are serialised in insertion order, so the
 * same object always gives the same token (the fixture constants depend on that).
 */
export async function signSurepassJwt(claims: object, secret: string): Promise<string> {
  const payload = base64UrlEncode(encoder.encode(JSON.stringify(claims)))
  const signingInput = `${HEADER_SEGMENT}.${payload}`
  return `${signingInput}.${base64UrlEncode(await hmacSha256(secret, signingInput))}`
}

/** Inputs of {@link mintSurepassToken}; times are whole seconds, as JWT `NumericDate`s are. */
export interface MintSurepassTokenOptions {
  secret: string
  iatSec: number
  expSec: number
  /** Default {@link SUREPASS_SIM_IDENTITY}. */
  identity?: string
  /** Default: a random UUID4 (pass one for reproducible tokens). */
  jti?: string
}

/**
 * The claims of a Surepass access token with the given lifetime: `fresh: false`, `type: 'access'`,
 * `nbf = iat`, `user_claims.scopes: ['user']`, in the order flask-jwt-extended emits them.
 */
export function surepassClaims(
  options: Omit<MintSurepassTokenOptions, 'secret'>,
): SurepassJwtClaims {
  if (!Number.isSafeInteger(options.iatSec) || !Number.isSafeInteger(options.expSec)) {
    throw new RangeError('Surepass token times must be whole seconds')
  }
  if (options.expSec <= options.iatSec)
    throw new RangeError('Surepass token must expire after it is issued')
  return {
    fresh: false,
    iat: options.iatSec,
    jti: options.jti ?? globalThis.crypto.randomUUID(),
    type: 'access',
    identity: options.identity ?? SUREPASS_SIM_IDENTITY,
    nbf: options.iatSec,
    exp: options.expSec,
    user_claims: { scopes: ['user'] },
  }
}

/** Mints a Surepass-style access token, e.g. for QA tests that need a token expiring soon. */
export function mintSurepassToken(options: MintSurepassTokenOptions): Promise<string> {
  return signSurepassJwt(surepassClaims(options), options.secret)
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value)
}

/** Options of {@link verifySurepassJwt}. */
export interface VerifySurepassJwtOptions {
  /**
   * Seconds of clock tolerance either way, like flask-jwt-extended's `JWT_DECODE_LEEWAY`
   * (default 0, as there). Useful when a test sets the simulator clock before a token's `iat`.
   */
  leewaySec?: number
}

/**
 * Checks a bearer token the way flask-jwt-extended (PyJWT) does, in its order: structure and
 * header (only `alg: HS256` is accepted, so `none` and algorithm-confusion tokens are
 * `malformed`), then the signature (constant-time), then `exp` (expired once `exp <= now`), `nbf`
 * and `iat` (not yet valid when after now), at whole-second `nowMs` from the simulator clock.
 */
export async function verifySurepassJwt(
  token: string,
  secret: string,
  nowMs: number,
  options: VerifySurepassJwtOptions = {},
): Promise<SurepassJwtVerification> {
  const signed = await checkSignature(token, secret)
  return signed.ok ? checkTimes(signed.claims, nowMs, options.leewaySec ?? 0) : signed
}

/** The clock-independent half of verification: structure, header, claim types, signature. */
async function checkSignature(token: string, secret: string): Promise<SurepassJwtVerification> {
  const parts = token.trim().split('.')
  if (parts.length !== 3) return { ok: false, reason: 'malformed' }
  const [headerSegment, payloadSegment, signatureSegment] = parts as [string, string, string]

  const header = decodeJsonObject(headerSegment)
  if (header?.alg !== 'HS256') {
    return { ok: false, reason: 'malformed' }
  }
  const claims = decodeJsonObject(payloadSegment)
  const signature = base64UrlDecode(signatureSegment)
  if (!claims || !signature || signature.length === 0) return { ok: false, reason: 'malformed' }

  const expected = await hmacSha256(secret, `${headerSegment}.${payloadSegment}`)
  if (!constantTimeEqual(signature, expected)) return { ok: false, reason: 'bad_signature' }

  for (const name of ['exp', 'nbf', 'iat'] as const) {
    if (claims[name] !== undefined && !isTime(claims[name]))
      return { ok: false, reason: 'malformed' }
  }
  return { ok: true, claims: claims as SurepassVerifiedClaims }
}

/** The clock-dependent half: `exp`, `nbf`, `iat` against the simulator clock. */
function checkTimes(
  claims: SurepassVerifiedClaims,
  nowMs: number,
  leeway: number,
): SurepassJwtVerification {
  const nowSec = Math.floor(nowMs / 1000)
  if (isTime(claims.exp) && claims.exp <= nowSec - leeway) return { ok: false, reason: 'expired' }
  if (isTime(claims.nbf) && claims.nbf > nowSec + leeway)
    return { ok: false, reason: 'not_yet_valid' }
  if (isTime(claims.iat) && claims.iat > nowSec + leeway)
    return { ok: false, reason: 'not_yet_valid' }
  return { ok: true, claims }
}

/**
 * A verifier that remembers the signature verdict of recent tokens. A token's signature never
 * changes, and Web Crypto's HMAC costs tens of microseconds per call in Node, while a client
 * sends the same token on every request; the clock checks still run on every call.
 */
export function createSurepassJwtVerifier(secret: string, capacity = 256) {
  const verdicts = new Map<string, SurepassJwtVerification>()
  return async (
    token: string,
    nowMs: number,
    options: VerifySurepassJwtOptions = {},
  ): Promise<SurepassJwtVerification> => {
    let signed = verdicts.get(token)
    if (signed === undefined) {
      signed = await checkSignature(token, secret)
      if (verdicts.size >= capacity) verdicts.delete(verdicts.keys().next().value as string)
      verdicts.set(token, signed)
    }
    return signed.ok ? checkTimes(signed.claims, nowMs, options.leewaySec ?? 0) : signed
  }
}

// ---------------------------------------------------------------------------------------------
// Fixed tokens
// ---------------------------------------------------------------------------------------------

/** Claims of {@link SUREPASS_FIXTURE_TOKEN}: issued 2026-01-01, valid ten years (seen in the wild). */
export const SUREPASS_FIXTURE_TOKEN_CLAIMS: Readonly<SurepassJwtClaims> = Object.freeze(
  surepassClaims({
    iatSec: Date.UTC(2026, 0, 1) / 1000,
    expSec: Date.UTC(2036, 0, 1) / 1000,
    jti: '0c6f7a3e-5b1d-4e8a-9f2c-7d4b1a6e3c58',
  }),
)

/** Claims of {@link SUREPASS_EXPIRED_TOKEN}: issued 2025-01-01, 15-day lifetime, long expired. */
export const SUREPASS_EXPIRED_TOKEN_CLAIMS: Readonly<SurepassJwtClaims> = Object.freeze(
  surepassClaims({
    iatSec: Date.UTC(2025, 0, 1) / 1000,
    expSec: Date.UTC(2025, 0, 16) / 1000,
    jti: '7e2d9b41-3a6c-4f05-8b19-c5e0d2a47f96',
  }),
)

/**
 * The token the simulator accepts by default (banner, `/__sim/fixtures`). A literal, not computed
 * at import, so docs and shell scripts can paste it; a test re-mints it to prove it matches
 * {@link SUREPASS_FIXTURE_TOKEN_CLAIMS} and {@link SUREPASS_SIM_SECRET}.
 */
export const SUREPASS_FIXTURE_TOKEN =
  'eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.' +
  'eyJmcmVzaCI6ZmFsc2UsImlhdCI6MTc2NzIyNTYwMCwianRpIjoiMGM2ZjdhM2UtNWIxZC00ZThhLTlmMmMtN2Q0YjFhNmUzYzU4IiwidHlwZSI6ImFjY2VzcyIsImlkZW50aXR5IjoiZGV2LmZpbnR3aW5Ac3VyZXBhc3MuaW8iLCJuYmYiOjE3NjcyMjU2MDAsImV4cCI6MjA4Mjc1ODQwMCwidXNlcl9jbGFpbXMiOnsic2NvcGVzIjpbInVzZXIiXX19.' +
  '-RqzGuymJoqaGAssnNmQJj4kpPGjYtylnQ51ZfOmcSE'

/** A correctly signed token whose `exp` (2025-01-16) is past: the simulator answers 401. */
export const SUREPASS_EXPIRED_TOKEN =
  'eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.' +
  'eyJmcmVzaCI6ZmFsc2UsImlhdCI6MTczNTY4OTYwMCwianRpIjoiN2UyZDliNDEtM2E2Yy00ZjA1LThiMTktYzVlMGQyYTQ3Zjk2IiwidHlwZSI6ImFjY2VzcyIsImlkZW50aXR5IjoiZGV2LmZpbnR3aW5Ac3VyZXBhc3MuaW8iLCJuYmYiOjE3MzU2ODk2MDAsImV4cCI6MTczNjk4NTYwMCwidXNlcl9jbGFpbXMiOnsic2NvcGVzIjpbInVzZXIiXX19.' +
  'yUtMEWFr_kiIm65lFg9gKg22IQkE_6C6eK34eGlgj_E'
