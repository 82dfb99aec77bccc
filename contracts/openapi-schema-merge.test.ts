import { Ajv2020 } from 'ajv/dist/2020.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { intersectPatterns, isNever, mergeSchemas } from './openapi-schema-merge.js'

type JsonObject = Record<string, unknown>

const ajv = new Ajv2020({ strict: false })

/** Same verdict as `allOf: [a, b]` on every instance given. */
function expectExact(a: JsonObject, b: JsonObject, instances: readonly unknown[]): JsonObject {
  const merged = mergeSchemas(a, b)
  const layered = ajv.compile({ allOf: [a, b] })
  const flat = ajv.compile(merged)
  for (const instance of instances)
    expect(flat(instance), `${JSON.stringify(instance)} against ${JSON.stringify(merged)}`).toBe(
      layered(instance),
    )
  return merged
}

/** `if k = value then required [field]`, built from JSON (a literal `then` key reads as a thenable). */
function conditional(value: number, field: string): JsonObject {
  return JSON.parse(
    `{"if":{"properties":{"k":{"const":${value}}}},"then":{"required":["${field}"]}}`,
  ) as JsonObject
}

const envelope: JsonObject = {
  type: 'object',
  required: ['status', 'message'],
  additionalProperties: false,
  properties: {
    status: { type: 'integer', description: 'status' },
    message: { type: 'string' },
    data: { type: 'object' },
    invalid_params: { type: 'object' },
  },
}

describe('mergeSchemas', () => {
  it('turns envelope + case into one object whose consts win and whose data is required', () => {
    const success = {
      type: 'object',
      required: ['data'],
      properties: {
        status: { const: 0 },
        invalid_params: { not: {} },
        data: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
      },
    }
    const merged = expectExact(envelope, success, [
      { status: 0, message: 'ok', data: { id: 'x' } },
      { status: 1, message: 'ok', data: { id: 'x' } },
      { status: 0, message: 'ok', data: { id: 'x' }, invalid_params: { a: 'b' } },
      { status: 0, message: 'ok', data: {} },
      { status: 0, message: 'ok', data: { id: 'x' }, extra: 1 },
      { status: 0, message: 'ok' },
    ])
    expect(merged.required).toEqual(['status', 'message', 'data'])
    expect(merged.additionalProperties).toBe(false)
    const properties = merged.properties as Record<string, JsonObject>
    expect(properties.status).toEqual({ description: 'status', const: 0 })
    expect(properties.invalid_params).toBeUndefined()
    expect(merged.allOf).toBeUndefined()
  })

  it('forbids, as a closed envelope does, a property only the other side lists', () => {
    const merged = expectExact(envelope, { properties: { surprise: { type: 'string' } } }, [
      { status: 1, message: 'm', surprise: 'x' },
      { status: 1, message: 'm' },
    ])
    expect((merged.properties as JsonObject).surprise).toBeUndefined()
  })

  it('says "nothing" for contradictions, and keeps what it cannot merge as an allOf residue', () => {
    expect(isNever(mergeSchemas({ const: 1 }, { const: 2 }))).toBe(true)
    expect(isNever(mergeSchemas({ type: 'string' }, { type: 'integer' }))).toBe(true)
    const residue = expectExact({ type: 'string', pattern: '^a' }, { pattern: 'b$' }, [
      'ab',
      'a',
      'b',
      'xb',
      'axb',
    ])
    expect(residue.allOf).toEqual([{ pattern: 'b$' }])
    const conditionals = expectExact(conditional(1, 'x'), conditional(2, 'y'), [
      { k: 1 },
      { k: 1, x: 0 },
      { k: 2 },
      { k: 2, y: 0 },
      { k: 3 },
    ])
    expect(conditionals.allOf).toHaveLength(1)
  })

  it('is exact on random instances of mixed keywords', () => {
    const a = { type: ['string', 'null'], minLength: 2, enum: ['ab', 'abc', null, 'x'] }
    const b = { type: 'string', maxLength: 3, description: 'b' }
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 4 }), fc.constant(null), fc.integer()), (x) => {
        expectExact(a, b, [x])
      }),
      { seed: 18, numRuns: 200 },
    )
  })
})

describe('intersectPatterns', () => {
  it('writes a literal prefix over a bounded character class as one pattern, exactly', () => {
    const combined = intersectPatterns('^EKYKF', '^[A-Za-z0-9]{1,64}$')
    expect(combined).toBe('^EKYKF[A-Za-z0-9]{0,59}$')
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z0-9a-z-]{0,70}$/), (s) => {
        const both = /^EKYKF/.test(s) && /^[A-Za-z0-9]{1,64}$/.test(s)
        expect(new RegExp(combined!).test(s)).toBe(both)
        expect(new RegExp(combined!).test(`EKYKF${s}`)).toBe(
          /^[A-Za-z0-9]{1,64}$/.test(`EKYKF${s}`),
        )
      }),
      { seed: 18, numRuns: 300 },
    )
  })

  it('gives up on shapes it cannot intersect exactly', () => {
    expect(intersectPatterns('^a', 'b$')).toBeUndefined()
    expect(intersectPatterns('^a-', '^[a-z]{1,4}$')).toBeUndefined()
    expect(intersectPatterns('^abcdef', '^[a-z]{1,4}$')).toBeUndefined()
  })
})
