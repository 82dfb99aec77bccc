import type { ContractViolation } from '../../contracts/index.js'
import {
  toFixtureView,
  toSurepassPersonView,
  type CkycFixtureView,
  type SurepassPersonView,
} from '../fixtures/index.js'
import { defineProvider, type MessageValues } from '../pipeline/index.js'
import type { BodyError } from '../sim-types.js'
import {
  createSurepassJwtVerifier,
  SUREPASS_EXPIRED_TOKEN,
  SUREPASS_FIXTURE_TOKEN,
  SUREPASS_SIM_SECRET,
} from './jwt.js'
import { SUREPASS_OPERATIONS } from './operations/index.js'
import { SUREPASS_AUTH_CHECKS } from './surepass-auth-checks.js'
import {
  aadhaarSessions,
  ckycDownloads,
  ckycRegistry,
  ckycSearches,
  surepassPeople,
} from './surepass-tables.js'
import { customPersonaOf, customPersonas, personaTestData } from './surepass-personas.js'

/** Surepass's part of `GET /__sim/fixtures`. */
export interface SurepassFixtures {
  /** A Bearer token valid until 2036. */
  token: string
  /** A correctly signed token whose `exp` is in 2025: every call answers 401. */
  expired_token: string
  ckyc: CkycFixtureView[]
  /** The persona graph: one identity across CKYC, Aadhaar OKYC, PAN and bank verification. */
  people: SurepassPersonView[]
}

const BEARER = /^Bearer\s+(\S+)$/
/** A token's signature never changes: one verifier (and its verdict cache) for the process. */
const verifyToken = createSurepassJwtVerifier(SUREPASS_SIM_SECRET)

/**
 * Surepass: Bearer-JWT auth (expiry by the simulator clock), its `invalid_input` wording, and
 * the operations in `./operations/`: CKYC (search → generate OTP → download), Aadhaar OKYC
 * (generate OTP → submit OTP), PAN lite / comprehensive / with details v2 and bank verification,
 * all answering from one persona graph.
 */
export const surepassProvider = defineProvider({
  id: 'surepass',
  tables: [ckycSearches, ckycDownloads, aadhaarSessions, customPersonas],
  operations: SUREPASS_OPERATIONS,
  authChecks: SUREPASS_AUTH_CHECKS,
  async authenticate({ request, sim, outcome }) {
    const token = BEARER.exec(request.headers.authorization ?? '')?.[1]
    const verdict = token === undefined ? undefined : await verifyToken(token, sim.clock.now())
    if (verdict?.ok) return undefined
    return outcome('unauthorized').withCheck(verdict?.reason ?? 'missing_bearer_token')
  },
  invalidRequest({ outcome, message }, { violations, bodyError }) {
    if (bodyError === 'too_large') return outcome('payload_too_large')
    const wording = (name: string, values?: MessageValues) => message('invalid_input', name, values)
    return outcome('invalid_input', {
      message: invalidInputMessage(wording, violations, bodyError),
    })
  },
  fixtures: (sim, table): SurepassFixtures => ({
    token: SUREPASS_FIXTURE_TOKEN,
    expired_token: SUREPASS_EXPIRED_TOKEN,
    ckyc: [
      ...ckycRegistry(sim.seed).personas.map(toFixtureView),
      ...table(customPersonas)
        .values()
        .map((row) => ({ ...toFixtureView(customPersonaOf(row)), custom: true })),
    ],
    people: surepassPeople(sim.seed).entries.map((entry) =>
      toSurepassPersonView(entry, surepassPeople(sim.seed)),
    ),
  }),
  testData: { persona: personaTestData },
})

/**
 * Surepass words validation failures as one sentence naming the field; the sentences are the
 * `invalid_input` case's `x-messages` in the contract, this picks one and names the field.
 */
function invalidInputMessage(
  wording: (name: string, values?: MessageValues) => string,
  violations: readonly ContractViolation[],
  bodyError: BodyError | undefined,
): string {
  if (bodyError === 'malformed' || bodyError === 'too_deep') return wording('not_json')
  if (bodyError === 'unsupported_media_type') return wording('wrong_content_type')
  const first = violations.find((v) => v.path.startsWith('/body')) ?? violations[0]
  if (!first) return wording('unspecified')
  const field = first.path.replace(/^\/(body|headers)\/?/, '').replace(/\//g, '.')
  const missing = first.keyword === 'required' ? /'([^']+)'/.exec(first.message)?.[1] : undefined
  if (missing) return wording('required', { field: field ? `${field}.${missing}` : missing })
  if (!field)
    return first.keyword === 'type'
      ? wording('not_an_object')
      : wording('body', { problem: first.message })
  return wording('field', { field, problem: first.message })
}
