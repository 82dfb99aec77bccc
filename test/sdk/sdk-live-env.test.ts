import { describe, expect, it } from 'vitest'
import { expiredJwt, readLiveConfig } from '../support/sdk-live-env.js'

describe('readLiveConfig (npm run test:live)', () => {
  it('skips everything, saying why, when nothing is set', () => {
    const config = readLiveConfig({})
    expect(config.surepass).toBeUndefined()
    expect(config.eko).toBeUndefined()
    expect(config.skipped).toEqual([
      'Surepass skipped: SUREPASS_TOKEN is not set',
      'Eko skipped: EKO_DEVELOPER_KEY, EKO_ACCESS_KEY, EKO_INITIATOR_ID, EKO_AADHAAR_PUBLIC_KEY are not set',
    ])
  })

  it('reads personas and agents, skipping the missing ones', () => {
    const config = readLiveConfig({
      SUREPASS_TOKEN: 'a.b.c',
      SUREPASS_CKYC_HAPPY: 'PAN:ABCDE1234F:9876543210',
      EKO_DEVELOPER_KEY: 'dk',
      EKO_ACCESS_KEY: 'ak',
      EKO_INITIATOR_ID: '9962981729',
      EKO_AADHAAR_PUBLIC_KEY: 'MIGf',
      EKO_AGENT_NOT_ACTIVATED: '20810200:9123456789:234567890123:28.6,77.2',
    })
    expect(config.surepass).toEqual({ baseUrl: 'https://sandbox.surepass.io' })
    expect(config.eko).toEqual({
      baseUrl: 'https://staging.eko.in/ekoapi/v3',
      aadhaarPublicKey: 'MIGf',
    })
    expect([...config.ckyc]).toEqual(['happy', 'not_found'])
    expect([...config.agents]).toEqual(['not_activated'])
    expect(config.fixtures.surepass.ckyc[0]).toEqual({
      label: 'happy',
      document_type: 'PAN',
      id_number: 'ABCDE1234F',
      mobile_number: '9876543210',
    })
    expect(config.fixtures.eko.agents[0]).toEqual({
      label: 'not_activated',
      user_code: '20810200',
      customer_id: '9123456789',
      aadhaar: '234567890123',
      latlong: '28.6,77.2',
    })
    expect(config.skipped).toContain(
      'Surepass "no_mobile" cases skipped: SUREPASS_CKYC_NO_MOBILE is not set',
    )
    expect(config.skipped).toContain(
      'Eko "ekyc_pending" cases skipped: EKO_AGENT_EKYC_PENDING is not set',
    )
  })

  it('refuses a malformed persona', () => {
    expect(() =>
      readLiveConfig({ SUREPASS_TOKEN: 't', SUREPASS_CKYC_HAPPY: 'PAN:ABCDE1234F' }),
    ).toThrow(/needs the mobile/)
  })

  it('makes an expired token that looks like a Surepass JWT', () => {
    const [header, payload] = expiredJwt().split('.')
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual({
      typ: 'JWT',
      alg: 'HS256',
    })
    expect(JSON.parse(Buffer.from(payload!, 'base64url').toString()).exp).toBe(1)
  })
})
