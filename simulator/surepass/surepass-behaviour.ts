import type { ContractViolation, Operation } from '../../contracts/index.js'
import {
  LABELLED_CKYC_PERSONAS,
  createSeededCkycPersonas,
  normalizeCkycIdNumber,
  toFixtureView,
  type CkycDocumentType,
  type CkycExistingPersona,
  type CkycPersona,
  type CkycFixtureView,
} from '../fixtures/index.js'
import { caseOutcome, providerOutcome, SimulatorError, type Outcome } from '../outcome.js'
import type { OperationCall, ProviderBehaviour } from '../provider-behaviour.js'
import type { SimContext } from '../sim-context.js'
import type { BodyError, SimRequest } from '../sim-types.js'
import { seedNumber } from '../seed-number.js'
import {
  createSurepassJwtVerifier,
  SUREPASS_EXPIRED_TOKEN,
  SUREPASS_FIXTURE_TOKEN,
  SUREPASS_SIM_SECRET,
} from './jwt.js'

/** Seeded personas added to the labelled ones, so a seed gives a varied but repeatable registry. */
const SEEDED_PERSONAS = 20

const BEARER = /^Bearer\s+(\S+)$/

/**
 * Surepass's behaviour: Bearer-JWT auth, CKYC search, and the CKYC v2 OTP flow
 * (search → generate OTP → download) as a state machine over the store, the OTP engine and the
 * simulator clock. Codes and messages come from the contract cases; this file decides which.
 */
/** Surepass's part of `GET /__sim/fixtures`. */
export interface SurepassFixtures {
  /** A Bearer token valid until 2036. */
  token: string
  /** A correctly signed token whose `exp` is in 2025: every call answers 401. */
  expired_token: string
  ckyc: CkycFixtureView[]
}

