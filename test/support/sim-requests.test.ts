import { describe, expect, it } from 'vitest'
import { SUREPASS_FIXTURE_TOKEN } from '../../simulator/surepass/jwt.js'
import {
  adminRequest,
  envelopeBreaches,
  searchRequest,
  surepassRequest,
  wrongOtp,
  type LoggedExchange,
} from './sim-requests.js'

const exchange = (
  status: number,
  body: unknown,
  fault?: LoggedExchange['response']['fault'],
): LoggedExchange => ({
  request: searchRequest({}),
  response: { status, headers: {}, body, ...(fault ? { fault } : {}) },
})

describe('sim-requests helpers', () => {
  it('build Surepass requests with the fixture token, or none, or a raw header', () => {
    expect(searchRequest({ a: 1 })).toEqual({
      method: 'POST',
      path: '/api/v1/ckyc/search',
      query: {},
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${SUREPASS_FIXTURE_TOKEN}`,
      },
      body: { a: 1 },
    })
    expect(surepassRequest('download', {}, { token: null }).headers.authorization).toBeUndefined()
    expect(
      surepassRequest(
        'generateOtp',
        {},
        { authorization: 'Token x', scenario: 'drop', bodyError: 'malformed' },
      ),
    ).toMatchObject({
      path: '/api/v1/ckyc-v2/generate-otp',
      headers: { authorization: 'Token x', 'x-fintwin-scenario': 'drop' },
      bodyError: 'malformed',
    })
  })

  it('build admin requests under /__sim', () => {
    expect(adminRequest('GET', 'otps', { query: { ref: 'x' } })).toEqual({
      method: 'GET',
      path: '/__sim/otps',
      query: { ref: 'x' },
      headers: {},
      body: undefined,
    })
    expect(adminRequest('POST', '/clock', { body: { freeze: true } }).path).toBe('/__sim/clock')
  })

  it('envelopeBreaches accepts a consistent envelope and names each breach', () => {
    const ok = { data: null, status_code: 422, success: false, message: 'm', message_code: 'c' }
    expect(
      envelopeBreaches([
        exchange(422, ok),
        exchange(200, { ...ok, status_code: 200, success: true }),
      ]),
    ).toEqual([])
    expect(envelopeBreaches([exchange(400, ok)])).toEqual([
      'POST /api/v1/ckyc/search → 400: status_code 422',
    ])
    expect(envelopeBreaches([exchange(422, { ...ok, success: true })])).toEqual([
      'POST /api/v1/ckyc/search → 422: success true',
    ])
    expect(envelopeBreaches([exchange(200, { ...ok, status_code: 200 })])).toEqual([
      'POST /api/v1/ckyc/search → 200: success false',
    ])
    const { message_code: _dropped, ...noCode } = ok
    expect(envelopeBreaches([exchange(422, noCode)])).toEqual([
      'POST /api/v1/ckyc/search → 422: no "message_code"',
    ])
    expect(envelopeBreaches([exchange(500, null)])).toEqual([
      'POST /api/v1/ckyc/search → 500: body is not an object',
    ])
  })

  it('wrongOtp always differs from the OTP', () => {
    for (const otp of ['000000', '012345', '999999', '100000']) {
      expect(wrongOtp(otp)).not.toBe(otp)
      expect(wrongOtp(otp)).toHaveLength(otp.length)
    }
  })
})
