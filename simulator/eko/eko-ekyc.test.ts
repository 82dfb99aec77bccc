import { generateKeyPairSync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createClock } from '../core/index.js'
import { createSimulator, type Simulator } from '../create-simulator.js'
import type { EkoAgent } from '../fixtures/index.js'
import { SAMPLE_PID_XML_BAD_FINGER, SAMPLE_PID_XML_OK, buildPidXml } from './pid-data.js'
import { AADHAAR_PUBLIC_KEY_PEM } from './aadhaar-key.js'
import { encryptAadhaarForTest } from './aadhaar-cipher.js'
import {
  biometricBody,
  callEko,
  dailyKycBody,
  ekoAgent,
  encryptedAadhaar,
  otpFor,
  sendOtpBody,
  verifyOtpBody,
  wrongOtp,
} from '../../test/support/eko-requests.js'

function newSim(): Simulator {
  return createSimulator({ config: { onContractViolation: 'throw' } })
}

const FIELD_MESSAGE = 'Please provide the value of the field {2} {3}'
const OTP_FAILED_REASON =
  'The details entered are incorrect or the OTP has expired. Kindly request a new OTP.'
const NOT_VERIFIED_REASON = 'Merchant is Inactive or Invalid Details'
const BAD_BIOMETRIC_REASON = 'Authentication Failed. Invalid Biometric data.'
const EKYC_PENDING_REASON = 'Please complete bank eKYC to process the transaction.'
const TEN_MINUTES = 600_000

const pending = ekoAgent('ekyc_pending')
const done = ekoAgent('ekyc_done')
const notActivated = ekoAgent('not_activated')

interface Ids {
  otp_ref_id: string
  reference_tid: string
}

async function sendOtp(sim: Simulator, agent: EkoAgent = pending): Promise<Ids> {
  const res = await callEko(sim, 'sendOtp', sendOtpBody(agent))
  expect(res.body.response_type_id).toBe(1600)
  return res.body.data as unknown as Ids
}

async function verify(
  sim: Simulator,
  agent: EkoAgent = pending,
): Promise<{ sent: Ids; verified: Ids }> {
  const sent = await sendOtp(sim, agent)
  const res = await callEko(
    sim,
    'verifyOtp',
    verifyOtpBody(agent, { otp: otpFor(sim, sent.otp_ref_id), ...sent }),
  )
  expect(res.body.response_type_id).toBe(1604)
  const data = res.body.data as unknown as Ids
  return { sent, verified: { otp_ref_id: data.otp_ref_id, reference_tid: data.reference_tid } }
}

function expect461(body: unknown, reason: string): void {
  expect(body).toEqual({
    response_status_id: 1,
    data: { last_used_okekey: '', reason },
    response_type_id: 461,
    message: 'Failed!Please try after some time',
    status: 461,
  })
}

function expect1714(body: unknown, reason: string): void {
  expect(body).toEqual({
    response_status_id: 1,
    data: { reason, comment: '' },
    response_type_id: 1714,
    message: 'KYC Fail',
    status: 1714,
  })
}

