import { describe, expect, it } from 'vitest'
import { caseExample, hasViolation } from '../test/support/contract-checks.js'
import { getOperation, schemaAt, validatorAt } from './registry.js'
import { matchRoute } from './router.js'
import { validateRequestBody, validateResponse } from './validator.js'

/** The Eko operations beyond eKYC: agent services, PAN, AePS Fingpay activation and money. */
const OPERATIONS = {
  'eko.userServices.list': 'GET /ekoapi/v3/user/account/services',
  'eko.userServices.listV1': 'GET /ekoapi/v1/user/services/user_code:{user_code}',
  'eko.userServices.activateV1': 'PUT /ekoapi/v1/user/service/activate',
  'eko.pan.verifyV1': 'POST /ekoapi/v1/pan/verify',
  'eko.aepsFingpay.activate':
    'PUT /ekoapi/v3/admin/network/agent/{user_code}/aeps-fingpay/activate',
  'eko.aepsTransactions.cashWithdrawal':
    'POST /ekoapi/v3/customer/collection/aeps-fingpay/cash-withdrawl/{customer_id}',
  'eko.aepsTransactions.balanceEnquiry':
    'POST /ekoapi/v3/customer/collection/aeps-fingpay/balance-enquiry/{customer_id}',
  'eko.aepsTransactions.miniStatement':
    'POST /ekoapi/v3/customer/collection/aeps-fingpay/mini-statement/{customer_id}',
  'eko.transactions.inquiry': 'GET /ekoapi/v3/tools/reference/transaction/{transaction_ref}',
} as const

function body(operationId: string, index = 0): Record<string, unknown> {
  const examples = schemaAt(getOperation(operationId).bodySchemaId).examples as unknown[]
  return structuredClone(examples[index]) as Record<string, unknown>
}

describe('Eko services and AePS money: paths', () => {
  it('serves each documented method and path, v1 ones under the v1 base paths only', () => {
    const table = Object.fromEntries(
      Object.keys(OPERATIONS).map((id) => {
        const op = getOperation(id)
        return [id, `${op.method} ${op.paths[0]}`]
      }),
    )
    expect(table).toEqual(OPERATIONS)
    expect(getOperation('eko.pan.verifyV1').paths).toEqual([
      '/ekoapi/v1/pan/verify',
      '/ekoicici/v1/pan/verify',
    ])
    expect(matchRoute('POST', '/ekoapi/v3/pan/verify')).toEqual({
      kind: 'not_found',
      provider: 'eko',
    })
  })

  it('routes path parameters, including a parameter inside a segment and an encoded one', () => {
    const cw = matchRoute(
      'POST',
      '/ekoicici/v3/customer/collection/aeps-fingpay/cash-withdrawl/9812345670',
    )
    expect(cw).toMatchObject({
      kind: 'operation',
      operation: { id: 'eko.aepsTransactions.cashWithdrawal' },
      params: { customer_id: '9812345670' },
    })
    expect(matchRoute('GET', '/ekoapi/v1/user/services/user_code:20810200/')).toMatchObject({
      kind: 'operation',
      params: { user_code: '20810200' },
    })
    expect(
      matchRoute('GET', '/ekoapi/v3/tools/reference/transaction/client_ref_id%3Acw-0001'),
    ).toMatchObject({
      kind: 'operation',
      operation: { id: 'eko.transactions.inquiry' },
      params: { transaction_ref: 'client_ref_id:cw-0001' },
    })
    // The stale spelling, a missing parameter and a wrong method are not this operation.
    expect(
      matchRoute('POST', '/ekoapi/v3/customer/collection/aeps-fingpay/cash-withdrawal/9812345670')
        .kind,
    ).toBe('not_found')
    expect(
      matchRoute('POST', '/ekoapi/v3/customer/collection/aeps-fingpay/cash-withdrawl').kind,
    ).toBe('not_found')
    expect(matchRoute('GET', '/ekoapi/v1/user/services/20810200').kind).toBe('not_found')
    expect(
      matchRoute('GET', '/ekoapi/v3/customer/collection/aeps-fingpay/balance-enquiry/9812345670'),
    ).toEqual({ kind: 'method_not_allowed', provider: 'eko', allowed: ['POST'] })
    expect(matchRoute('GET', '/ekoapi/v3/tools/reference/transaction/%E0%A4%A').kind).toBe(
      'not_found',
    )
  })
})

