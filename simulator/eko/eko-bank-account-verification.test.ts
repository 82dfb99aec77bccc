import { describe, expect, it } from 'vitest'
import { createSimulator, type Simulator } from '../create-simulator.js'
import { computeSecretKey } from './secret-key.js'

const INITIATOR = '9962981729'

function newSim(): Simulator {
  return createSimulator({ seed: 'banks', config: { onContractViolation: 'throw' } })
}

type Json = Record<string, any>

/** Verifies `account` at `bank` (`ifsc:…` or `bank_code:…`) with a form body, as the SDK does. */
async function verify(
  sim: Simulator,
  bank: string,
  account: string,
  body: Json = {},
): Promise<{ status: number; json: Json }> {
  const timestamp = String(sim.clock.now())
  const response = await sim.handle({
    method: 'POST',
    path: `/ekoapi/v2/banks/${bank}/accounts/${account}`,
    query: {},
    headers: {
      developer_key: 'becbbce45f79c6f5109f848acd540567',
      'secret-key': await computeSecretKey('d2fe1d99-6298-4af2-8cc5-d97dcf46df30', timestamp),
      'secret-key-timestamp': timestamp,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: { initiator_id: INITIATOR, customer_id: '6111111111', user_code: '20810200', ...body },
  })
  return { status: response.status, json: response.body as Json }
}

describe('bank account verification', () => {
  it("61 with the seeded recipient's name, by IFSC (echoed) and by bank code (ifsc empty)", async () => {
    const sim = newSim()
    const byIfsc = await verify(sim, 'ifsc:KKBK0000261', '1711654121')
    expect(byIfsc.json).toMatchObject({
      status: 0,
      response_status_id: -1,
      response_type_id: 61,
      message: 'Success! Account details found',
      data: {
        recipient_name: 'Priya Nair',
        bank: 'Kotak Mahindra Bank',
        ifsc: 'KKBK0000261',
        account: '1711654121',
        user_code: '20810200',
        is_name_editable: '0',
        amount: '1.0',
        fee: '7.00',
        client_ref_id: expect.stringMatching(/^AVS[0-9]{17}$/),
      },
    })
    const byCode = await verify(sim, 'bank_code:SBIN', '30219402281', {
      client_ref_id: 'mine-000001',
    })
    expect(byCode.json.data).toMatchObject({
      recipient_name: 'Mohammed Arif',
      ifsc: '',
      client_ref_id: 'mine-000001',
    })
    // A lower-case IFSC or bank code is the same bank; another branch of it finds the account too.
    expect((await verify(sim, 'ifsc:kkbk0000999', '1711654121')).json.data.ifsc).toBe('KKBK0000999')
    expect((await verify(sim, 'bank_code:kkbk', '1711654121')).json.status).toBe(0)
  })

  it("the bank that shares no name: Eko's sample message, recipient Unknown, name editable", async () => {
    const res = await verify(newSim(), 'bank_code:KKBK', '1711654128')
    expect(res.json).toMatchObject({
      message: 'The bank did not share the recipient name this time.',
      data: { recipient_name: 'Unknown', is_name_editable: '1' },
    })
  })

  it.each([
    ['ifsc:KKBK000026', '1711654121', 136, 'Please provide valid IFSC format'],
    ['ifsc:ABCD0000261', '1711654121', 521, 'IFSC not found out in the system'],
    ['bank_code:ZZZZ', '1711654121', 48, 'Recipient bank not found'],
    ['ifsc:KKBK0000261', '17116', 102, 'Invalid Account number length'],
    ['bank_code:KKBK', '17116541x1', 102, 'Invalid Account number length'],
    [
      'ifsc:DEUT0784PBC',
      '400012345678',
      1796,
      'Recipient name not found and verification not available for this bank',
    ],
    ['ifsc:SBIN0000691', '1711654121', 46, 'Invalid account details'],
  ])('%s / %s → %i', async (bank, account, status, message) => {
    const res = await verify(newSim(), bank, account)
    expect(res.status).toBe(200)
    expect(res.json).toEqual({ status, response_status_id: 1, response_type_id: status, message })
  })

  it('initiator 319, unknown agent 463, missing customer_id 97', async () => {
    const sim = newSim()
    expect(
      (await verify(sim, 'bank_code:KKBK', '1711654121', { initiator_id: '9000000000' })).json
        .status,
    ).toBe(319)
    expect(
      (await verify(sim, 'bank_code:KKBK', '1711654121', { user_code: '99999999' })).json.status,
    ).toBe(463)
    const missing = await verify(sim, 'bank_code:KKBK', '1711654121', { customer_id: undefined })
    expect(missing.json).toMatchObject({
      status: 97,
      invalid_params: { customer_id: expect.any(String) },
    })
  })
})
