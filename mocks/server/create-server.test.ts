import { request as httpRequest, Agent } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import type { Simulator } from '../../simulator/create-simulator.js'
import type { SimRequest, SimResponse } from '../../simulator/sim-types.js'
import type { Logger } from './access-log.js'
import { startServer, type RunningServer } from './start-server.js'

/** A simulator reduced to `handle`: the only thing the server door calls on the hot path. */
function stubSimulator(
  handle: (request: SimRequest) => SimResponse | Promise<SimResponse>,
): Simulator {
  return { handle: async (request: SimRequest) => handle(request) } as unknown as Simulator
}

const ok = (body: unknown = { ok: true }): SimResponse => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body,
})

function collectingLogger(): Logger & { lines: string[]; errors: string[] } {
  const lines: string[] = []
  const errors: string[] = []
  return {
    lines,
    errors,
    info: (line) => void lines.push(line),
    error: (line) => void errors.push(line),
  }
}

const servers: RunningServer[] = []
async function serve(
  handle: Parameters<typeof stubSimulator>[0],
  options: { logger?: Logger; bodyLimit?: number; closeTimeoutMs?: number } = {},
) {
  const server = await startServer({
    simulator: stubSimulator(handle),
    logger: options.logger ?? collectingLogger(),
    bodyLimit: options.bodyLimit,
    closeTimeoutMs: options.closeTimeoutMs,
  })
  servers.push(server)
  return server
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

describe('the dispatcher', () => {
  it('hands the simulator a plain SimRequest: method, path, query, lower-case headers, parsed body', async () => {
    let seen: SimRequest | undefined
    const server = await serve((request) => {
      seen = request
      return ok()
    })
    await fetch(`${server.url}/api/v1/x?a=1&b=two&a=3`, {
      method: 'POST',
      headers: { 'X-Custom': 'Yes', 'content-type': 'application/json' },
      body: '{"k":[1,2]}',
    })
    expect(seen).toMatchObject({
      method: 'POST',
      path: '/api/v1/x',
      query: { a: '3', b: 'two' },
      body: { k: [1, 2] },
    })
    expect(seen!.headers['x-custom']).toBe('Yes')
    expect(seen!.bodyError).toBeUndefined()
  })

  it('parses form bodies and reports unreadable ones as bodyError', async () => {
    const seen: SimRequest[] = []
    const server = await serve((request) => {
      seen.push(request)
      return ok()
    })
    await fetch(`${server.url}/f`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=1&b=x+y',
    })
    await fetch(`${server.url}/m`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    })
    await fetch(`${server.url}/u`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: '<a/>',
    })
    await fetch(`${server.url}/e`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    })
    expect(seen.map((r) => [r.path, r.body, r.bodyError])).toEqual([
      ['/f', { a: '1', b: 'x y' }, undefined],
      ['/m', undefined, 'malformed'],
      ['/u', undefined, 'unsupported_media_type'],
      ['/e', undefined, undefined],
    ])
  })

  it('copies status, headers and JSON body onto the response', async () => {
    const server = await serve(() => ({
      status: 418,
      headers: { 'content-type': 'application/json', 'x-fintwin-contract-violation': '[]' },
      body: { teapot: true },
    }))
    const response = await fetch(`${server.url}/t`)
    expect(response.status).toBe(418)
    expect(response.headers.get('x-fintwin-contract-violation')).toBe('[]')
    expect(await response.json()).toEqual({ teapot: true })
  })

  it('writes one access-log line per request', async () => {
    const logger = collectingLogger()
    const server = await serve(() => ok(), { logger })
    await fetch(`${server.url}/__sim/health?secret=1`)
    expect(logger.lines).toHaveLength(1)
    expect(logger.lines[0]).toMatch(/^GET \/__sim\/health 200 [0-9]+\.[0-9]ms$/)
  })

  it('turns any throw into a JSON 500 and keeps serving', async () => {
    const logger = collectingLogger()
    let calls = 0
    const server = await serve(
      () => {
        if (++calls === 1) throw new Error('boom')
        return ok()
      },
      { logger },
    )
    const failed = await fetch(`${server.url}/x`)
    expect(failed.status).toBe(500)
    expect(failed.headers.get('content-type')).toMatch(/application\/json/)
    expect(await failed.json()).toEqual({ error: 'internal_error' })
    expect(logger.errors[0]).toContain('boom')
    expect((await fetch(`${server.url}/x`)).status).toBe(200)
  })

  it('a body that cannot be serialised is a JSON 500 too', async () => {
    const server = await serve(() => ok({ n: 1n }))
    const response = await fetch(`${server.url}/x`)
    expect(response.status).toBe(500)
    expect(await response.json()).toEqual({ error: 'internal_error' })
  })
})