describe('Eko AePS transactions: requests', () => {
  const cw = 'eko.aepsTransactions.cashWithdrawal'

  it('amount: a positive whole number, in JSON or as form digits; not decimals, zero or text', () => {
    expect(validateRequestBody(cw, { ...body(cw), amount: 3000 })).toEqual([])
    expect(validateRequestBody(cw, { ...body(cw), amount: '3000' })).toEqual([])
    // A multiple of 50 is a business rule (1960), not a schema one: 1025 is well formed.
    expect(validateRequestBody(cw, { ...body(cw), amount: 1025 })).toEqual([])
    for (const amount of [0, -50, 10.5, '10.50', '0', 'ten', null])
      expect(
        hasViolation(validateRequestBody(cw, { ...body(cw), amount }), '/body/amount', 'anyOf'),
      ).toBe(true)
  })

  it('balance enquiry and mini statement take no amount; every transaction takes client_ref_id ≤ 20', () => {
    for (const id of [
      'eko.aepsTransactions.balanceEnquiry',
      'eko.aepsTransactions.miniStatement',
    ]) {
      expect(
        hasViolation(
          validateRequestBody(id, { ...body(id), amount: 100 }),
          '/body',
          'additionalProperties',
        ),
      ).toBe(true)
      expect(
        hasViolation(
          validateRequestBody(id, { ...body(id), client_ref_id: 'x'.repeat(21) }),
          '/body/client_ref_id',
          'maxLength',
        ),
      ).toBe(true)
    }
  })

  it('the customer Aadhaar: encrypted, one spelling only; the plain number is refused', () => {
    const b = body(cw)
    expect(
      hasViolation(
        validateRequestBody(cw, { ...b, aadhar: '274839105621' }),
        '/body/aadhar',
        'minLength',
      ),
    ).toBe(true)
    expect(validateRequestBody(cw, { ...b, aadhar: 'not base64 at all!' })).not.toEqual([])
    const { aadhar, ...rest } = b
    expect(validateRequestBody(cw, { ...rest, aadhaar: aadhar })).toEqual([])
    expect(
      hasViolation(validateRequestBody(cw, { ...rest, aadhaar: aadhar, aadhar }), '/body', 'oneOf'),
    ).toBe(true)
  })

  it('path customer_id and transaction_ref are checked by their schemas', () => {
    const customer = validatorAt(getOperation(cw).paramsSchemaId as string)
    expect(customer({ customer_id: '9812345670' })).toBe(true)
    expect(customer({ customer_id: '98123' })).toBe(false)
    const ref = validatorAt(getOperation('eko.transactions.inquiry').paramsSchemaId as string)
    expect(ref({ transaction_ref: '2882394561' })).toBe(true)
    expect(ref({ transaction_ref: 'client_ref_id:cw-0001' })).toBe(true)
    expect(ref({ transaction_ref: 'client_ref_id:' })).toBe(false)
    expect(ref({ transaction_ref: 'abc' })).toBe(false)
    const query = validatorAt(getOperation('eko.transactions.inquiry').querySchemaId as string)
    expect(query({ initiator_id: '9962981729', user_code: '20810202' })).toBe(true)
    expect(query({ initiator_id: '9962981729' })).toBe(false)
  })
})

describe('Eko AePS transactions: responses', () => {
  const cw = 'eko.aepsTransactions.cashWithdrawal'

  it('a pending withdrawal is status 0 with response_status_id 2 and tx_status "2"', () => {
    const pending = caseExample(cw, 'pending')
    expect(validateResponse(cw, { status: 200, body: pending }, 'pending')).toEqual([])
    expect(validateResponse(cw, { status: 200, body: pending }, 'success')).not.toEqual([])
    const settled = { ...pending, data: { ...(pending.data as object), tx_status: '0' } }
    expect(
      hasViolation(
        validateResponse(cw, { status: 200, body: settled }, 'pending'),
        '/body/data/tx_status',
        'const',
      ),
    ).toBe(true)
  })

  it('1464 failures differ by data.comment; 1960 carries no data', () => {
    const twoFa = caseExample(cw, 'two_factor_required')
    expect(
      hasViolation(
        validateResponse(cw, { status: 200, body: twoFa }, 'bank_not_completed'),
        '/body/data/comment',
        'const',
      ),
    ).toBe(true)
    const amount = { ...caseExample(cw, 'amount_not_multiple_of_50'), data: {} }
    expect(
      hasViolation(
        validateResponse(cw, { status: 200, body: amount }, 'amount_not_multiple_of_50'),
        '/body/data',
        'false schema',
      ),
    ).toBe(true)
  })

  it('transaction data strings: amounts with two decimals, Eko dates, a masked Aadhaar', () => {
    const success = caseExample(cw, 'success')
    const data = success.data as Record<string, unknown>
    for (const [field, value, keyword] of [
      ['amount', 1000, 'type'],
      ['amount', '1000', 'pattern'],
      ['transaction_date', '2024-01-01 00:00:00', 'pattern'],
      ['aadhar', '274839105621', 'pattern'],
    ] as const) {
      const broken = { ...success, data: { ...data, [field]: value } }
      expect(
        hasViolation(
          validateResponse(cw, { status: 200, body: broken }, 'success'),
          `/body/data/${field}`,
          keyword,
        ),
        field,
      ).toBe(true)
    }
    const noBalance = { ...success, data: { ...data, balance: undefined } }
    delete (noBalance.data as Record<string, unknown>).balance
    expect(validateResponse(cw, { status: 200, body: noBalance }, 'success')).not.toEqual([])
  })

  it('mini statement lines are DD/MM with Dr or Cr', () => {
    const ms = 'eko.aepsTransactions.miniStatement'
    const success = caseExample(ms, 'success')
    const data = success.data as { mini_statement_list: Record<string, unknown>[] }
    const line = { ...data.mini_statement_list[0], txnType: 'Debit' }
    expect(
      validateResponse(
        ms,
        { status: 200, body: { ...success, data: { ...data, mini_statement_list: [line] } } },
        'success',
      ),
    ).not.toEqual([])
  })

  it('transaction inquiry: success is a GET success (-1); unknown id is 168', () => {
    const ti = 'eko.transactions.inquiry'
    const success = caseExample(ti, 'success')
    expect(
      hasViolation(
        validateResponse(
          ti,
          { status: 200, body: { ...success, response_status_id: 0 } },
          'success',
        ),
        '/body/response_status_id',
        'const',
      ),
    ).toBe(true)
    expect(caseExample(ti, 'tid_not_found')).toMatchObject({
      status: 168,
      message: 'TID does not exist',
    })
  })
})

