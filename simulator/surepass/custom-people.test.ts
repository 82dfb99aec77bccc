/**
 * Your own people in the Surepass persona graph: a persona POSTed with its Aadhaar link, PAN link
 * and bank accounts answers Aadhaar OKYC, the three PAN endpoints and bank verification like a
 * seeded one; a reset keeps it and wipes what was built on it; a snapshot carries it.
 */
import { describe, expect, it } from 'vitest'
import { PERSONA_EXAMPLE } from '../../contracts/index.js'
import { adminRequest, bodyOf, surepassRequest } from '../../test/support/sim-requests.js'
import { createSimulator, type Simulator } from '../create-simulator.js'

const newSim = () => createSimulator({ seed: 'people', config: { onContractViolation: 'throw' } })

/** A persona using every field the graph reads. */
const MEERA = {
  label: 'meera_qa',
  first_name: 'Meera',
  last_name: 'Iyer',
  gender: 'FEMALE',
  dob: '1993-07-21',
  pan: 'CDEPI3456M',
  aadhaar_number: '456789012341',
  mobile_number: '9876512345',
  email: 'meera@example.com',
  address_lines: ['Flat 7, Lotus Apts', 'Bandra West', 'Near the station'],
  pan_aadhaar_linked: false,
  bank_accounts: [
    { account_number: '50100011112222', ifsc: 'HDFC0000240', upi_id: 'meera@hdfcbank' },
    { account_number: '30918270000', ifsc: 'SBIN0031073', holder_name: 'M IYER' },
    { account_number: '919010000001111', ifsc: 'UTIB0000009', status: 'account_closed' },
  ],
}

const post = (sim: Simulator, route: string, body: unknown) =>
  sim.handle(adminRequest('POST', route, { body }))
const call = async (sim: Simulator, step: Parameters<typeof surepassRequest>[0], body: object) => {
  const res = await sim.handle(surepassRequest(step, body))
  return { status: res.status, body: bodyOf(res) }
}

