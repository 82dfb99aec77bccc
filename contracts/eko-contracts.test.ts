import { describe, expect, it } from 'vitest'
import { EKO_UAT_HEADERS, caseExample, hasViolation } from '../test/support/contract-checks.js'
import { PROVENANCE_TAGS } from './contract-document.js'
import { getOperation, getProvider, operations, schemaAt, validatorAt } from './registry.js'
import { listRoutes, matchRoute, providerOfPath } from './router.js'
import {
  validateProviderResponse,
  validateRequest,
  validateRequestBody,
  validateResponse,
} from './validator.js'

const EKO_OPERATIONS = [
  'eko.users.onboard',
  'eko.aepsKyc.sendOtp',
  'eko.aepsKyc.verifyOtp',
  'eko.aepsKyc.biometric',
  'eko.aepsKyc.dailyKyc',
] as const

const ENVELOPE = 'https://fintwin.dev/contracts/shared/eko-envelope.json'

/** Request examples carried by each operation's contract. */
function requestExamples(operationId: string): Record<string, unknown>[] {
  const examples = schemaAt(getOperation(operationId).bodySchemaId).examples as
    | Record<string, unknown>[]
    | undefined
  expect(examples?.length, `${operationId} has request examples`).toBeGreaterThan(0)
  return examples ?? []
}

/** The first request example, copied, so a test can break it. */
function validBody(operationId: string): Record<string, unknown> {
  return structuredClone(requestExamples(operationId)[0] ?? {})
}

describe('Eko contracts: every schema compiles', () => {
  it('registers the five operations and the provider', () => {
    for (const id of EKO_OPERATIONS) expect(operations.has(id), id).toBe(true)
    expect(getProvider('eko').basePaths).toEqual(['/ekoapi/v3', '/ekoicici/v3'])
  })

  it.each(EKO_OPERATIONS)('%s: headers, body and every case compile', (id) => {
    const op = getOperation(id)
    expect(() => validatorAt(op.headersSchemaId)).not.toThrow()
    expect(() => validatorAt(op.bodySchemaId)).not.toThrow()
    for (const c of op.cases.values())
      expect(() => validatorAt(c.schemaId), c.schemaId).not.toThrow()
  })

  it('the envelope defs and the provider cases compile', () => {
    for (const def of [
      'envelope',
      'success',
      'failure',
      'httpErrorBody',
      'ekycFailed461',
      'authHeaders',
    ]) {
      expect(() => validatorAt(`${ENVELOPE}#/$defs/${def}`), def).not.toThrow()
    }
    for (const c of getProvider('eko').cases.values())
      expect(() => validatorAt(c.schemaId), c.schemaId).not.toThrow()
  })

  it('every case has a known provenance tag, a one-line x-when and an example; success comes first', () => {
    const all = [
      ...EKO_OPERATIONS.flatMap((id) => [...getOperation(id).cases.values()]),
      ...getProvider('eko').cases.values(),
    ]
    for (const c of all) {
      expect(PROVENANCE_TAGS, c.schemaId).toContain(c.provenance)
      expect(c.when, c.schemaId).not.toMatch(/\n/)
      expect(c.examples.length, c.schemaId).toBeGreaterThan(0)
    }
    for (const id of EKO_OPERATIONS) expect([...getOperation(id).cases.keys()][0]).toBe('success')
  })
})

