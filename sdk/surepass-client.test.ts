import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { inspect } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getOperation } from '../contracts/index.js'
import {
  ContractViolationError,
  HttpError,
  NetworkError,
  SurepassClient,
  SurepassError,
  TimeoutError,
  isContractViolationError,
  isHttpError,
  isNetworkError,
  isSurepassError,
  isTimeoutError,
  type ContractDriftReport,
} from './index.js'

const BASE = 'https://sandbox.surepass.io'
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2lnbmF0dXJlLXNlY3JldC14eXo'

interface Call {
  url: string
  init: RequestInit
}

/** A fetch that answers from a list and records what it was asked. */
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

const SEARCH_OK = {
  data: {
    client_id: 'ckyc_YWECGljIfgTrlCaijVKf',
    id_number: 'ABCDE1234F',
    ckyc_search_data: {
      ckyc_id: 'XXXXXXXXXX1234',
      full_name: 'MR RAHUL KUMAR',
      age: '34',
      fathers_name: 'MR SURESH KUMAR',
      identity_details: {},
      kyc_date: '2019-05-10',
      updated_date: '2022-01-03',
    },
  },
  status_code: 200,
  success: true,
  message: 'Success',
  message_code: 'success',
}
const NOT_MATCHED = {
  data: null,
  status_code: 422,
  success: false,
  message: 'Mobile Number not matched with CKYC.',
  message_code: 'mobile_number_not_matched',
}

describe('SurepassClient requests', () => {
  it('POSTs JSON with the bearer token to the path the contract names', async () => {
    const { fetch, calls } = cannedFetch({ status: 200, body: SEARCH_OK })
    const client = new SurepassClient({ baseUrl: `${BASE}/`, token: TOKEN, fetch })
    const result = await client.ckyc.search({ id_number: 'ABCDE1234F', document_type: 'PAN' })
    expect(result.data.client_id).toBe('ckyc_YWECGljIfgTrlCaijVKf')
    const op = getOperation('surepass.ckyc.search')
    expect(calls[0]!.url).toBe(BASE + op.path)
    expect(calls[0]!.init.method).toBe(op.method)
    const headers = calls[0]!.init.headers as Record<string, string>
    expect(headers.authorization).toBe(`Bearer ${TOKEN}`)
    expect(headers['content-type']).toBe('application/json')
    expect(JSON.parse(calls[0]!.init.body as string)).toEqual({
      id_number: 'ABCDE1234F',
      document_type: 'PAN',
    })
  })

  it('accepts a token that already says Bearer', async () => {
    const { fetch, calls } = cannedFetch({ status: 200, body: SEARCH_OK })
    await new SurepassClient({ baseUrl: BASE, token: `Bearer ${TOKEN}`, fetch }).ckyc.search({
      id_number: 'ABCDE1234F',
      document_type: 'PAN',
    })
    expect((calls[0]!.init.headers as Record<string, string>).authorization).toBe(`Bearer ${TOKEN}`)
  })

  it('uses the contract paths for generate-otp and download', async () => {
    const { fetch, calls } = cannedFetch(
      {
        status: 200,
        body: {
          data: { client_id: 'ckyc_download_abc', otp_sent: true },
          status_code: 200,
          success: true,
          message: 'Success',
          message_code: 'success',
        },
      },
      { status: 200, body: { ...SEARCH_OK } },
    )
    const client = new SurepassClient({ baseUrl: BASE, token: TOKEN, fetch })
    await client.ckyc.generateOtp({ client_id: 'ckyc_abc', mobile_number: '9876543210' })
    await client.ckyc.download({ client_id: 'ckyc_download_abc', otp: '123456' })
    expect(calls.map((c) => c.url)).toEqual([
      BASE + getOperation('surepass.ckycV2.generateOtp').path,
      BASE + getOperation('surepass.ckycV2.download').path,
    ])
  })
})

