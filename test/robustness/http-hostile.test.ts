/**
 * Hostile input over real HTTP: arbitrary and invalid-UTF-8 bytes, 10k-deep JSON, a 5 MB field,
 * odd content types, header bombs, malformed request lines and half-sent bodies. Whatever comes
 * in, the server stays up, answers JSON (never HTML, never a stack trace), logs no internal error,
 * and serves a normal request right after.
 */
import fc from 'fast-check'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type Logger, type RunningServer } from '../../mocks/index.js'
import { createSimulator } from '../../simulator/index.js'
import { SUREPASS_FIXTURE_TOKEN } from '../../simulator/surepass/jwt.js'
import { ekoHeaders } from '../support/eko-signer.js'
import { EKO_UAT_CREDENTIALS } from '../../simulator/fixtures/index.js'
import { leakMarks, rawExchange } from './raw-http.js'

const SEARCH = '/api/v1/ckyc/search'
const EKO_SEND_OTP = '/ekoapi/v3/user/collection/aeps-fingpay/kyc/otp'
const surepassAuth = { authorization: `Bearer ${SUREPASS_FIXTURE_TOKEN}` }

interface CapturedLogger extends Logger {
  infos: string[]
  errors: string[]
}
function captureLogger(): CapturedLogger {
  const infos: string[] = []
  const errors: string[] = []
  return {
    infos,
    errors,
    info: (line) => void infos.push(line),
    error: (line) => void errors.push(line),
  }
}

let server: RunningServer
let logger: CapturedLogger

beforeAll(async () => {
  logger = captureLogger()
  server = await startServer({
    simulator: createSimulator({ seed: 'hostile', config: { onContractViolation: 'flag' } }),
    port: 0,
    host: '127.0.0.1',
    logger,
  })
})
afterAll(() => server.close())
afterEach(async () => {
  // After every hostile exchange: still up, still answering a normal request, nothing logged as internal.
  await expectServesNormally(server)
  expect(logger.errors).toEqual([])
})

/** A normal Surepass search and a health check still work. */
async function expectServesNormally(target: RunningServer): Promise<void> {
  const health = await fetch(`${target.url}/__sim/health`)
  expect(health.status).toBe(200)
  expect(await health.json()).toMatchObject({ status: 'ok' })
  const fixtures = (await (await fetch(`${target.url}/__sim/fixtures`)).json()) as {
    surepass: { ckyc: { label: string; document_type: string; id_number: string }[] }
  }
  const happy = fixtures.surepass.ckyc.find((p) => p.label === 'happy')!
  const search = await fetch(`${target.url}${SEARCH}`, {
    method: 'POST',
    headers: { ...surepassAuth, 'content-type': 'application/json' },
    body: JSON.stringify({ document_type: happy.document_type, id_number: happy.id_number }),
  })
  expect(search.status).toBe(200)
  expect(await search.json()).toMatchObject({ success: true })
}

/** An answer's body is JSON and shows nothing of the server's insides. */
function expectCleanJson(text: string, contentType: string | null | undefined): unknown {
  expect(leakMarks(text), text.slice(0, 300)).toEqual([])
  expect(contentType ?? '').toMatch(/^application\/json/)
  return JSON.parse(text)
}

async function post(
  path: string,
  body: BodyInit,
  headers: Record<string, string>,
): Promise<{ status: number; text: string; contentType: string | null }> {
  const response = await fetch(`${server.url}${path}`, { method: 'POST', headers, body })
  return {
    status: response.status,
    text: await response.text(),
    contentType: response.headers.get('content-type'),
  }
}

async function signedEkoHeaders(): Promise<Record<string, string>> {
  const now = ((await (await fetch(`${server.url}/__sim/clock`)).json()) as { now_ms: number })
    .now_ms
  return ekoHeaders(EKO_UAT_CREDENTIALS, now)
}