describe('Eko Send OTP', () => {
  it('→ 1600 with a numeric otp_ref_id and an EKYKF reference_tid', async () => {
    const sim = newSim()
    const res = await callEko(sim, 'sendOtp', sendOtpBody(pending))
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      status: 0,
      response_status_id: 0,
      response_type_id: 1600,
      message: 'OTP request has been sent',
    })
    expect(res.body.data?.otp_ref_id).toMatch(/^\d+$/)
    expect(res.body.data?.reference_tid).toMatch(/^EKYKF\d{22}I$/)
  })

  it('puts the OTP in the inbox: provider eko, phone = customer_id, keyed by otp_ref_id', async () => {
    const sim = newSim()
    const { otp_ref_id } = await sendOtp(sim)
    const inbox = sim.otps({ provider: 'eko' })
    expect(inbox).toHaveLength(1)
    expect(inbox[0]).toMatchObject({
      provider: 'eko',
      operation: 'eko.aepsKyc.sendOtp',
      ref: otp_ref_id,
      phone: pending.customer_id,
      status: 'pending',
      attempts_left: 3,
    })
    expect(inbox[0]?.otp).toMatch(/^\d{6}$/)
    expect(sim.otps({ phone: pending.customer_id })).toHaveLength(1)
  })

  it("sends the OTP to the number passed in customer_id (Eko's current spec), not the registered one", async () => {
    const sim = newSim()
    const other = pending.customer_id === '9876501234' ? '9876501235' : '9876501234'
    const res = await callEko(sim, 'sendOtp', sendOtpBody(pending, { customer_id: other }))
    expect(res.body.status).toBe(0)
    const [entry] = sim.otps({ provider: 'eko' })
    expect(entry?.phone).toBe(other)
    expect(sim.otps({ phone: pending.customer_id })).toEqual([])
  })

  it('stamps the reference_tid with the simulator time in IST (yyMMddHHmmssSSS)', async () => {
    const sim = createSimulator({
      clock: createClock({ start: '2024-01-23T09:51:47.525Z', frozen: true }),
      config: { onContractViolation: 'throw' },
    })
    const { reference_tid } = await sendOtp(sim)
    expect(reference_tid.slice(12, 27)).toBe('240123152147525')
  })

  it('issues a different otp_ref_id on each send', async () => {
    const sim = newSim()
    const a = await sendOtp(sim)
    const b = await sendOtp(sim)
    expect(a.otp_ref_id).not.toBe(b.otp_ref_id)
    expect(a.reference_tid).not.toBe(b.reference_tid)
  })

  it('not_activated agent → 346', async () => {
    const sim = newSim()
    const res = await callEko(sim, 'sendOtp', sendOtpBody(notActivated))
    expect(res.body).toEqual({
      response_status_id: 1,
      response_type_id: 346,
      message: 'Agent not allowed to this transaction',
      status: 346,
    })
    expect(sim.otps({ provider: 'eko' })).toEqual([])
  })

  it('unknown user_code → 346', async () => {
    const sim = newSim()
    const res = await callEko(sim, 'sendOtp', sendOtpBody(pending, { user_code: '99999999' }))
    expect(res.body.status).toBe(346)
  })

  it('an unencrypted 12-digit aadhar → 97 invalid_params.aadhar', async () => {
    const sim = newSim()
    const res = await callEko(sim, 'sendOtp', sendOtpBody(pending, { aadhar: pending.aadhaar }))
    expect(res.body).toEqual({
      response_status_id: 1,
      invalid_params: { aadhar: FIELD_MESSAGE },
      response_type_id: -1,
      message: 'Please provide the value of the field',
      status: 97,
    })
  })

  it('base64 that is not a ciphertext → 97 invalid_params.aadhar', async () => {
    const sim = newSim()
    // Well-formed base64 of exactly one RSA block (128 bytes), but no ciphertext of the key.
    const garbage = btoa('x'.repeat(128))
    const res = await callEko(sim, 'sendOtp', sendOtpBody(pending, { aadhar: garbage }))
    expect(res.body.status).toBe(97)
    expect(res.body.invalid_params).toEqual({ aadhar: FIELD_MESSAGE })
  })

  it('a ciphertext under another key (e.g. Eko’s real one) → 97', async () => {
    const sim = newSim()
    // A fresh key pair stands in for "some other RSA key": the simulator cannot decrypt it.
    const { publicKey } = generateKeyPairSync('rsa', {
      modulusLength: 1024,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    })
    const res = await callEko(
      sim,
      'sendOtp',
      sendOtpBody(pending, { aadhar: encryptAadhaarForTest(pending.aadhaar, publicKey) }),
    )
    expect(res.body.status).toBe(97)
    expect(res.body.invalid_params).toEqual({ aadhar: FIELD_MESSAGE })
  })

  it("another person's Aadhaar, correctly encrypted → 97 invalid_params.aadhar", async () => {
    const sim = newSim()
    const res = await callEko(
      sim,
      'sendOtp',
      sendOtpBody(pending, { aadhar: encryptedAadhaar(done.aadhaar) }),
    )
    expect(res.body.status).toBe(97)
    expect(res.body.invalid_params).toEqual({ aadhar: FIELD_MESSAGE })
    expect(sim.otps({ provider: 'eko' })).toEqual([])
  })

  it('accepts the older spelling aadhaar', async () => {
    const sim = newSim()
    const body = sendOtpBody(pending, {
      aadhar: undefined,
      aadhaar: encryptedAadhaar(pending.aadhaar),
    })
    const res = await callEko(sim, 'sendOtp', body)
    expect(res.body.response_type_id).toBe(1600)
  })

  it('names the older spelling when it carries the wrong Aadhaar', async () => {
    const sim = newSim()
    const body = sendOtpBody(pending, {
      aadhar: undefined,
      aadhaar: encryptedAadhaar(done.aadhaar),
    })
    const res = await callEko(sim, 'sendOtp', body)
    expect(res.body.invalid_params).toEqual({ aadhaar: FIELD_MESSAGE })
  })

  it('both spellings at once → 97 naming aadhar', async () => {
    const sim = newSim()
    const res = await callEko(
      sim,
      'sendOtp',
      sendOtpBody(pending, { aadhaar: encryptedAadhaar(pending.aadhaar) }),
    )
    expect(res.body).toMatchObject({ status: 97, response_type_id: -1 })
    expect(res.body.invalid_params).toEqual({ aadhar: FIELD_MESSAGE })
    expect(sim.otps({ provider: 'eko' })).toEqual([])
  })

  it('neither spelling → 97 naming aadhar only', async () => {
    const sim = newSim()
    const res = await callEko(sim, 'sendOtp', sendOtpBody(pending, { aadhar: undefined }))
    expect(res.body.status).toBe(97)
    expect(res.body.invalid_params).toEqual({ aadhar: FIELD_MESSAGE })
  })

  it('neither spelling plus another missing field names both', async () => {
    const sim = newSim()
    const res = await callEko(
      sim,
      'verifyOtp',
      verifyOtpBody(
        pending,
        { otp: '123456', otp_ref_id: '1234567', reference_tid: 'EKYKF1' },
        { aadhar: undefined, latlong: undefined },
      ),
    )
    expect(res.body.invalid_params).toEqual({ aadhar: FIELD_MESSAGE, latlong: FIELD_MESSAGE })
  })

  it('accepts the optional client_ref_id but no unknown field', async () => {
    const sim = newSim()
    expect(
      (await callEko(sim, 'sendOtp', sendOtpBody(pending, { client_ref_id: 'ekyc-otp-0001' }))).body
        .status,
    ).toBe(0)
    const res = await callEko(sim, 'sendOtp', sendOtpBody(pending, { mobile_hint: 'x' }))
    expect(res.body.invalid_params).toEqual({ mobile_hint: FIELD_MESSAGE })
  })
})

