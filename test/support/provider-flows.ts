import { expect } from 'vitest'
import { encryptAadhaarForTest } from '../../simulator/eko/aadhaar-cipher.js'
import { SAMPLE_PID_XML_OK } from '../../simulator/eko/pid-data.js'
import { ekoHeaders, simulatorNow } from './eko-signer.js'
import { requestJson } from './http-json.js'
import { agent, persona, type SimFixtures } from './sim-fixtures.js'

/**
 * Where a door under test answers: the same flows run against the HTTP server (one base URL for
 * everything) and in-process through msw (the providers' real hosts), so both doors are held to
 * the same behaviour.
 */
export interface DoorUrls {
  /** Base of the admin API (`${admin}/__sim/…`). */
  admin: string
  /** Surepass origin (`${surepass}/api/v1/…`). */
  surepass: string
  /** Eko base including its base path (`${eko}/user/collection/…`), UAT or production form. */
  eko: string
}

/** `GET /__sim/fixtures` through the door. */
export async function loadFixtures(urls: Pick<DoorUrls, 'admin'>): Promise<SimFixtures> {
  const response = await requestJson<SimFixtures>(`${urls.admin}/__sim/fixtures`)
  expect(response.status).toBe(200)
  return response.body
}

/** The single newest OTP the simulator "sent" for a provider reference. */
export async function otpFor(urls: Pick<DoorUrls, 'admin'>, ref: string): Promise<string> {
  const inbox = await requestJson<{ otps: { ref: string; otp: string; status: string }[] }>(
    `${urls.admin}/__sim/otps?ref=${encodeURIComponent(ref)}`,
  )
  expect(inbox.status).toBe(200)
  expect(inbox.body.otps.length).toBeGreaterThan(0)
  const newest = inbox.body.otps[0]!
  expect(newest.ref).toBe(ref)
  return newest.otp
}

/**
 * Surepass CKYC end to end with the `happy` persona: search → generate-otp (to the record's
 * mobile) → read the OTP from the inbox → download. Returns the download body.
 */
export async function runSurepassFlow(urls: DoorUrls): Promise<any> {
  const fixtures = await loadFixtures(urls)
  const happy = persona(fixtures, 'happy')
  const headers = { authorization: `Bearer ${fixtures.surepass.token}` }

  const search = await requestJson(`${urls.surepass}/api/v1/ckyc/search`, {
    headers,
    body: { id_number: happy.id_number, document_type: happy.document_type },
  })
  expect(search.status, JSON.stringify(search.body)).toBe(200)
  expect(search.body).toMatchObject({ success: true, status_code: 200, message_code: 'success' })
  const searchId: string = search.body.data.client_id
  expect(searchId).toMatch(/^ckyc_/)

  const generate = await requestJson(`${urls.surepass}/api/v1/ckyc-v2/generate-otp`, {
    headers,
    body: { client_id: searchId, mobile_number: happy.mobile_number },
  })
  expect(generate.status, JSON.stringify(generate.body)).toBe(200)
  expect(generate.body.data.otp_sent).toBe(true)
  const downloadId: string = generate.body.data.client_id
  expect(downloadId).toMatch(/^ckyc_download_/)

  const otp = await otpFor(urls, downloadId)
  const download = await requestJson(`${urls.surepass}/api/v1/ckyc-v2/download`, {
    headers,
    body: { client_id: downloadId, otp },
  })
  expect(download.status, JSON.stringify(download.body)).toBe(200)
  expect(download.body).toMatchObject({
    success: true,
    data: { client_id: downloadId, ckyc_search_client_id: searchId },
  })
  expect(download.headers.get('x-fintwin-contract-violation')).toBeNull()
  return download.body
}

/**
 * Eko AePS Fingpay eKYC end to end with the `ekyc_pending` agent: Send OTP → OTP from the inbox
 * → Verify OTP → Biometric → Daily KYC, each signed at the simulator's own time, the Aadhaar
 * RSA-encrypted with the simulator's public key. Returns the Daily KYC body.
 */
export async function runEkoFlow(urls: DoorUrls): Promise<any> {
  const fixtures = await loadFixtures(urls)
  const pending = agent(fixtures, 'ekyc_pending')
  const latlong = pending.latlong ?? '28.6139,77.2090'
  const who = {
    initiator_id: fixtures.eko.initiator_id,
    user_code: pending.user_code,
    customer_id: pending.customer_id,
    aadhar: encryptAadhaarForTest(pending.aadhaar),
    latlong,
  }
  const call = async (method: string, path: string, body: Record<string, unknown>) => {
    const headers = await ekoHeaders(fixtures.eko, await simulatorNow(urls.admin))
    const response = await requestJson(`${urls.eko}${path}`, { method, headers, body })
    expect(response.status, JSON.stringify(response.body)).toBe(200)
    expect(response.body, `${method} ${path}`).toMatchObject({ status: 0, response_status_id: 0 })
    expect(response.headers.get('x-fintwin-contract-violation')).toBeNull()
    return response.body
  }

  const sent = await call('POST', '/user/collection/aeps-fingpay/kyc/otp', who)
  expect(sent).toMatchObject({ response_type_id: 1600 })
  const otp = await otpFor(urls, sent.data.otp_ref_id)

  const verified = await call('PUT', '/user/collection/aeps-fingpay/kyc/otp/verify', {
    ...who,
    otp,
    otp_ref_id: sent.data.otp_ref_id,
    reference_tid: sent.data.reference_tid,
  })
  expect(verified.data.reference_tid).toMatch(/^BEKYF/)

  const biometric = await call('PUT', '/user/collection/aeps-fingpay/kyc/biometric', {
    ...who,
    piddata: SAMPLE_PID_XML_OK,
    bank_code: 'HDFC',
    otp_ref_id: verified.data.otp_ref_id,
    reference_tid: verified.data.reference_tid,
  })
  expect(biometric).toMatchObject({
    response_type_id: 1605,
    data: { user_code: pending.user_code },
  })

  const daily = await call('PUT', '/user/collection/aeps-fingpay/kyc/biometric/daily', {
    ...who,
    piddata: SAMPLE_PID_XML_OK,
    bank_code: 'HDFC',
  })
  expect(daily).toMatchObject({
    response_type_id: 1713,
    message: 'KYC sucess',
    data: { user_code: pending.user_code },
  })
  return daily
}

/**
 * Surepass search then generate-OTP for a persona over HTTP, as an app under test would, under
 * `base` (a server, or a sandbox's `/sbx/{id}`). Returns the generate-OTP answer.
 */
export async function generateSurepassOtp(base: string, label: string) {
  const fixtures = await loadFixtures({ admin: base })
  const who = persona(fixtures, label)
  const headers = { authorization: `Bearer ${fixtures.surepass.token}` }
  const search = await requestJson(`${base}/api/v1/ckyc/search`, {
    headers,
    body: { id_number: who.id_number, document_type: who.document_type },
  })
  expect(search.status).toBe(200)
  return requestJson(`${base}/api/v1/ckyc-v2/generate-otp`, {
    headers,
    body: { client_id: search.body.data.client_id, mobile_number: who.mobile_number },
  })
}
