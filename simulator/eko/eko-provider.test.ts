import { describe, expect, it } from 'vitest'
import { createSimulator, type Simulator } from '../create-simulator.js'
import { LABELLED_EKO_AGENTS } from '../fixtures/index.js'
import {
  EKO_OPERATIONS,
  biometricBody,
  callEko,
  dailyKycBody,
  ekoAgent,
  encryptedAadhaar,
  handleEko,
  onboardBody,
  sendOtpBody,
  signedRequest,
  verifyOtpBody,
  type EkoOperationName,
} from '../../test/support/eko-requests.js'

function newSim(): Simulator {
  return createSimulator({ config: { onContractViolation: 'throw' } })
}

const FIELD_MESSAGE = 'Please provide the value of the field {2} {3}'
const pending = ekoAgent('ekyc_pending')
const done = ekoAgent('ekyc_done')
const notActivated = ekoAgent('not_activated')

/** A well-formed body for each operation, for checks that do not depend on state. */
function bodyFor(operation: EkoOperationName): Record<string, unknown> {
  const ids = { otp_ref_id: '1234567', reference_tid: 'EKYKF4719702240123152147525I' }
  switch (operation) {
    case 'onboard':
      return onboardBody()
    case 'sendOtp':
      return sendOtpBody(pending)
    case 'verifyOtp':
      return verifyOtpBody(pending, { otp: '123456', ...ids })
    case 'biometric':
      return biometricBody(pending, ids)
    case 'dailyKyc':
      return dailyKycBody(done)
  }
}

describe('Eko Onboard User', () => {
  it('onboards a new agent → 1290 with a new 8-digit user_code', async () => {
    const sim = newSim()
    const res = await callEko(sim, 'onboard', onboardBody())
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      status: 0,
      response_status_id: -1,
      response_type_id: 1290,
      message: 'User onboarding successfull',
    })
    const userCode = res.body.data?.user_code as string
    expect(userCode).toMatch(/^\d{8}$/)
    expect(LABELLED_EKO_AGENTS.map((a) => a.user_code)).not.toContain(userCode)
    expect(res.body.data?.initiator_id).toBe('9962981729')
  })

  it('gives each onboarded agent its own user_code', async () => {
    const sim = newSim()
    const codes = new Set<string>()
    for (let i = 0; i < 5; i++) {
      const res = await callEko(sim, 'onboard', onboardBody())
      expect(res.body.response_type_id).toBe(1290)
      codes.add(res.body.data?.user_code as string)
    }
    expect(codes.size).toBe(5)
  })

  it('accepts a form-urlencoded body with residence_address as JSON text', async () => {
    const sim = newSim()
    const body = onboardBody()
    body.residence_address = JSON.stringify(body.residence_address)
    const res = await callEko(sim, 'onboard', body, { form: true })
    expect(res.body.response_type_id).toBe(1290)
  })

  it('same PAN again → 1307 user_already_exists', async () => {
    const sim = newSim()
    const first = onboardBody()
    expect((await callEko(sim, 'onboard', first)).body.response_type_id).toBe(1290)
    const again = onboardBody({ pan_number: first.pan_number })
    const res = await callEko(sim, 'onboard', again)
    expect(res.body).toMatchObject({ status: 1307, response_type_id: 1307, response_status_id: 1 })
  })

  it('same mobile again → 1307 user_already_exists', async () => {
    const sim = newSim()
    const first = onboardBody()
    expect((await callEko(sim, 'onboard', first)).body.response_type_id).toBe(1290)
    const res = await callEko(sim, 'onboard', onboardBody({ mobile: first.mobile }))
    expect(res.body).toMatchObject({ status: 1307, response_type_id: 1307 })
  })

  it("a seeded agent's mobile or PAN → 1307", async () => {
    const sim = newSim()
    expect(
      (await callEko(sim, 'onboard', onboardBody({ mobile: pending.customer_id }))).body.status,
    ).toBe(1307)
    expect(
      (await callEko(sim, 'onboard', onboardBody({ pan_number: done.pan_number }))).body.status,
    ).toBe(1307)
  })

  it('a refused duplicate registers nothing: its new PAN is still free afterwards', async () => {
    const sim = newSim()
    const first = onboardBody()
    await callEko(sim, 'onboard', first)
    const refused = onboardBody({ mobile: first.mobile })
    expect((await callEko(sim, 'onboard', refused)).body.status).toBe(1307)
    const res = await callEko(sim, 'onboard', onboardBody({ pan_number: refused.pan_number }))
    expect(res.body.response_type_id).toBe(1290)
  })

  it('missing fields → 97 invalid_params naming each field', async () => {
    const sim = newSim()
    const res = await callEko(
      sim,
      'onboard',
      onboardBody({ pan_number: undefined, mobile: undefined, shop_name: undefined }),
    )
    expect(res.body).toMatchObject({
      status: 97,
      response_type_id: -1,
      response_status_id: 1,
      message: 'Please provide the value of the field',
    })
    expect(res.body.invalid_params).toEqual({
      pan_number: FIELD_MESSAGE,
      mobile: FIELD_MESSAGE,
      shop_name: FIELD_MESSAGE,
    })
  })

  it('a residence_address missing its parts → 97 naming residence_address, not the parts', async () => {
    const sim = newSim()
    const res = await callEko(
      sim,
      'onboard',
      onboardBody({ residence_address: { line: 'Eko India' } }),
    )
    expect(res.body.invalid_params).toEqual({ residence_address: FIELD_MESSAGE })
  })

  it('an unknown field inside residence_address → 97 naming residence_address', async () => {
    const sim = newSim()
    const address = {
      line: 'Eko India',
      city: 'Gurgaon',
      state: 'Haryana',
      pincode: '122002',
      landmark: 'x',
    }
    const res = await callEko(sim, 'onboard', onboardBody({ residence_address: address }))
    expect(res.body.invalid_params).toEqual({ residence_address: FIELD_MESSAGE })
  })

  it('a malformed PAN → 97 invalid_params.pan_number', async () => {
    const sim = newSim()
    const res = await callEko(sim, 'onboard', onboardBody({ pan_number: 'ABC123' }))
    expect(res.body.status).toBe(97)
    expect(Object.keys(res.body.invalid_params ?? {})).toEqual(['pan_number'])
  })

  it("the onboarded agent's Send OTP → 346 (AePS not activated yet)", async () => {
    const sim = newSim()
    const body = onboardBody()
    const onboarded = await callEko(sim, 'onboard', body)
    const res = await callEko(sim, 'sendOtp', {
      initiator_id: '9962981729',
      user_code: onboarded.body.data?.user_code,
      customer_id: body.mobile,
      aadhar: encryptedAadhaar('274839105621'),
      latlong: '28.6139,77.2090',
    })
    expect(res.body).toEqual({
      response_status_id: 1,
      response_type_id: 346,
      message: 'Agent not allowed to this transaction',
      status: 346,
    })
  })
})