describe('Eko Verify OTP', () => {
  it('→ 1604 with a NEW otp_ref_id and the BEKYF twin of the reference_tid', async () => {
    const sim = newSim()
    const sent = await sendOtp(sim)
    const res = await callEko(
      sim,
      'verifyOtp',
      verifyOtpBody(pending, { otp: otpFor(sim, sent.otp_ref_id), ...sent }),
    )
    expect(res.body).toMatchObject({
      status: 0,
      response_status_id: 0,
      response_type_id: 1604,
      message: 'Validation successful',
    })
    const data = res.body.data as Record<string, string>
    expect(data.otp_ref_id).toMatch(/^\d+$/)
    expect(data.otp_ref_id).not.toBe(sent.otp_ref_id)
    expect(data.reference_tid).toBe(`BEKYF${sent.reference_tid.slice(5)}`)
    expect(sim.otps({ ref: sent.otp_ref_id })[0]?.status).toBe('used')
  })

  it('accepts the older spelling aadhaar (as in the seed snippet)', async () => {
    const sim = newSim()
    const sent = await sendOtp(sim)
    const body = verifyOtpBody(
      pending,
      { otp: otpFor(sim, sent.otp_ref_id), ...sent },
      { aadhar: undefined, aadhaar: encryptedAadhaar(pending.aadhaar) },
    )
    expect((await callEko(sim, 'verifyOtp', body)).body.response_type_id).toBe(1604)
  })

  it('a wrong OTP → 461 with the documented reason, and costs an attempt', async () => {
    const sim = newSim()
    const sent = await sendOtp(sim)
    const res = await callEko(
      sim,
      'verifyOtp',
      verifyOtpBody(pending, { otp: wrongOtp(otpFor(sim, sent.otp_ref_id)), ...sent }),
    )
    expect461(res.body, OTP_FAILED_REASON)
    expect(sim.otps({ ref: sent.otp_ref_id })[0]?.attempts_left).toBe(2)
  })

  it('a wrong OTP then the right one → 1604', async () => {
    const sim = newSim()
    const sent = await sendOtp(sim)
    const otp = otpFor(sim, sent.otp_ref_id)
    expect461(
      (await callEko(sim, 'verifyOtp', verifyOtpBody(pending, { otp: wrongOtp(otp), ...sent })))
        .body,
      OTP_FAILED_REASON,
    )
    expect(
      (await callEko(sim, 'verifyOtp', verifyOtpBody(pending, { otp, ...sent }))).body
        .response_type_id,
    ).toBe(1604)
  })

  it('3 wrong OTPs lock it: the right one then → 461', async () => {
    const sim = newSim()
    const sent = await sendOtp(sim)
    const otp = otpFor(sim, sent.otp_ref_id)
    for (let i = 0; i < 3; i++) {
      expect461(
        (await callEko(sim, 'verifyOtp', verifyOtpBody(pending, { otp: wrongOtp(otp), ...sent })))
          .body,
        OTP_FAILED_REASON,
      )
    }
    expect(sim.otps({ ref: sent.otp_ref_id })[0]?.status).toBe('locked')
    expect461(
      (await callEko(sim, 'verifyOtp', verifyOtpBody(pending, { otp, ...sent }))).body,
      OTP_FAILED_REASON,
    )
  })

  it('just before 10 minutes the OTP still works', async () => {
    const sim = newSim()
    sim.clock.freeze(true)
    const sent = await sendOtp(sim)
    sim.clock.advance(TEN_MINUTES - 1)
    expect(
      (
        await callEko(
          sim,
          'verifyOtp',
          verifyOtpBody(pending, { otp: otpFor(sim, sent.otp_ref_id), ...sent }),
        )
      ).body.response_type_id,
    ).toBe(1604)
  })

  it('after 10 minutes the OTP has expired → 461', async () => {
    const sim = newSim()
    const sent = await sendOtp(sim)
    const otp = otpFor(sim, sent.otp_ref_id)
    sim.clock.advance(TEN_MINUTES)
    expect461(
      (await callEko(sim, 'verifyOtp', verifyOtpBody(pending, { otp, ...sent }))).body,
      OTP_FAILED_REASON,
    )
  })

  it('a wrong reference_tid → 461, and the right one still works after', async () => {
    const sim = newSim()
    const sent = await sendOtp(sim)
    const otp = otpFor(sim, sent.otp_ref_id)
    const tampered = `${sent.reference_tid.slice(0, 5)}${sent.reference_tid.slice(5).replace(/\d/, (d) => String((Number(d) + 1) % 10))}`
    expect461(
      (
        await callEko(
          sim,
          'verifyOtp',
          verifyOtpBody(pending, { otp, otp_ref_id: sent.otp_ref_id, reference_tid: tampered }),
        )
      ).body,
      OTP_FAILED_REASON,
    )
    expect(
      (await callEko(sim, 'verifyOtp', verifyOtpBody(pending, { otp, ...sent }))).body
        .response_type_id,
    ).toBe(1604)
  })

  it('an unknown otp_ref_id → 461', async () => {
    const sim = newSim()
    const sent = await sendOtp(sim)
    const otp = otpFor(sim, sent.otp_ref_id)
    expect461(
      (
        await callEko(
          sim,
          'verifyOtp',
          verifyOtpBody(pending, { otp, otp_ref_id: '1', reference_tid: sent.reference_tid }),
        )
      ).body,
      OTP_FAILED_REASON,
    )
  })

  it('reused (the same ids verified twice) → 461', async () => {
    const sim = newSim()
    const sent = await sendOtp(sim)
    const body = verifyOtpBody(pending, { otp: otpFor(sim, sent.otp_ref_id), ...sent })
    expect((await callEko(sim, 'verifyOtp', body)).body.response_type_id).toBe(1604)
    expect461((await callEko(sim, 'verifyOtp', body)).body, OTP_FAILED_REASON)
  })

  it('an OTP superseded by a newer Send OTP → 461', async () => {
    const sim = newSim()
    const first = await sendOtp(sim)
    const firstOtp = otpFor(sim, first.otp_ref_id)
    await sendOtp(sim)
    expect461(
      (await callEko(sim, 'verifyOtp', verifyOtpBody(pending, { otp: firstOtp, ...first }))).body,
      OTP_FAILED_REASON,
    )
  })

  it("another agent's session → 461", async () => {
    const sim = newSim()
    const sent = await sendOtp(sim, pending)
    const otp = otpFor(sim, sent.otp_ref_id)
    expect461(
      (await callEko(sim, 'verifyOtp', verifyOtpBody(done, { otp, ...sent }))).body,
      OTP_FAILED_REASON,
    )
  })

  it("another person's Aadhaar → 97", async () => {
    const sim = newSim()
    const sent = await sendOtp(sim)
    const body = verifyOtpBody(
      pending,
      { otp: otpFor(sim, sent.otp_ref_id), ...sent },
      { aadhar: encryptedAadhaar(done.aadhaar) },
    )
    const res = await callEko(sim, 'verifyOtp', body)
    expect(res.body.invalid_params).toEqual({ aadhar: FIELD_MESSAGE })
  })

  it('a non-6-digit otp → 97 invalid_params.otp', async () => {
    const sim = newSim()
    const sent = await sendOtp(sim)
    const res = await callEko(sim, 'verifyOtp', verifyOtpBody(pending, { otp: '12345', ...sent }))
    expect(res.body.invalid_params).toEqual({ otp: FIELD_MESSAGE })
  })

  it('not_activated agent → 346', async () => {
    const sim = newSim()
    const res = await callEko(
      sim,
      'verifyOtp',
      verifyOtpBody(notActivated, {
        otp: '123456',
        otp_ref_id: '1234567',
        reference_tid: 'EKYKF4719702240123152147525I',
      }),
    )
    expect(res.body.status).toBe(346)
  })
})

