import { describe, expect, it } from 'vitest'
import aadhaarGenerateOtp from './surepass/aadhaar-v2-generate-otp.json' with { type: 'json' }
import aadhaarSubmitOtp from './surepass/aadhaar-v2-submit-otp.json' with { type: 'json' }
import bankVerification from './surepass/bank-verification.json' with { type: 'json' }
import panComprehensive from './surepass/pan-comprehensive.json' with { type: 'json' }
import panLite from './surepass/pan-lite.json' with { type: 'json' }
import panWithDetailsV2 from './surepass/pan-with-details-v2.json' with { type: 'json' }
import { PROVENANCE_TAGS, type OperationDocument } from './contract-document.js'
import { ajv, validatorAt } from './registry.js'

/**
 * The Aadhaar OKYC, PAN and bank-verification contracts: examples validate, near misses fail on
 * the keyword that makes them wrong. Validated through the registry's own ajv, so the shared
 * envelope and formats are the ones every other contract uses.
 */
const DOCUMENTS = [
  aadhaarGenerateOtp,
  aadhaarSubmitOtp,
  panLite,
  panComprehensive,
  panWithDetailsV2,
  bankVerification,
] as unknown as OperationDocument[]
for (const doc of DOCUMENTS) if (!ajv.getSchema(doc.$id)) ajv.addSchema(doc)

const byTitle = new Map(DOCUMENTS.map((doc) => [doc.title, doc]))

function documentOf(operationId: string): OperationDocument {
  const doc = byTitle.get(operationId)
  if (!doc) throw new Error(`no contract ${operationId}`)
  return doc
}

/** The schema object at a URI, as ajv holds it (compiled on first use). */
function schemaAt(uri: string): Record<string, unknown> {
  return validatorAt(uri).schema as Record<string, unknown>
}

function caseUri(doc: OperationDocument, caseId: string): string {
  const ref = doc['x-cases'][caseId]
  if (!ref) throw new Error(`${doc.title} has no case ${caseId}`)
  return new URL(ref.$ref, doc.$id).href
}

/** `path keyword` of every error a body raises against a case (empty = valid). */
function caseErrors(operationId: string, caseId: string, body: unknown): string[] {
  const validate = validatorAt(caseUri(documentOf(operationId), caseId))
  return validate(body)
    ? []
    : (validate.errors ?? [])
        .filter((e) => e.keyword !== 'allOf' && e.keyword !== 'anyOf')
        .map((e) => `${e.instancePath} ${e.keyword}`)
}

