import { describe, expect, it } from 'vitest'
import { caseUnion, excludeAtTopLevel } from './openapi-case-union.js'

const envelope = (code: string, reason: string) => ({
  type: 'object',
  required: ['code', 'data'],
  properties: {
    code: { const: code },
    data: { type: 'object', properties: { reason: { const: reason } } },
  },
})
const branch = (title: string, schema: Record<string, unknown>) => ({
  title,
  ref: { $ref: `#/components/schemas/${title}` },
  schema,
})

describe('excludeAtTopLevel', () => {
  it('sees a required const that differs, a disjoint type, a field a closed object lacks', () => {
    expect(excludeAtTopLevel(envelope('a', 'x'), envelope('b', 'x'))).toBe(true)
    expect(excludeAtTopLevel(envelope('a', 'x'), envelope('a', 'y'))).toBe(false)
    const typed = (type: string) => ({ required: ['v'], properties: { v: { type } } })
    expect(excludeAtTopLevel(typed('string'), typed('null'))).toBe(true)
    expect(excludeAtTopLevel(typed('string'), typed('string'))).toBe(false)
    const closed = { additionalProperties: false, properties: { a: {} } }
    expect(excludeAtTopLevel(closed, { required: ['b'], properties: { b: {} } })).toBe(true)
  })
})

describe('caseUnion', () => {
  it('is the lone case itself, or a oneOf of cases told apart at the top level', () => {
    expect(caseUnion([branch('A', envelope('a', 'x'))])).toEqual({
      $ref: '#/components/schemas/A',
    })
    expect(caseUnion([branch('A', envelope('a', 'x')), branch('B', envelope('b', 'x'))])).toEqual({
      oneOf: [
        { title: 'A', $ref: '#/components/schemas/A' },
        { title: 'B', $ref: '#/components/schemas/B' },
      ],
    })
  })

  it('groups cases only a nested field separates under one anyOf branch, in order', () => {
    const union = caseUnion([
      branch('A', envelope('a', 'x')),
      branch('B', envelope('b', 'x')),
      branch('A2', envelope('a', 'y')),
    ])
    expect(union).toEqual({
      oneOf: [
        {
          title: 'A | A2',
          anyOf: [
            { title: 'A', $ref: '#/components/schemas/A' },
            { title: 'A2', $ref: '#/components/schemas/A2' },
          ],
        },
        { title: 'B', $ref: '#/components/schemas/B' },
      ],
    })
  })
})
