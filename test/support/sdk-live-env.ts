/**
 * Reads the live-sandbox configuration of `npm run test:live` from the environment. Kept apart
 * from `test/sdk/sdk.live.ts` so the parsing (and the skip reasons it prints) is unit-tested by
 * `npm test`, which never talks to a real provider.
 *
 * Variables (all optional; a provider without its required ones is skipped, with the reason):
 *
 * | variable | meaning |
 * |---|---|
 * | `SUREPASS_TOKEN` | **required for Surepass**: a sandbox JWT |
 * | `SUREPASS_BASE_URL` | default `https://sandbox.surepass.io` |
 * | `SUREPASS_EXPIRED_TOKEN` | an expired token; default: a well-formed JWT with `exp` in 1970 |
 * | `SUREPASS_CKYC_HAPPY` | `DOCUMENT_TYPE:ID_NUMBER:MOBILE` of a record whose mobile gets OTPs |
 * | `SUREPASS_CKYC_NO_MOBILE` | `DOCUMENT_TYPE:ID_NUMBER` of a record with no mobile |
 * | `SUREPASS_CKYC_MOBILE_UNREGISTERED` | `DOCUMENT_TYPE:ID_NUMBER:MOBILE`, mobile not registered for OTP |
 * | `SUREPASS_CKYC_NOT_FOUND` | `DOCUMENT_TYPE:ID_NUMBER` with no record (default `PAN:ZZZZZ9999Z`) |
 * | `EKO_DEVELOPER_KEY`, `EKO_ACCESS_KEY`, `EKO_INITIATOR_ID` | **required for Eko** (UAT values are in developers.eko.in/docs/general-queries-1) |
 * | `EKO_AADHAAR_PUBLIC_KEY` | **required for Eko**: Eko's RSA key for `aadhar` (PEM or base64 SPKI) |
 * | `EKO_BASE_URL` | default `https://staging.eko.in/ekoapi/v3` |
 * | `EKO_AGENT_EKYC_PENDING`, `EKO_AGENT_NOT_ACTIVATED`, `EKO_AGENT_EKYC_DONE` | `USER_CODE:CUSTOMER_ID:AADHAAR[:LATLONG]` |
 */
import type { CkycPersona, EkoAgentFixture, SimFixtures } from './sim-fixtures.js'

export type LiveCkycLabel = 'happy' | 'no_mobile' | 'mobile_unregistered' | 'not_found'
export type LiveAgentLabel = 'ekyc_pending' | 'not_activated' | 'ekyc_done'

/** What the live run will do, and why it skips what it skips. */
export interface LiveConfig {
  surepass: { baseUrl: string } | undefined
  eko: { baseUrl: string; aadhaarPublicKey: string } | undefined
  fixtures: SimFixtures
  ckyc: Set<LiveCkycLabel>
  agents: Set<LiveAgentLabel>
  /** One line per skipped part, e.g. `Surepass skipped: SUREPASS_TOKEN is not set`. */
  skipped: string[]
}

const CKYC_VARS: Record<LiveCkycLabel, string> = {
  happy: 'SUREPASS_CKYC_HAPPY',
  no_mobile: 'SUREPASS_CKYC_NO_MOBILE',
  mobile_unregistered: 'SUREPASS_CKYC_MOBILE_UNREGISTERED',
  not_found: 'SUREPASS_CKYC_NOT_FOUND',
}
const AGENT_VARS: Record<LiveAgentLabel, string> = {
  ekyc_pending: 'EKO_AGENT_EKYC_PENDING',
  not_activated: 'EKO_AGENT_NOT_ACTIVATED',
  ekyc_done: 'EKO_AGENT_EKYC_DONE',
}
const EKO_REQUIRED = [
  'EKO_DEVELOPER_KEY',
  'EKO_ACCESS_KEY',
  'EKO_INITIATOR_ID',
  'EKO_AADHAAR_PUBLIC_KEY',
] as const

