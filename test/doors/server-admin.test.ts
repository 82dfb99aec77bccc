import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../mocks/index.js'
import { createSimulator } from '../../simulator/create-simulator.js'
import { requestJson } from '../support/http-json.js'
import { persona, type SimFixtures } from '../support/sim-fixtures.js'

let server: RunningServer
let base: string
let fixtures: SimFixtures

beforeAll(async () => {
  server = await startServer({
    simulator: createSimulator({ seed: 'admin', config: { onContractViolation: 'flag' } }),
    quiet: true,
  })
  base = `${server.url}/__sim`
  fixtures = (await requestJson<SimFixtures>(`${base}/fixtures`)).body
})
afterAll(() => server.close())
beforeEach(async () => {
  await requestJson(`${base}/reset`, { method: 'POST' })
})

const auth = () => ({ authorization: `Bearer ${fixtures.surepass.token}` })
const search = (label = 'happy') => {
  const p = persona(fixtures, label)
  return requestJson(`${server.url}/api/v1/ckyc/search`, {
    headers: auth(),
    body: { id_number: p.id_number, document_type: p.document_type },
  })
}
const generateOtp = async () => {
  const found = await search()
  const happy = persona(fixtures, 'happy')
  return requestJson(`${server.url}/api/v1/ckyc-v2/generate-otp`, {
    headers: auth(),
    body: { client_id: found.body.data.client_id, mobile_number: happy.mobile_number },
  })
}

describe('GET /__sim/health', () => {
  it('says ok with name and version', async () => {
    const response = await requestJson(`${base}/health`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/application\/json/)
    expect(response.body).toMatchObject({
      status: 'ok',
      name: 'fintwin',
      version: expect.any(String),
      seed: 'admin',
    })
  })
})

describe('GET /__sim/fixtures', () => {
  it('has the documented shape and required labels', () => {
    expect(fixtures.surepass).toMatchObject({
      token: expect.any(String),
      expired_token: expect.any(String),
    })
    expect(fixtures.surepass.ckyc.map((p) => p.label)).toEqual(
      expect.arrayContaining(['happy', 'no_mobile', 'mobile_unregistered', 'not_found']),
    )
    expect(persona(fixtures, 'no_mobile').mobile_number).toBeNull()
    expect(fixtures.eko).toMatchObject({
      developer_key: 'becbbce45f79c6f5109f848acd540567',
      access_key: 'd2fe1d99-6298-4af2-8cc5-d97dcf46df30',
      initiator_id: '9962981729',
      aadhaar_public_key_pem: expect.stringContaining('BEGIN PUBLIC KEY'),
    })
    expect(fixtures.eko.agents.map((a) => a.label)).toEqual(
      expect.arrayContaining(['ekyc_pending', 'not_activated', 'ekyc_done']),
    )
    for (const a of fixtures.eko.agents) expect(a.aadhaar).toMatch(/^[0-9]{12}$/)
  })
})

describe('POST /__sim/reset', () => {
  it('empties the OTP inbox, journal and scenarios and rewinds the clock', async () => {
    await generateOtp()
    await requestJson(`${base}/scenarios`, {
      body: { operation: 'surepass.ckyc.search', outcome: 'verification_failed' },
    })
    await requestJson(`${base}/clock`, { body: { advance_ms: 86_400_000 } })
    const reset = await requestJson(`${base}/reset`, { method: 'POST' })
    expect(reset.status).toBe(200)
    expect((await requestJson(`${base}/otps`)).body.otps).toEqual([])
    expect((await requestJson(`${base}/journal`)).body.entries).toEqual([])
    expect((await requestJson(`${base}/scenarios`)).body.scenarios).toEqual([])
    expect(Math.abs((await requestJson(`${base}/clock`)).body.offset_ms)).toBeLessThan(5_000)
  })
})