describe('Eko initiator_id', () => {
  it.each(Object.keys(EKO_OPERATIONS) as EkoOperationName[])(
    '%s with an unknown initiator_id → 319',
    async (operation) => {
      const sim = newSim()
      const res = await callEko(sim, operation, {
        ...bodyFor(operation),
        initiator_id: '9000000001',
      })
      expect(res.status).toBe(200)
      expect(res.body).toEqual({
        response_status_id: 1,
        response_type_id: 319,
        message: 'Invalid Sender/Initiator',
        status: 319,
      })
    },
  )

  it('the unknown initiator is refused before anything happens (no OTP sent)', async () => {
    const sim = newSim()
    await callEko(sim, 'sendOtp', sendOtpBody(pending, { initiator_id: '9000000001' }))
    expect(sim.otps({ provider: 'eko' })).toEqual([])
  })
})

describe('Eko configured credentials', () => {
  const partner = { developer_key: 'partner-dev-key-0001', access_key: 'partner-access-key-0001' }

  it('accepts a configured developer_key / access_key pair and refuses the UAT one it replaced', async () => {
    const sim = createSimulator({
      config: { onContractViolation: 'throw', eko: { credentials: [partner] } },
    })
    const ok = await callEko(sim, 'dailyKyc', dailyKycBody(done), {
      developerKey: partner.developer_key,
      accessKey: partner.access_key,
    })
    expect(ok.body.response_type_id).toBe(1713)
    const uat = await callEko(sim, 'dailyKyc', dailyKycBody(done))
    expect(uat.status).toBe(403)
    expect(uat.headers['x-fintwin-auth-error']).toBe('unknown_developer_key')
  })

  it("a known developer_key signed with another pair's access key → signature_mismatch", async () => {
    const sim = createSimulator({
      config: {
        onContractViolation: 'throw',
        eko: {
          credentials: [
            partner,
            {
              developer_key: 'becbbce45f79c6f5109f848acd540567',
              access_key: 'd2fe1d99-6298-4af2-8cc5-d97dcf46df30',
            },
          ],
        },
      },
    })
    const res = await callEko(sim, 'dailyKyc', dailyKycBody(done), {
      accessKey: partner.access_key,
    })
    expect(res.headers['x-fintwin-auth-error']).toBe('signature_mismatch')
  })

  it('accepts a configured initiator_id', async () => {
    const sim = createSimulator({
      config: { onContractViolation: 'throw', eko: { initiatorIds: ['9000000001'] } },
    })
    expect(
      (await callEko(sim, 'dailyKyc', dailyKycBody(done, { initiator_id: '9000000001' }))).body
        .response_type_id,
    ).toBe(1713)
    expect((await callEko(sim, 'dailyKyc', dailyKycBody(done))).body.status).toBe(319)
  })
})

