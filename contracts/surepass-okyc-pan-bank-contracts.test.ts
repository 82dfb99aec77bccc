import { describe, expect, it } from 'vitest'
import bankVerification from './surepass/bank-verification.json' with { type: 'json' }
import {
  findCase,
  getOperation,
  validateRequestBody,
  validateResponse,
  validatorAt,
} from './index.js'

/**
 * The Aadhaar OKYC, PAN and bank-verification contracts: near misses fail on the keyword that
 * makes them wrong (the invariants every contract keeps are in contracts.test.ts).
 */
const OPERATIONS = [
  'surepass.aadhaarV2.generateOtp',
  'surepass.aadhaarV2.submitOtp',
  'surepass.pan.lite',
  'surepass.pan.comprehensive',
  'surepass.pan.withDetailsV2',
  'surepass.bank.verification',
] as const

const unprefixed = (path: string) => path.replace(/^\/body/, '')

/** `path keyword` of every violation a body raises against a case (empty = valid). */
function caseErrors(operationId: string, caseId: string, body: unknown): string[] {
  const status = findCase(operationId, caseId)?.status ?? 0
  return validateResponse(operationId, { status, body }, caseId).map(
    (v) => `${unprefixed(v.path)} ${v.keyword}`,
  )
}

function requestErrors(operationId: string, body: unknown): string[] {
  return validateRequestBody(operationId, body).map((v) => `${unprefixed(v.path)} ${v.keyword}`)
}

function example(operationId: string, caseId: string): Record<string, unknown> {
  const c = findCase(operationId, caseId)
  if (!c) throw new Error(`${operationId} has no case ${caseId}`)
  return structuredClone(c.examples[0]) as Record<string, unknown>
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

describe.each(OPERATIONS)('%s', (id) => {
  const op = getOperation(id)

  it('serves a /api/v1 path and names a public source on every case', () => {
    expect(op.path).toMatch(/^\/api\/v1\//)
    for (const c of op.cases.values())
      expect(c.description ?? '', `${id}/${c.id} names no source`).not.toBe('')
  })

  it('gives every error case a trigger by value', () => {
    for (const c of op.cases.values())
      if (c.id !== 'success') expect(c.trigger, `${id}/${c.id}`).toBeTruthy()
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
