import { setupServer } from 'msw/node'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { listRoutes } from '../../contracts/index.js'
import type { Simulator } from '../../simulator/create-simulator.js'
import type { SimRequest, SimResponse } from '../../simulator/sim-types.js'
import { createHandlers, mswPath } from './create-handlers.js'

let respond: (request: SimRequest) => SimResponse = () => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: { ok: true },
})
const seen: SimRequest[] = []
const simulator = {
  handle: async (request: SimRequest) => {
    seen.push(request)
    return respond(request)
  },
} as unknown as Simulator

const server = setupServer(...createHandlers(simulator, { bodyLimit: 1000 }))
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
beforeEach(() => {
  seen.length = 0
  respond = () => ({
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: { ok: true },
  })
})
afterAll(() => server.close())

describe('createHandlers', () => {
  it('has a method handler per contract route, an all-methods one per path, admin and provider hosts', () => {
    const routes = listRoutes()
    const handlers = createHandlers(simulator)
    // Templated paths share one msw pattern (`/ekoapi/v2/banks/*`).
    const paths = new Set(routes.map((r) => mswPath(r.path)))
    expect(handlers.length).toBeGreaterThan(routes.length + paths.size)
    expect(createHandlers(simulator, { admin: false, providerHosts: false })).toHaveLength(
      routes.length + paths.size,
    )
  })

  it("catches Eko's templated paths on any origin and hands them over as sent", async () => {
    expect(mswPath('/ekoapi/v2/banks/ifsc:{ifsc}/accounts/{account}')).toBe('/ekoapi/v2/banks/*')
    await fetch('http://127.0.0.1:4010/ekoapi/v2/banks/ifsc:KKBK0000261/accounts/1711654121', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'initiator_id=9962981729&customer_id=6111111111&user_code=20810200',
    })
    await fetch('http://127.0.0.1:4010/ekoapi/v2/billpayments/operators/51', {
      headers: { 'content-type': 'application/json' },
    })
    expect(seen.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /ekoapi/v2/banks/ifsc:KKBK0000261/accounts/1711654121',
      'GET /ekoapi/v2/billpayments/operators/51',
    ])
    expect(seen[0]!.body).toEqual({
      initiator_id: '9962981729',
      customer_id: '6111111111',
      user_code: '20810200',
    })
    expect([seen[1]!.body, seen[1]!.bodyError]).toEqual([undefined, undefined])
  })

  it('converts a Fetch request to a SimRequest', async () => {
    await fetch('https://sandbox.surepass.io/api/v1/ckyc/search?x=1&y=2', {
      method: 'POST',
      headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json' },
      body: '{"id_number":"A"}',
    })
    expect(seen[0]).toMatchObject({
      method: 'POST',
      path: '/api/v1/ckyc/search',
      query: { x: '1', y: '2' },
      body: { id_number: 'A' },
    })
    expect(seen[0]!.headers.authorization).toBe('Bearer t')
    expect(seen[0]!.bodyError).toBeUndefined()
  })

  it('parses form bodies and reports malformed ones', async () => {
    await fetch('https://staging.eko.in/ekoapi/v3/user/collection/aeps-fingpay/kyc/otp', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=1',
    })
    await fetch('https://staging.eko.in/ekoapi/v3/user/collection/aeps-fingpay/kyc/otp', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    })
    expect(seen.map((r) => [r.body, r.bodyError])).toEqual([
      [{ a: '1' }, undefined],
      [undefined, 'malformed'],
    ])
  })

  it('reports a body over the limit as too_large', async () => {
    await fetch('https://sandbox.surepass.io/api/v1/ckyc/search', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(1001),
    })
    expect(seen[0]).toMatchObject({ bodyError: 'too_large', body: undefined })
  })

  it('sends a wrong method through the simulator (for its 405)', async () => {
    await fetch('https://sandbox.surepass.io/api/v1/ckyc/search', { method: 'PATCH' })
    expect(seen[0]).toMatchObject({ method: 'PATCH', path: '/api/v1/ckyc/search' })
  })

  it('copies status, headers and body onto the response', async () => {
    respond = () => ({
      status: 405,
      headers: { 'content-type': 'application/json', allow: 'POST' },
      body: { no: true },
    })
    const response = await fetch(
      'https://api.eko.in/ekoicici/v3/user/collection/aeps-fingpay/kyc/otp',
      { method: 'GET' },
    )
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('POST')
    expect(await response.json()).toEqual({ no: true })
  })

  it('answers unknown paths on provider hosts, and admin routes on any origin', async () => {
    await fetch('https://kyc-api.surepass.io/api/v1/unknown')
    await fetch('http://localhost:1234/__sim/scenarios/scn_1', { method: 'DELETE' })
    expect(seen.map((r) => r.path)).toEqual(['/api/v1/unknown', '/__sim/scenarios/scn_1'])
  })

  it('leaves other hosts alone', () => {
    const handlers = createHandlers(simulator)
    expect(handlers.some((h) => String(h.info.path).includes('example.com'))).toBe(false)
  })

  it('adds delayMs as msw delay', async () => {
    respond = () => ({ status: 200, headers: {}, body: { late: true }, delayMs: 100 })
    const started = performance.now()
    const response = await fetch('https://sandbox.surepass.io/__sim/health')
    expect(await response.json()).toEqual({ late: true })
    expect(response.headers.get('content-type')).toBe('application/json')
    expect(performance.now() - started).toBeGreaterThanOrEqual(90)
  })

  it('acts a timeout out as a hold then a network error', async () => {
    respond = () => ({ status: 0, headers: {}, body: null, fault: { kind: 'timeout', holdMs: 80 } })
    const started = performance.now()
    await expect(fetch('https://sandbox.surepass.io/__sim/health')).rejects.toThrow(TypeError)
    expect(performance.now() - started).toBeGreaterThanOrEqual(70)
  })

  it('acts a drop out as a network error', async () => {
    respond = () => ({ status: 0, headers: {}, body: null, fault: { kind: 'drop' } })
    await expect(fetch('https://sandbox.surepass.io/__sim/health')).rejects.toThrow(TypeError)
  })
})
