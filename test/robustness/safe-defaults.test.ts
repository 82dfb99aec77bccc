/**
 * Safe defaults: the admin token guards every admin route but health (in-process and over HTTP,
 * Bearer or `x-fintwin-admin-token`), the CLI never serves an open admin API beyond loopback, and
 * secrets (tokens, access key, secret-key, Aadhaar plain or encrypted, OTPs) never reach the
 * journal nor the server's log lines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isLoopbackHost, resolveAdminToken } from '../../mocks/cli/admin-token.js'
import { parseServeArgs } from '../../mocks/cli/parse-serve-args.js'

const ADMIN_TOKEN_ENV = 'FINTWIN_ADMIN_TOKEN'
import { runCli } from '../../mocks/cli/main.js'
import { startServer, type Logger, type RunningServer } from '../../mocks/index.js'
import { createSimulator, encryptAadhaarForTest, type SimRequest } from '../../simulator/index.js'
import { EKO_UAT_CREDENTIALS } from '../../simulator/fixtures/index.js'
import { SUREPASS_EXPIRED_TOKEN, SUREPASS_FIXTURE_TOKEN } from '../../simulator/surepass/jwt.js'
import { computeSecretKey } from '../../simulator/eko/secret-key.js'
import { ekoHeaders } from '../support/eko-signer.js'
import { runEkoFlow, runSurepassFlow, type DoorUrls } from '../support/provider-flows.js'
import { leakMarks } from './raw-http.js'

const TOKEN = 'adm-Secret_t0ken-for-tests'
const ADMIN_ROUTES: [string, string, unknown?][] = [
  ['GET', 'fixtures'],
  ['GET', 'otps'],
  ['GET', 'clock'],
  ['POST', 'clock', { advance_ms: 1 }],
  ['GET', 'scenarios'],
  [
    'POST',
    'scenarios',
    { operation: 'surepass.ckyc.search', outcome: 'verification_failed', times: 1 },
  ],
  ['DELETE', 'scenarios'],
  ['GET', 'journal'],
  ['GET', 'presets'],
  ['GET', 'openapi.json'],
  ['POST', 'reset'],
  ['GET', 'no-such-route'],
]

function adminRequest(
  method: string,
  route: string,
  headers: Record<string, string> = {},
  body?: unknown,
  query: Record<string, string> = {},
): SimRequest {
  return {
    method,
    path: `/__sim/${route}`,
    query,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body,
  }
}

describe('admin token, in-process', () => {
  const sim = createSimulator({ seed: 'token', config: { adminToken: TOKEN } })

  it.each(ADMIN_ROUTES)(
    '%s /__sim/%s without the token → 401 JSON',
    async (method, route, body) => {
      const response = await sim.handle(adminRequest(method, route, {}, body))
      expect(response.status).toBe(401)
      expect(response.headers['content-type']).toMatch(/^application\/json/)
      expect(response.body).toMatchObject({ error: 'admin_token_required' })
    },
  )

  it('health needs no token (and shows no secret)', async () => {
    const response = await sim.handle(adminRequest('GET', 'health'))
    expect(response.status).toBe(200)
    expect(JSON.stringify(response.body)).not.toContain(TOKEN)
  })

  it.each([
    ['a wrong token', { authorization: 'Bearer not-the-token' }],
    ['the token in other case', { authorization: `Bearer ${TOKEN.toUpperCase()}` }],
    ['a prefix of the token', { 'x-fintwin-admin-token': TOKEN.slice(0, -1) }],
    ['the token plus one char', { 'x-fintwin-admin-token': `${TOKEN}x` }],
    ['Basic instead of Bearer', { authorization: `Basic ${TOKEN}` }],
    ['an empty header', { 'x-fintwin-admin-token': '' }],
    [
      'a wrong header overriding a right Bearer',
      { 'x-fintwin-admin-token': 'nope', authorization: `Bearer ${TOKEN}` },
    ],
  ] as [string, Record<string, string>][])(
    '%s → 401, without echoing what was sent',
    async (_name, headers) => {
      const response = await sim.handle(adminRequest('GET', 'otps', headers))
      expect(response.status).toBe(401)
      for (const value of Object.values(headers))
        if (value.length > 3)
          expect(JSON.stringify(response.body)).not.toContain(value.replace(/^\w+ /, ''))
    },
  )

  it('the token in the query string is not accepted (it would end up in logs and history)', async () => {
    const response = await sim.handle(
      adminRequest('GET', 'otps', {}, undefined, { token: TOKEN, admin_token: TOKEN }),
    )
    expect(response.status).toBe(401)
  })

  it.each([
    ['Authorization: Bearer', { authorization: `Bearer ${TOKEN}` }],
    ['x-fintwin-admin-token', { 'x-fintwin-admin-token': TOKEN }],
  ] as [string, Record<string, string>][])(
    'with %s every admin route answers',
    async (_name, headers) => {
      for (const [method, route, body] of ADMIN_ROUTES) {
        const response = await sim.handle(adminRequest(method, route, headers, body))
        expect(response.status, `${method} ${route}`).not.toBe(401)
        expect(response.status, `${method} ${route}`).toBeLessThan(500)
      }
    },
  )

  it('provider routes do not need the admin token', async () => {
    const response = await sim.handle({
      method: 'POST',
      path: '/api/v1/ckyc/search',
      query: {},
      headers: {
        authorization: `Bearer ${SUREPASS_FIXTURE_TOKEN}`,
        'content-type': 'application/json',
      },
      body: { document_type: 'PAN', id_number: 'ABCDE1234F' },
    })
    expect(response.status).not.toBe(401)
  })
})

describe('admin token, over HTTP', () => {
  let server: RunningServer
  const lines: string[] = []
  const logger: Logger = { info: (l) => void lines.push(l), error: (l) => void lines.push(l) }
  beforeAll(async () => {
    server = await startServer({
      simulator: createSimulator({ seed: 'token-http', config: { adminToken: TOKEN } }),
      port: 0,
      logger,
    })
  })
  afterAll(() => server.close())

  it('401 JSON without it, 200 with either header, health open, the token never logged', async () => {
    for (const [method, route] of ADMIN_ROUTES) {
      const response = await fetch(`${server.url}/__sim/${route}`, {
        method,
        headers: { authorization: 'Bearer wrong-token-value' },
      })
      expect(response.status, `${method} ${route}`).toBe(401)
      expect(response.headers.get('content-type')).toMatch(/^application\/json/)
      const text = await response.text()
      expect(JSON.parse(text)).toMatchObject({ error: 'admin_token_required' })
      expect(leakMarks(text)).toEqual([])
    }
    expect((await fetch(`${server.url}/__sim/health`)).status).toBe(200)
    expect(
      (await fetch(`${server.url}/__sim/otps`, { headers: { authorization: `Bearer ${TOKEN}` } }))
        .status,
    ).toBe(200)
    expect(
      (
        await fetch(`${server.url}/__sim/otps?token=${TOKEN}`, {
          headers: { 'x-fintwin-admin-token': TOKEN },
        })
      ).status,
    ).toBe(200)
    expect((await fetch(`${server.url}/__sim/otps?token=${TOKEN}`)).status).toBe(401)
    expect(lines.length).toBeGreaterThan(0)
    for (const line of lines) {
      expect(line).not.toContain(TOKEN)
      expect(line).not.toContain('wrong-token-value')
    }
  })
})

describe('the CLI never opens the admin API to the network by default', () => {
  it('no token on loopback, a generated one beyond it, FINTWIN_ADMIN_TOKEN anywhere', () => {
    for (const host of [
      '127.0.0.1',
      'localhost',
      '::1',
      '[::1]',
      '127.1.2.3',
      '::ffff:127.0.0.1',
    ]) {
      expect(isLoopbackHost(host), host).toBe(true)
      expect(resolveAdminToken(host, undefined)).toEqual({ token: undefined, generated: false })
    }
    for (const host of ['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', 'example.com', '128.0.0.1']) {
      expect(isLoopbackHost(host), host).toBe(false)
      const resolved = resolveAdminToken(host, undefined)
      expect(resolved.generated).toBe(true)
      expect(resolved.token!.length).toBeGreaterThanOrEqual(20)
    }
    expect(resolveAdminToken('0.0.0.0', undefined).token).not.toBe(
      resolveAdminToken('0.0.0.0', undefined).token,
    )
    expect(resolveAdminToken('127.0.0.1', 'chosen-token')).toEqual({
      token: 'chosen-token',
      generated: false,
    })
    expect(resolveAdminToken('0.0.0.0', 'chosen-token')).toEqual({
      token: 'chosen-token',
      generated: false,
    })
  })

  it('--admin-token and FINTWIN_ADMIN_TOKEN both set the token; a short one is refused', () => {
    expect(parseServeArgs(['--admin-token', 'chosen-token'])).toMatchObject({
      kind: 'serve',
      options: { adminToken: 'chosen-token' },
    })
    expect(parseServeArgs([], { [ADMIN_TOKEN_ENV]: 'from-the-env' })).toMatchObject({
      kind: 'serve',
      options: { adminToken: 'from-the-env' },
    })
    expect(
      parseServeArgs(['--admin-token', 'flag-wins'], { [ADMIN_TOKEN_ENV]: 'from-the-env' }),
    ).toMatchObject({ options: { adminToken: 'flag-wins' } })
    expect(parseServeArgs(['--admin-token', 'short'])).toMatchObject({ kind: 'error' })
  })

  it('runCli with FINTWIN_ADMIN_TOKEN guards the admin API; without it on loopback the API is open', async () => {
    const out: string[] = []
    const io = (env: Record<string, string>) => ({
      stdout: (t: string) => void out.push(t),
      stderr: (t: string) => void out.push(t),
      env,
    })
    const guarded = await runCli(
      ['--port', '0', '--host', '127.0.0.1', '--quiet'],
      io({ [ADMIN_TOKEN_ENV]: TOKEN }),
    )
    if (typeof guarded === 'number') throw new Error(`runCli exited ${guarded}: ${out.join('')}`)
    try {
      expect((await fetch(`${guarded.url}/__sim/otps`)).status).toBe(401)
      expect(
        (await fetch(`${guarded.url}/__sim/otps`, { headers: { 'x-fintwin-admin-token': TOKEN } }))
          .status,
      ).toBe(200)
      expect(out.join('')).not.toContain(TOKEN)
    } finally {
      await guarded.close()
    }
    const open = await runCli(['--port', '0', '--host', '127.0.0.1', '--quiet'], io({}))
    if (typeof open === 'number') throw new Error(`runCli exited ${open}`)
    try {
      expect((await fetch(`${open.url}/__sim/otps`)).status).toBe(200)
    } finally {
      await open.close()
    }
  })
})

describe('secrets stay out of the journal and the logs', () => {
  let server: RunningServer
  const infos: string[] = []
  const errors: string[] = []
  const logger: Logger = { info: (l) => void infos.push(l), error: (l) => void errors.push(l) }
  beforeAll(async () => {
    server = await startServer({
      simulator: createSimulator({
        seed: 'secrets',
        config: { onContractViolation: 'flag', fixedOtp: '482913' },
      }),
      port: 0,
      logger,
    })
  })
  afterAll(() => server.close())

  it('after full flows, failures and forced errors, neither shows a token, key, Aadhaar or OTP', async () => {
    const urls: DoorUrls = {
      admin: server.url,
      surepass: server.url,
      eko: `${server.url}/ekoapi/v3`,
    }
    await runSurepassFlow(urls)
    await runEkoFlow(urls)
    const fixtures = (await (await fetch(`${server.url}/__sim/fixtures`)).json()) as {
      eko: {
        agents: { aadhaar: string; user_code: string; customer_id: string; latlong: string }[]
      }
    }
    const agent = fixtures.eko.agents[0]!

    // Failures on purpose: a bad secret-key, a stale timestamp, an expired Surepass token, a wrong
    // OTP, an Aadhaar that is not the agent's, a forced scenario, a malformed body.
    const nowMs = ((await (await fetch(`${server.url}/__sim/clock`)).json()) as { now_ms: number })
      .now_ms
    const headers = await ekoHeaders(EKO_UAT_CREDENTIALS, nowMs)
    const strangerAadhaar = encryptAadhaarForTest('999941057058')
    const send = (h: Record<string, string>, body: unknown) =>
      fetch(`${server.url}/ekoapi/v3/user/collection/aeps-fingpay/kyc/otp`, {
        method: 'POST',
        headers: h,
        body: JSON.stringify(body),
      })
    const who = {
      initiator_id: EKO_UAT_CREDENTIALS.initiator_id,
      user_code: agent.user_code,
      customer_id: agent.customer_id,
      latlong: agent.latlong,
    }
    await send(
      { ...headers, 'secret-key': `${'A'.repeat(43)}=` },
      { ...who, aadhar: strangerAadhaar },
    )
    await send(
      { ...headers, 'secret-key-timestamp': String(nowMs - 3_600_000) },
      { ...who, aadhar: strangerAadhaar },
    )
    await send(headers, { ...who, aadhar: strangerAadhaar })
    await send(
      { ...headers, 'x-fintwin-scenario': 'agent_not_allowed' },
      { ...who, aadhar: encryptAadhaarForTest(agent.aadhaar) },
    )
    const surepass = (token: string, path: string, body: string) =>
      fetch(`${server.url}/api/v1/${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
      })
    await surepass(
      SUREPASS_EXPIRED_TOKEN,
      'ckyc/search',
      '{"document_type":"PAN","id_number":"ABCDE1234F"}',
    )
    await surepass(
      SUREPASS_FIXTURE_TOKEN,
      'ckyc-v2/download',
      '{"client_id":"ckyc_download_abc","otp":"482913"}',
    )
    await surepass(
      SUREPASS_FIXTURE_TOKEN,
      'ckyc/search',
      '{"document_type":"PAN","id_number":"482913',
    )

    const otps = (
      (await (await fetch(`${server.url}/__sim/otps?limit=1000`)).json()) as {
        otps: { otp: string }[]
      }
    ).otps.map((o) => o.otp)
    expect(otps.length).toBeGreaterThan(0)
    const secrets = new Map<string, string>([
      ['surepass token', SUREPASS_FIXTURE_TOKEN],
      ['expired surepass token', SUREPASS_EXPIRED_TOKEN],
      ['eko access key', EKO_UAT_CREDENTIALS.access_key],
      ['eko secret-key', headers['secret-key']!],
      [
        'eko secret-key (now)',
        await computeSecretKey(EKO_UAT_CREDENTIALS.access_key, String(nowMs)),
      ],
      ['stranger aadhaar ciphertext', strangerAadhaar],
      ['stranger aadhaar', '999941057058'],
      ...fixtures.eko.agents.map(
        (a) => [`aadhaar of ${a.user_code}`, a.aadhaar] as [string, string],
      ),
      ...otps.map((otp, i) => [`otp #${i}`, otp] as [string, string]),
    ])

    const journalText = await (await fetch(`${server.url}/__sim/journal?limit=1000`)).text()
    expect(JSON.parse(journalText).entries.length).toBeGreaterThan(10)
    const logText = [...infos, ...errors].join('\n')
    expect(infos.length).toBeGreaterThan(10)
    for (const [name, secret] of secrets) {
      const pattern = new RegExp(
        `(?<![0-9A-Za-z])${secret.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?![0-9A-Za-z])`,
      )
      expect(pattern.test(journalText), `${name} in the journal`).toBe(false)
      expect(pattern.test(logText), `${name} in the log`).toBe(false)
    }
    expect(errors).toEqual([])
  })
})
