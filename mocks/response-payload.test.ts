import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSimulator } from '../simulator/index.js'
import { createHandlers } from './msw/create-handlers.js'
import { responsePayload } from './response-payload.js'

describe('responsePayload', () => {
  it('serialises JSON bodies, a JSON string body included', () => {
    expect(responsePayload({ status: 200, headers: {}, body: { a: 1 } })).toBe('{"a":1}')
    expect(
      responsePayload({ status: 200, headers: { 'content-type': 'application/json' }, body: 'x' }),
    ).toBe('"x"')
    expect(responsePayload({ status: 200, headers: {}, body: 'x' })).toBe('"x"')
    expect(responsePayload({ status: 204, headers: {}, body: undefined })).toBe('')
  })

  it('sends a text body with a non-JSON content type as it is', () => {
    expect(
      responsePayload({ status: 200, headers: { 'content-type': 'text/html' }, body: '<p>' }),
    ).toBe('<p>')
  })
})

describe('the QA console through the msw door', () => {
  const server = setupServer(...createHandlers(createSimulator()))
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterAll(() => server.close())

  it('is served as HTML, as over HTTP', async () => {
    const res = await fetch('https://fintwin.test/__sim/ui')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(await res.text()).toMatch(/^<!doctype html>/)
  })
})
