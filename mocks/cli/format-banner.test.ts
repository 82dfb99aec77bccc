import { describe, expect, it } from 'vitest'
import { createSimulator } from '../../simulator/create-simulator.js'
import { formatBanner } from './format-banner.js'

describe('formatBanner', () => {
  const simulator = createSimulator({ seed: 'banner' })
  const banner = formatBanner({
    url: 'http://127.0.0.1:4010',
    version: '9.9.9',
    seed: 'banner',
    ekoSkewMs: 300_000,
    fixtures: simulator.fixtures(),
  })
  const fixtures = simulator.fixtures() as {
    surepass: { token: string; ckyc: { label: string; id_number: string }[] }
  }

  it('starts with the URL in the form scripts parse', () => {
    expect(banner.split('\n')[0]).toBe(
      'fintwin 9.9.9 listening on http://127.0.0.1:4010  (seed "banner")',
    )
  })

  it('shows the Surepass token and a search of the happy persona', () => {
    const happy = fixtures.surepass.ckyc.find((p) => p.label === 'happy')!
    expect(banner).toContain(`Authorization: Bearer ${fixtures.surepass.token}`)
    expect(banner).toContain(`"id_number":"${happy.id_number}"`)
  })

  it('shows the Eko credentials, the skew window and the signing one-liner', () => {
    expect(banner).toContain('developer_key  becbbce45f79c6f5109f848acd540567')
    expect(banner).toContain('access_key     d2fe1d99-6298-4af2-8cc5-d97dcf46df30')
    expect(banner).toContain('initiator_id   9962981729')
    expect(banner).toContain('within 300 s')
    expect(banner).toContain(
      `ts=$(date +%s%3N); key=$(printf %s "$ACCESS_KEY" | base64 -w0); sig=$(printf %s "$ts" | openssl dgst -sha256 -hmac "$key" -binary | base64)`,
    )
    expect(banner).toContain('http://127.0.0.1:4010/ekoapi/v3/user/network/eps-agent')
  })

  it('onboards with a mobile no fixture agent has, so the pasted curl succeeds', async () => {
    const body = JSON.parse(/-d '(\{"initiator_id".*\})'/.exec(banner)![1]!) as Record<
      string,
      unknown
    >
    const agents = (simulator.fixtures() as { eko: { agents: { customer_id: string }[] } }).eko
      .agents
    expect(agents.map((a) => a.customer_id)).not.toContain(body.mobile)
    expect(body.initiator_id).toBe('9962981729')
  })

  it('points at the admin API', () => {
    expect(banner).toContain('curl -s http://127.0.0.1:4010/__sim/health')
    expect(banner).toContain('curl -s http://127.0.0.1:4010/__sim/otps')
  })

  it('names the QA console and the Postman collection', () => {
    expect(banner.split('\n')[2]).toMatch(/^QA console {2}http:\/\/127\.0\.0\.1:4010\/__sim\/ui /)
    expect(banner).toContain('http://127.0.0.1:4010/__sim/postman.json')
  })
})