describe('SurepassClient error mapping', () => {
  it('maps an error envelope to SurepassError with method, URL, status and code in the message', async () => {
    const { fetch } = cannedFetch({ status: 422, body: NOT_MATCHED })
    const client = new SurepassClient({ baseUrl: BASE, token: TOKEN, fetch })
    const error = await client.ckyc
      .generateOtp({ client_id: 'ckyc_abc', mobile_number: '9000000000' })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SurepassError)
    expect(isSurepassError(error)).toBe(true)
    const e = error as SurepassError
    expect(e.message).toBe(
      'POST https://sandbox.surepass.io/api/v1/ckyc-v2/generate-otp → 422 mobile_number_not_matched: Mobile Number not matched with CKYC.',
    )
    expect(e).toMatchObject({
      status: 422,
      messageCode: 'mobile_number_not_matched',
      providerMessage: 'Mobile Number not matched with CKYC.',
      body: NOT_MATCHED,
    })
  })

  it('maps a 401 without message_code (a documented variant) to SurepassError with a null code', async () => {
    const body = {
      data: null,
      status_code: 401,
      message: 'Invalid authentication token',
      success: false,
    }
    const { fetch } = cannedFetch({ status: 401, body })
    const e = (await new SurepassClient({ baseUrl: BASE, token: TOKEN, fetch }).ckyc
      .search({ id_number: 'X', document_type: 'PAN' })
      .catch((x: unknown) => x)) as SurepassError
    expect(isSurepassError(e)).toBe(true)
    expect(e.messageCode).toBeNull()
    expect(e.message).toContain('→ 401 error: Invalid authentication token')
  })

  it('maps a non-JSON 502 to HttpError', async () => {
    const { fetch } = cannedFetch({
      status: 502,
      body: '<html><body>Bad Gateway</body></html>',
      headers: { 'content-type': 'text/html' },
    })
    const e = await new SurepassClient({ baseUrl: BASE, token: TOKEN, fetch }).ckyc
      .search({ id_number: 'X', document_type: 'PAN' })
      .catch((x: unknown) => x)
    expect(e).toBeInstanceOf(HttpError)
    expect(isHttpError(e)).toBe(true)
    expect((e as HttpError).status).toBe(502)
    expect((e as HttpError).message).toMatch(
      /^POST https:\/\/sandbox\.surepass\.io\/api\/v1\/ckyc\/search → 502.*non-JSON body: <html>/,
    )
  })

  it('maps a 200 that is not an envelope to HttpError', async () => {
    const { fetch } = cannedFetch({ status: 200, body: { hello: 'world' } })
    const e = await new SurepassClient({ baseUrl: BASE, token: TOKEN, fetch }).ckyc
      .search({ id_number: 'X', document_type: 'PAN' })
      .catch((x: unknown) => x)
    expect(isHttpError(e)).toBe(true)
    expect((e as Error).message).toContain('not a Surepass envelope')
  })

  it('maps a rejected fetch to NetworkError, keeping the cause', async () => {
    const cause = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    })
    const client = new SurepassClient({
      baseUrl: BASE,
      token: TOKEN,
      fetch: () => Promise.reject(cause),
    })
    const e = await client.ckyc
      .search({ id_number: 'X', document_type: 'PAN' })
      .catch((x: unknown) => x)
    expect(e).toBeInstanceOf(NetworkError)
    expect(isNetworkError(e)).toBe(true)
    expect((e as NetworkError).message).toBe(
      'POST https://sandbox.surepass.io/api/v1/ckyc/search failed: fetch failed (ECONNREFUSED)',
    )
    expect((e as NetworkError).cause).toBe(cause)
  })

  it('maps a refused connection with the real fetch to NetworkError', async () => {
    const server = createServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    await new Promise<void>((resolve) => server.close(() => resolve()))
    const client = new SurepassClient({ baseUrl: `http://127.0.0.1:${port}`, token: TOKEN })
    const e = await client.ckyc
      .search({ id_number: 'X', document_type: 'PAN' })
      .catch((x: unknown) => x)
    expect(isNetworkError(e)).toBe(true)
    expect((e as Error).message).toMatch(/ECONNREFUSED/)
  })
})