describe('body limit', () => {
  it('passes too_large without reading past the limit, then closes the connection', async () => {
    const seen: SimRequest[] = []
    const server = await serve(
      (request) => {
        seen.push(request)
        return { status: 413, headers: { 'content-type': 'application/json' }, body: { big: true } }
      },
      { bodyLimit: 1000 },
    )
    const response = await fetch(`${server.url}/x`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(1001),
    })
    expect(response.status).toBe(413)
    expect(response.headers.get('connection')).toBe('close')
    expect(seen[0]).toMatchObject({ bodyError: 'too_large', body: undefined })
    const atLimit = await fetch(`${server.url}/x`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify('x'.repeat(998)),
    })
    expect(atLimit.status).toBe(413)
    expect(seen[1]!.bodyError).toBeUndefined()
  })
})

describe('faults', () => {
  it('delayMs delays the answer', async () => {
    const server = await serve(() => ({ ...ok(), delayMs: 120 }))
    const started = performance.now()
    expect((await fetch(`${server.url}/x`)).status).toBe(200)
    expect(performance.now() - started).toBeGreaterThanOrEqual(110)
  })

  it('drop destroys the socket at once', async () => {
    const logger = collectingLogger()
    const server = await serve(
      () => ({ status: 0, headers: {}, body: null, fault: { kind: 'drop' } }),
      { logger },
    )
    await expect(fetch(`${server.url}/x`)).rejects.toThrow()
    expect(logger.lines[0]).toMatch(/^GET \/x drop /)
  })

  it('timeout holds the connection, then destroys it', async () => {
    const server = await serve(() => ({
      status: 0,
      headers: {},
      body: null,
      fault: { kind: 'timeout', holdMs: 150 },
    }))
    const started = performance.now()
    await expect(fetch(`${server.url}/x`)).rejects.toThrow()
    expect(performance.now() - started).toBeGreaterThanOrEqual(140)
  })
})

describe('graceful close', () => {
  it('finishes an in-flight request, then closes', async () => {
    const server = await serve(() => ({ ...ok({ late: true }), delayMs: 200 }))
    const inFlight = fetch(`${server.url}/x`)
    await new Promise((resolve) => setTimeout(resolve, 50))
    const closed = server.close()
    const response = await inFlight
    expect(response.status).toBe(200)
    expect(response.headers.get('connection')).toBe('close')
    expect(await response.json()).toEqual({ late: true })
    await closed
    await expect(fetch(`${server.url}/x`)).rejects.toThrow()
  })

  it('closes idle keep-alive connections instead of waiting for them', async () => {
    const server = await serve(() => ok())
    const agent = new Agent({ keepAlive: true })
    await new Promise<void>((resolve, reject) => {
      httpRequest(`${server.url}/x`, { agent }, (res) => {
        res.resume()
        res.on('end', resolve)
      })
        .on('error', reject)
        .end()
    })
    const started = performance.now()
    await server.close()
    expect(performance.now() - started).toBeLessThan(1000)
    agent.destroy()
  })

  it('cuts held timeout faults short', async () => {
    const server = await serve(() => ({
      status: 0,
      headers: {},
      body: null,
      fault: { kind: 'timeout', holdMs: 60_000 },
    }))
    const held = fetch(`${server.url}/x`).catch((error: unknown) => error)
    await new Promise((resolve) => setTimeout(resolve, 50))
    const started = performance.now()
    await server.close()
    expect(performance.now() - started).toBeLessThan(1000)
    expect(await held).toBeInstanceOf(Error)
  })

  it('is idempotent', async () => {
    const server = await serve(() => ok())
    await Promise.all([server.close(), server.close()])
    await server.close()
  })
})

describe('startServer', () => {
  it('listens on a free port by default and reports its URL', async () => {
    const server = await serve(() => ok())
    expect(server.port).toBeGreaterThan(0)
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`)
  })

  it('rejects with EADDRINUSE when the port is taken', async () => {
    const first = await serve(() => ok())
    await expect(
      startServer({ simulator: stubSimulator(() => ok()), port: first.port, quiet: true }),
    ).rejects.toMatchObject({ code: 'EADDRINUSE' })
  })
})
