/** The admin routes the QA console and its tools stand on: ui, `/`, catalogue, preset curl, Postman. */
import { readFile } from 'node:fs/promises'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { operations } from '../../contracts/index.js'
import { adminRequest, bodyOf } from '../../test/support/sim-requests.js'
import { CONSOLE_PAGE } from './console/console-page.js'
import { createSimulator } from '../index.js'

const newSim = (adminToken?: string) =>
  createSimulator({ config: { onContractViolation: 'throw', adminToken } })

describe('the console page', () => {
  const bytes = Buffer.byteLength(CONSOLE_PAGE)
  const gzipped = gzipSync(CONSOLE_PAGE).length

  it('stays small: under 64 KB, 16 KB gzipped', () => {
    expect(bytes).toBeLessThan(64_000)
    expect(gzipped).toBeLessThan(16_000)
  })

  it('names no other origin: every URL it uses is relative to the page', () => {
    expect(CONSOLE_PAGE).not.toMatch(/\b(?:https?:|wss?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/i)
    expect(CONSOLE_PAGE).not.toMatch(/<(?:script|link|img|iframe)[^>]+(?:src|href)="(?!data:)/i)
  })

  it('has its size in the README, to within 15%', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8')
    const said =
      /QA\s+console\s+is\s+one\s+page[^.]*?about\s+(\d+)\s+KB\s+\((\d+)\s+KB\s+gzipped\)/.exec(
        readme,
      )
    expect(said, 'README: "…about N KB (M KB gzipped)…"').not.toBeNull()
    expect(Math.abs(Number(said![1]) * 1000 - bytes) / bytes).toBeLessThan(0.15)
    expect(Math.abs(Number(said![2]) * 1000 - gzipped) / gzipped).toBeLessThan(0.15)
  })
})

describe('GET /__sim/ui and GET /', () => {
  it('serves the console page as HTML', async () => {
    const res = await newSim().handle(adminRequest('GET', 'ui'))
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(res.body).toBe(CONSOLE_PAGE)
  })

  it('serves the page without the admin token (it holds no state); its API calls still need it', async () => {
    const sim = newSim('sekret')
    expect((await sim.handle(adminRequest('GET', 'ui'))).status).toBe(200)
    expect((await sim.handle(adminRequest('GET', 'catalogue'))).status).toBe(401)
  })

  it('redirects / to the console, under the prefix the door mounted the simulator at', async () => {
    const sim = newSim()
    const root = await sim.handle({
      method: 'GET',
      path: '/',
      query: {},
      headers: {},
      body: undefined,
    })
    expect(root.status).toBe(302)
    expect(root.headers.location).toBe('/__sim/ui')
    const mounted = await sim.handle({
      method: 'GET',
      path: '/',
      query: {},
      headers: {},
      body: undefined,
      basePath: '/sbx/team-a',
    })
    expect(mounted.headers.location).toBe('/sbx/team-a/__sim/ui')
    const post = await sim.handle({ method: 'POST', path: '/', query: {}, headers: {}, body: {} })
    expect(post.status).toBe(405)
    expect(bodyOf(post)).toMatchObject({ error: 'method_not_allowed' })
  })
})

describe('GET /__sim/catalogue', () => {
  it('lists every operation with every case, its provenance and trigger, from the contracts', async () => {
    const res = await newSim().handle(adminRequest('GET', 'catalogue'))
    expect(res.status).toBe(200)
    const catalogue = bodyOf(res)
    expect(catalogue.operations.map((op: { id: string }) => op.id).sort()).toEqual(
      [...operations.keys()].sort(),
    )
    for (const op of catalogue.operations) {
      const contract = operations.get(op.id)!
      expect(op.cases.map((c: { case: string }) => c.case)).toEqual([...contract.cases.keys()])
      expect(op.path).toBe(contract.paths[0])
      expect(op.fields.length).toBeGreaterThan(0)
    }
    const generateOtp = catalogue.operations.find(
      (op: { id: string }) => op.id === 'surepass.ckycV2.generateOtp',
    )
    expect(
      generateOtp.cases.find((c: { case: string }) => c.case === 'mobile_not_registered'),
    ).toMatchObject({
      status: 422,
      provenance: expect.any(String),
      trigger: expect.stringContaining('mobile_unregistered'),
    })
    expect(catalogue.faults).toContain('timeout')
    expect(catalogue.scenario_header).toBe('x-fintwin-scenario')
  })
})

describe('POST /__sim/presets/:name?format=curl', () => {
  it('answers the curl line as plain text, unescaped, on the base URL of the request', async () => {
    const sim = newSim()
    const res = await sim.handle({
      ...adminRequest('POST', 'presets/eko-otp-sent', { query: { format: 'curl' } }),
      headers: { host: 'qa.example:4010' },
      basePath: '/sbx/a1',
    })
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/plain/)
    const line = res.body as string
    expect(line).toContain(
      "curl -s -X POST 'http://qa.example:4010/sbx/a1/__sim/eko/sign?format=headers' | curl -s -X PUT 'http://qa.example:4010/sbx/a1/ekoapi/v3/",
    )
    expect(line).not.toContain('openssl')
    expect(line).not.toContain('\\"')
  })

  it('does not echo a Host that is not a host and port into the shell line', async () => {
    const res = await newSim().handle({
      ...adminRequest('POST', 'presets/ckyc-otp-sent', { query: { format: 'curl' } }),
      headers: { host: "x'; rm -rf ~; '" },
    })
    expect(res.body).toContain("'http://127.0.0.1:4010/api/v1/ckyc-v2/download'")
  })

  it('refuses an unknown format', async () => {
    const res = await newSim().handle(
      adminRequest('POST', 'presets/ckyc-otp-sent', { query: { format: 'yaml' } }),
    )
    expect(res.status).toBe(400)
  })
})

