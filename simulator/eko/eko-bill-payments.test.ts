import { describe, expect, it } from 'vitest'
import { getOperation, requestHashMessage } from '../../contracts/index.js'
import { createSimulator, type Simulator } from '../create-simulator.js'
import type { SimResponse } from '../sim-types.js'
import { SAMPLE_BILL, listedBiller } from '../../test/support/eko-bill-samples.js'
import { AUTH_ERROR_HEADER } from './auth-error-header.js'
import { computeSecretKey } from './secret-key.js'

const DEVELOPER_KEY = 'becbbce45f79c6f5109f848acd540567'
const ACCESS_KEY = 'd2fe1d99-6298-4af2-8cc5-d97dcf46df30'
const INITIATOR = '9962981729'

function newSim(): Simulator {
  return createSimulator({ seed: 'bbps', config: { onContractViolation: 'throw' } })
}

async function authHeaders(sim: Simulator): Promise<Record<string, string>> {
  const timestamp = String(sim.clock.now())
  return {
    developer_key: DEVELOPER_KEY,
    'secret-key': await computeSecretKey(ACCESS_KEY, timestamp),
    'secret-key-timestamp': timestamp,
    'content-type': 'application/json',
  }
}

type Json = Record<string, any>

async function get(sim: Simulator, path: string, query: Record<string, string> = {}) {
  const response = await sim.handle({
    method: 'GET',
    path: `/ekoapi/v2/billpayments${path}`,
    query,
    headers: await authHeaders(sim),
    body: undefined,
  })
  return { ...response, json: response.body as Json }
}

function billBody(overrides: Json = {}): Json {
  return { ...SAMPLE_BILL, ...overrides }
}

async function fetchBill(sim: Simulator, body: Json, query = { initiator_id: INITIATOR }) {
  const response = await sim.handle({
    method: 'POST',
    path: '/ekoapi/v2/billpayments/fetchbill',
    query,
    headers: await authHeaders(sim),
    body,
  })
  return { ...response, json: response.body as Json }
}

/** Pays with a request_hash signed the documented way (or as `hash` says). */
async function payBill(
  sim: Simulator,
  body: Json,
  hash: 'right' | 'none' | 'developer_key' | 'wrong' = 'right',
): Promise<SimResponse & { json: Json }> {
  const headers = await authHeaders(sim)
  const rule = getOperation('eko.bbps.payBill').requestHash!
  const message = requestHashMessage(rule, headers, body)
  if (hash === 'right') headers.request_hash = await computeSecretKey(ACCESS_KEY, message)
  if (hash === 'developer_key')
    headers.request_hash = await computeSecretKey(DEVELOPER_KEY, message)
  if (hash === 'wrong') headers.request_hash = await computeSecretKey(ACCESS_KEY, `${message}0`)
  const response = await sim.handle({
    method: 'POST',
    path: '/ekoapi/v2/billpayments/paybill',
    query: { initiator_id: INITIATOR },
    headers,
    body,
  })
  return { ...response, json: response.body as Json }
}

describe('bill payment lookups', () => {
  it('operators: all, by category, by location, by both; an unknown category lists none', async () => {
    const sim = newSim()
    const all = await get(sim, '/operators')
    expect(all.status).toBe(200)
    expect(all.json).toMatchObject({ status: 0, response_status_id: -1, response_type_id: 2461 })
    const ids = (list: Json[]) => list.map((o) => o.operator_id)
    expect(ids(all.json.data)).toEqual([1, 5, 28, 50, 51, 159, 541])
    expect(ids((await get(sim, '/operators', { category: '2' })).json.data)).toEqual([28, 50, 51])
    expect(ids((await get(sim, '/operators', { location: '24' })).json.data)).toEqual([50, 51])
    expect(
      ids((await get(sim, '/operators', { category: '2', location: '27' })).json.data),
    ).toEqual([28])
    expect((await get(sim, '/operators', { category: '99' })).json.data).toEqual([])
    expect(all.json.data[2]).toEqual(listedBiller(28))
  })

  it('categories and locations', async () => {
    const sim = newSim()
    const categories = await get(sim, '/operators_category')
    expect(categories.json.data).toContainEqual({
      operator_category_name: 'Electricity',
      operator_category_id: 8,
      operator_category_group: '0',
      status: '1',
    })
    const locations = await get(sim, '/operators_location')
    expect(locations.json.data).toContainEqual({
      operator_location_name: 'Andaman & Nicobar Islands',
      operator_location_id: '35',
      abbreviation: 'AN',
    })
  })

  it('operator parameters: a known operator; an unknown one names operator_id', async () => {
    const sim = newSim()
    const adani = await get(sim, '/operators/51')
    expect(adani.json).toMatchObject({
      operator_name: 'Adani Gas',
      operator_id: 51,
      fetchBill: 1,
      BBPS: 1,
      data: [{ param_name: 'utility_acc_no', regex: '^[0-9]{10}$' }],
    })
    const unknown = await get(sim, '/operators/777')
    expect(unknown.json).toMatchObject({
      status: 97,
      invalid_params: { operator_id: expect.any(String) },
    })
    const malformed = await get(sim, '/operators/abc')
    expect(malformed.json.invalid_params).toHaveProperty('operator_id')
  })

  it('an initiator_id is optional on lookups, but a stranger one is 319; an unknown query key is 97', async () => {
    const sim = newSim()
    expect((await get(sim, '/operators', { initiator_id: INITIATOR })).json.status).toBe(0)
    expect(
      (await get(sim, '/operators_category', { initiator_id: '9000000000' })).json.status,
    ).toBe(319)
    expect((await get(sim, '/operators', { page: '1' })).json).toMatchObject({
      status: 97,
      invalid_params: { page: expect.any(String) },
    })
  })
})

