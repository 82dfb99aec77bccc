import { describe, expect, it } from 'vitest'
import { EKO_UAT_HEADERS, caseExample, hasViolation } from '../test/support/contract-checks.js'
import { getOperation, getProvider, operations, schemaAt } from './registry.js'
import { pathParameterNames } from './path-template.js'
import { matchRoute } from './router.js'
import { validateRequest, validateResponse } from './validator.js'

/** The legacy v2 operations Eko's Node SDK calls (the table below names each). */
const SDK_OPERATIONS = [...operations.values()]
  .filter((o) => o.apiVersion === 'v2')
  .map((o) => o.id)

function examplesOf(schemaId: string | undefined): Record<string, unknown>[] {
  if (schemaId === undefined) return []
  return (schemaAt(schemaId).examples as Record<string, unknown>[] | undefined) ?? []
}

describe('Eko SDK operations: paths and versions', () => {
  it('the v1 and v2 base paths sit beside v3, in the UAT and production forms', () => {
    expect(getProvider('eko').versionBasePaths).toEqual({
      v1: ['/ekoapi/v1', '/ekoicici/v1'],
      v2: ['/ekoapi/v2', '/ekoicici/v2'],
    })
  })

  it('the documented methods and paths, each under /ekoapi/v2 and /ekoicici/v2', () => {
    const table = Object.fromEntries(
      SDK_OPERATIONS.map((id) => [id, `${getOperation(id).method} ${getOperation(id).paths[0]}`]),
    )
    expect(table).toEqual({
      'eko.bbps.operators': 'GET /ekoapi/v2/billpayments/operators',
      'eko.bbps.operatorCategories': 'GET /ekoapi/v2/billpayments/operators_category',
      'eko.bbps.operatorLocations': 'GET /ekoapi/v2/billpayments/operators_location',
      'eko.bbps.operatorParameters': 'GET /ekoapi/v2/billpayments/operators/{operator_id}',
      'eko.bbps.fetchBill': 'POST /ekoapi/v2/billpayments/fetchbill',
      'eko.bbps.payBill': 'POST /ekoapi/v2/billpayments/paybill',
      'eko.bankAccount.verifyByIfsc': 'POST /ekoapi/v2/banks/ifsc:{ifsc}/accounts/{account}',
      'eko.bankAccount.verifyByBankCode':
        'POST /ekoapi/v2/banks/bank_code:{bank_code}/accounts/{account}',
    })
    for (const id of SDK_OPERATIONS)
      expect(getOperation(id).paths[1]).toBe(
        getOperation(id).paths[0]!.replace('/ekoapi/', '/ekoicici/'),
      )
  })

  it('routes the SDK’s templated paths with their parameters, percent-decoded', () => {
    expect(
      matchRoute('POST', '/ekoapi/v2/banks/ifsc:KKBK0000261/accounts/1711654121'),
    ).toMatchObject({
      kind: 'operation',
      operation: { id: 'eko.bankAccount.verifyByIfsc' },
      params: { ifsc: 'KKBK0000261', account: '1711654121' },
    })
    expect(
      matchRoute('post', '/ekoicici/v2/banks/bank_code:KKBK/accounts/1711654128/'),
    ).toMatchObject({
      kind: 'operation',
      operation: { id: 'eko.bankAccount.verifyByBankCode' },
      params: { bank_code: 'KKBK', account: '1711654128' },
    })
    expect(matchRoute('GET', '/ekoapi/v2/billpayments/operators/51')).toMatchObject({
      operation: { id: 'eko.bbps.operatorParameters' },
      params: { operator_id: '51' },
    })
    expect(matchRoute('POST', '/ekoapi/v2/banks/ifsc:SBIN%200001/accounts/1')).toMatchObject({
      params: { ifsc: 'SBIN 0001' },
    })
    expect(matchRoute('POST', '/ekoapi/v2/banks/ifsc%3AKKBK0000261/accounts/1')).toMatchObject({
      operation: { id: 'eko.bankAccount.verifyByIfsc' },
      params: { ifsc: 'KKBK0000261', account: '1' },
    })
    // The literal siblings of a template are their own operations.
    expect(matchRoute('GET', '/ekoapi/v2/billpayments/operators_category')).toMatchObject({
      operation: { id: 'eko.bbps.operatorCategories' },
      params: {},
    })
  })

  it('an empty or undecodable parameter, a missing prefix, the wrong version → 404; the wrong method → 405', () => {
    const notFound = { kind: 'not_found', provider: 'eko' }
    expect(matchRoute('POST', '/ekoapi/v2/banks/ifsc:/accounts/1711654121')).toEqual(notFound)
    expect(matchRoute('POST', '/ekoapi/v2/banks/ifsc:%E0%A4/accounts/1')).toEqual(notFound)
    expect(matchRoute('POST', '/ekoapi/v2/banks/KKBK0000261/accounts/1711654121')).toEqual(notFound)
    expect(matchRoute('POST', '/ekoapi/v2/banks/ifsc:KKBK0000261/accounts')).toEqual(notFound)
    expect(matchRoute('GET', '/ekoapi/v3/billpayments/operators')).toEqual(notFound)
    expect(matchRoute('GET', '/ekoapi/v1/billpayments/operators')).toEqual(notFound)
    expect(matchRoute('GET', '/ekoapi/v2/banks/ifsc:KKBK0000261/accounts/1')).toEqual({
      kind: 'method_not_allowed',
      provider: 'eko',
      allowed: ['POST'],
    })
    expect(matchRoute('POST', '/ekoapi/v2/billpayments/operators')).toMatchObject({
      kind: 'method_not_allowed',
      allowed: ['GET'],
    })
  })
})