/** A JWT shaped like Surepass's (flask-jwt-extended claims) whose `exp` is long past; the signature is junk. */
export function expiredJwt(): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
  const claims = {
    fresh: false,
    iat: 0,
    jti: '00000000-0000-4000-8000-000000000000',
    type: 'access',
    identity: 'dev.fintwin@surepass.io',
    nbf: 0,
    exp: 1,
    user_claims: { scopes: ['user'] },
  }
  return `${part({ typ: 'JWT', alg: 'HS256' })}.${part(claims)}.${Buffer.from('fintwin-expired-token-signature').toString('base64url')}`
}

/** Parses the environment; never throws for a missing variable, only for a malformed one. */
export function readLiveConfig(env: Record<string, string | undefined> = process.env): LiveConfig {
  const skipped: string[] = []
  const get = (name: string) => (env[name]?.trim() ? env[name]!.trim() : undefined)

  const ckyc = new Set<LiveCkycLabel>()
  const personas: CkycPersona[] = []
  const token = get('SUREPASS_TOKEN')
  if (!token) skipped.push('Surepass skipped: SUREPASS_TOKEN is not set')
  else {
    for (const [label, name] of Object.entries(CKYC_VARS) as [LiveCkycLabel, string][]) {
      const value = get(name) ?? (label === 'not_found' ? 'PAN:ZZZZZ9999Z' : undefined)
      if (!value) {
        skipped.push(`Surepass "${label}" cases skipped: ${name} is not set`)
        continue
      }
      const [document_type, id_number, mobile] = value.split(':')
      if (!document_type || !id_number)
        throw new Error(
          `${name} must be DOCUMENT_TYPE:ID_NUMBER[:MOBILE], got ${JSON.stringify(value)}`,
        )
      if ((label === 'happy' || label === 'mobile_unregistered') && !mobile)
        throw new Error(`${name} needs the mobile: DOCUMENT_TYPE:ID_NUMBER:MOBILE`)
      personas.push({ label, document_type, id_number, mobile_number: mobile ?? null })
      ckyc.add(label)
    }
  }

  const agents = new Set<LiveAgentLabel>()
  const agentFixtures: EkoAgentFixture[] = []
  const missingEko = EKO_REQUIRED.filter((name) => !get(name))
  if (missingEko.length > 0)
    skipped.push(
      `Eko skipped: ${missingEko.join(', ')} ${missingEko.length === 1 ? 'is' : 'are'} not set`,
    )
  else {
    for (const [label, name] of Object.entries(AGENT_VARS) as [LiveAgentLabel, string][]) {
      const value = get(name)
      if (!value) {
        skipped.push(`Eko "${label}" cases skipped: ${name} is not set`)
        continue
      }
      const [user_code, customer_id, aadhaar, latlong] = value.split(':')
      if (!user_code || !customer_id || !aadhaar)
        throw new Error(`${name} must be USER_CODE:CUSTOMER_ID:AADHAAR[:LATLONG]`)
      agentFixtures.push(
        latlong
          ? { label, user_code, customer_id, aadhaar, latlong }
          : { label, user_code, customer_id, aadhaar },
      )
      agents.add(label)
    }
  }

  return {
    surepass: token
      ? { baseUrl: get('SUREPASS_BASE_URL') ?? 'https://sandbox.surepass.io' }
      : undefined,
    eko:
      missingEko.length === 0
        ? {
            baseUrl: get('EKO_BASE_URL') ?? 'https://staging.eko.in/ekoapi/v3',
            aadhaarPublicKey: get('EKO_AADHAAR_PUBLIC_KEY')!,
          }
        : undefined,
    fixtures: {
      surepass: {
        token: token ?? '',
        expired_token: get('SUREPASS_EXPIRED_TOKEN') ?? expiredJwt(),
        ckyc: personas,
        // fintwin's persona graph has no live counterpart (the suite skips it live).
        people: [],
      },
      eko: {
        developer_key: get('EKO_DEVELOPER_KEY') ?? '',
        access_key: get('EKO_ACCESS_KEY') ?? '',
        initiator_id: get('EKO_INITIATOR_ID') ?? '',
        aadhaar_public_key_pem: get('EKO_AADHAAR_PUBLIC_KEY') ?? '',
        agents: agentFixtures,
      },
    },
    ckyc,
    agents,
    skipped,
  }
}
