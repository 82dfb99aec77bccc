import forge from 'node-forge'
import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { getOperation } from '../contracts/index.js'
import { AADHAAR_PRIVATE_KEY_PEM, AADHAAR_PUBLIC_KEY_PEM } from '../simulator/eko/aadhaar-key.js'
import { SAMPLE_PID_XML_OK } from '../simulator/eko/pid-data.js'
import { ekoHmacKey, ekoSecretKey } from './eko-secret-key.js'
import {
  EkoAuthError,
  EkoClient,
  EkoError,
  HttpError,
  isEkoAuthError,
  isEkoError,
  isHttpError,
  isTimeoutError,
} from './index.js'

const BASE = 'https://staging.eko.in/ekoapi/v3'
const DEVELOPER_KEY = 'becbbce45f79c6f5109f848acd540567'
const ACCESS_KEY = 'd2fe1d99-6298-4af2-8cc5-d97dcf46df30'
const INITIATOR = '9962981729'
const AADHAAR = '234567890123'
const NOW = 1_700_000_000_000

function decrypt(ciphertext: string): string {
  return forge.pki
    .privateKeyFromPem(AADHAAR_PRIVATE_KEY_PEM)
    .decrypt(forge.util.decode64(ciphertext), 'RSAES-PKCS1-V1_5')
}

interface Call {
  url: string
  init: RequestInit
}

function cannedFetch(
  ...responses: Array<{ status: number; body: unknown; headers?: Record<string, string> }>
) {
  const calls: Call[] = []
  const fetch = async (url: string, init: RequestInit): Promise<Response> => {
    calls.push({ url, init })
    const next = responses.shift()
    if (!next) throw new Error('no canned response left')
    const text = typeof next.body === 'string' ? next.body : JSON.stringify(next.body)
    return new Response(text, {
      status: next.status,
      headers: { 'content-type': 'application/json', ...next.headers },
    })
  }
  return { fetch, calls }
}

function client(
  fetch: (url: string, init: RequestInit) => Promise<Response>,
  extra: { now?: () => number; timeoutMs?: number } = {},
) {
  return new EkoClient({
    baseUrl: BASE,
    developerKey: DEVELOPER_KEY,
    accessKey: ACCESS_KEY,
    initiatorId: INITIATOR,
    aadhaarPublicKey: AADHAAR_PUBLIC_KEY_PEM,
    now: () => NOW,
    fetch,
    ...extra,
  })
}

const AGENT = {
  user_code: '20810200',
  customer_id: '9123456789',
  aadhaar: AADHAAR,
  latlong: '28.6139,77.2090',
}
const SEND_OK = {
  response_status_id: 0,
  data: { reference_tid: 'EKYKF4719702240123152147525I', otp_ref_id: '2465238' },
  response_type_id: 1600,
  message: 'OTP request has been sent',
  status: 0,
}
const NOT_ALLOWED = {
  response_status_id: 1,
  response_type_id: 346,
  message: 'Agent not allowed to this transaction',
  status: 346,
}
const OTP_461 = {
  response_status_id: 1,
  data: {
    last_used_okekey: '',
    reason: 'The details entered are incorrect or the OTP has expired. Kindly request a new OTP.',
  },
  response_type_id: 461,
  message: 'Failed!Please try after some time',
  status: 461,
}
const INVALID = {
  response_status_id: 1,
  invalid_params: { latlong: 'Please provide the value of the field {2} {3}' },
  response_type_id: -1,
  message: 'Please provide the value of the field',
  status: 97,
}