describe('GET /__sim/otps', () => {
  it('lists OTPs newest first, filtered by ref, phone and provider', async () => {
    const first = await generateOtp()
    const ref = first.body.data.client_id
    const happy = persona(fixtures, 'happy')
    const all = await requestJson(`${base}/otps`)
    expect(all.body.otps[0]).toMatchObject({
      provider: 'surepass',
      ref,
      phone: happy.mobile_number,
      otp: expect.stringMatching(/^[0-9]{6}$/),
      status: 'pending',
      attempts_left: 3,
    })
    expect(all.body.otps[0]).toHaveProperty('issued_at')
    expect(all.body.otps[0]).toHaveProperty('expires_at')
    expect((await requestJson(`${base}/otps?ref=${ref}`)).body.otps).toHaveLength(1)
    expect((await requestJson(`${base}/otps?ref=nope`)).body.otps).toEqual([])
    expect(
      (await requestJson(`${base}/otps?phone=${happy.mobile_number}`)).body.otps.length,
    ).toBeGreaterThanOrEqual(1)
    expect(
      (await requestJson(`${base}/otps?provider=surepass`)).body.otps.length,
    ).toBeGreaterThanOrEqual(1)
    expect((await requestJson(`${base}/otps?provider=eko`)).body.otps).toEqual([])
  })

  it('refuses a bad limit with 400', async () => {
    expect((await requestJson(`${base}/otps?limit=zero`)).status).toBe(400)
  })
})

describe('/__sim/clock', () => {
  it('reads the clock', async () => {
    const clock = await requestJson(`${base}/clock`)
    expect(clock.status).toBe(200)
    expect(clock.body).toMatchObject({
      now: expect.any(String),
      now_ms: expect.any(Number),
      offset_ms: expect.any(Number),
      frozen: false,
    })
  })

  it('advances, sets and freezes', async () => {
    const advanced = await requestJson(`${base}/clock`, { body: { advance_ms: 3_600_000 } })
    expect(advanced.status).toBe(200)
    expect(advanced.body.offset_ms).toBeGreaterThan(3_590_000)
    const set = await requestJson(`${base}/clock`, {
      body: { set: '2030-01-02T03:04:05.000Z', freeze: true },
    })
    expect(set.body).toMatchObject({ now: '2030-01-02T03:04:05.000Z', frozen: true })
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect((await requestJson(`${base}/clock`)).body.now).toBe('2030-01-02T03:04:05.000Z')
    const thawed = await requestJson(`${base}/clock`, { body: { freeze: false } })
    expect(thawed.body.frozen).toBe(false)
  })

  it('an expired OTP after advancing the clock is refused by download', async () => {
    const generated = await generateOtp()
    const ref = generated.body.data.client_id
    const otp = (await requestJson(`${base}/otps?ref=${ref}`)).body.otps[0].otp
    await requestJson(`${base}/clock`, { body: { advance_ms: 11 * 60_000 } })
    const download = await requestJson(`${server.url}/api/v1/ckyc-v2/download`, {
      headers: auth(),
      body: { client_id: ref, otp },
    })
    expect(download.body).toMatchObject({ success: false, message_code: 'otp_expired' })
  })

  it.each([
    ['an empty object', {}],
    ['a non-number advance', { advance_ms: 'soon' }],
    ['a bad date', { set: 'not a date' }],
    ['a non-boolean freeze', { freeze: 'yes' }],
  ])('refuses %s with 400', async (_, body) => {
    const response = await requestJson(`${base}/clock`, { body })
    expect(response.status).toBe(400)
    expect(response.body.error).toBe('invalid_body')
  })

  it('refuses malformed JSON with 400', async () => {
    const response = await requestJson(`${base}/clock`, {
      headers: { 'content-type': 'application/json' },
      body: '{"advance_ms":',
    })
    expect(response.status).toBe(400)
  })
})

