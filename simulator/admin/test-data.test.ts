import { describe, expect, it } from 'vitest'
import { createSimulator } from '../create-simulator.js'
import {
  adminRequest,
  bodyOf,
  downloadRequest,
  generateOtpRequest,
  searchRequest,
} from '../../test/support/sim-requests.js'
import { callEko, sendOtpBody } from '../../test/support/eko-requests.js'

const newSim = (config = {}) =>
  createSimulator({ seed: 'mine', config: { onContractViolation: 'throw', ...config } })
const post = (sim: ReturnType<typeof newSim>, route: string, body: unknown) =>
  sim.handle(adminRequest('POST', route, { body }))

const ASHA = {
  label: 'asha_qa',
  first_name: 'Asha',
  last_name: 'Verma',
  gender: 'FEMALE',
  dob: '1991-04-12',
  pan: 'ABCPV1234K',
  aadhaar_number: '234567890124',
  mobile_number: '9876501234',
}
const AGENT = {
  label: 'shop_42',
  customer_id: '9123400042',
  aadhaar: '234567890124',
  pan_number: 'ABCPV1234K',
}

describe('POST /__sim/personas', () => {
  it('adds a person the CKYC flow finds, listed in /__sim/fixtures with what it triggers', async () => {
    const sim = newSim()
    const added = await post(sim, 'personas', ASHA)
    expect(added.status, JSON.stringify(added.body)).toBe(201)
    expect(bodyOf(added)).toMatchObject({
      label: 'asha_qa',
      document_type: 'PAN',
      id_number: 'ABCPV1234K',
      full_name: 'MS ASHA VERMA',
      custom: true,
    })
    const listed = sim.fixtures().surepass.ckyc.find((p) => p.label === 'asha_qa')
    expect(listed?.note).toMatch(/generate-otp/)
    const search = await sim.handle(
      searchRequest({ document_type: 'PAN', id_number: 'ABCPV1234K' }),
    )
    expect(search.status).toBe(200)
    const generated = await sim.handle(
      generateOtpRequest({
        client_id: bodyOf(search).data.client_id,
        mobile_number: ASHA.mobile_number,
      }),
    )
    const downloadId = bodyOf(generated).data.client_id as string
    const otp = sim.otps({ ref: downloadId })[0]!.otp
    const download = await sim.handle(downloadRequest({ client_id: downloadId, otp }))
    expect(
      bodyOf(download).data.ckyc_download_data.personal_identifiable_data.personal_details,
    ).toMatchObject({
      first_name: 'ASHA',
      last_name: 'VERMA',
      dob: '1991-04-12',
      pan: 'ABCPV1234K',
    })
  })

  it('a bad document → 400 naming each bad field, and nothing is added', async () => {
    const sim = newSim()
    const before = sim.fixtures().surepass.ckyc.length
    const response = await post(sim, 'personas', {
      ...ASHA,
      pan: 'nope',
      dob: 'yesterday',
      mobile_number: '12',
      colour: 'red',
      first_name: undefined,
    })
    expect(response.status).toBe(400)
    const paths = bodyOf(response).fields.map((f: { path: string }) => f.path)
    expect(paths).toEqual(
      expect.arrayContaining(['/pan', '/dob', '/mobile_number', '/colour', '/first_name']),
    )
    expect(bodyOf(response).error).toBe('invalid_persona')
    // CKYC's own rules: a PAN not of the surname, an Aadhaar failing its check digit.
    const wrongSurname = await post(sim, 'personas', { ...ASHA, pan: 'ABCPK1234K' })
    expect(bodyOf(wrongSurname).fields[0].path).toBe('/pan')
    const badAadhaar = await post(sim, 'personas', { ...ASHA, aadhaar_number: '234567890123' })
    expect(bodyOf(badAadhaar).fields[0].path).toBe('/aadhaar_number')
    await post(sim, 'personas', ASHA)
    const twice = await post(sim, 'personas', ASHA)
    expect(bodyOf(twice).fields.map((f: { path: string }) => f.path)).toEqual(['/label', '/pan'])
    expect(sim.fixtures().surepass.ckyc.length).toBe(before + 1)
  })

  it('GET /__sim/personas?… filters the registry through @mswjs/data', async () => {
    const sim = newSim()
    await post(sim, 'personas', ASHA)
    const query = async (q: Record<string, string>) =>
      bodyOf(await sim.handle(adminRequest('GET', 'personas', { query: q })))
    expect(
      (await query({ custom: 'true' })).personas.map((p: { label: string }) => p.label),
    ).toEqual(['asha_qa'])
    expect((await query({ full_name: 'asha' })).personas).toHaveLength(1)
    expect((await query({ label: 'happy' })).personas[0].label).toBe('happy')
    expect((await query({})).personas.length).toBe(sim.fixtures().surepass.ckyc.length)
    const bad = await sim.handle(adminRequest('GET', 'personas', { query: { shoe: '9' } }))
    expect(bad.status).toBe(400)
    expect(bodyOf(bad).fields[0].path).toBe('/query/shoe')
  })

  it('--fixtures documents are seeded: there from the start, and a reset keeps them', async () => {
    const sim = newSim({ fixtures: { personas: [ASHA], agents: [AGENT] } })
    await post(sim, 'personas', { ...ASHA, label: 'other_one', pan: 'ABCPV4321K' })
    sim.reset()
    const labels = sim.fixtures().surepass.ckyc.map((p) => p.label)
    expect(labels).toContain('asha_qa')
    expect(labels).not.toContain('other_one')
    expect(sim.fixtures().eko.agents.map((a) => a.label)).toContain('shop_42')
  })
})

describe('POST /__sim/agents', () => {
  it('adds an agent Eko serves (an 8-digit user_code drawn), listed with what it triggers', async () => {
    const sim = newSim()
    const added = await post(sim, 'agents', AGENT)
    expect(added.status, JSON.stringify(added.body)).toBe(201)
    const agent = bodyOf(added)
    expect(agent.user_code).toMatch(/^[0-9]{8}$/)
    expect(agent.note).toMatch(/eKYC pending/)
    const sent = await callEko(
      sim,
      'sendOtp',
      sendOtpBody({ ...agent, latlong: '28.6139,77.2090' } as never),
    )
    expect(sent.body.status).toBe(0)
  })

  it('a bad or clashing agent → 400 naming the fields, nothing added', async () => {
    const sim = newSim()
    const count = sim.stats().agents
    const bad = await post(sim, 'agents', { ...AGENT, aeps_status: 'on', user_code: '12' })
    expect(
      bodyOf(bad)
        .fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['/aeps_status', '/user_code'])
    await post(sim, 'agents', AGENT)
    const clash = await post(sim, 'agents', { ...AGENT, label: 'shop_43' })
    expect(bodyOf(clash).fields.map((f: { path: string }) => f.path)).toEqual([
      '/pan_number',
      '/customer_id',
    ])
    expect(sim.stats().agents).toBe(count + 1)
  })
})

describe('GET /__sim/schemas', () => {
  it('serves the published schemas', async () => {
    const sim = newSim()
    const list = bodyOf(await sim.handle(adminRequest('GET', 'schemas')))
    expect(list.schemas).toEqual(['/__sim/schemas/persona.json', '/__sim/schemas/agent.json'])
    const persona = bodyOf(await sim.handle(adminRequest('GET', 'schemas/persona.json')))
    expect(persona.required).toContain('pan')
    expect((await sim.handle(adminRequest('GET', 'schemas/nope.json'))).status).toBe(404)
  })
})