describe('Eko contracts: examples validate', () => {
  it.each(EKO_OPERATIONS)('%s: every case example validates against its own case', (id) => {
    for (const c of getOperation(id).cases.values()) {
      for (const example of c.examples) {
        expect(
          validateResponse(id, { status: c.status, body: example }, c.id),
          `${id} ${c.id}`,
        ).toEqual([])
        // Also without the case id: some case of that HTTP status matches.
        expect(
          validateResponse(id, { status: c.status, body: example }),
          `${id} ${c.id} (any case)`,
        ).toEqual([])
      }
    }
  })

  it('every provider case example validates', () => {
    for (const c of getProvider('eko').cases.values()) {
      for (const example of c.examples) {
        expect(
          validateProviderResponse('eko', { status: c.status, body: example }, c.id),
          c.id,
        ).toEqual([])
      }
    }
  })

  it.each(EKO_OPERATIONS)(
    '%s: every request example validates, with the documented headers',
    (id) => {
      for (const body of requestExamples(id))
        expect(validateRequest(id, { headers: EKO_UAT_HEADERS, body })).toEqual([])
    },
  )

  it('form-urlencoded content type is accepted, with a charset', () => {
    const headers = {
      ...EKO_UAT_HEADERS,
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
    }
    expect(
      validateRequest('eko.aepsKyc.sendOtp', { headers, body: validBody('eko.aepsKyc.sendOtp') }),
    ).toEqual([])
  })

  it("the seed snippet's documented request (older `aadhaar` spelling) validates", () => {
    // seeds/eko-aeps-kyc-verify-otp.txt, field by field. Its aadhaar value is the placeholder
    // BASE64_ENCRYPTED_AADHAAR, which is not base64 (underscores): it is replaced by a real
    // 172-character ciphertext, and the placeholder itself fails only on that field's pattern.
    const seed = {
      initiator_id: '9962981729',
      user_code: '20810200',
      customer_id: '9123456789',
      aadhaar: 'BASE64_ENCRYPTED_AADHAAR',
      otp: '123456',
      otp_ref_id: '2465238',
      reference_tid: 'EKYKF4719702240123152147525I',
      latlong: '28.6139,77.2090',
    }
    const ciphertext = validBody('eko.aepsKyc.verifyOtp').aadhar
    expect(
      validateRequest('eko.aepsKyc.verifyOtp', {
        headers: EKO_UAT_HEADERS,
        body: { ...seed, aadhaar: ciphertext },
      }),
    ).toEqual([])
    const placeholder = validateRequestBody('eko.aepsKyc.verifyOtp', seed)
    expect(placeholder.map((v) => `${v.path} ${v.keyword}`)).toEqual(['/body/aadhaar pattern'])
  })

  it("the seed snippet's success data (with user_code) validates as 1604", () => {
    const body = {
      status: 0,
      message: 'Validation successful',
      response_status_id: 0,
      response_type_id: 1604,
      data: {
        user_code: '20810200',
        reference_tid: 'BEKYF4719702240123152147525I',
        otp_ref_id: '815031',
      },
    }
    expect(validateResponse('eko.aepsKyc.verifyOtp', { status: 200, body }, 'success')).toEqual([])
  })

  it('onboard accepts residence_address as a JSON string (form-urlencoded) as well as an object', () => {
    const [asObject, asString] = requestExamples('eko.users.onboard')
    expect(typeof asObject?.residence_address).toBe('object')
    expect(typeof asString?.residence_address).toBe('string')
  })
})

