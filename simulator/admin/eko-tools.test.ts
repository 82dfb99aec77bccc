import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { adminRequest, bodyOf } from '../../test/support/sim-requests.js'
import { decryptAadhaar } from '../eko/aadhaar-cipher.js'
import { operations } from '../../contracts/index.js'
import { createSimulator } from '../index.js'

const newSim = () => createSimulator({ config: { onContractViolation: 'throw' } })
const UAT = {
  developer_key: 'becbbce45f79c6f5109f848acd540567',
  access_key: 'd2fe1d99-6298-4af2-8cc5-d97dcf46df30',
}
/** Eko's rule (developers.eko.in, Authentication), computed independently with node:crypto. */
const ekoHmac = (accessKey: string, message: string) =>
  createHmac('sha256', Buffer.from(accessKey).toString('base64')).update(message).digest('base64')

describe('POST /__sim/eko/sign', () => {
  it('signs for now on the simulator clock, with the default credential', async () => {
    const sim = newSim()
    sim.clock.freeze(true)
    sim.clock.advance(86_400_000)
    const res = await sim.handle(adminRequest('POST', 'eko/sign'))
    expect(res.status).toBe(200)
    const ts = String(sim.clock.now())
    expect(bodyOf(res)).toEqual({
      developer_key: UAT.developer_key,
      'secret-key': ekoHmac(UAT.access_key, ts),
      'secret-key-timestamp': ts,
    })
  })

  it('signs a given timestamp, and a request_hash over timestamp + parts', async () => {
    const res = await newSim().handle(
      adminRequest('POST', 'eko/sign', {
        body: { timestamp: 1700000000000, request_hash_parts: ['123456789012', 1000, '20810200'] },
      }),
    )
    expect(bodyOf(res)).toEqual({
      developer_key: UAT.developer_key,
      'secret-key': 'qIir8tILHtqxO1Mu3/fC3pVElIa0oIxXMRDUP0463Bc=',
      'secret-key-timestamp': '1700000000000',
      request_hash: ekoHmac(UAT.access_key, '1700000000000123456789012100020810200'),
    })
  })

  it("takes the request_hash fields from the operation's contract, in its order", async () => {
    // Bill payment's rule (developers.eko.in "Authentication", request_hash): timestamp,
    // utility_acc_no, amount, user_code; the same hash as the explicit parts above give.
    const bill = { amount: 50, user_code: '20810200', utility_acc_no: '151627591', extra: 'x' }
    const sign = (body: object) =>
      newSim().handle(
        adminRequest('POST', 'eko/sign', {
          body: { operation: 'eko.bbps.payBill', timestamp: '1700000000000', body },
        }),
      )
    expect(bodyOf(await sign(bill)).request_hash).toBe(
      'TO65c2+vieXFx4+yDLN50NoAHe1fnfyWfIAB2NJkiNc=',
    )
    const explicit = await newSim().handle(
      adminRequest('POST', 'eko/sign', {
        body: { timestamp: '1700000000000', request_hash_parts: ['151627591', 50, '20810200'] },
      }),
    )
    expect(bodyOf(explicit).request_hash).toBe('TO65c2+vieXFx4+yDLN50NoAHe1fnfyWfIAB2NJkiNc=')
    const missing = await sign({ amount: 50, user_code: '20810200' })
    expect(missing.status).toBe(400)
    expect(bodyOf(missing)).toMatchObject({ field: 'body.utility_acc_no' })
  })

  it('adds a request_hash for an operation only where its contract declares one', async () => {
    const sim = newSim()
    const declaring = [...operations.values()].filter((op) => op.requestHash !== undefined)
    for (const op of operations.values()) {
      const res = await sim.handle(
        adminRequest('POST', 'eko/sign', {
          body: {
            operation: op.id,
            body: { ...Object.fromEntries((op.requestHash?.concat ?? []).map((f) => [f, '1'])) },
          },
        }),
      )
      expect(res.status, op.id).toBe(200)
      expect('request_hash' in bodyOf(res), op.id).toBe(declaring.includes(op))
    }
    const unknown = await sim.handle(
      adminRequest('POST', 'eko/sign', { body: { operation: 'eko.nothing', body: {} } }),
    )
    expect(unknown.status).toBe(400)
    expect(bodyOf(unknown)).toMatchObject({ error: 'invalid_body', field: 'operation' })
  })

  it('signs with another access key when given one', async () => {
    const res = await newSim().handle(
      adminRequest('POST', 'eko/sign', {
        body: { access_key: 'wrong', timestamp: '1700000000000' },
      }),
    )
    expect(bodyOf(res)['secret-key']).toBe(ekoHmac('wrong', '1700000000000'))
  })

  it('answers the headers as lines for curl -H @- with ?format=headers', async () => {
    const sim = newSim()
    const res = await sim.handle(
      adminRequest('POST', 'eko/sign', {
        query: { format: 'headers' },
        body: { timestamp: '1700000000000' },
      }),
    )
    expect(res.headers['content-type']).toMatch(/^text\/plain/)
    expect(res.body).toBe(
      `developer_key: ${UAT.developer_key}\nsecret-key: qIir8tILHtqxO1Mu3/fC3pVElIa0oIxXMRDUP0463Bc=\nsecret-key-timestamp: 1700000000000\n`,
    )
  })

  it.each([
    [{ timestamp: '170000000000' }, 'timestamp'],
    [{ timestamp: true }, 'timestamp'],
    [{ developer_key: 'nobody' }, 'developer_key'],
    [{ access_key: '' }, 'access_key'],
    [{ request_hash_parts: 'x' }, 'request_hash_parts'],
    [{ secret: 1 }, 'secret'],
    [[1], 'body'],
  ])('refuses %j naming the field %s, as JSON', async (body, field) => {
    const res = await newSim().handle(adminRequest('POST', 'eko/sign', { body }))
    expect(res.status).toBe(400)
    expect(bodyOf(res)).toMatchObject({ error: 'invalid_body', field })
  })

  it('refuses an unknown format and other methods and sub-routes', async () => {
    const sim = newSim()
    expect(
      (await sim.handle(adminRequest('POST', 'eko/sign', { query: { format: 'xml' } }))).status,
    ).toBe(400)
    expect((await sim.handle(adminRequest('GET', 'eko/sign'))).status).toBe(405)
    expect((await sim.handle(adminRequest('POST', 'eko/other'))).status).toBe(404)
    expect((await sim.handle(adminRequest('POST', 'eko/sign/x'))).status).toBe(404)
  })
})