describe('Eko SDK operations: request examples', () => {
  it.each(SDK_OPERATIONS)('%s: its query, path and body examples validate together', (id) => {
    const op = getOperation(id)
    const query = examplesOf(op.querySchemaId)[0] as Record<string, string> | undefined
    const params = examplesOf(op.paramsSchemaId)[0] as Record<string, string> | undefined
    const headers =
      (examplesOf(op.headersSchemaId)[0] as Record<string, string> | undefined) ?? EKO_UAT_HEADERS
    for (const body of examplesOf(op.bodySchemaId))
      expect(validateRequest(id, { headers, body, query, params })).toEqual([])
    expect(pathParameterNames(op.path)).toEqual(Object.keys(params ?? {}))
  })

  it('GETs: no content-type needed, any content-type accepted, any body ignored', () => {
    const { 'content-type': _ct, ...noType } = EKO_UAT_HEADERS
    for (const headers of [noType, { ...EKO_UAT_HEADERS, 'content-type': 'text/plain' }])
      expect(
        validateRequest('eko.bbps.operatorCategories', { headers, body: undefined, query: {} }),
      ).toEqual([])
    const { developer_key: _dk, ...noKey } = EKO_UAT_HEADERS
    expect(
      hasViolation(
        validateRequest('eko.bbps.operators', { headers: noKey, body: undefined, query: {} }),
        '/headers',
        'required',
      ),
    ).toBe(true)
  })

  it('query strings: an unknown key, a non-numeric filter, a bad initiator; fetch bill needs initiator_id', () => {
    const check = (id: string, query: Record<string, string>) =>
      validateRequest(id, { headers: EKO_UAT_HEADERS, body: undefined, query })
    expect(
      hasViolation(check('eko.bbps.operators', { page: '2' }), '/query', 'additionalProperties'),
    ).toBe(true)
    expect(
      hasViolation(check('eko.bbps.operators', { category: 'gas' }), '/query/category', 'pattern'),
    ).toBe(true)
    expect(
      hasViolation(
        check('eko.bbps.operators', { initiator_id: '99629' }),
        '/query/initiator_id',
        'pattern',
      ),
    ).toBe(true)
    const body = examplesOf(getOperation('eko.bbps.fetchBill').bodySchemaId)[0]
    expect(
      hasViolation(
        validateRequest('eko.bbps.fetchBill', { headers: EKO_UAT_HEADERS, body, query: {} }),
        '/query',
        'required',
      ),
    ).toBe(true)
  })

  it('path parameters are checked against their schema', () => {
    const op = getOperation('eko.bbps.operatorParameters')
    expect(
      hasViolation(
        validateRequest(op.id, {
          headers: EKO_UAT_HEADERS,
          body: undefined,
          query: {},
          params: { operator_id: 'abc' },
        }),
        '/params/operator_id',
        'pattern',
      ),
    ).toBe(true)
  })

  it('pay bill: amount as the SDK sends it (a string) or a number, never negative, zero or three decimals', () => {
    const op = getOperation('eko.bbps.payBill')
    const body = examplesOf(op.bodySchemaId)[0]!
    const check = (amount: unknown) =>
      validateRequest(op.id, {
        headers: EKO_UAT_HEADERS,
        body: { ...body, amount },
        query: { initiator_id: '9962981729' },
      })
    expect(check('50')).toEqual([])
    expect(check(673)).toEqual([])
    expect(check('673.5')).toEqual([])
    for (const bad of ['-5', '50.001', 0, -1, '5e3', ''])
      expect(hasViolation(check(bad), '/body/amount', 'anyOf'), String(bad)).toBe(true)
  })

  it('pay bill declares its request_hash rule: timestamp + utility_acc_no + amount + user_code', () => {
    expect(getOperation('eko.bbps.payBill').requestHash).toEqual({
      header: 'request_hash',
      concat: ['secret-key-timestamp', 'utility_acc_no', 'amount', 'user_code'],
    })
    for (const id of SDK_OPERATIONS.filter((o) => o !== 'eko.bbps.payBill'))
      expect(getOperation(id).requestHash, id).toBeUndefined()
  })
})