describe('bodies', () => {
  it('arbitrary bytes as a JSON body: provider validation errors, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 2048 }),
        fc.boolean(),
        async (bytes, toEko) => {
          const headers = toEko
            ? await signedEkoHeaders()
            : { ...surepassAuth, 'content-type': 'application/json' }
          const response = await post(toEko ? EKO_SEND_OTP : SEARCH, bytes, headers)
          expect(response.status).toBeLessThan(500)
          const body = expectCleanJson(response.text, response.contentType) as Record<
            string,
            unknown
          >
          if (toEko) expect(body).toMatchObject({ status: 97 })
          else expect(body).toMatchObject({ status_code: 400, message_code: 'invalid_input' })
        },
      ),
      { numRuns: 40, seed: 7 },
    )
  })

  it('invalid UTF-8 (lone continuation bytes, overlongs, surrogates) is a 400 invalid_input', async () => {
    for (const bytes of [
      [0xff, 0xfe],
      [0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d],
      [0xed, 0xa0, 0x80],
      [0xc0, 0xaf],
      [0x80, 0x80, 0x80],
    ]) {
      const response = await post(SEARCH, new Uint8Array(bytes), {
        ...surepassAuth,
        'content-type': 'application/json',
      })
      expect(response.status).toBe(400)
      expect(expectCleanJson(response.text, response.contentType)).toMatchObject({
        message_code: 'invalid_input',
      })
    }
    // Inside a string value the bytes decode to U+FFFD: a valid JSON body whose field is wrong.
    const inField = Buffer.concat([
      Buffer.from('{"document_type":"PAN","id_number":"'),
      Buffer.from([0xff, 0xc3, 0x28]),
      Buffer.from('"}'),
    ])
    const response = await post(SEARCH, inField, {
      ...surepassAuth,
      'content-type': 'application/json',
    })
    expect(response.status).toBe(400)
    expect(expectCleanJson(response.text, response.contentType)).toMatchObject({
      message_code: 'invalid_input',
    })
  })

  it('JSON nested 10,000 levels deep is refused as invalid input without recursing', async () => {
    for (const text of [
      '['.repeat(10_000) + ']'.repeat(10_000),
      `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`,
      `{"document_type":"PAN","id_number":${'['.repeat(10_000)}`,
    ]) {
      const started = performance.now()
      const surepass = await post(SEARCH, text, {
        ...surepassAuth,
        'content-type': 'application/json',
      })
      expect(surepass.status).toBe(400)
      expect(expectCleanJson(surepass.text, surepass.contentType)).toMatchObject({
        message_code: 'invalid_input',
      })
      const eko = await post(EKO_SEND_OTP, text, await signedEkoHeaders())
      expect(eko.status).toBe(200)
      expect(expectCleanJson(eko.text, eko.contentType)).toMatchObject({ status: 97 })
      expect(performance.now() - started).toBeLessThan(2000)
    }
  })

  it('a 5 MB string field is the provider 413 by default, and a fast 400 under a larger limit', async () => {
    const big = JSON.stringify({ document_type: 'PAN', id_number: 'A'.repeat(5 * 1024 * 1024) })
    const refused = await post(SEARCH, big, { ...surepassAuth, 'content-type': 'application/json' })
    expect(refused.status).toBe(413)
    expect(expectCleanJson(refused.text, refused.contentType)).toMatchObject({
      status_code: 413,
      message_code: 'payload_too_large',
    })

    const roomy = await startServer({
      simulator: createSimulator({ seed: 'roomy' }),
      port: 0,
      bodyLimit: 8 * 1024 * 1024,
      logger: captureLogger(),
    })
    try {
      for (const [path, headers, body] of [
        [SEARCH, { ...surepassAuth, 'content-type': 'application/json' }, big],
        [
          EKO_SEND_OTP,
          await signedEkoHeaders(),
          JSON.stringify({
            initiator_id: '9962981729',
            user_code: '1'.repeat(2_500_000),
            customer_id: '9',
            latlong: '1,1',
            aadhar: 'A'.repeat(2_500_000),
          }),
        ],
        [
          '/ekoapi/v3/user/network/eps-agent',
          await signedEkoHeaders(),
          JSON.stringify({
            residence_address: `{${' '.repeat(3_000_000)}x`,
            email: `${'a'.repeat(1_000_000)}@${'a.'.repeat(500_000)}-`,
          }),
        ],
      ] as const) {
        const started = performance.now()
        const response = await fetch(`${roomy.url}${path}`, { method: 'POST', headers, body })
        const text = await response.text()
        // Read and validated (not refused by size): Surepass 400 invalid_input, Eko 200 status 97.
        expect(response.status).toBe(path === SEARCH ? 400 : 200)
        expect(leakMarks(text)).toEqual([])
        expect(JSON.parse(text)).toMatchObject(
          path === SEARCH ? { message_code: 'invalid_input' } : { status: 97 },
        )
        expect(
          performance.now() - started,
          `${path} took too long (regex backtracking?)`,
        ).toBeLessThan(3000)
      }
      await expectServesNormally(roomy)
    } finally {
      await roomy.close()
    }
  })

  it('odd content types get the provider error, in JSON', async () => {
    const body = JSON.stringify({ document_type: 'PAN', id_number: 'ABCDE1234F' })
    for (const contentType of [
      'text/plain',
      'application/xml',
      'multipart/form-data; boundary=----x',
      'application/json; charset=utf-16',
      'application/x-www-form-urlencoded',
      'image/png',
      '*/*',
      'application/json, text/html',
      '',
    ]) {
      const response = await post(SEARCH, body, { ...surepassAuth, 'content-type': contentType })
      expect(response.status, contentType).toBeLessThan(500)
      expectCleanJson(response.text, response.contentType)
      const eko = await post(EKO_SEND_OTP, body, {
        ...(await signedEkoHeaders()),
        'content-type': contentType,
      })
      expect(eko.status, contentType).toBeLessThan(500)
      expectCleanJson(eko.text, eko.contentType)
    }
    // No content-type at all, with a body (sent raw: fetch adds text/plain to a string body).
    const raw = await rawExchange(
      server.port,
      `POST ${SEARCH} HTTP/1.1\r\nHost: x\r\nAuthorization: ${surepassAuth.authorization}\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    )
    expect([200, 422]).toContain(raw.response.status)
    expectCleanJson(raw.response.body, raw.response.headers['content-type'])
  })
})

describe('headers and the request line', () => {
  it('a 20 KB header gets a 431 in JSON, and the server stays up', async () => {
    const { response } = await rawExchange(
      server.port,
      `GET /__sim/health HTTP/1.1\r\nHost: x\r\nX-Bomb: ${'a'.repeat(20 * 1024)}\r\n\r\n`,
    )
    expect(response.status).toBe(431)
    expect(expectCleanJson(response.body, response.headers['content-type'])).toMatchObject({
      error: 'request_header_fields_too_large',
    })
  })

  it('thousands of headers: a 431 past the size limit, a normal answer within it', async () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => `x-h${i}: ${i}\r\n`).join('')
    const over = await rawExchange(
      server.port,
      `GET /__sim/health HTTP/1.1\r\nHost: x\r\n${many(3000)}\r\n`,
    )
    expect(over.response.status).toBe(431)
    expectCleanJson(over.response.body, over.response.headers['content-type'])
    const within = await rawExchange(
      server.port,
      `GET /__sim/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n${many(400)}\r\n`,
    )
    expect(within.response.status).toBe(200)
    expectCleanJson(within.response.body, within.response.headers['content-type'])
  })

  it('a garbage request line, invalid UTF-8 in the path or a bad header gets a JSON 400', async () => {
    const payloads: (string | Uint8Array)[] = [
      'GARBAGE\r\n\r\n',
      'GET / HTTP/9.9\r\n\r\n',
      Buffer.concat([
        Buffer.from('GET /api/v1/'),
        Buffer.from([0xff, 0x00, 0xfe]),
        Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n'),
      ]),
      'GET /__sim/health HTTP/1.1\r\nHost: x\r\nBad Header Name: 1\r\n\r\n',
      'POST /api/v1/ckyc/search HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\nhello',
      'POST /api/v1/ckyc/search HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\nhello\r\n0\r\n\r\n',
    ]
    for (const payload of payloads) {
      const { response } = await rawExchange(server.port, payload)
      expect([400, 404, 505], response.raw.slice(0, 200)).toContain(response.status)
      expectCleanJson(response.body, response.headers['content-type'])
    }
  })

  it('a header named __proto__ or constructor is just a header', async () => {
    const { response } = await rawExchange(
      server.port,
      `GET /__sim/health HTTP/1.1\r\nHost: x\r\n__proto__: {"polluted":1}\r\nconstructor: x\r\nConnection: close\r\n\r\n`,
    )
    expect(response.status).toBe(200)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

describe('slow and vanishing clients', () => {
  it('a body cut short (declared length never reached) then closed: no answer needed, no crash', async () => {
    const head = `POST ${SEARCH} HTTP/1.1\r\nHost: x\r\nAuthorization: ${surepassAuth.authorization}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n`
    await rawExchange(server.port, head, {
      trickle: ['{"document_type":', '"PAN",'],
      pauseMs: 30,
      abortAfterWrite: true,
    })
  })

  it('a chunked body abandoned mid-chunk, and headers abandoned mid-line', async () => {
    await rawExchange(
      server.port,
      `POST ${SEARCH} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n10\r\n{"doc`,
      { trickle: ['ument'], abortAfterWrite: true },
    )
    await rawExchange(server.port, `POST ${SEARCH} HTTP/1.1\r\nHost: x\r\nContent-Ty`, {
      trickle: ['pe: appl'],
      abortAfterWrite: true,
    })
  })

  it('twenty slow clients at once do not stop a normal request being served', async () => {
    const slow = Array.from({ length: 20 }, () =>
      rawExchange(
        server.port,
        `POST ${SEARCH} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{`,
        {
          trickle: ['"', 'a', '"', ':'],
          pauseMs: 50,
          abortAfterWrite: true,
        },
      ),
    )
    await expectServesNormally(server)
    await Promise.all(slow)
  })

  it('a client that sends a complete request and vanishes before the answer', async () => {
    const body = '{"document_type":"PAN","id_number":"ABCDE1234F"}'
    await rawExchange(
      server.port,
      `POST ${SEARCH} HTTP/1.1\r\nHost: x\r\nAuthorization: ${surepassAuth.authorization}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
      { abortAfterWrite: true },
    )
  })
})