describe('/__sim/scenarios', () => {
  it('creates, lists, reads and deletes a rule', async () => {
    const created = await requestJson(`${base}/scenarios`, {
      body: { operation: 'surepass.ckyc.search', outcome: 'verification_failed' },
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      id: expect.any(String),
      operation: 'surepass.ckyc.search',
      outcome: 'verification_failed',
      remaining: null,
    })
    const id: string = created.body.id
    expect((await requestJson(`${base}/scenarios`)).body.scenarios).toHaveLength(1)
    expect((await requestJson(`${base}/scenarios/${id}`)).body).toMatchObject({ id })
    expect((await search()).body.message_code).toBe('verification_failed')
    expect((await search()).body.message_code).toBe('verification_failed')
    expect((await requestJson(`${base}/scenarios/${id}`, { method: 'DELETE' })).body).toEqual({
      deleted: id,
    })
    expect((await requestJson(`${base}/scenarios/${id}`)).status).toBe(404)
    expect((await requestJson(`${base}/scenarios/${id}`, { method: 'DELETE' })).status).toBe(404)
    expect((await search()).body.success).toBe(true)
  })

  it('applies a rule `times` times, then lets requests through', async () => {
    await requestJson(`${base}/scenarios`, {
      body: { operation: 'surepass.ckyc.search', outcome: 'verification_failed', times: 2 },
    })
    expect((await search()).body.success).toBe(false)
    expect((await search()).body.success).toBe(false)
    expect((await search()).body.success).toBe(true)
    expect((await requestJson(`${base}/scenarios`)).body.scenarios).toEqual([])
  })

  it('applies a rule only to bodies that `match`', async () => {
    const happy = persona(fixtures, 'happy')
    await requestJson(`${base}/scenarios`, {
      body: {
        operation: 'surepass.ckyc.search',
        outcome: 'verification_failed',
        match: { id_number: happy.id_number },
      },
    })
    expect((await search('happy')).body.message_code).toBe('verification_failed')
    const other = await search('no_mobile')
    expect(other.body.success).toBe(true)
  })

  it('DELETE /__sim/scenarios removes every rule', async () => {
    await requestJson(`${base}/scenarios`, {
      body: { operation: 'surepass.ckyc.search', outcome: 'verification_failed' },
    })
    await requestJson(`${base}/scenarios`, {
      body: { operation: 'surepass.ckycV2.download', outcome: 'invalid_otp' },
    })
    expect((await requestJson(`${base}/scenarios`, { method: 'DELETE' })).body).toEqual({
      deleted: 'all',
    })
    expect((await requestJson(`${base}/scenarios`)).body.scenarios).toEqual([])
  })

  it.each([
    ['an unknown operation', { operation: 'nope', outcome: 'success' }],
    ['an unknown outcome', { operation: 'surepass.ckyc.search', outcome: 'nope' }],
    [
      'a bad times',
      { operation: 'surepass.ckyc.search', outcome: 'verification_failed', times: 0 },
    ],
    [
      'a bad match',
      { operation: 'surepass.ckyc.search', outcome: 'verification_failed', match: 'x' },
    ],
  ])('refuses %s with 400', async (_, body) => {
    const response = await requestJson(`${base}/scenarios`, { body })
    expect(response.status).toBe(400)
    expect(response.body.error).toBe('invalid_scenario')
  })
})

describe('GET /__sim/journal', () => {
  it('lists recent provider requests newest first, up to limit', async () => {
    await search()
    await search('not_found')
    await requestJson(`${server.url}/api/v1/ckyc/search`, { body: {} })
    const journal = await requestJson(`${base}/journal?limit=2`)
    expect(journal.status).toBe(200)
    expect(journal.body.size).toBe(3)
    expect(journal.body.entries).toHaveLength(2)
    expect(journal.body.entries[0]).toMatchObject({
      method: 'POST',
      path: '/api/v1/ckyc/search',
      provider: 'surepass',
      operation: 'surepass.ckyc.search',
      status: 401,
    })
    expect(journal.body.entries[0].contract).toEqual({ ok: true, violations: [] })
    expect((await requestJson(`${base}/journal?limit=-1`)).status).toBe(400)
  })
})

describe('GET /__sim/openapi.json', () => {
  it('is an OpenAPI 3.1 document with the provider paths', async () => {
    const response = await requestJson(`${base}/openapi.json`)
    expect(response.status).toBe(200)
    expect(response.body.openapi).toMatch(/^3\.1/)
    const paths = Object.keys(response.body.paths)
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/ckyc/search']))
    expect(paths.some((p) => p.includes('/user/collection/aeps-fingpay/kyc/otp'))).toBe(true)
  })
})

describe('unknown admin routes', () => {
  it('answer JSON 404 and 405', async () => {
    expect((await requestJson(`${base}/nope`)).status).toBe(404)
    const wrong = await requestJson(`${base}/health`, { method: 'DELETE' })
    expect(wrong.status).toBe(405)
    expect(wrong.body.error).toBe('method_not_allowed')
  })
})