describe('Eko SDK operations: responses', () => {
  it("the SDK's own sample answers validate (pay bill 333 with Eko's exponent balance, verification 61)", () => {
    const pay = getOperation('eko.bbps.payBill')
    expect(
      validateResponse(pay.id, { status: 200, body: caseExample(pay.id, 'success') }, 'success'),
    ).toEqual([])
    const verify = getOperation('eko.bankAccount.verifyByBankCode')
    expect(
      validateResponse(verify.id, {
        status: 200,
        body: caseExample(verify.id, 'success'),
      }),
    ).toEqual([])
  })

  it('near misses: 208 without its tid, a 61 with another message, an operators list of objects with extra keys', () => {
    const pay = getOperation('eko.bbps.payBill')
    const mismatch = caseExample(pay.id, 'amount_mismatch')
    mismatch.data = { last_used_okekey: '' }
    expect(
      hasViolation(
        validateResponse(pay.id, { status: 200, body: mismatch }, 'amount_mismatch'),
        '/body/data',
        'required',
      ),
    ).toBe(true)
    const verify = getOperation('eko.bankAccount.verifyByIfsc')
    const renamed = { ...caseExample(verify.id, 'success'), message: 'Account verified' }
    expect(
      hasViolation(
        validateResponse(verify.id, { status: 200, body: renamed }, 'success'),
        '/body/message',
        'enum',
      ),
    ).toBe(true)
    const list = getOperation('eko.bbps.operators')
    const body = caseExample(list.id, 'success')
    ;(body.data as Record<string, unknown>[])[0]!.parameters = []
    expect(
      hasViolation(
        validateResponse(list.id, { status: 200, body }, 'success'),
        '/body/data/0',
        'additionalProperties',
      ),
    ).toBe(true)
  })

  it('every failure of the bank verification has its own status code', () => {
    const codes = ['eko.bankAccount.verifyByIfsc', 'eko.bankAccount.verifyByBankCode'].flatMap(
      (id) =>
        [...getOperation(id).cases.values()]
          .filter((c) => c.status === 200 && c.id !== 'success')
          .map((c) => `${c.id}:${(c.examples[0] as { status: number }).status}`),
    )
    expect(new Set(codes)).toEqual(
      new Set([
        'invalid_ifsc_format:136',
        'ifsc_not_found:521',
        'invalid_account_length:102',
        'account_invalid:46',
        'bank_not_supported:1796',
        'bank_not_found:48',
        'invalid_params:97',
        'invalid_initiator:319',
        'user_not_found:463',
      ]),
    )
  })
})