describe('GET /__sim/postman.json', () => {
  it('is a Postman v2.1 collection whose base URL is the server (and prefix) that served it', async () => {
    const res = await newSim().handle({
      ...adminRequest('GET', 'postman.json'),
      headers: { host: '127.0.0.1:4999', 'x-forwarded-proto': 'https' },
      basePath: '/sbx/x',
    })
    expect(res.status).toBe(200)
    const collection = bodyOf(res)
    expect(collection.info.schema).toBe(
      'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
    )
    const variables = Object.fromEntries(
      collection.variable.map((v: { key: string; value: string }) => [v.key, v.value]),
    )
    expect(variables.baseUrl).toBe('https://127.0.0.1:4999/sbx/x')
    expect(variables.ekoDeveloperKey).toBe('becbbce45f79c6f5109f848acd540567')
    const requests = collection.item.flatMap((folder: { item: { name: string; request: any }[] }) =>
      folder.item.map((item) => item.request),
    )
    // A request's URL is the operation's path, its `{name}`s filled (variables or examples).
    const servesTemplate = (raw: string, template: string): boolean => {
      const sent = raw.replace('{{baseUrl}}', '').split('?')[0]!.split('/')
      const wanted = template.split('/')
      return (
        sent.length === wanted.length &&
        wanted.every((segment, i) => {
          const [before, after] = segment.split(/\{[^}]+\}/)
          const part = sent[i]!
          if (after === undefined) return part === segment
          return (
            part.length > before!.length + after.length &&
            part.startsWith(before!) &&
            part.endsWith(after)
          )
        })
      )
    }
    for (const op of operations.values()) {
      expect(
        requests.some(
          (r: any) => r.method === op.method && servesTemplate(r.url.raw, op.paths[0]!),
        ),
        op.id,
      ).toBe(true)
    }
    const script = collection.event[0].script.exec.join('\n')
    expect(script).toContain("'/__sim/eko/' + route")
    expect(() => new Function('pm', script)).not.toThrow()
  })
})