function requestErrors(operationId: string, body: unknown): string[] {
  const doc = documentOf(operationId)
  const validate = validatorAt(new URL(doc['x-request'].body.$ref, doc.$id).href)
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.keyword}`)
}

function example(operationId: string, caseId: string): Record<string, unknown> {
  const examples = schemaAt(caseUri(documentOf(operationId), caseId)).examples as unknown[]
  return structuredClone(examples[0]) as Record<string, unknown>
}

function requestExample(operationId: string): Record<string, unknown> {
  const doc = documentOf(operationId)
  const schema = schemaAt(new URL(doc['x-request'].body.$ref, doc.$id).href)
  return structuredClone((schema.examples as unknown[])[0]) as Record<string, unknown>
}

function withData(body: Record<string, unknown>, patch: Record<string, unknown>) {
  return { ...body, data: { ...(body.data as Record<string, unknown>), ...patch } }
}

const GENERATE = 'surepass.aadhaarV2.generateOtp'
const SUBMIT = 'surepass.aadhaarV2.submitOtp'
const LITE = 'surepass.pan.lite'
const COMPREHENSIVE = 'surepass.pan.comprehensive'
const DETAILS = 'surepass.pan.withDetailsV2'
const BANK = 'surepass.bank.verification'

describe.each(DOCUMENTS.map((doc) => [doc.title, doc] as const))('%s', (id, doc) => {
  const cases = Object.keys(doc['x-cases'])
  const status = (caseId: string) => schemaAt(caseUri(doc, caseId))['x-status'] as number

  it('names itself, and serves a /api/v1 path', () => {
    expect(doc['x-operation'].id).toBe(id)
    expect(doc['x-operation'].path).toMatch(/^\/api\/v1\//)
    expect(cases[0]).toBe('success')
    expect(status('success')).toBe(200)
  })

  it('tags every case with provenance, a "when", a public source and an example', () => {
    expect(PROVENANCE_TAGS).toContain(doc['x-provenance'])
    for (const caseId of cases) {
      const schema = schemaAt(caseUri(doc, caseId))
      expect(PROVENANCE_TAGS, caseId).toContain(schema['x-provenance'])
      expect(String(schema['x-when']).length, caseId).toBeGreaterThan(10)
      expect(String(schema.description ?? ''), `${caseId} names no source`).not.toBe('')
      expect((schema.examples as unknown[] | undefined)?.length, caseId).toBeGreaterThan(0)
    }
  })

  it('validates every example against its own case, and the request example', () => {
    for (const caseId of cases) {
      for (const body of schemaAt(caseUri(doc, caseId)).examples as unknown[])
        expect(caseErrors(id, caseId, body), caseId).toEqual([])
    }
    expect(requestErrors(id, requestExample(id))).toEqual([])
  })

  it('keeps each example from passing as another case of the same status', () => {
    for (const a of cases) {
      for (const b of cases) {
        if (a === b || status(a) !== status(b)) continue
        expect(caseErrors(id, b, example(id, a)), `${a} passes as ${b}`).not.toEqual([])
      }
    }
  })

  it('cites public sources, never internal notes', () => {
    expect(JSON.stringify(doc)).not.toMatch(
      /surepass\.md|reference\/|DESIGN\.md|\.\.\/shared\/reference/,
    )
  })
})

describe('Aadhaar OKYC contracts', () => {
  it('generate-otp takes exactly 12 digits', () => {
    expect(requestErrors(GENERATE, { id_number: '54213098761' })).toEqual(['/id_number pattern'])
    expect(requestErrors(GENERATE, { id_number: '5421 3098 7616' })).toEqual(['/id_number pattern'])
    expect(requestErrors(GENERATE, {})).toEqual([' required'])
  })

  it('the invalid_aadhaar error carries its partial data, not null', () => {
    const body = example(GENERATE, 'invalid_aadhaar')
    expect(caseErrors(GENERATE, 'invalid_aadhaar', { ...body, data: null })).toContain('/data type')
    expect(caseErrors(GENERATE, 'invalid_aadhaar', withData(body, { otp_sent: true }))).toEqual([
      '/data/otp_sent const',
    ])
  })

  it('tells no linked mobile (valid Aadhaar) from an invalid one', () => {
    const noMobile = example(GENERATE, 'mobile_not_linked')
    expect(
      caseErrors(GENERATE, 'mobile_not_linked', withData(noMobile, { valid_aadhaar: false })),
    ).toEqual(['/data/valid_aadhaar const'])
  })

  it('success says "OTP Sent." and if_number true', () => {
    const body = example(GENERATE, 'success')
    expect(caseErrors(GENERATE, 'success', { ...body, message: 'Success' })).toEqual([
      '/message const',
    ])
    expect(caseErrors(GENERATE, 'success', withData(body, { if_number: false }))).toEqual([
      '/data/if_number const',
    ])
  })

  it('submit-otp wants an aadhaar_v2_ id and a 6-digit OTP', () => {
    expect(requestErrors(SUBMIT, { client_id: 'ckyc_download_abc', otp: '968284' })).toEqual([
      '/client_id pattern',
    ])
    expect(
      requestErrors(SUBMIT, { client_id: 'aadhaar_v2_abc', otp: '96828', aadhaar_pdf_generate: 1 }),
    ).toEqual(['/otp pattern', '/aadhaar_pdf_generate type'])
  })

  it('the record masks the Aadhaar number, hashes in lower-case hex and has all ten address fields', () => {
    const body = example(SUBMIT, 'success')
    expect(caseErrors(SUBMIT, 'success', withData(body, { aadhaar_number: 'XXXX7616' }))).toEqual([
      '/data/aadhaar_number pattern',
    ])
    const data = body.data as Record<string, unknown>
    expect(
      caseErrors(
        SUBMIT,
        'success',
        withData(body, { mobile_hash: String(data.mobile_hash).toUpperCase() }),
      ),
    ).toEqual(['/data/mobile_hash pattern'])
    const { landmark: _dropped, ...address } = data.address as Record<string, unknown>
    expect(caseErrors(SUBMIT, 'success', withData(body, { address }))).toEqual([
      '/data/address required',
    ])
    expect(caseErrors(SUBMIT, 'success', withData(body, { gender: 'MALE' }))).toEqual([
      '/data/gender enum',
    ])
  })
})

describe('PAN contracts', () => {
  it('PAN lite success and error have no message_code at all', () => {
    expect(
      caseErrors(LITE, 'success', { ...example(LITE, 'success'), message_code: 'success' }),
    ).toEqual(['/message_code false schema'])
    expect(
      caseErrors(LITE, 'invalid_pan', { ...example(LITE, 'invalid_pan'), message_code: null }),
    ).toEqual(['/message_code false schema'])
  })

  it('PAN with details v2 answers 422 with message_code null, and status valid', () => {
    const error = example(DETAILS, 'invalid_pan')
    expect(
      caseErrors(DETAILS, 'invalid_pan', { ...error, message_code: 'verification_failed' }),
    ).toEqual(['/message_code const'])
    expect(
      caseErrors(DETAILS, 'success', withData(example(DETAILS, 'success'), { status: 'invalid' })),
    ).toEqual(['/data/status const'])
  })

  it('PAN comprehensive splits the name in three and masks the Aadhaar', () => {
    const body = example(COMPREHENSIVE, 'success')
    expect(
      caseErrors(
        COMPREHENSIVE,
        'success',
        withData(body, { full_name_split: ['RAHUL', 'RANJAN'] }),
      ),
    ).toEqual(['/data/full_name_split minItems'])
    expect(
      caseErrors(COMPREHENSIVE, 'success', withData(body, { masked_aadhaar: '542130987616' })),
    ).toEqual(['/data/masked_aadhaar pattern'])
    expect(caseErrors(COMPREHENSIVE, 'success', withData(body, { masked_aadhaar: null }))).toEqual(
      [],
    )
  })
})

describe('bank verification contract', () => {
  const failures = Object.keys(bankVerification['x-cases']).filter(
    (c) => !['success', 'unauthorized', 'invalid_input'].includes(c),
  )

  it('has one case per documented failed data.status', () => {
    expect(failures.sort()).toEqual(
      [
        'account_blocked_frozen',
        'account_closed',
        'backend_down',
        'imps_not_enabled',
        'invalid_account',
        'invalid_ifsc',
        'nre_account',
      ].sort(),
    )
    for (const caseId of failures)
      expect((example(BANK, caseId).data as { status: string }).status).toBe(caseId)
  })

  it('a failure reporting an existing account, or another status, fails', () => {
    const body = example(BANK, 'account_closed')
    expect(caseErrors(BANK, 'account_closed', withData(body, { account_exists: true }))).toEqual([
      '/data/account_exists const',
    ])
    expect(caseErrors(BANK, 'account_closed', withData(body, { status: 'success' }))).toEqual([
      '/data/status const',
    ])
  })

  it('ifsc_details has boolean rail flags and a real-shaped IFSC', () => {
    const body = example(BANK, 'success')
    const details = (body.data as { ifsc_details: Record<string, unknown> }).ifsc_details
    expect(
      caseErrors(BANK, 'success', withData(body, { ifsc_details: { ...details, imps: 'Y' } })),
    ).toContain('/data/ifsc_details/imps type')
    expect(
      caseErrors(
        BANK,
        'success',
        withData(body, { ifsc_details: { ...details, ifsc: 'BARB0DAM' } }),
      ),
    ).toContain('/data/ifsc_details/ifsc pattern')
    expect(caseErrors(BANK, 'success', withData(body, { ifsc_details: null }))).toEqual([])
  })
})

describe('the shared Surepass error envelope', () => {
  const ERROR = 'https://fintwin.dev/contracts/shared/surepass-envelope.json#/$defs/error'
  const FAILURE = 'https://fintwin.dev/contracts/shared/surepass-envelope.json#/$defs/failure'
  const body = {
    data: { otp_validated: false },
    status_code: 400,
    success: false,
    message: 'The OTP provided is invalid or has expired',
    message_code: 'invalid_otp',
  }

  it('lets a case carry partial data (failure) while plain errors keep data null', () => {
    expect(validatorAt(FAILURE)(body)).toBe(true)
    expect(validatorAt(ERROR)(body)).toBe(false)
    expect(validatorAt(ERROR)({ ...body, data: null })).toBe(true)
  })
})