describe('SurepassClient timeout (real fetch, real socket)', () => {
  let server: Server
  let baseUrl: string
  beforeAll(async () => {
    // Download: headers, then a body that never ends; anything else: no answer at all.
    server = createServer((req, res) => {
      if (req.url?.includes('ckyc-v2/download')) {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.write('{"data":')
        return // body never finishes
      }
      // never answers
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })

  it('throws TimeoutError when no response comes in timeoutMs', async () => {
    const client = new SurepassClient({ baseUrl, token: TOKEN, timeoutMs: 100 })
    const started = Date.now()
    const e = await client.ckyc
      .search({ id_number: 'X', document_type: 'PAN' })
      .catch((x: unknown) => x)
    expect(e).toBeInstanceOf(TimeoutError)
    expect(isTimeoutError(e)).toBe(true)
    expect((e as TimeoutError).message).toBe(
      `POST ${baseUrl}/api/v1/ckyc/search timed out after 100 ms`,
    )
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it('throws TimeoutError when the body stalls after the headers', async () => {
    const client = new SurepassClient({ baseUrl, token: TOKEN, timeoutMs: 100 })
    const e = await client.ckyc
      .download({ client_id: 'ckyc_download_x', otp: '123456' })
      .catch((x: unknown) => x)
    expect(isTimeoutError(e)).toBe(true)
  })
})

describe('SurepassClient validateResponses', () => {
  const drifted = { ...NOT_MATCHED, message: 'Mobile mismatch' }

  it('throws ContractViolationError listing the violations', async () => {
    const { fetch } = cannedFetch({ status: 422, body: drifted })
    const client = new SurepassClient({
      baseUrl: BASE,
      token: TOKEN,
      fetch,
      validateResponses: true,
    })
    const e = await client.ckyc
      .generateOtp({ client_id: 'ckyc_abc', mobile_number: '9000000000' })
      .catch((x: unknown) => x)
    expect(e).toBeInstanceOf(ContractViolationError)
    expect(isContractViolationError(e)).toBe(true)
    expect((e as ContractViolationError).violations.some((v) => v.path === '/body/message')).toBe(
      true,
    )
  })

  it('passes a conforming response, and does not check when off', async () => {
    const { fetch } = cannedFetch(
      { status: 422, body: NOT_MATCHED },
      { status: 422, body: drifted },
    )
    await expect(
      new SurepassClient({
        baseUrl: BASE,
        token: TOKEN,
        fetch,
        validateResponses: true,
      }).ckyc.generateOtp({ client_id: 'ckyc_abc', mobile_number: '9000000000' }),
    ).rejects.toBeInstanceOf(SurepassError)
    await expect(
      new SurepassClient({ baseUrl: BASE, token: TOKEN, fetch }).ckyc.generateOtp({
        client_id: 'ckyc_abc',
        mobile_number: '9000000000',
      }),
    ).rejects.toBeInstanceOf(SurepassError)
  })

  it('reports to onContractViolation instead of throwing, then maps as usual', async () => {
    const reports: ContractDriftReport[] = []
    const { fetch } = cannedFetch({ status: 422, body: drifted })
    const client = new SurepassClient({
      baseUrl: BASE,
      token: TOKEN,
      fetch,
      validateResponses: true,
      onContractViolation: (r) => reports.push(r),
    })
    await expect(
      client.ckyc.generateOtp({ client_id: 'ckyc_abc', mobile_number: '9000000000' }),
    ).rejects.toBeInstanceOf(SurepassError)
    expect(reports).toHaveLength(1)
    expect(reports[0]).toMatchObject({
      operation: 'surepass.ckycV2.generateOtp',
      method: 'POST',
      status: 422,
    })
  })
})

describe('SurepassClient redaction and configuration', () => {
  it('never shows the token in inspect, JSON, toString or error messages', async () => {
    const { fetch } = cannedFetch({ status: 422, body: NOT_MATCHED }, { status: 500, body: 'oops' })
    const client = new SurepassClient({ baseUrl: BASE, token: TOKEN, fetch })
    const e1 = await client.ckyc
      .generateOtp({ client_id: 'ckyc_abc', mobile_number: '9000000000' })
      .catch((x: unknown) => x)
    const e2 = await client.ckyc
      .search({ id_number: 'X', document_type: 'PAN' })
      .catch((x: unknown) => x)
    const views = [
      inspect(client, { depth: 10, showHidden: true }),
      JSON.stringify(client),
      String(client),
      `${client}`,
      inspect(client.ckyc),
      inspect(e1, { depth: 10 }),
      inspect(e2, { depth: 10 }),
      JSON.stringify(e1),
      JSON.stringify(e2),
    ]
    for (const view of views) {
      expect(view).not.toContain(TOKEN)
      expect(view).not.toContain('c2lnbmF0dXJlLXNlY3JldC14eXo')
    }
    expect(inspect(client)).toContain('[redacted]')
    expect(JSON.parse(JSON.stringify(client))).toEqual({
      client: 'SurepassClient',
      baseUrl: BASE,
      token: '[redacted]',
      timeoutMs: 30000,
      validateResponses: false,
    })
    expect(String(client)).toBe('SurepassClient(https://sandbox.surepass.io)')
  })

  it('refuses plain http to a remote host and a missing token, without echoing the token', () => {
    expect(
      () => new SurepassClient({ baseUrl: 'http://sandbox.surepass.io', token: TOKEN }),
    ).toThrow(/SurepassClient: refusing plain-http baseUrl http:\/\/sandbox\.surepass\.io/)
    try {
      new SurepassClient({ baseUrl: 'http://sandbox.surepass.io', token: TOKEN })
    } catch (error) {
      expect(String(error)).not.toContain(TOKEN)
    }
    expect(() => new SurepassClient({ baseUrl: BASE, token: ' ' })).toThrow(/token is required/)
    expect(
      () => new SurepassClient({ baseUrl: 'http://127.0.0.1:4010', token: TOKEN }),
    ).not.toThrow()
  })
})