describe('POST /__sim/eko/encrypt', () => {
  it("encrypts under the simulator's key: the simulator decrypts it back", async () => {
    const res = await newSim().handle(
      adminRequest('POST', 'eko/encrypt', { body: { aadhaar: '274839105621' } }),
    )
    expect(res.status).toBe(200)
    const { aadhar } = bodyOf(res)
    expect(decryptAadhaar(aadhar)).toEqual({ ok: true, aadhaar: '274839105621' })
  })

  it.each([
    [{}, 'aadhaar'],
    [{ aadhaar: 274839105621 }, 'aadhaar'],
    [{ aadhaar: '1'.repeat(118) }, 'aadhaar'],
    [{ aadhar: '274839105621' }, 'aadhar'],
    ['text', 'body'],
  ])('refuses %j naming the field %s', async (body, field) => {
    const res = await newSim().handle(adminRequest('POST', 'eko/encrypt', { body }))
    expect(res.status).toBe(400)
    expect(bodyOf(res)).toMatchObject({ error: 'invalid_body', field })
  })
})

describe('signing and encrypting through the helpers reaches Eko', () => {
  it('Send OTP with helper headers and helper ciphertext answers 1600, after the clock moved', async () => {
    const sim = newSim()
    sim.clock.advance(3 * 86_400_000)
    const agent = sim.fixtures().eko.agents.find((a) => a.label === 'ekyc_pending')!
    const { aadhar } = bodyOf(
      await sim.handle(adminRequest('POST', 'eko/encrypt', { body: { aadhaar: agent.aadhaar } })),
    )
    const headers = bodyOf(await sim.handle(adminRequest('POST', 'eko/sign')))
    const res = await sim.handle({
      method: 'POST',
      path: '/ekoapi/v3/user/collection/aeps-fingpay/kyc/otp',
      query: {},
      headers: { ...headers, 'content-type': 'application/json' },
      body: {
        initiator_id: sim.fixtures().eko.initiator_id,
        user_code: agent.user_code,
        customer_id: agent.customer_id,
        aadhar,
        latlong: agent.latlong,
      },
    })
    expect(bodyOf(res)).toMatchObject({ status: 0, response_type_id: 1600 })
  })
})
