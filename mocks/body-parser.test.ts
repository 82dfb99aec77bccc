import { describe, expect, it } from 'vitest'
import { MAX_JSON_DEPTH, isMultipart, parseRequestBody } from './body-parser.js'
import { createSimulator } from '../simulator/index.js'
import { bodyOf, searchRequest } from '../test/support/sim-requests.js'

const nested = (depth: number, open = '[', close = ']') => open.repeat(depth) + close.repeat(depth)

describe('parseRequestBody: JSON', () => {
  it('parses JSON with or without a content type, with parameters and +json types', () => {
    const text = '{"id_number":"EKRPR1234F","document_type":"PAN"}'
    const value = { id_number: 'EKRPR1234F', document_type: 'PAN' }
    for (const type of [
      undefined,
      '',
      'application/json',
      'application/json; charset=utf-8',
      'APPLICATION/JSON',
      ' application/json ;x=y',
      'application/vnd.api+json',
    ]) {
      expect(parseRequestBody(type, text), String(type)).toEqual({ ok: true, body: value })
    }
  })

  it('parses any JSON value, not only objects (validation refuses them later)', () => {
    expect(parseRequestBody('application/json', '[1,2]')).toEqual({ ok: true, body: [1, 2] })
    expect(parseRequestBody('application/json', '"x"')).toEqual({ ok: true, body: 'x' })
    expect(parseRequestBody('application/json', 'null')).toEqual({ ok: true, body: null })
    expect(parseRequestBody('application/json', '42')).toEqual({ ok: true, body: 42 })
  })

  it('an empty body is undefined, not an error', () => {
    expect(parseRequestBody('application/json', '')).toEqual({ ok: true, body: undefined })
    expect(parseRequestBody('text/plain', '')).toEqual({ ok: true, body: undefined })
  })

  it.each(['{', '{"a":1,}', "{'a':1}", 'undefined', '   ', '{"a":1} x', 'NaN'])(
    '%j is malformed',
    (text) => {
      expect(parseRequestBody('application/json', text)).toEqual({ ok: false, error: 'malformed' })
    },
  )

  it('refuses non-JSON media types other than form and multipart bodies', () => {
    for (const type of ['text/plain', 'application/xml', 'multipart/mixed', 'application/jsonx']) {
      expect(parseRequestBody(type, '{"a":1}'), type).toEqual({
        ok: false,
        error: 'unsupported_media_type',
      })
    }
  })

  it('reads multipart/form-data (handed over one char per byte) into its parts', () => {
    const type = 'multipart/form-data; boundary=x'
    expect(isMultipart(type)).toBe(true)
    expect(isMultipart('application/json')).toBe(false)
    const body = '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n'
    expect(parseRequestBody(type, body)).toEqual({ ok: true, body: { a: '1' } })
    expect(parseRequestBody(type, '{"a":1}')).toEqual({ ok: false, error: 'malformed' })
  })

  it(`accepts nesting up to ${MAX_JSON_DEPTH} levels and refuses one more as too_deep`, () => {
    expect(MAX_JSON_DEPTH).toBe(64)
    expect(parseRequestBody('application/json', nested(MAX_JSON_DEPTH)).ok).toBe(true)
    expect(parseRequestBody('application/json', nested(MAX_JSON_DEPTH + 1))).toEqual({
      ok: false,
      error: 'too_deep',
    })
    const objects = `${'{"a":'.repeat(MAX_JSON_DEPTH + 1)}1${'}'.repeat(MAX_JSON_DEPTH + 1)}`
    expect(parseRequestBody('application/json', objects)).toEqual({ ok: false, error: 'too_deep' })
  })

  it('refuses a deep body without parsing it, even when it is also malformed', () => {
    expect(parseRequestBody('application/json', '['.repeat(100_000))).toEqual({
      ok: false,
      error: 'too_deep',
    })
  })

  it('brackets inside strings, escaped quotes and backslashes do not count as depth', () => {
    const inString = JSON.stringify({ s: `${'['.repeat(200)}\\"{{{\\` })
    expect(parseRequestBody('application/json', inString)).toEqual({
      ok: true,
      body: JSON.parse(inString),
    })
    const escaped = '{"a":"\\\\","b":[[1]]}'
    expect(parseRequestBody('application/json', escaped)).toEqual({
      ok: true,
      body: { a: '\\', b: [[1]] },
    })
    // sequential (not nested) arrays never add up to depth
    const wide = `[${'[1],'.repeat(1_000)}[1]]`
    expect(parseRequestBody('application/json', wide).ok).toBe(true)
  })

  it('drops __proto__, constructor and prototype keys at any depth (no prototype pollution)', () => {
    const parsed = parseRequestBody(
      'application/json',
      '{"__proto__":{"polluted":1},"a":{"constructor":{"prototype":{"x":1}},"b":2},"prototype":3}',
    )
    expect(parsed).toEqual({ ok: true, body: { a: { b: 2 } } })
    if (!parsed.ok) throw new Error('expected ok')
    const body = parsed.body as Record<string, unknown>
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype)
    expect(Object.hasOwn(body, '__proto__')).toBe(false)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

describe('parseRequestBody: form bodies', () => {
  it('parses application/x-www-form-urlencoded into a plain object of strings', () => {
    const parsed = parseRequestBody(
      'application/x-www-form-urlencoded; charset=UTF-8',
      'user_code=20810200&latlong=28.6%2C77.2&empty=&plus=a+b',
    )
    expect(parsed).toEqual({
      ok: true,
      body: { user_code: '20810200', latlong: '28.6,77.2', empty: '', plus: 'a b' },
    })
    if (!parsed.ok) throw new Error('expected ok')
    expect(Object.getPrototypeOf(parsed.body)).toBe(Object.prototype)
  })

  it('the last of a repeated key wins; nothing reaches Object.prototype', () => {
    expect(parseRequestBody('application/x-www-form-urlencoded', 'a=1&a=2')).toEqual({
      ok: true,
      body: { a: '2' },
    })
    parseRequestBody('application/x-www-form-urlencoded', '__proto__%5Bpolluted%5D=1&__proto__=x')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

describe('what the doors hand the simulator', () => {
  const sim = createSimulator({ config: { onContractViolation: 'throw' } })

  /** How a door turns raw text into a SimRequest for the search operation. */
  function fromText(contentType: string, text: string) {
    const parsed = parseRequestBody(contentType, text)
    const request = searchRequest(parsed.ok ? parsed.body : undefined, {
      headers: { 'content-type': contentType },
    })
    if (!parsed.ok) request.bodyError = parsed.error
    return sim.handle(request)
  }

  it('a parsed JSON body reaches the behaviour', async () => {
    const res = await fromText(
      'application/json',
      '{"document_type":"PAN","id_number":"EKRPR1234F"}',
    )
    expect(res.status).toBe(200)
  })

  it('malformed, too deep and wrongly typed bodies come back as 400 invalid_input envelopes', async () => {
    for (const [type, text, message] of [
      [
        'application/json',
        '{"document_type":',
        'Invalid input: the request body is not valid JSON.',
      ],
      ['application/json', nested(65), 'Invalid input: the request body is not valid JSON.'],
      ['text/plain', 'document_type=PAN', 'Invalid input: Content-Type must be application/json.'],
    ] as const) {
      const res = await fromText(type, text)
      expect(res.status, text).toBe(400)
      expect(bodyOf(res)).toEqual({
        data: null,
        status_code: 400,
        success: false,
        message,
        message_code: 'invalid_input',
      })
    }
  })

  it('prototype keys are gone before validation: additionalProperties is not tripped by them', async () => {
    const res = await fromText(
      'application/json',
      '{"document_type":"PAN","id_number":"EKRPR1234F","__proto__":{"x":1}}',
    )
    expect(res.status).toBe(200)
  })
})