describe('Eko agent services and activation', () => {
  it('service codes 4, 43, 52, 53 in JSON or form; others refused', () => {
    const id = 'eko.userServices.activateV1'
    for (const service_code of [4, '4', 43, '52', 53])
      expect(validateRequestBody(id, { ...body(id), service_code })).toEqual([])
    for (const service_code of [5, '39', 'PAN'])
      expect(
        hasViolation(
          validateRequestBody(id, { ...body(id), service_code }),
          '/body/service_code',
          'anyOf',
        ),
      ).toBe(true)
  })

  it('the AePS activation takes form-data (JSON text or object) and three JPEG/JPG/PDF files under 1 MB', () => {
    const id = 'eko.aepsFingpay.activate'
    const b = body(id)
    const fields = JSON.parse(b['form-data'] as string) as Record<string, unknown>
    expect(validateRequestBody(id, { ...b, 'form-data': fields })).toEqual([])
    const png = { filename: 'pan.png', content_type: 'image/png', size: 1000 }
    expect(
      hasViolation(
        validateRequestBody(id, { ...b, pan_card: png }),
        '/body/pan_card/content_type',
        'enum',
      ),
    ).toBe(true)
    const big = { filename: 'pan.jpg', content_type: 'image/jpeg', size: 1048576 }
    expect(
      hasViolation(
        validateRequestBody(id, { ...b, pan_card: big }),
        '/body/pan_card/size',
        'maximum',
      ),
    ).toBe(true)
    const { aadhar_back: _dropped, ...missing } = b
    expect(hasViolation(validateRequestBody(id, missing), '/body', 'required')).toBe(true)
    // The fields' own schema: the Aadhaar is PLAIN here, the address an object.
    const validateFields = validatorAt(`${getOperation(id).document.$id}#/$defs/fields`)
    expect(validateFields(fields)).toBe(true)
    expect(validateFields({ ...fields, aadhar: 'pssJ9lWU65Mxtb5y9y3q' })).toBe(false)
    expect(validateFields({ ...fields, office_address: 'Lucknow' })).toBe(false)
  })

  it('the status list: numeric status 0/1/2 with its description, service codes as strings', () => {
    const id = 'eko.userServices.list'
    const success = caseExample(id, 'success')
    const data = success.data as { service_status_list: Record<string, unknown>[] }
    const entry = data.service_status_list[0]!
    for (const broken of [
      { ...entry, status: '1' },
      { ...entry, service_code: 43 },
      { ...entry, status_desc: 'Active' },
    ]) {
      const response = { ...success, data: { ...data, service_status_list: [broken] } }
      expect(validateResponse(id, { status: 200, body: response }, 'success')).not.toEqual([])
    }
  })

  it('PAN verify: 1255 with the holder name; PAN shape enforced', () => {
    const id = 'eko.pan.verifyV1'
    expect(caseExample(id, 'success')).toMatchObject({ response_type_id: 1255, status: 0 })
    expect(
      hasViolation(
        validateRequestBody(id, { ...body(id), pan_number: 'ckmpk7314f' }),
        '/body/pan_number',
        'pattern',
      ),
    ).toBe(true)
  })
})
