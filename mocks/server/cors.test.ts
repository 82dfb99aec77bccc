import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSimulator } from '../../simulator/index.js'
import { nodePlatform } from '../node-platform.js'
import { createCorsPolicy, type CorsOptions, isOrigin } from './cors.js'
import { startServer, type RunningServer } from './start-server.js'

const EKO_SEND_OTP = '/ekoapi/v3/user/collection/aeps-fingpay/kyc/otp'
const APP = 'http://localhost:5173'

/** One server per CORS setting, as `fintwin serve [--cors | --cors-origin …]` starts it. */
function serverWith(cors: CorsOptions | undefined) {
  let server: RunningServer
  beforeAll(async () => {
    const simulator = createSimulator({
      config: { onContractViolation: 'flag' },
      platform: nodePlatform(),
    })
    server = await startServer({ simulator, quiet: true, ...(cors ? { cors } : {}) })
  })
  afterAll(() => server.close())
  return {
    url: () => server.url,
    preflight: (path: string, origin: string, extra: Record<string, string> = {}) =>
      fetch(`${server.url}${path}`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers':
            'developer_key, secret-key, secret-key-timestamp, content-type, x-fintwin-scenario',
          ...extra,
        },
      }),
    /** An unsigned Eko call: a 403 carrying `x-fintwin-auth-error`, the header a page wants to read. */
    unsignedEko: (origin: string) =>
      fetch(`${server.url}${EKO_SEND_OTP}`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json' },
        body: '{}',
      }),
  }
}

describe('CORS off (the default, like the providers)', () => {
  const door = serverWith(undefined)

  it('answers a preflight as the provider would: 405, no Access-Control-* header', async () => {
    const res = await door.preflight(EKO_SEND_OTP, APP)
    expect(res.status).toBe(405)
    expect([...res.headers.keys()].filter((h) => h.startsWith('access-control-'))).toEqual([])
  })

  it('adds nothing to an actual response', async () => {
    const res = await door.unsignedEko(APP)
    expect(res.status).toBe(403)
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('CORS for any origin (--cors)', () => {
  const door = serverWith({ origins: '*' })

  it('grants a preflight the method and the headers it asks for', async () => {
    const res = await door.preflight(EKO_SEND_OTP, APP)
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(res.headers.get('access-control-allow-methods')).toBe('POST')
    expect(res.headers.get('access-control-allow-headers')).toBe(
      'developer_key, secret-key, secret-key-timestamp, content-type, x-fintwin-scenario',
    )
    expect(res.headers.get('access-control-max-age')).toBe('600')
    expect(await res.text()).toBe('')
  })

  it('answers the admin API too', async () => {
    const res = await door.preflight('/__sim/clock', 'https://qa.example.com')
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
  })

  it("grants Chrome's private-network preflight (a public page calling a loopback fintwin)", async () => {
    const res = await door.preflight(EKO_SEND_OTP, 'https://app.example.com', {
      'access-control-request-private-network': 'true',
    })
    expect(res.headers.get('access-control-allow-private-network')).toBe('true')
  })

  it('exposes the x-fintwin-* headers of an actual response', async () => {
    const res = await door.unsignedEko(APP)
    expect(res.status).toBe(403)
    expect(res.headers.get('x-fintwin-auth-error')).toBeTruthy()
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    const exposed = res.headers.get('access-control-expose-headers')?.split(', ') ?? []
    expect(exposed).toContain('x-fintwin-auth-error')
    expect(exposed).not.toContain('content-type')
  })

  it('leaves a request without Origin (curl, a server) as it was', async () => {
    const res = await fetch(`${door.url()}${EKO_SEND_OTP}`, { method: 'POST', body: '{}' })
    expect(res.status).toBe(403)
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('CORS for named origins (--cors-origin)', () => {
  const door = serverWith({ origins: [APP] })

  it('echoes an allowed origin, with Vary: Origin', async () => {
    const res = await door.preflight(EKO_SEND_OTP, APP)
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe(APP)
    expect(res.headers.get('vary')).toMatch(/Origin/)
    const actual = await door.unsignedEko(APP)
    expect(actual.headers.get('access-control-allow-origin')).toBe(APP)
    expect(actual.headers.get('vary')).toBe('Origin')
  })

  it('refuses the preflight of another origin with 403 naming it; grants it nothing', async () => {
    const res = await door.preflight(EKO_SEND_OTP, 'http://evil.example')
    expect(res.status).toBe(403)
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
    expect(await res.json()).toEqual({
      error: 'cors_origin_not_allowed',
      field: 'origin',
      origin: 'http://evil.example',
      allowed: [APP],
    })
    const actual = await door.unsignedEko('http://evil.example')
    expect(actual.status).toBe(403)
    expect(actual.headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('origins', () => {
  it.each([
    ['http://localhost:5173', true],
    ['https://app.example.com', true],
    ['http://localhost:5173/', false],
    ['localhost:5173', false],
    ['file:///index.html', false],
  ])('%s is an origin: %s', (text, expected) => {
    expect(isOrigin(text)).toBe(expected)
  })

  it('a policy refuses a list entry that is not an origin', () => {
    expect(() => createCorsPolicy({ origins: ['http://a.test/path'] })).toThrow(/not an origin/)
  })
})
