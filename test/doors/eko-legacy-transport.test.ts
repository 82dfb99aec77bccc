/**
 * The transport details Eko's real clients rely on, over the HTTP door: form-urlencoded and JSON
 * bodies, bodies sent chunked with no Content-Length (Node's `http.request` + `write()`, which is
 * how Eko's Node SDK sends every body), GETs that carry a Content-Type and no body, and the
 * `ifsc:` / `bank_code:` path segments.
 */
import { request as httpRequest } from 'node:http'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../mocks/index.js'
import { createSimulator } from '../../simulator/create-simulator.js'
import { computeSecretKey } from '../../simulator/eko/secret-key.js'
import { EKO_UAT_CREDENTIALS } from '../../simulator/fixtures/index.js'
import { getOperation, requestHashMessage } from '../../contracts/index.js'
import { rawExchange } from '../robustness/raw-http.js'
import { SAMPLE_BILL, SAMPLE_VERIFICATION_FORM } from '../support/eko-bill-samples.js'
import { simulatorNow } from '../support/eko-signer.js'

let server: RunningServer
let port: number

beforeAll(async () => {
  server = await startServer({
    simulator: createSimulator({ seed: 'legacy', config: { onContractViolation: 'flag' } }),
    port: 0,
    quiet: true,
  })
  port = Number(new URL(server.url).port)
})
afterAll(() => server.close())
beforeEach(async () => {
  expect((await fetch(`${server.url}/__sim/reset`, { method: 'POST' })).status).toBe(200)
})

async function signed(contentType?: string): Promise<Record<string, string>> {
  const timestamp = String(await simulatorNow(server.url))
  return {
    developer_key: EKO_UAT_CREDENTIALS.developer_key,
    'secret-key': await computeSecretKey(EKO_UAT_CREDENTIALS.access_key, timestamp),
    'secret-key-timestamp': timestamp,
    ...(contentType === undefined ? {} : { 'content-type': contentType }),
  }
}

interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  /** The body parsed, when it is JSON (else empty). */
  json: Record<string, any>
  text: string
  /** How the request went out: chunked or with a Content-Length. */
  framing: string
}

/**
 * One request the way Eko's Node SDK sends it: `http.request`, the body (if any) `write()`n,
 * then `end()` — chunked, no Content-Length — unless `length` asks for one.
 */
function nodeRequest(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
  length = false,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const all =
      length && body !== undefined
        ? { ...headers, 'content-length': String(Buffer.byteLength(body)) }
        : headers
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers: all }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (text += chunk))
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          json: String(res.headers['content-type']).includes('json')
            ? (JSON.parse(text) as Record<string, any>)
            : {},
          text,
          framing: req.getHeader('content-length') === undefined ? 'chunked' : 'content-length',
        }),
      )
    })
    req.on('error', reject)
    if (body !== undefined) req.write(body)
    req.end()
  })
}

const FORM = 'application/x-www-form-urlencoded'
const verifyForm = SAMPLE_VERIFICATION_FORM
const bill = SAMPLE_BILL

describe('Eko v2 over HTTP: bodies as real clients send them', () => {
  it('a form body sent chunked, no Content-Length, to an ifsc: path → 61', async () => {
    const answer = await nodeRequest(
      'POST',
      '/ekoapi/v2/banks/ifsc:KKBK0000261/accounts/1711654121',
      await signed(FORM),
      verifyForm,
    )
    expect(answer.framing).toBe('chunked')
    expect(answer.status).toBe(200)
    expect(answer.json).toMatchObject({
      response_type_id: 61,
      data: { recipient_name: 'Priya Nair' },
    })
    expect(answer.headers['x-fintwin-contract-violation']).toBeUndefined()
  })

  it('the same as JSON with a Content-Length, to a bank_code: path on the production base', async () => {
    const answer = await nodeRequest(
      'POST',
      '/ekoicici/v2/banks/bank_code:KKBK/accounts/1711654128',
      await signed('application/json'),
      JSON.stringify({
        initiator_id: '9962981729',
        customer_id: '6111111111',
        user_code: '20810200',
      }),
      true,
    )
    expect(answer.framing).toBe('content-length')
    expect(answer.json).toMatchObject({ response_type_id: 61, data: { recipient_name: 'Unknown' } })
  })

  it('a chunked JSON pay bill with its request_hash → 333; the same bill again → 208', async () => {
    const pay = async () => {
      const headers = await signed('application/json')
      const body = { ...bill, amount: '50' }
      headers.request_hash = await computeSecretKey(
        EKO_UAT_CREDENTIALS.access_key,
        requestHashMessage(getOperation('eko.bbps.payBill').requestHash!, headers, body),
      )
      return nodeRequest(
        'POST',
        '/ekoapi/v2/billpayments/paybill?initiator_id=9962981729',
        headers,
        JSON.stringify(body),
      )
    }
    expect((await pay()).json).toMatchObject({ status: 0, response_type_id: 333 })
    expect((await pay()).json).toMatchObject({ status: 208 })
  })

  it('a chunked body split across several chunks is read whole', async () => {
    const headers = await signed(FORM)
    const lines = [
      'POST /ekoapi/v2/banks/bank_code:SBIN/accounts/30219402281 HTTP/1.1',
      'Host: 127.0.0.1',
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
      'Transfer-Encoding: chunked',
      'Connection: close',
    ]
    const [a, b] = [verifyForm.slice(0, 20), verifyForm.slice(20)]
    const chunk = (s: string) => `${s.length.toString(16)}\r\n${s}\r\n`
    const { response } = await rawExchange(port, `${lines.join('\r\n')}\r\n\r\n${chunk(a)}`, {
      trickle: [chunk(b), '0\r\n\r\n'],
      pauseMs: 20,
    })
    expect(response.status).toBe(200)
    expect(JSON.parse(response.body)).toMatchObject({ data: { recipient_name: 'Mohammed Arif' } })
  })
})