describe('Eko content types', () => {
  it('accepts Send OTP as form-urlencoded (as parseRequestBody hands it over)', async () => {
    const sim = newSim()
    const res = await callEko(sim, 'sendOtp', sendOtpBody(pending), { form: true })
    expect(res.status).toBe(200)
    expect(res.body.response_type_id).toBe(1600)
  })

  it('accepts application/json with a charset', async () => {
    const sim = newSim()
    const res = await callEko(sim, 'sendOtp', sendOtpBody(pending), {
      contentType: 'application/json; charset=utf-8',
    })
    expect(res.body.response_type_id).toBe(1600)
  })

  it('a missing content-type → 415', async () => {
    const sim = newSim()
    const res = await callEko(sim, 'sendOtp', sendOtpBody(pending), { omit: ['content-type'] })
    expect(res.status).toBe(415)
    expect(res.body).toEqual({
      status: 415,
      message: 'Unsupported Media Type',
      response_status_id: 1,
    })
    expect(sim.journal.list(1)[0]?.case).toBe('unsupported_media_type')
  })

  it('text/plain → 415', async () => {
    const sim = newSim()
    const res = await callEko(sim, 'sendOtp', sendOtpBody(pending), { contentType: 'text/plain' })
    expect(res.status).toBe(415)
    expect(res.body).toEqual({
      status: 415,
      message: 'Unsupported Media Type',
      response_status_id: 1,
    })
    expect(sim.otps({ provider: 'eko' })).toEqual([])
  })

  it("the door's unsupported_media_type body error → 415", async () => {
    const sim = newSim()
    const res = await callEko(sim, 'sendOtp', undefined, {
      contentType: 'application/json',
      bodyError: 'unsupported_media_type',
    })
    expect(res.status).toBe(415)
    expect(res.body.message).toBe('Unsupported Media Type')
  })

  it('a body the door could not parse → 97 invalid_params', async () => {
    const sim = newSim()
    const res = await callEko(sim, 'sendOtp', undefined, { bodyError: 'malformed' })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ status: 97, response_type_id: -1 })
    expect(res.body.invalid_params).toHaveProperty('request')
  })

  it('a body over the door limit → 413', async () => {
    const sim = newSim()
    const res = await callEko(sim, 'sendOtp', undefined, { bodyError: 'too_large' })
    expect(res.status).toBe(413)
    expect(res.body).toEqual({ status: 413, message: 'Payload Too Large', response_status_id: 1 })
  })

  it('no body at all → 97 invalid_params.request', async () => {
    const sim = newSim()
    const res = await callEko(sim, 'sendOtp', undefined)
    expect(res.body.status).toBe(97)
    expect(res.body.invalid_params).toEqual({ request: FIELD_MESSAGE })
  })

  it('a JSON array body → 97 invalid_params.request only', async () => {
    const sim = newSim()
    const res = await callEko(sim, 'sendOtp', [1, 2])
    expect(res.body.invalid_params).toEqual({ request: FIELD_MESSAGE })
  })
})

