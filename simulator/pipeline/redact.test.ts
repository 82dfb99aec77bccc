import { describe, expect, it } from 'vitest'
import { REMOVED, redactBody } from './redact.js'

describe('redactBody', () => {
  it('keeps the last four digits of an Aadhaar number and removes an encrypted one', () => {
    expect(redactBody({ aadhaar_number: '2345 6789 0123', aadhaar: '234567890123' })).toEqual({
      aadhaar_number: 'XXXXXXXX0123',
      aadhaar: 'XXXXXXXX0123',
    })
    expect(redactBody({ aadhar: 'kq3J+8w==' })).toEqual({ aadhar: REMOVED })
  })

  it("redacts a JSON object sent as text (an AePS activation's form-data part) as that object", () => {
    const part = JSON.stringify({
      user_code: '20810201',
      aadhar: '639204817353',
      pan: 'ABCDE1234F',
    })
    const redacted = redactBody({ 'form-data': part }) as Record<string, string>
    expect(JSON.parse(redacted['form-data']!)).toEqual({
      user_code: '20810201',
      aadhar: 'XXXXXXXX7353',
      pan: 'XXXXXX234F',
    })
    expect(redactBody({ note: '{not json' })).toEqual({ note: '{not json' })
  })

  it('masks PANs by key and wherever their shape appears', () => {
    expect(redactBody({ pan_number: 'ABCPV1234K', note: 'PAN ABCPV1234K on file' })).toEqual({
      pan_number: 'XXXXXX234K',
      note: 'PAN XXXXXX234K on file',
    })
  })

  it('removes OTPs, tokens, keys, signatures and PID blocks, at any depth; keeps references', () => {
    expect(
      redactBody({
        otp: '123456',
        otp_ref_id: '2465238',
        data: { token: 'eyJ…', developer_key: 'k', 'secret-key': 's', signature: 'x' },
        piddata: '<PidData/>',
        list: [{ access_token: 't', client_id: 'ckyc_x' }],
      }),
    ).toEqual({
      otp: REMOVED,
      otp_ref_id: '2465238',
      data: { token: REMOVED, developer_key: REMOVED, 'secret-key': REMOVED, signature: REMOVED },
      piddata: REMOVED,
      list: [{ access_token: REMOVED, client_id: 'ckyc_x' }],
    })
  })

  it('is bounded: long strings cut, deep nesting and long arrays summarised', () => {
    const deep = JSON.parse(`${'{"a":'.repeat(20)}1${'}'.repeat(20)}`)
    expect(JSON.stringify(redactBody(deep))).toContain('[too deep]')
    expect(redactBody({ photo: 'x'.repeat(10_000) })).toEqual({
      photo: `${'x'.repeat(32)}… [10000 characters]`,
    })
    expect((redactBody(Array.from({ length: 80 }, (_, i) => i)) as unknown[]).at(-1)).toBe(
      '… [30 more]',
    )
  })
})