describe('EkoClient requests', () => {
  it('signs, adds initiator_id, encrypts aadhaar into aadhar and uses the contract path', async () => {
    const { fetch, calls } = cannedFetch({ status: 200, body: SEND_OK })
    const result = await client(fetch).aepsKyc.sendOtp(AGENT)
    expect(result.data.otp_ref_id).toBe('2465238')
    const op = getOperation('eko.aepsKyc.sendOtp')
    expect(calls[0]!.url).toBe(BASE + op.path)
    expect(calls[0]!.init.method).toBe('POST')
    const headers = calls[0]!.init.headers as Record<string, string>
    expect(headers).toMatchObject({
      developer_key: DEVELOPER_KEY,
      'secret-key-timestamp': '1700000000000',
      'secret-key': 'qIir8tILHtqxO1Mu3/fC3pVElIa0oIxXMRDUP0463Bc=',
      'content-type': 'application/json',
    })
    const body = JSON.parse(calls[0]!.init.body as string) as Record<string, string>
    expect(Object.keys(body)).toEqual([
      'initiator_id',
      'user_code',
      'customer_id',
      'latlong',
      'aadhar',
    ])
    expect(body.initiator_id).toBe(INITIATOR)
    expect(decrypt(body.aadhar!)).toBe(AADHAAR)
    expect(calls[0]!.init.body).not.toContain(AADHAAR)
  })

  it('keeps initiator_id from config and encrypts even when a JS caller passes stray fields', async () => {
    const { fetch, calls } = cannedFetch({ status: 200, body: SEND_OK })
    const stray = {
      ...AGENT,
      initiator_id: '9000000000',
      aadhar: 'not-encrypted',
    } as unknown as typeof AGENT
    await client(fetch).aepsKyc.sendOtp(stray)
    const body = JSON.parse(calls[0]!.init.body as string) as Record<string, string>
    expect(body.initiator_id).toBe(INITIATOR)
    expect(decrypt(body.aadhar!)).toBe(AADHAAR)
    expect(body).not.toHaveProperty('aadhaar')
  })

  it('signs each request afresh from now()', async () => {
    let now = NOW
    const { fetch, calls } = cannedFetch(
      { status: 200, body: SEND_OK },
      { status: 200, body: SEND_OK },
    )
    const eko = client(fetch, { now: () => now })
    await eko.aepsKyc.sendOtp(AGENT)
    now += 1234
    await eko.aepsKyc.sendOtp(AGENT)
    const [a, b] = calls.map((c) => c.init.headers as Record<string, string>)
    expect(b!['secret-key-timestamp']).toBe(String(NOW + 1234))
    expect(b!['secret-key']).toBe(ekoSecretKey(ACCESS_KEY, String(NOW + 1234)))
    expect(a!['secret-key']).not.toBe(b!['secret-key'])
  })

  it('uses PUT and the contract paths for verify, biometric and daily KYC; onboard gets initiator_id', async () => {
    const ok = (type: number, data: object) => ({
      status: 200,
      body: { response_status_id: 0, response_type_id: type, message: 'x', status: 0, data },
    })
    const { fetch, calls } = cannedFetch(ok(1604, {}), ok(1605, {}), ok(1713, {}), {
      status: 200,
      body: {
        response_status_id: -1,
        response_type_id: 1290,
        message: 'User onboarding successfull',
        status: 0,
        data: { user_code: '20110002', initiator_id: INITIATOR },
      },
    })
    const eko = client(fetch)
    await eko.aepsKyc.verifyOtp({
      ...AGENT,
      otp: '123456',
      otp_ref_id: '1',
      reference_tid: 'EKYKF1',
    })
    await eko.aepsKyc.biometric({
      ...AGENT,
      piddata: SAMPLE_PID_XML_OK,
      bank_code: 'HDFC',
      otp_ref_id: '2',
      reference_tid: 'BEKYF2',
    })
    await eko.aepsKyc.dailyKyc({ ...AGENT, piddata: SAMPLE_PID_XML_OK, bank_code: 'HDFC' })
    const onboarded = await eko.users.onboard({
      pan_number: 'ABCPE1234F',
      mobile: '9123456789',
      first_name: 'Asha',
      last_name: 'Verma',
      email: 'asha@example.com',
      residence_address: {
        line: '1 MG Road',
        city: 'Delhi',
        state: 'Delhi',
        pincode: '110001',
        district: 'New Delhi',
        area: 'CP',
      },
      dob: '1990-01-01',
      shop_name: 'Asha Store',
    })
    expect(onboarded.data.user_code).toBe('20110002')
    const ids = [
      'eko.aepsKyc.verifyOtp',
      'eko.aepsKyc.biometric',
      'eko.aepsKyc.dailyKyc',
      'eko.users.onboard',
    ]
    expect(calls.map((c) => `${c.init.method} ${c.url}`)).toEqual(
      ids.map((id) => `${getOperation(id).method} ${BASE}${getOperation(id).path}`),
    )
    expect(calls.slice(0, 3).map((c) => c.init.method)).toEqual(['PUT', 'PUT', 'PUT'])
    expect(JSON.parse(calls[3]!.init.body as string)).toMatchObject({
      initiator_id: INITIATOR,
      pan_number: 'ABCPE1234F',
    })
  })
})