describe('Eko Biometric eKYC', () => {
  it('→ 1605 and the agent’s eKYC is done: Daily KYC then succeeds', async () => {
    const sim = newSim()
    expect1714((await callEko(sim, 'dailyKyc', dailyKycBody(pending))).body, EKYC_PENDING_REASON)
    const { verified } = await verify(sim)
    const res = await callEko(sim, 'biometric', biometricBody(pending, verified))
    expect(res.body).toEqual({
      response_status_id: 0,
      data: { user_code: pending.user_code },
      response_type_id: 1605,
      message: 'Congratulations! eKYC successful',
      status: 0,
    })
    expect((await callEko(sim, 'dailyKyc', dailyKycBody(pending))).body.response_type_id).toBe(1713)
  })

  it('without Verify (the Send OTP ids) → 461 "Merchant is Inactive or Invalid Details"', async () => {
    const sim = newSim()
    const sent = await sendOtp(sim)
    expect461(
      (await callEko(sim, 'biometric', biometricBody(pending, sent))).body,
      NOT_VERIFIED_REASON,
    )
    expect1714((await callEko(sim, 'dailyKyc', dailyKycBody(pending))).body, EKYC_PENDING_REASON)
  })

  it("after Verify, Send OTP's own ids are accepted too (Eko's spec examples), once", async () => {
    const sim = newSim()
    const { sent, verified } = await verify(sim)
    const res = await callEko(sim, 'biometric', biometricBody(pending, sent))
    expect(res.body).toMatchObject({ status: 0, response_type_id: 1605 })
    // The verified pair and Send's pair name one session: either is spent now.
    expect461(
      (await callEko(sim, 'biometric', biometricBody(pending, verified))).body,
      NOT_VERIFIED_REASON,
    )
    expect461(
      (await callEko(sim, 'biometric', biometricBody(pending, sent))).body,
      NOT_VERIFIED_REASON,
    )
  })

  it('config eko.biometricIds "verified_only": Send OTP\'s ids → 461, Verify OTP\'s → 1605', async () => {
    const sim = createSimulator({
      config: { onContractViolation: 'throw', eko: { biometricIds: 'verified_only' } },
    })
    const { sent, verified } = await verify(sim)
    expect461(
      (await callEko(sim, 'biometric', biometricBody(pending, sent))).body,
      NOT_VERIFIED_REASON,
    )
    const res = await callEko(sim, 'biometric', biometricBody(pending, verified))
    expect(res.body).toMatchObject({ status: 0, response_type_id: 1605 })
  })

  it('the Send OTP otp_ref_id with the BEKYF reference_tid (mixed ids) → 461', async () => {
    const sim = newSim()
    const { sent, verified } = await verify(sim)
    const res = await callEko(
      sim,
      'biometric',
      biometricBody(pending, {
        otp_ref_id: sent.otp_ref_id,
        reference_tid: verified.reference_tid,
      }),
    )
    expect461(res.body, NOT_VERIFIED_REASON)
  })

  it('the verified otp_ref_id with the old EKYKF reference_tid → 461', async () => {
    const sim = newSim()
    const { sent, verified } = await verify(sim)
    const res = await callEko(
      sim,
      'biometric',
      biometricBody(pending, {
        otp_ref_id: verified.otp_ref_id,
        reference_tid: sent.reference_tid,
      }),
    )
    expect461(res.body, NOT_VERIFIED_REASON)
  })

  it('piddata that is not PID XML → 97 invalid_params.piddata', async () => {
    const sim = newSim()
    const { verified } = await verify(sim)
    const res = await callEko(
      sim,
      'biometric',
      biometricBody(pending, verified, { piddata: '{"fingerprint":"abc"}' }),
    )
    expect(res.body).toMatchObject({ status: 97, response_type_id: -1 })
    expect(res.body.invalid_params).toEqual({ piddata: FIELD_MESSAGE })
  })

  it('a good capture without a Data block → 97 invalid_params.piddata', async () => {
    const sim = newSim()
    const { verified } = await verify(sim)
    const noData = SAMPLE_PID_XML_OK.replace(/<Data type="X">[^<]*<\/Data>/, '')
    const res = await callEko(
      sim,
      'biometric',
      biometricBody(pending, verified, { piddata: noData }),
    )
    expect(res.body.invalid_params).toEqual({ piddata: FIELD_MESSAGE })
  })

  it('a failed capture (errCode ≠ 0) → 461 invalid_biometric, and a good retry then succeeds', async () => {
    const sim = newSim()
    const { verified } = await verify(sim)
    expect461(
      (
        await callEko(
          sim,
          'biometric',
          biometricBody(pending, verified, { piddata: SAMPLE_PID_XML_BAD_FINGER }),
        )
      ).body,
      BAD_BIOMETRIC_REASON,
    )
    expect(sim.journal.list(1)[0]?.case).toBe('invalid_biometric')
    expect1714((await callEko(sim, 'dailyKyc', dailyKycBody(pending))).body, EKYC_PENDING_REASON)
    expect(
      (await callEko(sim, 'biometric', biometricBody(pending, verified))).body.response_type_id,
    ).toBe(1605)
  })

  it('after the verified session’s TTL → 461', async () => {
    const sim = newSim()
    const { verified } = await verify(sim)
    sim.clock.advance(TEN_MINUTES)
    expect461(
      (await callEko(sim, 'biometric', biometricBody(pending, verified))).body,
      NOT_VERIFIED_REASON,
    )
  })

  it('just inside the verified session’s TTL → 1605', async () => {
    const sim = newSim()
    sim.clock.freeze(true)
    const { verified } = await verify(sim)
    sim.clock.advance(TEN_MINUTES - 1)
    expect(
      (await callEko(sim, 'biometric', biometricBody(pending, verified))).body.response_type_id,
    ).toBe(1605)
  })

  it('the verified ids are single use: a second Biometric → 461', async () => {
    const sim = newSim()
    const { verified } = await verify(sim)
    expect(
      (await callEko(sim, 'biometric', biometricBody(pending, verified))).body.response_type_id,
    ).toBe(1605)
    expect461(
      (await callEko(sim, 'biometric', biometricBody(pending, verified))).body,
      NOT_VERIFIED_REASON,
    )
  })

  it('another agent cannot use the verified session → 461', async () => {
    const sim = newSim()
    const { verified } = await verify(sim, pending)
    expect461(
      (await callEko(sim, 'biometric', biometricBody(done, verified))).body,
      NOT_VERIFIED_REASON,
    )
  })

  it('a missing bank_code → 97 invalid_params.bank_code', async () => {
    const sim = newSim()
    const { verified } = await verify(sim)
    const res = await callEko(
      sim,
      'biometric',
      biometricBody(pending, verified, { bank_code: undefined }),
    )
    expect(res.body.invalid_params).toEqual({ bank_code: FIELD_MESSAGE })
  })
})