describe('GETs with a Content-Type and no body are not a 415', () => {
  it.each([FORM, 'application/json', 'text/plain', undefined])(
    'content-type %s → 200',
    async (type) => {
      const answer = await nodeRequest(
        'GET',
        '/ekoapi/v2/billpayments/operators?category=2',
        await signed(type),
      )
      expect(answer.status).toBe(200)
      expect(answer.json.data.map((o: { operator_id: number }) => o.operator_id)).toEqual([
        28, 50, 51,
      ])
    },
  )

  it('nor with an empty chunked body', async () => {
    const headers = await signed('application/json')
    const lines = [
      'GET /ekoapi/v2/billpayments/operators/51 HTTP/1.1',
      'Host: 127.0.0.1',
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
      'Transfer-Encoding: chunked',
      'Connection: close',
    ]
    const { response } = await rawExchange(port, `${lines.join('\r\n')}\r\n\r\n0\r\n\r\n`)
    expect(response.status).toBe(200)
    expect(JSON.parse(response.body)).toMatchObject({ operator_name: 'Adani Gas' })
  })

  it('while a POST whose body is text/plain still is one', async () => {
    const answer = await nodeRequest(
      'POST',
      '/ekoapi/v2/banks/ifsc:KKBK0000261/accounts/1711654121',
      await signed('text/plain'),
      verifyForm,
    )
    expect(answer.status).toBe(415)
    expect(answer.json).toEqual({
      status: 415,
      message: 'Unsupported Media Type',
      response_status_id: 1,
    })
  })

  it('an escaped colon in ifsc%3A… is the same segment; a wrong version is a 404', async () => {
    const escaped = await nodeRequest(
      'POST',
      '/ekoapi/v2/banks/ifsc%3AKKBK0000261/accounts/1711654121',
      await signed(FORM),
      verifyForm,
    )
    expect(escaped.json.response_type_id).toBe(61)
    const v1 = await nodeRequest('GET', '/ekoapi/v1/billpayments/operators', await signed(FORM))
    expect(v1.status).toBe(404)
    expect(v1.headers['content-type']).toMatch(/^text\/plain/)
    expect(v1.text).toBe('No Mapping Rule matched')
  })
})

describe('inside a sandbox', () => {
  it('the v1/v2 paths and the AePS money paths are served under /sbx/{id}/ and by header, state kept apart', async () => {
    const sandbox = server.sandboxes.create({ name: 'legacy-sbx' })
    const simNow = async (base: string) =>
      ((await (await fetch(`${base}/__sim/clock`)).json()) as { now_ms: number }).now_ms
    const headersAt = async (base: string, contentType: string) => {
      const timestamp = String(await simNow(base))
      return {
        developer_key: EKO_UAT_CREDENTIALS.developer_key,
        'secret-key': await computeSecretKey(EKO_UAT_CREDENTIALS.access_key, timestamp),
        'secret-key-timestamp': timestamp,
        'content-type': contentType,
      }
    }
    const base = `${server.url}/sbx/${sandbox.id}`
    const byPath = await fetch(
      `${base}/ekoapi/v1/user/services/user_code:20810200?initiator_id=${EKO_UAT_CREDENTIALS.initiator_id}`,
      { headers: await headersAt(base, FORM) },
    )
    expect(byPath.status).toBe(200)
    expect(((await byPath.json()) as { response_type_id: number }).response_type_id).toBe(1299)
    const byHeader = await fetch(
      `${server.url}/ekoapi/v2/banks/ifsc:KKBK0000261/accounts/1711654121`,
      {
        method: 'POST',
        headers: { ...(await headersAt(base, FORM)), 'x-fintwin-sandbox': sandbox.id },
        body: verifyForm,
      },
    )
    expect(((await byHeader.json()) as { response_type_id: number }).response_type_id).toBe(61)
    const journal = async (at: string) =>
      (
        (await (await fetch(`${at}/__sim/journal?limit=10`)).json()) as {
          entries: { operation: string }[]
        }
      ).entries.map((e) => e.operation)
    expect(await journal(base)).toEqual(['eko.bankAccount.verifyByIfsc', 'eko.userServices.listV1'])
    expect(await journal(server.url)).not.toContain('eko.bankAccount.verifyByIfsc')
  })
})