describe('EkoClient error mapping', () => {
  it('maps HTTP 200 with a non-zero status to EkoError', async () => {
    const { fetch } = cannedFetch({ status: 200, body: NOT_ALLOWED })
    const e = await client(fetch)
      .aepsKyc.sendOtp(AGENT)
      .catch((x: unknown) => x)
    expect(e).toBeInstanceOf(EkoError)
    expect(isEkoError(e)).toBe(true)
    expect(e).toMatchObject({
      status: 346,
      responseTypeId: 346,
      responseStatusId: 1,
      invalidParams: undefined,
      reason: undefined,
      body: NOT_ALLOWED,
    })
    expect((e as Error).message).toBe(
      `POST ${BASE}/user/collection/aeps-fingpay/kyc/otp → status 346 (response_type_id 346): Agent not allowed to this transaction`,
    )
  })

  it('surfaces data.reason and invalid_params', async () => {
    const { fetch } = cannedFetch({ status: 200, body: OTP_461 }, { status: 200, body: INVALID })
    const eko = client(fetch)
    const e1 = (await eko.aepsKyc
      .verifyOtp({ ...AGENT, otp: '000000', otp_ref_id: '1', reference_tid: 'EKYKF1' })
      .catch((x: unknown) => x)) as EkoError
    expect(e1.reason).toBe(OTP_461.data.reason)
    expect(e1.message).toContain(
      '→ status 461 (response_type_id 461): Failed!Please try after some time — The details entered are incorrect',
    )
    const e2 = (await eko.aepsKyc
      .sendOtp({ ...AGENT, latlong: 'north' })
      .catch((x: unknown) => x)) as EkoError
    expect(e2).toMatchObject({
      status: 97,
      responseTypeId: -1,
      invalidParams: INVALID.invalid_params,
    })
    expect(e2.message).toContain('[invalid_params: latlong]')
  })

  it('maps 403 to EkoAuthError with the fintwin reason header', async () => {
    const { fetch } = cannedFetch(
      {
        status: 403,
        body: { status: 403, message: 'Forbidden', response_status_id: 1 },
        headers: { 'x-fintwin-auth-error': 'signature_mismatch' },
      },
      { status: 403, body: 'Forbidden', headers: { 'content-type': 'text/plain' } },
    )
    const eko = client(fetch)
    const e = await eko.aepsKyc.sendOtp(AGENT).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(EkoAuthError)
    expect(isEkoAuthError(e)).toBe(true)
    expect(e).toMatchObject({ status: 403, reason: 'signature_mismatch' })
    expect((e as Error).message).toMatch(
      new RegExp(
        `^POST ${BASE.replace(/\./g, '\\.')}/user/collection/aeps-fingpay/kyc/otp → 403 Forbidden \\(signature_mismatch\\)`,
      ),
    )
    const plain = (await eko.aepsKyc.sendOtp(AGENT).catch((x: unknown) => x)) as EkoAuthError
    expect(plain.reason).toBeUndefined()
    expect(plain.body).toBe('Forbidden')
  })

  it('maps other statuses and non-envelopes to HttpError', async () => {
    const { fetch } = cannedFetch(
      { status: 404, body: { status: 404, message: 'Not Found', response_status_id: 1 } },
      { status: 200, body: { message: 'No key for Response' } },
      { status: 500, body: '<html>error</html>', headers: { 'content-type': 'text/html' } },
    )
    const eko = client(fetch)
    const e404 = (await eko.aepsKyc.sendOtp(AGENT).catch((x: unknown) => x)) as HttpError
    expect(isHttpError(e404)).toBe(true)
    expect(e404.status).toBe(404)
    expect(e404.message).toContain('→ 404')
    const noKey = (await eko.aepsKyc
      .dailyKyc({ ...AGENT, piddata: 'x', bank_code: 'HDFC' })
      .catch((x: unknown) => x)) as HttpError
    expect(noKey).toBeInstanceOf(HttpError)
    expect(noKey.message).toContain('→ 200')
    expect(noKey.message).toContain('not an Eko envelope: No key for Response')
    const e500 = (await eko.aepsKyc.sendOtp(AGENT).catch((x: unknown) => x)) as HttpError
    expect(e500.status).toBe(500)
    expect(e500.message).toContain('non-JSON body')
  })

  it("reads the gateway's plain-text answers: 403 into EkoAuthError, 404 and 429 into HttpError", async () => {
    const plain = { 'content-type': 'text/plain; charset=us-ascii' }
    const { fetch } = cannedFetch(
      { status: 403, body: 'Authentication parameters missing', headers: plain },
      { status: 404, body: 'No Mapping Rule matched', headers: plain },
      { status: 429, body: 'Usage limit exceeded', headers: plain },
    )
    const eko = client(fetch)
    const e403 = (await eko.aepsKyc.sendOtp(AGENT).catch((x: unknown) => x)) as EkoAuthError
    expect(e403).toBeInstanceOf(EkoAuthError)
    expect(e403).toMatchObject({ status: 403, text: 'Authentication parameters missing' })
    expect(e403.message).toContain('→ 403 Authentication parameters missing:')
    for (const [status, text] of [
      [404, 'No Mapping Rule matched'],
      [429, 'Usage limit exceeded'],
    ] as const) {
      const e = (await eko.aepsKyc.sendOtp(AGENT).catch((x: unknown) => x)) as HttpError
      expect(isHttpError(e)).toBe(true)
      expect(e).toMatchObject({ status, text, body: text })
      expect(e.message).toMatch(new RegExp(`→ ${status}.*: ${text}$`))
    }
  })

  it('times out through the signal it gives fetch', async () => {
    const hanging = (_url: string, init: RequestInit) =>
      new Promise<Response>((_resolve, reject) =>
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
      )
    const e = await client(hanging, { timeoutMs: 50 })
      .aepsKyc.sendOtp(AGENT)
      .catch((x: unknown) => x)
    expect(isTimeoutError(e)).toBe(true)
    expect((e as Error).message).toBe(
      `POST ${BASE}/user/collection/aeps-fingpay/kyc/otp timed out after 50 ms`,
    )
  })
})

