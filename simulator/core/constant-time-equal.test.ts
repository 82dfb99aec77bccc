import { describe, expect, it } from 'vitest'
import { constantTimeEqual } from './constant-time-equal.js'

const SECRET = 'qIir8tILHtqxO1Mu3/fC3pVElIa0oIxXMRDUP0463Bc='

describe('constantTimeEqual', () => {
  it('accepts equal strings', () => {
    expect(constantTimeEqual(SECRET, SECRET)).toBe(true)
    expect(constantTimeEqual('', '')).toBe(true)
  })

  it('rejects a one-character difference anywhere', () => {
    expect(constantTimeEqual('abcd', 'abce')).toBe(false)
    expect(constantTimeEqual('abcd', 'xbcd')).toBe(false)
  })

  it('rejects prefixes and extensions either way', () => {
    expect(constantTimeEqual('abcd', 'abc')).toBe(false)
    expect(constantTimeEqual('abc', 'abcd')).toBe(false)
    expect(constantTimeEqual('abc', '')).toBe(false)
    expect(constantTimeEqual('', 'abc')).toBe(false)
  })

  it('is not fooled by NUL padding', () => {
    expect(constantTimeEqual('abc', 'abc\u0000')).toBe(false)
    expect(constantTimeEqual('abc\u0000', 'abc')).toBe(false)
  })
})

describe('constantTimeEqual on bytes', () => {
  it('compares byte arrays the same way', () => {
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true)
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false)
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 0]))).toBe(false)
    expect(constantTimeEqual(new Uint8Array([]), new Uint8Array([]))).toBe(true)
  })
})