describe('fetch bill', () => {
  it('1052 with the due amount and the customer of a seeded bill', async () => {
    const sim = newSim()
    const res = await fetchBill(sim, billBody())
    expect(res.json).toMatchObject({
      status: 0,
      response_type_id: 1052,
      message: 'Due Bill Amount For utility',
      data: { amount: '50.00', utilitycustomername: 'KAVITA MEHRA', customer_id: '151627591' },
    })
  })

  it('1468 for an unknown account, an operator that does not fetch bills, a paid bill', async () => {
    const sim = newSim()
    const reason = async (body: Json) => (await fetchBill(sim, body)).json
    expect(await reason(billBody({ utility_acc_no: '151627000' }))).toMatchObject({
      status: 1468,
      data: { reason: 'Please try again after some time.' },
    })
    expect(
      await reason(billBody({ operator_id: 28, utility_acc_no: '123456789012' })),
    ).toMatchObject({
      status: 1468,
      data: { reason: 'Bill fetch is not supported by this operator.' },
    })
    expect(await reason(billBody({ utility_acc_no: '151627599' }))).toMatchObject({
      status: 1468,
      data: { reason: 'No bill due for this account.' },
    })
  })

  it("a utility_acc_no that fails the biller's regex gets the biller's own error text", async () => {
    const sim = newSim()
    const res = await fetchBill(sim, billBody({ operator_id: '51', utility_acc_no: '151627591' }))
    expect(res.json).toMatchObject({
      status: 97,
      invalid_params: {
        utility_acc_no: 'Please enter a valid 10 digit Customer ID (eg. 1000111336)',
      },
    })
  })

  it('needs initiator_id in the query (97), a partner initiator (319), a known agent (463)', async () => {
    const sim = newSim()
    expect((await fetchBill(sim, billBody(), {} as { initiator_id: string })).json).toMatchObject({
      status: 97,
      invalid_params: { initiator_id: expect.any(String) },
    })
    expect((await fetchBill(sim, billBody(), { initiator_id: '9000000000' })).json.status).toBe(319)
    expect((await fetchBill(sim, billBody({ user_code: '99999999' }))).json).toMatchObject({
      status: 463,
      message: 'User not found',
    })
  })
})

describe('pay bill', () => {
  it('333 debits the wallet once and settles the bill; paying it again is 208; fetching it is 1468', async () => {
    const sim = newSim()
    const first = await payBill(sim, billBody({ amount: '50' }))
    expect(first.json).toMatchObject({
      status: 0,
      response_status_id: 0,
      response_type_id: 333,
      message: 'Success Last_used_OkeyKey: 23',
      data: {
        tx_status: '0',
        amount: '50.00',
        balance: '499950.00',
        operator_name: 'BSES Rajdhani(BillDesk)',
        account: '151627591',
        sender_id: INITIATOR,
        last_used_okekey: '23',
      },
    })
    const again = await payBill(sim, billBody({ amount: '50', client_ref_id: 'second-try-0001' }))
    expect(again.json).toMatchObject({
      status: 208,
      response_type_id: 208,
      data: { last_used_okekey: '', tid: expect.stringMatching(/^[0-9]{10}$/) },
    })
    expect((await fetchBill(sim, billBody())).json.data.reason).toBe(
      'No bill due for this account.',
    )
    // Only the first payment left the wallet: a biller without bill fetch shows the balance.
    const recharge = await payBill(
      sim,
      billBody({ operator_id: 5, utility_acc_no: '9876543210', amount: 149.5 }),
    )
    expect(recharge.json.data).toMatchObject({ amount: '149.50', balance: '499800.50' })
  })

  it('208 for an amount that is not the due; 347 for more than the wallet holds; reset restores both', async () => {
    const sim = newSim()
    expect((await payBill(sim, billBody({ amount: '49.99' }))).json.status).toBe(208)
    const big = billBody({ operator_id: 159, utility_acc_no: 'ACTBLR0042', amount: '750000.00' })
    expect((await payBill(sim, big)).json).toMatchObject({
      status: 347,
      message: 'Insufficient balance',
    })
    expect((await payBill(sim, billBody({ amount: '50.00' }))).json.status).toBe(0)
    sim.reset()
    expect((await payBill(sim, billBody({ amount: 50 }))).json.data.balance).toBe('499950.00')
  })

  it('request_hash: missing, wrong, or keyed with the developer key (the SDK defect) → 403 naming it', async () => {
    const sim = newSim()
    for (const [hash, reason] of [
      ['none', 'request_hash_missing'],
      ['wrong', 'request_hash_mismatch'],
      ['developer_key', 'request_hash_keyed_with_developer_key'],
    ] as const) {
      const res = await payBill(sim, billBody({ amount: '50' }), hash)
      expect(res.status, hash).toBe(403)
      expect(res.headers[AUTH_ERROR_HEADER]).toBe(reason)
    }
    // None of them moved money: the bill is still due.
    expect((await fetchBill(sim, billBody())).json.data.amount).toBe('50.00')
  })

  it("the request_hash of Eko's documented inputs is the documented formula", async () => {
    const rule = getOperation('eko.bbps.payBill').requestHash!
    const message = requestHashMessage(
      rule,
      { 'secret-key-timestamp': '1700000000000' },
      { utility_acc_no: '151627591', amount: '50', user_code: '20810200' },
    )
    expect(message).toBe('170000000000015162759150' + '20810200')
    // Computed independently with Python's hmac for the UAT key.
    expect(await computeSecretKey(ACCESS_KEY, message)).toBe(
      'TO65c2+vieXFx4+yDLN50NoAHe1fnfyWfIAB2NJkiNc=',
    )
  })
})