describe('Eko routing', () => {
  it('a known path with the wrong method → 405 with an Allow header', async () => {
    const sim = newSim()
    const res = await handleEko(
      sim,
      await signedRequest(sim, 'GET', '/ekoapi/v3/user/collection/aeps-fingpay/kyc/otp', undefined),
    )
    expect(res.status).toBe(405)
    expect(res.body).toEqual({ status: 405, message: 'Method Not Allowed', response_status_id: 1 })
    expect(res.headers.allow).toBe('POST')
  })

  it('POST where Biometric takes PUT (the older render) → 405 on /ekoicici/v3 too', async () => {
    const sim = newSim()
    const res = await handleEko(
      sim,
      await signedRequest(
        sim,
        'POST',
        '/ekoicici/v3/user/collection/aeps-fingpay/kyc/biometric',
        {},
      ),
    )
    expect(res.status).toBe(405)
    expect(res.headers.allow).toBe('PUT')
  })

  it('an unknown path under /ekoapi/v3 → 404 "No mapping rule matched"', async () => {
    const sim = newSim()
    const res = await handleEko(sim, await signedRequest(sim, 'POST', '/ekoapi/v3/nope', {}))
    expect(res.status).toBe(404)
    expect(res.body).toEqual({
      status: 404,
      message: 'No mapping rule matched',
      response_status_id: 1,
    })
    expect(sim.journal.list(1)[0]).toMatchObject({
      provider: 'eko',
      operation: null,
      status: 404,
      case: 'not_found',
    })
  })

  it('an unknown path under /ekoicici/v3 → Eko-shaped 404', async () => {
    const sim = newSim()
    const res = await handleEko(
      sim,
      await signedRequest(sim, 'PUT', '/ekoicici/v3/user/collection/aeps-fingpay/kyc/nope', {}),
    )
    expect(res.status).toBe(404)
    expect(res.body).toEqual({
      status: 404,
      message: 'No mapping rule matched',
      response_status_id: 1,
    })
  })

  it('a v2 path (wrong version segment) → Eko-shaped 404', async () => {
    const sim = newSim()
    const res = await handleEko(
      sim,
      await signedRequest(
        sim,
        'POST',
        '/ekoapi/v2/user/collection/aeps-fingpay/kyc/otp',
        sendOtpBody(pending),
      ),
    )
    expect(res.status).toBe(404)
    expect(res.body).toEqual({
      status: 404,
      message: 'No mapping rule matched',
      response_status_id: 1,
    })
  })

  it('the stale render path /customer/aeps/fingpay/kyc/otp → 404', async () => {
    const sim = newSim()
    const res = await handleEko(
      sim,
      await signedRequest(
        sim,
        'POST',
        '/ekoapi/v3/customer/aeps/fingpay/kyc/otp',
        sendOtpBody(pending),
      ),
    )
    expect(res.status).toBe(404)
  })

  it('a trailing slash is ignored', async () => {
    const sim = newSim()
    const res = await handleEko(
      sim,
      await signedRequest(
        sim,
        'POST',
        '/ekoapi/v3/user/collection/aeps-fingpay/kyc/otp/',
        sendOtpBody(pending),
      ),
    )
    expect(res.status).toBe(200)
    expect(res.body.response_type_id).toBe(1600)
  })
})

describe('Eko forced scenarios', () => {
  it('x-fintwin-scenario forces a case by its contract id, without touching state', async () => {
    const sim = newSim()
    const res = await callEko(sim, 'sendOtp', sendOtpBody(pending), {
      headers: { 'x-fintwin-scenario': 'agent_not_allowed' },
    })
    expect(res.body).toMatchObject({ status: 346, response_type_id: 346 })
    expect(sim.otps({ provider: 'eko' })).toEqual([])
  })

  it('a forced scenario still needs a valid request body', async () => {
    const sim = newSim()
    const res = await callEko(sim, 'sendOtp', sendOtpBody(pending, { latlong: undefined }), {
      headers: { 'x-fintwin-scenario': 'success' },
    })
    expect(res.body.status).toBe(97)
    expect(res.body.invalid_params).toEqual({ latlong: FIELD_MESSAGE })
  })

  it('a provider-level case can be forced too (415)', async () => {
    const sim = newSim()
    const res = await callEko(sim, 'dailyKyc', dailyKycBody(done), {
      headers: { 'x-fintwin-scenario': 'unsupported_media_type' },
    })
    expect(res.status).toBe(415)
  })
})

describe('Eko reset', () => {
  it('forgets onboarded agents and eKYC progress', async () => {
    const sim = newSim()
    const body = onboardBody()
    await callEko(sim, 'onboard', body)
    sim.reset()
    const res = await callEko(sim, 'onboard', body)
    expect(res.body.response_type_id).toBe(1290)
    expect((await callEko(sim, 'dailyKyc', dailyKycBody(pending))).body.status).toBe(1714)
    expect((await callEko(sim, 'sendOtp', sendOtpBody(notActivated))).body.status).toBe(346)
  })
})