describe('Eko contracts: near-misses fail where expected', () => {
  it('latlong not `lat,long`', () => {
    const body = { ...validBody('eko.aepsKyc.sendOtp'), latlong: '28.6139 77.2090' }
    expect(
      hasViolation(validateRequestBody('eko.aepsKyc.sendOtp', body), '/body/latlong', 'pattern'),
    ).toBe(true)
  })

  it('9-digit customer_id', () => {
    const body = { ...validBody('eko.aepsKyc.verifyOtp'), customer_id: '912345678' }
    expect(
      hasViolation(
        validateRequestBody('eko.aepsKyc.verifyOtp', body),
        '/body/customer_id',
        'pattern',
      ),
    ).toBe(true)
  })

  it('5-digit otp', () => {
    const body = { ...validBody('eko.aepsKyc.verifyOtp'), otp: '12345' }
    expect(
      hasViolation(validateRequestBody('eko.aepsKyc.verifyOtp', body), '/body/otp', 'pattern'),
    ).toBe(true)
  })

  it('missing otp_ref_id (verify and biometric)', () => {
    for (const id of ['eko.aepsKyc.verifyOtp', 'eko.aepsKyc.biometric']) {
      const body = validBody(id)
      delete body.otp_ref_id
      const violations = validateRequestBody(id, body)
      expect(
        violations.some(
          (v) => v.path === '/body' && v.keyword === 'required' && v.message.includes('otp_ref_id'),
        ),
        id,
      ).toBe(true)
    }
  })

  it.each([
    'eko.aepsKyc.sendOtp',
    'eko.aepsKyc.verifyOtp',
    'eko.aepsKyc.biometric',
    'eko.aepsKyc.dailyKyc',
  ])('%s: both aadhar and aadhaar missing, or both given', (id) => {
    const body = validBody(id)
    const ciphertext = body.aadhar
    delete body.aadhar
    const missing = validateRequestBody(id, body)
    expect(hasViolation(missing, '/body', 'oneOf')).toBe(true)
    expect(missing.filter((v) => v.keyword === 'required').map((v) => v.message)).toEqual([
      "must have required property 'aadhar'",
      "must have required property 'aadhaar'",
    ])
    expect(validateRequestBody(id, { ...body, aadhaar: ciphertext })).toEqual([])
    expect(
      hasViolation(
        validateRequestBody(id, { ...body, aadhar: ciphertext, aadhaar: ciphertext }),
        '/body',
        'oneOf',
      ),
    ).toBe(true)
  })

  it('aadhar that is not base64', () => {
    const body = { ...validBody('eko.aepsKyc.sendOtp'), aadhar: '999941057058 not encrypted' }
    expect(
      hasViolation(validateRequestBody('eko.aepsKyc.sendOtp', body), '/body/aadhar', 'pattern'),
    ).toBe(true)
  })

  it('extra param on daily KYC (one it does not take; a third party saw it answered bare)', () => {
    const body = { ...validBody('eko.aepsKyc.dailyKyc'), remarks: 'extra' }
    const violations = validateRequestBody('eko.aepsKyc.dailyKyc', body)
    expect(violations).toEqual([
      expect.objectContaining({
        path: '/body',
        keyword: 'additionalProperties',
        message: expect.stringContaining('remarks'),
      }),
    ])
  })

  it.each([...operations.values()].filter((op) => op.provider === 'eko').map((op) => op.id))(
    '%s takes the optional common client_ref_id (every v3 method)',
    (id) => {
      const body = validBody(id)
      // A multipart upload carries its fields in the JSON `form-data` part.
      const withRef =
        typeof body['form-data'] === 'string'
          ? {
              ...body,
              'form-data': JSON.stringify({
                ...JSON.parse(body['form-data']),
                client_ref_id: 'fintwin-ref-0001',
              }),
            }
          : { ...body, client_ref_id: 'fintwin-ref-0001' }
      expect(validateRequestBody(id, withRef)).toEqual([])
    },
  )

  it('extra param on send OTP', () => {
    const body = { ...validBody('eko.aepsKyc.sendOtp'), source_ip: '10.0.0.1' }
    expect(
      hasViolation(
        validateRequestBody('eko.aepsKyc.sendOtp', body),
        '/body',
        'additionalProperties',
      ),
    ).toBe(true)
  })

  it("the field limits of Eko's openapi-spec: user_code 8–11, client_ref_id 10–20, developer_key 20–50", () => {
    const id = 'eko.aepsKyc.sendOtp'
    for (const user_code of ['2081020', '208102000001'])
      expect(
        hasViolation(
          validateRequestBody(id, { ...validBody(id), user_code }),
          '/body/user_code',
          'pattern',
        ),
        user_code,
      ).toBe(true)
    for (const user_code of ['20810200', '20810200001'])
      expect(validateRequestBody(id, { ...validBody(id), user_code }), user_code).toEqual([])
    expect(
      hasViolation(
        validateRequestBody(id, { ...validBody(id), client_ref_id: 'x'.repeat(9) }),
        '/body/client_ref_id',
        'minLength',
      ),
    ).toBe(true)
    for (const developer_key of ['k'.repeat(19), 'k'.repeat(51)])
      expect(
        hasViolation(
          validateRequest(id, {
            headers: { ...EKO_UAT_HEADERS, developer_key },
            body: validBody(id),
          }),
          '/headers/developer_key',
          developer_key.length < 20 ? 'minLength' : 'maxLength',
        ),
      ).toBe(true)
  })

  it('client_ref_id longer than 20 characters', () => {
    const body = { ...validBody('eko.aepsKyc.sendOtp'), client_ref_id: 'x'.repeat(21) }
    expect(
      hasViolation(
        validateRequestBody('eko.aepsKyc.sendOtp', body),
        '/body/client_ref_id',
        'maxLength',
      ),
    ).toBe(true)
  })

  it('piddata empty or over 64 KiB', () => {
    const id = 'eko.aepsKyc.dailyKyc'
    expect(
      hasViolation(
        validateRequestBody(id, { ...validBody(id), piddata: '' }),
        '/body/piddata',
        'minLength',
      ),
    ).toBe(true)
    expect(
      hasViolation(
        validateRequestBody(id, { ...validBody(id), piddata: 'x'.repeat(65537) }),
        '/body/piddata',
        'maxLength',
      ),
    ).toBe(true)
  })

  it('onboard: residence_address that is neither an object nor JSON text, bad PAN, bad dob', () => {
    const id = 'eko.users.onboard'
    expect(
      hasViolation(
        validateRequestBody(id, { ...validBody(id), residence_address: 'Gurgaon, Haryana' }),
        '/body/residence_address',
        'anyOf',
      ),
    ).toBe(true)
    expect(
      hasViolation(
        validateRequestBody(id, { ...validBody(id), pan_number: 'ABCDE12345' }),
        '/body/pan_number',
        'pattern',
      ),
    ).toBe(true)
    expect(
      hasViolation(
        validateRequestBody(id, { ...validBody(id), dob: '15-01-1990' }),
        '/body/dob',
        'format',
      ),
    ).toBe(true)
  })

  it('headers: seconds timestamp, bad secret-key, missing developer_key, multipart content type', () => {
    const id = 'eko.aepsKyc.sendOtp'
    const body = validBody(id)
    expect(
      hasViolation(
        validateRequest(id, {
          headers: { ...EKO_UAT_HEADERS, 'secret-key-timestamp': '1700000000' },
          body,
        }),
        '/headers/secret-key-timestamp',
        'pattern',
      ),
    ).toBe(true)
    expect(
      hasViolation(
        validateRequest(id, {
          headers: { ...EKO_UAT_HEADERS, 'secret-key': 'not-a-signature' },
          body,
        }),
        '/headers/secret-key',
        'pattern',
      ),
    ).toBe(true)
    const { developer_key: _dropped, ...noKey } = EKO_UAT_HEADERS
    expect(
      hasViolation(validateRequest(id, { headers: noKey, body }), '/headers', 'required'),
    ).toBe(true)
    expect(
      hasViolation(
        validateRequest(id, {
          headers: { ...EKO_UAT_HEADERS, 'content-type': 'multipart/form-data; boundary=x' },
          body,
        }),
        '/headers/content-type',
        'pattern',
      ),
    ).toBe(true)
  })

  it('`status: 0` with response_type_id 461', () => {
    const body = { ...caseExample('eko.aepsKyc.verifyOtp', 'otp_invalid_or_expired'), status: 0 }
    const asFailure = validateResponse(
      'eko.aepsKyc.verifyOtp',
      { status: 200, body },
      'otp_invalid_or_expired',
    )
    expect(hasViolation(asFailure, '/body/status', 'const')).toBe(true)
    const asSuccess = validateResponse('eko.aepsKyc.verifyOtp', { status: 200, body }, 'success')
    expect(hasViolation(asSuccess, '/body/response_type_id', 'const')).toBe(true)
    expect(validateResponse('eko.aepsKyc.verifyOtp', { status: 200, body })).not.toEqual([])
  })

  it('a 1604 success with HTTP 403', () => {
    const body = caseExample('eko.aepsKyc.verifyOtp', 'success')
    expect(
      hasViolation(
        validateResponse('eko.aepsKyc.verifyOtp', { status: 403, body }, 'success'),
        '/status',
        'status',
      ),
    ).toBe(true)
    expect(validateResponse('eko.aepsKyc.verifyOtp', { status: 403, body })).not.toEqual([])
  })

  it('verify success carrying the Send OTP reference_tid (EKYKF…) instead of a new BEKYF one', () => {
    const body = caseExample('eko.aepsKyc.verifyOtp', 'success')
    ;(body.data as Record<string, unknown>).reference_tid = 'EKYKF4719702240123152147525I'
    expect(
      hasViolation(
        validateResponse('eko.aepsKyc.verifyOtp', { status: 200, body }, 'success'),
        '/body/data/reference_tid',
        'pattern',
      ),
    ).toBe(true)
  })

  it('success with invalid_params, or a success message with its typo fixed', () => {
    const withParams = {
      ...caseExample('eko.aepsKyc.dailyKyc', 'success'),
      invalid_params: { aadhar: 'x' },
    }
    expect(
      hasViolation(
        validateResponse('eko.aepsKyc.dailyKyc', { status: 200, body: withParams }, 'success'),
        '/body/invalid_params',
        'false schema',
      ),
    ).toBe(true)
    const fixed = { ...caseExample('eko.aepsKyc.dailyKyc', 'success'), message: 'KYC success' }
    expect(
      hasViolation(
        validateResponse('eko.aepsKyc.dailyKyc', { status: 200, body: fixed }, 'success'),
        '/body/message',
        'const',
      ),
    ).toBe(true)
  })

  it('wrong reason for the case, and a 461 without data', () => {
    const body = caseExample('eko.aepsKyc.biometric', 'otp_not_verified')
    expect(
      hasViolation(
        validateResponse('eko.aepsKyc.biometric', { status: 200, body }, 'invalid_biometric'),
        '/body/data/reason',
        'const',
      ),
    ).toBe(true)
    const { data: _data, ...noData } = body
    expect(
      hasViolation(
        validateResponse(
          'eko.aepsKyc.biometric',
          { status: 200, body: noData },
          'otp_not_verified',
        ),
        '/body',
        'required',
      ),
    ).toBe(true)
  })

  it('daily ekyc_not_done without data.comment; agent_not_allowed with data', () => {
    const body = caseExample('eko.aepsKyc.dailyKyc', 'ekyc_not_done')
    ;(body.data as Record<string, unknown>) = {
      reason: 'Please complete bank eKYC to process the transaction.',
    }
    expect(
      hasViolation(
        validateResponse('eko.aepsKyc.dailyKyc', { status: 200, body }, 'ekyc_not_done'),
        '/body/data',
        'required',
      ),
    ).toBe(true)
    const withData = { ...caseExample('eko.aepsKyc.sendOtp', 'agent_not_allowed'), data: {} }
    expect(
      hasViolation(
        validateResponse(
          'eko.aepsKyc.sendOtp',
          { status: 200, body: withData },
          'agent_not_allowed',
        ),
        '/body/data',
        'false schema',
      ),
    ).toBe(true)
  })

  it('invalid_params without the invalid_params object', () => {
    const { invalid_params: _p, ...body } = caseExample('eko.aepsKyc.sendOtp', 'invalid_params')
    expect(
      hasViolation(
        validateResponse('eko.aepsKyc.sendOtp', { status: 200, body }, 'invalid_params'),
        '/body',
        'required',
      ),
    ).toBe(true)
  })

  it('auth_failed: response_type_id optional, status must mirror 403, no business status', () => {
    const id = 'eko.aepsKyc.sendOtp'
    expect(
      validateResponse(
        id,
        {
          status: 403,
          body: { status: 403, message: 'Forbidden', response_status_id: 1, response_type_id: 403 },
        },
        'auth_failed',
      ),
    ).toEqual([])
    expect(
      hasViolation(
        validateResponse(
          id,
          { status: 403, body: { status: 1, message: 'Forbidden', response_status_id: 1 } },
          'auth_failed',
        ),
        '/body/status',
        'const',
      ),
    ).toBe(true)
    expect(
      hasViolation(
        validateResponse(
          id,
          { status: 200, body: { status: 403, message: 'Forbidden', response_status_id: 1 } },
          'auth_failed',
        ),
        '/status',
        'status',
      ),
    ).toBe(true)
  })

  it('response_status_id out of the documented -2..5 range', () => {
    const body = {
      ...caseExample('eko.users.onboard', 'user_already_exists'),
      response_status_id: 7,
    }
    expect(
      hasViolation(
        validateResponse('eko.users.onboard', { status: 200, body }, 'user_already_exists'),
        '/body/response_status_id',
        'maximum',
      ),
    ).toBe(true)
  })

  it('a provider 404 body that is not the small error shape', () => {
    expect(
      validateProviderResponse('eko', {
        status: 404,
        body: { status: 404, message: 'No mapping rule matched', response_status_id: 1 },
      }),
    ).toEqual([])
    expect(
      validateProviderResponse('eko', {
        status: 404,
        body: { status: 0, message: 'No mapping rule matched', response_status_id: 1 },
      }),
    ).not.toEqual([])
  })
})

