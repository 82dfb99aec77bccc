import { Ajv2020 } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import { INVALID_MESSAGE_KEYWORD, INVALID_MESSAGE_KEYWORD_DEFINITION } from './invalid-message.js'
import { operations, schemaAt } from './registry.js'
import { isObject } from './schema-lookup.js'
import { validateRequestBody } from './validator.js'

describe('x-invalid-message', () => {
  it('is a registered keyword: strict ajv compiles it, and refuses a malformed one', () => {
    const ajv = new Ajv2020({ strict: true })
    ajv.addKeyword(INVALID_MESSAGE_KEYWORD_DEFINITION)
    const field = { message: 'Invalid OTP. OTP should be 6 digits.', 'x-provenance': 'INF' }
    const validate = ajv.compile({ type: 'string', [INVALID_MESSAGE_KEYWORD]: field })
    expect(validate('anything')).toBe(true)
    expect(() =>
      ajv.compile({ type: 'string', [INVALID_MESSAGE_KEYWORD]: { message: 'x' } }),
    ).toThrow(/x-provenance/)
    expect(() => ajv.compile({ type: 'string', [INVALID_MESSAGE_KEYWORD]: 'a sentence' })).toThrow()
  })

  it('every top-level Surepass request field words its own refusal', () => {
    const missing: string[] = []
    for (const op of operations.values()) {
      if (op.provider !== 'surepass') continue
      const properties = schemaAt(op.bodySchemaId).properties
      for (const [field, schema] of Object.entries(isObject(properties) ? properties : {}))
        if (!isObject(schema) || !isObject(schema[INVALID_MESSAGE_KEYWORD]))
          missing.push(`${op.id}.${field}`)
    }
    expect(missing).toEqual([])
  })

  it('the most specific sentence wins: a conditional branch over the field, a $ref sibling', () => {
    const pan = validateRequestBody('surepass.ckyc.search', {
      document_type: 'PAN',
      id_number: 'ABCDE12345',
    })
    expect(pan.map((v) => v.fieldMessage)).toContain(
      'Invalid PAN format. PAN should be 10 characters with valid pattern.',
    )
    const ckyc = validateRequestBody('surepass.ckyc.search', {
      document_type: 'CKYC_NUMBER',
      id_number: 'ABCDE12345',
    })
    expect(ckyc.map((v) => v.fieldMessage)).toContain(
      'Invalid CKYC number format. CKYC number should be 14 digits.',
    )
    const mobile = validateRequestBody('surepass.ckycV2.generateOtp', {
      client_id: 'ckyc_abc',
      mobile_number: '12',
    })
    expect(mobile).toMatchObject([
      {
        path: '/body/mobile_number',
        keyword: 'pattern',
        fieldMessage: 'Invalid mobile number. Mobile number should be 10 digits.',
      },
    ])
    // The validator's own text stays in `message` for logs and the journal.
    expect(mobile[0]?.message).toMatch(/^must match pattern/)
  })
})