describe('EkoClient redaction and configuration', () => {
  it('never shows the access key, its HMAC key, a secret-key or the plain Aadhaar', async () => {
    const { fetch, calls } = cannedFetch(
      { status: 200, body: OTP_461 },
      { status: 403, body: { status: 403, message: 'Forbidden', response_status_id: 1 } },
    )
    const eko = client(fetch)
    const e1 = await eko.aepsKyc
      .verifyOtp({ ...AGENT, otp: '000000', otp_ref_id: '1', reference_tid: 'EKYKF1' })
      .catch((x: unknown) => x)
    const e2 = await eko.aepsKyc.sendOtp(AGENT).catch((x: unknown) => x)
    const signatures = calls.map((c) => (c.init.headers as Record<string, string>)['secret-key']!)
    const secrets = [ACCESS_KEY, ekoHmacKey(ACCESS_KEY), AADHAAR, DEVELOPER_KEY, ...signatures]
    const views = [
      inspect(eko, { depth: 10, showHidden: true }),
      JSON.stringify(eko),
      String(eko),
      inspect(eko.aepsKyc, { showHidden: true }),
      inspect(eko.users, { showHidden: true }),
      inspect(e1, { depth: 10 }),
      inspect(e2, { depth: 10 }),
      JSON.stringify(e1),
      JSON.stringify(e2),
      String(e1),
      String(e2),
    ]
    for (const view of views) for (const secret of secrets) expect(view).not.toContain(secret)
    expect(JSON.parse(JSON.stringify(eko))).toEqual({
      client: 'EkoClient',
      baseUrl: BASE,
      developerKey: 'becb…0567',
      accessKey: '[redacted]',
      initiatorId: INITIATOR,
      timeoutMs: 30000,
      validateResponses: false,
    })
    expect(inspect(eko)).toMatch(/^EkoClient \{/)
  })

  it('validates its configuration at construction', () => {
    const base = {
      developerKey: DEVELOPER_KEY,
      accessKey: ACCESS_KEY,
      initiatorId: INITIATOR,
      aadhaarPublicKey: AADHAAR_PUBLIC_KEY_PEM,
    }
    expect(() => new EkoClient({ ...base, baseUrl: 'http://staging.eko.in/ekoapi/v3' })).toThrow(
      /EkoClient: refusing plain-http baseUrl/,
    )
    expect(() => new EkoClient({ ...base, baseUrl: BASE, accessKey: '' })).toThrow(
      /accessKey is required/,
    )
    expect(() => new EkoClient({ ...base, baseUrl: BASE, aadhaarPublicKey: 'nope' })).toThrow(
      /aadhaarPublicKey/,
    )
    expect(
      () => new EkoClient({ ...base, baseUrl: 'http://localhost:4010/ekoapi/v3' }),
    ).not.toThrow()
  })
})