describe('Eko contracts: routing', () => {
  const ekoRoutes = listRoutes().filter((r) => r.operation.provider === 'eko')

  it('no two operations share method + path', () => {
    const keys = listRoutes().map((r) => `${r.method} ${r.path}`)
    expect(new Set(keys).size).toBe(keys.length)
    // Each Eko operation is served under its UAT and its production base path.
    const ekoOperations = [...operations.values()].filter((o) => o.provider === 'eko')
    expect(ekoRoutes).toHaveLength(ekoOperations.length * 2)
    for (const route of ekoRoutes) expect(route.path).toMatch(/^\/(ekoapi|ekoicici)\/v[123]\//)
  })

  it.each(EKO_OPERATIONS)('%s is routable under /ekoapi/v3 and /ekoicici/v3', (id) => {
    const op = getOperation(id)
    expect(op.path.startsWith('/')).toBe(true)
    for (const base of ['/ekoapi/v3', '/ekoicici/v3']) {
      const match = matchRoute(op.method, base + op.path)
      expect(match.kind === 'operation' && match.operation.id, `${base}${op.path}`).toBe(id)
      const slash = matchRoute(op.method.toLowerCase(), `${base}${op.path}/`)
      expect(slash.kind === 'operation' && slash.operation.id).toBe(id)
    }
  })

  it('the documented paths and methods', () => {
    const table = Object.fromEntries(
      EKO_OPERATIONS.map((id) => [id, `${getOperation(id).method} ${getOperation(id).path}`]),
    )
    expect(table).toEqual({
      'eko.users.onboard': 'POST /user/network/eps-agent',
      'eko.aepsKyc.sendOtp': 'POST /user/collection/aeps-fingpay/kyc/otp',
      'eko.aepsKyc.verifyOtp': 'PUT /user/collection/aeps-fingpay/kyc/otp/verify',
      'eko.aepsKyc.biometric': 'PUT /user/collection/aeps-fingpay/kyc/biometric',
      'eko.aepsKyc.dailyKyc': 'PUT /user/collection/aeps-fingpay/kyc/biometric/daily',
    })
  })

  it('wrong method → 405 naming the allowed one; unknown path, stale path and wrong version → eko 404', () => {
    expect(matchRoute('POST', '/ekoapi/v3/user/collection/aeps-fingpay/kyc/biometric')).toEqual({
      kind: 'method_not_allowed',
      provider: 'eko',
      allowed: ['PUT'],
    })
    expect(matchRoute('POST', '/ekoapi/v3/customer/aeps/fingpay/kyc/otp')).toEqual({
      kind: 'not_found',
      provider: 'eko',
    })
    expect(matchRoute('POST', '/ekoapi/v2/user/collection/aeps-fingpay/kyc/otp')).toEqual({
      kind: 'not_found',
      provider: 'eko',
    })
    expect(matchRoute('PUT', '/ekoicici/v3/nothing-here')).toEqual({
      kind: 'not_found',
      provider: 'eko',
    })
    expect(providerOfPath('/ekoicici/v3/user')).toBe('eko')
  })
})