describe('Eko Daily KYC', () => {
  it('ekyc_done agent → 1713 "KYC sucess"', async () => {
    const sim = newSim()
    const res = await callEko(sim, 'dailyKyc', dailyKycBody(done))
    expect(res.body).toEqual({
      response_status_id: 0,
      data: { user_code: done.user_code },
      response_type_id: 1713,
      message: 'KYC sucess',
      status: 0,
    })
  })

  it('ekyc_pending agent → 1714 "Please complete bank eKYC to process the transaction."', async () => {
    const sim = newSim()
    expect1714((await callEko(sim, 'dailyKyc', dailyKycBody(pending))).body, EKYC_PENDING_REASON)
  })

  it('a failed capture → 1714 "Authentication Failed. Invalid Biometric data."', async () => {
    const sim = newSim()
    expect1714(
      (await callEko(sim, 'dailyKyc', dailyKycBody(done, { piddata: SAMPLE_PID_XML_BAD_FINGER })))
        .body,
      BAD_BIOMETRIC_REASON,
    )
    expect1714(
      (
        await callEko(
          sim,
          'dailyKyc',
          dailyKycBody(done, { piddata: buildPidXml({ errCode: '700' }) }),
        )
      ).body,
      BAD_BIOMETRIC_REASON,
    )
  })

  it('takes the optional client_ref_id every v3 method takes → 1713', async () => {
    const sim = newSim()
    const res = await callEko(sim, 'dailyKyc', dailyKycBody(done, { client_ref_id: 'daily-0001' }))
    expect(res.body).toMatchObject({ status: 0, response_type_id: 1713 })
  })

  it('an unknown extra parameter → the bare {"message":"No key for Response"}, nothing else', async () => {
    const sim = newSim()
    const res = await callEko(sim, 'dailyKyc', dailyKycBody(done, { remarks: 'extra' }))
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ message: 'No key for Response' })
    expect(sim.journal.list(1)[0]?.case).toBe('no_key_for_response')
  })

  it('an unknown parameter beside a missing one → 97 naming both', async () => {
    const sim = newSim()
    const { bank_code: _, ...body } = dailyKycBody(done, { remarks: 'extra' })
    const res = await callEko(sim, 'dailyKyc', body)
    expect(res.body).toMatchObject({ status: 97, response_type_id: -1 })
    expect(res.body.invalid_params).toEqual({ remarks: FIELD_MESSAGE, bank_code: FIELD_MESSAGE })
  })

  it('piddata that is not PID XML → 97 invalid_params.piddata', async () => {
    const sim = newSim()
    const res = await callEko(
      sim,
      'dailyKyc',
      dailyKycBody(done, { piddata: 'PD94bWwgdmVyc2lvbj0iMS4wIj8+' }),
    )
    expect(res.body.invalid_params).toEqual({ piddata: FIELD_MESSAGE })
  })

  it("another person's Aadhaar → 97", async () => {
    const sim = newSim()
    const res = await callEko(
      sim,
      'dailyKyc',
      dailyKycBody(done, { aadhar: encryptedAadhaar(pending.aadhaar) }),
    )
    expect(res.body.invalid_params).toEqual({ aadhar: FIELD_MESSAGE })
  })

  it('not_activated agent → 346', async () => {
    const sim = newSim()
    expect((await callEko(sim, 'dailyKyc', dailyKycBody(notActivated))).body.status).toBe(346)
  })

  it('the whole flow for ekyc_pending: Send → Verify → Biometric → Daily', async () => {
    const sim = newSim()
    const sent = await callEko(sim, 'sendOtp', sendOtpBody(pending))
    expect(sent.body.response_type_id).toBe(1600)
    const sentIds = sent.body.data as unknown as Ids
    const otp = otpFor(sim, sentIds.otp_ref_id)
    const verified = await callEko(sim, 'verifyOtp', verifyOtpBody(pending, { otp, ...sentIds }))
    expect(verified.body.response_type_id).toBe(1604)
    const verifiedIds = verified.body.data as unknown as Ids
    const bio = await callEko(
      sim,
      'biometric',
      biometricBody(pending, {
        otp_ref_id: verifiedIds.otp_ref_id,
        reference_tid: verifiedIds.reference_tid,
      }),
    )
    expect(bio.body.response_type_id).toBe(1605)
    const daily = await callEko(sim, 'dailyKyc', dailyKycBody(pending))
    expect(daily.body).toMatchObject({
      status: 0,
      response_type_id: 1713,
      data: { user_code: pending.user_code },
    })
    const journal = sim.journal.list(10)
    expect(journal.map((e) => e.case)).toEqual(['success', 'success', 'success', 'success'])
    expect(journal.every((e) => e.contract.ok)).toBe(true)
  })

  it('the flow works on the production base path and with form bodies too', async () => {
    const sim = newSim()
    const opts = { base: '/ekoicici/v3' as const, form: true }
    const sent = (await callEko(sim, 'sendOtp', sendOtpBody(pending), opts)).body
      .data as unknown as Ids
    const verifiedRes = await callEko(
      sim,
      'verifyOtp',
      verifyOtpBody(pending, { otp: otpFor(sim, sent.otp_ref_id), ...sent }),
      opts,
    )
    const verified = verifiedRes.body.data as Record<string, string>
    const bio = await callEko(
      sim,
      'biometric',
      biometricBody(pending, {
        otp_ref_id: verified.otp_ref_id!,
        reference_tid: verified.reference_tid!,
      }),
      opts,
    )
    expect(bio.body.response_type_id).toBe(1605)
    expect(
      (await callEko(sim, 'dailyKyc', dailyKycBody(pending), opts)).body.response_type_id,
    ).toBe(1713)
  })

  it('twice on the same IST day → 1713 both times', async () => {
    // 10:00 IST: an hour later is still the same IST calendar day.
    const sim = createSimulator({
      clock: createClock({ start: '2025-03-10T04:30:00Z', frozen: true }),
      config: { onContractViolation: 'throw' },
    })
    expect((await callEko(sim, 'dailyKyc', dailyKycBody(done))).body.response_type_id).toBe(1713)
    sim.clock.advance(3_600_000)
    expect((await callEko(sim, 'dailyKyc', dailyKycBody(done))).body.response_type_id).toBe(1713)
  })

  it('again on the next IST day → 1713', async () => {
    const sim = createSimulator({
      clock: createClock({ start: '2025-03-10T18:00:00Z', frozen: true }),
      config: { onContractViolation: 'throw' },
    })
    expect((await callEko(sim, 'dailyKyc', dailyKycBody(done))).body.response_type_id).toBe(1713)
    sim.clock.advance(24 * 3_600_000)
    expect((await callEko(sim, 'dailyKyc', dailyKycBody(done))).body.response_type_id).toBe(1713)
  })
})

describe('Eko state isolation', () => {
  it('two simulators share no eKYC progress', async () => {
    const a = newSim()
    const b = newSim()
    const { verified } = await verify(a)
    expect(
      (await callEko(a, 'biometric', biometricBody(pending, verified))).body.response_type_id,
    ).toBe(1605)
    expect1714((await callEko(b, 'dailyKyc', dailyKycBody(pending))).body, EKYC_PENDING_REASON)
  })

  it('the public key the fixtures publish is the one the simulator decrypts with', () => {
    const sim = newSim()
    expect((sim.fixtures().eko as { aadhaar_public_key_pem: string }).aadhaar_public_key_pem).toBe(
      AADHAAR_PUBLIC_KEY_PEM,
    )
  })
})
