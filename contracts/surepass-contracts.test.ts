import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  matchRoute,
  validateRequest,
  validateRequestBody,
  validateResponse,
  type ContractViolation,
} from './index.js'

const GENERATE = 'surepass.ckycV2.generateOtp'
const DOWNLOAD = 'surepass.ckycV2.download'
const SEARCH = 'surepass.ckyc.search'

/** The top-level JSON objects embedded in a doc page's text (balanced braces, strings skipped). */
function jsonObjectsIn(text: string): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = []
  let depth = 0
  let start = -1
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (inString) {
      if (ch === '\\') i++
      else if (ch === '"') inString = false
    } else if (ch === '"' && depth > 0) inString = true
    else if (ch === '{' && depth++ === 0) start = i
    else if (ch === '}' && depth > 0 && --depth === 0) {
      try {
        found.push(JSON.parse(text.slice(start, i + 1)) as Record<string, unknown>)
      } catch {
        // prose in braces, not JSON
      }
    }
  }
  return found
}

const at = (violations: ContractViolation[]) => violations.map((v) => `${v.path} ${v.keyword}`)

describe('Surepass contracts', () => {
  it('validates the seed snippet examples (generate-otp doc page)', () => {
    const seed = readFileSync(
      new URL('./seeds/surepass-ckyc-v2-generate-otp.txt', import.meta.url),
      'utf8',
    )
    const jsonBlocks = jsonObjectsIn(seed)
    const request = jsonBlocks.find((b) => 'mobile_number' in b)
    const success = jsonBlocks.find((b) => b.success === true)
    const failure = jsonBlocks.find((b) => b.success === false)
    expect(request && success && failure).toBeTruthy()
    expect(validateRequestBody(GENERATE, request)).toEqual([])
    expect(validateResponse(GENERATE, { status: 200, body: success })).toEqual([])
    expect(
      validateResponse(GENERATE, { status: 422, body: failure }, 'mobile_number_not_matched'),
    ).toEqual([])
  })

  it('a 9-digit mobile fails on /body/mobile_number pattern', () => {
    expect(
      at(
        validateRequestBody(GENERATE, {
          client_id: 'ckyc_EklilHGggwPXenefi',
          mobile_number: '893980987',
        }),
      ),
    ).toEqual(['/body/mobile_number pattern'])
  })

  it('a missing client_id fails on required', () => {
    expect(at(validateRequestBody(GENERATE, { mobile_number: '8939809876' }))).toEqual([
      '/body required',
    ])
  })

  it('a download id where a search id belongs is refused', () => {
    expect(
      at(
        validateRequestBody(GENERATE, {
          client_id: 'ckyc_download_abc',
          mobile_number: '8939809876',
        }),
      ),
    ).toEqual(['/body/client_id pattern'])
  })

  it('a 5-digit OTP and an unknown field fail on download', () => {
    expect(
      at(validateRequestBody(DOWNLOAD, { client_id: 'ckyc_download_abc', otp: '12345', extra: 1 })),
    ).toEqual(['/body additionalProperties', '/body/otp pattern'])
  })

  it('search checks the id_number format of its document_type', () => {
    expect(validateRequestBody(SEARCH, { document_type: 'PAN', id_number: 'ABCDE1234F' })).toEqual(
      [],
    )
    expect(
      at(validateRequestBody(SEARCH, { document_type: 'PAN', id_number: 'ABCDE12345' })),
    ).toEqual(['/body/id_number pattern'])
    expect(at(validateRequestBody(SEARCH, { document_type: 'PASSPORT', id_number: 'X' }))).toEqual([
      '/body/document_type enum',
    ])
    expect(
      validateRequestBody(SEARCH, {
        document_type: 'AADHAAR',
        id_number: '1234|MINAL TOMAR|01-12-1997|F',
      }),
    ).toEqual([])
  })

  it('requires a Bearer JWT header', () => {
    const body = { document_type: 'PAN', id_number: 'ABCDE1234F' }
    expect(at(validateRequest(SEARCH, { headers: { authorization: 'Token abc' }, body }))).toEqual([
      '/headers/authorization pattern',
    ])
    expect(validateRequest(SEARCH, { headers: { authorization: 'Bearer a.b.c' }, body })).toEqual(
      [],
    )
  })

  it('success:true with a 422 fails on /body/success const', () => {
    const body = {
      data: null,
      status_code: 422,
      success: true,
      message: 'Mobile Number not matched with CKYC.',
      message_code: 'mobile_number_not_matched',
    }
    expect(
      at(validateResponse(GENERATE, { status: 422, body }, 'mobile_number_not_matched')),
    ).toEqual(['/body/success const'])
  })

  it('status_code not equal to the HTTP status fails', () => {
    const body = {
      data: null,
      status_code: 400,
      success: false,
      message: 'Mobile Number not matched with CKYC.',
      message_code: 'mobile_number_not_matched',
    }
    expect(
      at(validateResponse(GENERATE, { status: 422, body }, 'mobile_number_not_matched')),
    ).toEqual(['/body/status_code const'])
    expect(
      at(validateResponse(GENERATE, { status: 400, body }, 'mobile_number_not_matched')),
    ).toContain('/status status')
  })

  it('a response matches some case of its status without a case id, or reports the closest', () => {
    const ok = {
      data: { client_id: 'ckyc_download_nNfWARdhysddWFiXddXF', otp_sent: true },
      status_code: 200,
      success: true,
      message: 'Success',
      message_code: 'success',
    }
    expect(validateResponse(GENERATE, { status: 200, body: ok })).toEqual([])
    expect(
      at(validateResponse(GENERATE, { status: 200, body: { ...ok, data: { otp_sent: true } } })),
    ).toEqual(['/body/data required'])
    expect(at(validateResponse(GENERATE, { status: 418, body: ok }))).toEqual(['/status status'])
  })

  it('routes by method and path, with provider-aware 404/405', () => {
    expect(matchRoute('POST', '/api/v1/ckyc/search')).toMatchObject({
      kind: 'operation',
      operation: { id: SEARCH },
    })
    expect(matchRoute('POST', '/api/v1/ckyc/search/')).toMatchObject({ kind: 'operation' })
    expect(matchRoute('GET', '/api/v1/ckyc-v2/download')).toEqual({
      kind: 'method_not_allowed',
      provider: 'surepass',
      allowed: ['POST'],
    })
    expect(matchRoute('POST', '/api/v1/nope')).toEqual({ kind: 'not_found', provider: 'surepass' })
    expect(matchRoute('POST', '/elsewhere')).toEqual({ kind: 'not_found', provider: undefined })
  })
})