export function createSurepassBehaviour(ctx: SimContext): ProviderBehaviour<SurepassFixtures> {
  const personas: readonly CkycPersona[] = [
    ...LABELLED_CKYC_PERSONAS,
    ...createSeededCkycPersonas(seedNumber(ctx.seed), SEEDED_PERSONAS),
  ]
  const byKey = new Map<string, CkycExistingPersona>()
  const byLabel = new Map<string, CkycExistingPersona>()
  for (const persona of personas) {
    if (!persona.exists) continue
    byLabel.set(persona.label, persona)
    for (const key of persona.lookup_keys)
      byKey.set(lookupKey(key.document_type, key.id_number), persona)
  }
  const verifyToken = createSurepassJwtVerifier(SUREPASS_SIM_SECRET)
  const { searches, downloads } = {
    searches: ctx.store.ckycSearches,
    downloads: ctx.store.ckycDownloads,
  }

  function personaOf(label: string): CkycExistingPersona {
    const persona = byLabel.get(label)
    if (!persona) throw new Error(`persona ${label} vanished`)
    return persona
  }

  /** Drops sessions past use and retention, oldest first: O(dropped), so state stays flat. */
  function forgetExpired(): void {
    const now = ctx.clock.now()
    const { searchTtlMs } = ctx.config.surepass
    const { sessionRetentionMs } = ctx.config
    // A search is kept while a download it started may still be live (its OTP outlives the search TTL).
    searches.evictOldest(
      (s) => s.created_at + searchTtlMs + ctx.config.otp.surepass.ttlMs + sessionRetentionMs <= now,
    )
    downloads.evictOldest(
      (d) => d.created_at + ctx.config.otp.surepass.ttlMs + sessionRetentionMs <= now,
    )
  }

  function search({ operation, body }: OperationCall): Outcome {
    const documentType = body.document_type as CkycDocumentType
    const idNumber = body.id_number as string
    const persona = byKey.get(lookupKey(documentType, idNumber))
    if (!persona) throw new SimulatorError('verification_failed')
    const clientId = ctx.ids.surepass('ckyc')
    forgetExpired()
    searches.create({
      client_id: clientId,
      record_id: persona.label,
      created_at: ctx.clock.now(),
      download_client_ids: [],
    })
    return caseOutcome(operation.id, 'success', {
      data: {
        client_id: clientId,
        id_number: idNumber,
        ckyc_search_data: persona.record.ckyc_search_data,
      },
    })
  }

  function generateOtp({ operation, body }: OperationCall): Outcome {
    const searchId = body.client_id as string
    const session = searches.get(searchId)
    if (!session || session.created_at + ctx.config.surepass.searchTtlMs <= ctx.clock.now()) {
      throw new SimulatorError('client_not_found')
    }
    const persona = personaOf(session.record_id ?? '')
    if (persona.mobile_number === null) throw new SimulatorError('mobile_does_not_exist_ckyc')
    if (body.mobile_number !== persona.mobile_number)
      throw new SimulatorError('mobile_number_not_matched')
    if (!persona.mobile_registered) throw new SimulatorError('mobile_not_registered')
    const downloadId = ctx.ids.surepass('ckyc_download')
    const issued = ctx.otp.issue({
      provider: 'surepass',
      operation: operation.id,
      ref: downloadId,
      phone: persona.mobile_number,
      subject: searchId,
      policy: ctx.config.otp.surepass,
    })
    if (!issued.ok) {
      const seconds =
        issued.reason === 'cooldown'
          ? Math.ceil(issued.retryAfterMs / 1000)
          : Math.ceil(ctx.config.otp.surepass.resendCooldownMs / 1000)
      throw new SimulatorError('rate_limit_exceeded', {
        message: `Please wait ${seconds} seconds before requesting another OTP.`,
      })
    }
    downloads.create({
      client_id: downloadId,
      search_client_id: searchId,
      status: 'otp_sent',
      created_at: ctx.clock.now(),
    })
    searches.update(searchId, { download_client_ids: [...session.download_client_ids, downloadId] })
    return caseOutcome(operation.id, 'success', { data: { client_id: downloadId, otp_sent: true } })
  }

  function download({ operation, body }: OperationCall): Outcome {
    const downloadId = body.client_id as string
    const session = downloads.get(downloadId)
    if (!session) throw new SimulatorError('client_not_found')
    if (session.status === 'downloaded') throw new SimulatorError('already_downloaded')
    // Resolved before the OTP is checked, so a refusal never consumes the OTP.
    const recordId = searches.get(session.search_client_id)?.record_id
    if (!recordId) throw new SimulatorError('client_not_found')
    const verdict = ctx.otp.verify(downloadId, body.otp as string)
    if (!verdict.ok) {
      switch (verdict.reason) {
        case 'mismatch':
          throw new SimulatorError('invalid_otp')
        case 'expired':
          throw new SimulatorError('otp_expired')
        case 'locked':
          throw new SimulatorError('otp_attempts_exceeded')
        case 'used':
          throw new SimulatorError('already_downloaded')
        case 'superseded':
        case 'not_found':
          throw new SimulatorError('client_not_found')
      }
    }
    downloads.update(downloadId, { status: 'downloaded' })
    const persona = personaOf(recordId)
    return caseOutcome(operation.id, 'success', {
      data: {
        client_id: downloadId,
        ckyc_search_client_id: session.search_client_id,
        id_number: persona.id_number,
        dob: null,
        ckyc_download_data: {
          personal_identifiable_data: persona.record.personal_identifiable_data,
        },
      },
    })
  }

  return {
    provider: 'surepass',
    async authenticate(request: SimRequest, operation: Operation): Promise<Outcome | undefined> {
      const token = BEARER.exec(request.headers.authorization ?? '')?.[1]
      const verdict = token === undefined ? undefined : await verifyToken(token, ctx.clock.now())
      if (verdict?.ok) return undefined
      return caseOutcome(operation.id, 'unauthorized')
    },
    invalidRequest(
      operation: Operation,
      violations: readonly ContractViolation[],
      bodyError: BodyError | undefined,
    ): Outcome {
      if (bodyError === 'too_large') return providerOutcome('surepass', 'payload_too_large')
      return caseOutcome(operation.id, 'invalid_input', {
        message: invalidInputMessage(violations, bodyError),
      })
    },
    handlers: {
      'surepass.ckyc.search': search,
      'surepass.ckycV2.generateOtp': generateOtp,
      'surepass.ckycV2.download': download,
    },
    fixtures: () => ({
      token: SUREPASS_FIXTURE_TOKEN,
      expired_token: SUREPASS_EXPIRED_TOKEN,
      ckyc: personas.map(toFixtureView),
    }),
    reset: () => {
      searches.clear()
      downloads.clear()
    },
  }
}

function lookupKey(documentType: CkycDocumentType, idNumber: string): string {
  return `${documentType}:${normalizeCkycIdNumber(documentType, idNumber)}`
}

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
