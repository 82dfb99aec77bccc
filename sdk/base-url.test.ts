import { describe, expect, it } from 'vitest'
import { isLoopbackHost, resolveBaseUrl } from './base-url.js'

describe('resolveBaseUrl', () => {
  it.each([
    ['https://sandbox.surepass.io', 'https://sandbox.surepass.io'],
    ['https://staging.eko.in/ekoapi/v3/', 'https://staging.eko.in/ekoapi/v3'],
    ['http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
    ['http://127.8.9.10:4010/ekoapi/v3', 'http://127.8.9.10:4010/ekoapi/v3'],
    ['http://localhost:4010', 'http://localhost:4010'],
    ['http://[::1]:4010/', 'http://[::1]:4010'],
  ])('accepts %s', (input, expected) => {
    expect(resolveBaseUrl('TestClient', input)).toBe(expected)
  })

  it.each([
    'http://sandbox.surepass.io',
    'http://10.0.0.5:4010',
    'http://127.0.0.1.nip.io',
    'http://localhost.example.com',
    'http://[::2]:4010',
  ])('refuses plain http to a non-loopback host: %s', (input) => {
    expect(() => resolveBaseUrl('TestClient', input)).toThrow(
      /TestClient: refusing plain-http baseUrl/,
    )
  })

  it('refuses other schemes, relative URLs, credentials and queries', () => {
    expect(() => resolveBaseUrl('C', 'ftp://example.com')).toThrow(/must be https/)
    expect(() => resolveBaseUrl('C', '/api')).toThrow(/not an absolute URL/)
    expect(() => resolveBaseUrl('C', 'https://user:pw@example.com')).toThrow(/credentials/)
    expect(() => resolveBaseUrl('C', 'https://example.com/?token=x')).toThrow(/query/)
  })

  it('knows loopback', () => {
    expect(isLoopbackHost('127.0.0.1')).toBe(true)
    expect(isLoopbackHost('127.255.255.254')).toBe(true)
    expect(isLoopbackHost('128.0.0.1')).toBe(false)
  })
})