describe('a POSTed persona in the Surepass persona graph', () => {
  it('answers Aadhaar OKYC, PAN lite / comprehensive / with details v2 and bank verification', async () => {
    const sim = newSim()
    expect((await post(sim, 'personas', MEERA)).status).toBe(201)

    const generated = await call(sim, 'aadhaarGenerateOtp', { id_number: MEERA.aadhaar_number })
    expect(generated.status).toBe(200)
    const clientId = generated.body.data.client_id as string
    const [otp] = sim.otps({ ref: clientId })
    expect(otp?.phone).toBe(MEERA.mobile_number)
    const record = await call(sim, 'aadhaarSubmitOtp', { client_id: clientId, otp: otp!.otp })
    expect(record.status).toBe(200)
    expect(record.body.data).toMatchObject({
      full_name: 'MEERA IYER',
      dob: '1993-07-21',
      gender: 'F',
      aadhaar_number: 'XXXXXXXX2341',
      address: { house: 'FLAT 7, LOTUS APTS', loc: 'BANDRA WEST', landmark: 'NEAR THE STATION' },
    })

    const lite = await call(sim, 'panLite', { id_number: MEERA.pan })
    expect(lite.body.data).toMatchObject({ pan_number: MEERA.pan, full_name: 'MEERA IYER' })
    const comprehensive = await call(sim, 'panComprehensive', {
      id_number: MEERA.pan,
      get_address: true,
    })
    expect(comprehensive.body.data).toMatchObject({
      aadhaar_linked: false,
      masked_aadhaar: null,
      email: MEERA.email,
      phone_number: MEERA.mobile_number,
      address: { line_1: 'FLAT 7, LOTUS APTS', street_name: 'NEAR THE STATION' },
    })
    const details = await call(sim, 'panWithDetailsV2', { id_number: MEERA.pan })
    expect(details.body.data).toMatchObject({ full_name_split: ['MEERA', '', 'IYER'] })

    const bank = (i: number) =>
      call(sim, 'bankVerification', {
        id_number: MEERA.bank_accounts[i]!.account_number,
        ifsc: MEERA.bank_accounts[i]!.ifsc,
      })
    expect((await bank(0)).body.data).toMatchObject({
      account_exists: true,
      full_name: 'MEERA IYER',
      upi_id: 'meera@hdfcbank',
    })
    expect((await bank(1)).body.data.full_name).toBe('M IYER')
    const closed = await bank(2)
    expect(closed.status).toBe(422)
    expect(closed.body.data.status).toBe('account_closed')

    const listed = sim.fixtures().surepass.people.find((p) => p.label === 'meera_qa')
    expect(listed).toMatchObject({ custom: true, pan_aadhaar_linked: false })
    expect(listed?.bank_accounts.map((a) => a.expected_status)).toEqual([
      'success',
      'success',
      'account_closed',
    ])
  })

  it('without a linked mobile, Aadhaar generate-otp answers mobile_not_linked', async () => {
    const sim = newSim()
    await post(sim, 'personas', { ...MEERA, aadhaar_mobile_linked: false })
    const refused = await call(sim, 'aadhaarGenerateOtp', { id_number: MEERA.aadhaar_number })
    expect(refused.status).toBe(422)
    expect(refused.body.data.status).toBe('mobile_not_linked')
  })

  it('refuses what the graph cannot hold, naming each field, and changes nothing', async () => {
    const sim = newSim()
    const before = sim.fixtures()
    const response = await post(sim, 'personas', {
      ...MEERA,
      mobile_number: null,
      aadhaar_mobile_linked: true,
      bank_accounts: [
        { account_number: '50100011112222', ifsc: 'ZZZZ0999999' },
        { account_number: '12', ifsc: 'HDFC0000240', status: 'rich' },
        { account_number: '50100011112222', ifsc: 'ZZZZ0999999' },
      ],
    })
    expect(response.status).toBe(400)
    const paths = bodyOf(response).fields.map((f: { path: string }) => f.path)
    expect(paths).toEqual(
      expect.arrayContaining(['/bank_accounts/1/account_number', '/bank_accounts/1/status']),
    )
    const semantic = await post(sim, 'personas', {
      ...MEERA,
      mobile_number: null,
      aadhaar_mobile_linked: true,
      bank_accounts: [
        MEERA.bank_accounts[0],
        { account_number: '50100011112222', ifsc: 'ZZZZ0999999' },
      ],
    })
    expect(bodyOf(semantic).fields.map((f: { path: string }) => f.path)).toEqual([
      '/aadhaar_mobile_linked',
      '/bank_accounts/1/ifsc',
    ])
    const pincode = await post(sim, 'personas', { ...MEERA, city: 'NEW DELHI', pincode: '400050' })
    expect(bodyOf(pincode).fields.map((f: { path: string }) => f.path)).toEqual(['/pincode'])
    // Another person's account or Aadhaar is refused too.
    await post(sim, 'personas', PERSONA_EXAMPLE)
    const clash = await post(sim, 'personas', {
      ...MEERA,
      aadhaar_number: PERSONA_EXAMPLE.aadhaar_number,
      bank_accounts: PERSONA_EXAMPLE.bank_accounts,
    })
    expect(bodyOf(clash).fields.map((f: { path: string }) => f.path)).toEqual([
      '/aadhaar_number',
      '/bank_accounts/0/account_number',
    ])
    expect(sim.fixtures().surepass.people.length).toBe(before.surepass.people.length + 1)
  })

  it('a reset keeps the persona and wipes the OTPs and sessions built on it', async () => {
    const sim = newSim()
    await post(sim, 'personas', MEERA)
    const generated = await call(sim, 'aadhaarGenerateOtp', { id_number: MEERA.aadhaar_number })
    const clientId = generated.body.data.client_id as string
    const otp = sim.otps({ ref: clientId })[0]!.otp
    sim.reset()
    expect(sim.otps()).toEqual([])
    expect(sim.stats().aadhaarSessions).toBe(0)
    const stale = await call(sim, 'aadhaarSubmitOtp', { client_id: clientId, otp })
    expect(stale.body.message_code).toBe('client_not_found')
    expect((await call(sim, 'panLite', { id_number: MEERA.pan })).status).toBe(200)
    const again = await call(sim, 'aadhaarGenerateOtp', { id_number: MEERA.aadhaar_number })
    expect(again.status).toBe(200)
  })

  it('a snapshot carries it: restored into a fresh simulator it answers; a bad one is refused', async () => {
    const sim = newSim()
    await post(sim, 'personas', MEERA)
    const snapshot = sim.snapshot()
    expect(snapshot.test_data.persona).toEqual([MEERA])

    const fresh = newSim()
    fresh.restore(JSON.parse(JSON.stringify(snapshot)))
    expect((await call(fresh, 'panLite', { id_number: MEERA.pan })).status).toBe(200)
    fresh.reset()
    expect((await call(fresh, 'panLite', { id_number: MEERA.pan })).status).toBe(200)

    const other = newSim()
    const broken = structuredClone(snapshot)
    broken.test_data.persona = [{ ...MEERA, pan: 'ABCPZ1234K' }]
    const refused = await other.handle(adminRequest('PUT', 'snapshot', { body: broken }))
    expect(refused.status).toBe(400)
    expect(bodyOf(refused).fields[0].path).toBe('/test_data/persona/0/pan')
    expect(other.fixtures().surepass.people.some((p) => p.label === 'meera_qa')).toBe(false)
    // The rows a snapshot lists for your people are never loaded as such: only the documents are.
    const forged = structuredClone(snapshot)
    forged.test_data = {}
    other.restore(forged)
    expect((await call(other, 'panLite', { id_number: MEERA.pan })).status).toBe(422)
  })
})
