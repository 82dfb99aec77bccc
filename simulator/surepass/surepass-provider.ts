import type { ContractViolation } from '../../contracts/index.js'
import { toFixtureView, type CkycFixtureView } from '../fixtures/index.js'
import { defineProvider } from '../pipeline/index.js'
import type { BodyError } from '../sim-types.js'
import {
  createSurepassJwtVerifier,
  SUREPASS_EXPIRED_TOKEN,
  SUREPASS_FIXTURE_TOKEN,
  SUREPASS_SIM_SECRET,
} from './jwt.js'
import { SUREPASS_OPERATIONS } from './operations/index.js'
import { ckycDownloads, ckycRegistry, ckycSearches } from './surepass-tables.js'

/** Surepass's part of `GET /__sim/fixtures`. */
export interface SurepassFixtures {
  /** A Bearer token valid until 2036. */
  token: string
  /** A correctly signed token whose `exp` is in 2025: every call answers 401. */
  expired_token: string
  ckyc: CkycFixtureView[]
}

const BEARER = /^Bearer\s+(\S+)$/
/** A token's signature never changes: one verifier (and its verdict cache) for the process. */
const verifyToken = createSurepassJwtVerifier(SUREPASS_SIM_SECRET)

/**
 * Surepass: Bearer-JWT auth (expiry by the simulator clock), its `invalid_input` wording, and
 * the CKYC operations (search → generate OTP → download) in `./operations/`.
 */
export const surepassProvider = defineProvider({
  id: 'surepass',
  tables: [ckycSearches, ckycDownloads],
  operations: SUREPASS_OPERATIONS,
  async authenticate({ request, sim, outcome }) {
    const token = BEARER.exec(request.headers.authorization ?? '')?.[1]
    const verdict = token === undefined ? undefined : await verifyToken(token, sim.clock.now())
    return verdict?.ok ? undefined : outcome('unauthorized')
  },
  invalidRequest({ outcome }, { violations, bodyError }) {
    if (bodyError === 'too_large') return outcome('payload_too_large')
    return outcome('invalid_input', { message: invalidInputMessage(violations, bodyError) })
  },
  fixtures: (sim): SurepassFixtures => ({
    token: SUREPASS_FIXTURE_TOKEN,
    expired_token: SUREPASS_EXPIRED_TOKEN,
    ckyc: ckycRegistry(sim.seed).personas.map(toFixtureView),
  }),
})

/** Surepass words validation failures as one sentence naming the field. */
function invalidInputMessage(
  violations: readonly ContractViolation[],
  bodyError: BodyError | undefined,
): string {
  if (bodyError === 'malformed' || bodyError === 'too_deep')
    return 'Invalid input: the request body is not valid JSON.'
  if (bodyError === 'unsupported_media_type')
    return 'Invalid input: Content-Type must be application/json.'
  const first = violations.find((v) => v.path.startsWith('/body')) ?? violations[0]
  if (!first) return 'Invalid input provided.'
  const field = first.path.replace(/^\/(body|headers)\/?/, '').replace(/\//g, '.')
  const missing = first.keyword === 'required' ? /'([^']+)'/.exec(first.message)?.[1] : undefined
  if (missing) return `Invalid input: ${field ? `${field}.` : ''}${missing} is required.`
  if (!field)
    return first.keyword === 'type'
      ? 'Invalid input: the request body must be a JSON object.'
      : `Invalid input: ${first.message}.`
  return `Invalid input: ${field} ${first.message}.`
}
