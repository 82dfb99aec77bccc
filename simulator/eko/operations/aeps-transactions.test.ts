import { describe, expect, it } from 'vitest'
import { createClock } from '../../core/index.js'
import { createSimulator } from '../../create-simulator.js'
import { SAMPLE_PID_XML_BAD_FINGER } from '../pid-data.js'
import { signedRequest } from '../../../test/support/eko-requests.js'
import {
  BALANCE_ENQUIRY,
  CASH_WITHDRAWAL,
  INQUIRY,
  MINI_STATEMENT,
  callAeps,
  dailyKyc,
  rupeesOf,
  transaction,
} from '../../../test/support/eko-aeps.js'

/** A simulator whose clock stands still at Tuesday 10 March 2026, 10:30 IST (tests move it). */
const newSim = () =>
  createSimulator({
    config: { onContractViolation: 'throw' },
    clock: createClock({ start: '2026-03-10T05:00:00Z', frozen: true }),
  })

const INITIATOR = { initiator_id: '9962981729', user_code: '20810202' }

/** The transaction inquiry for `ref` (a tid or `client_ref_id:…`) by the test's initiator. */
const inquire = (sim: ReturnType<typeof newSim>, ref: string) =>
  callAeps(sim, INQUIRY, { params: { transaction_ref: ref }, query: INITIATOR })

async function balanceOf(
  sim: ReturnType<typeof newSim>,
  customer: 'happy' | 'bank_pending' | 'bank_pending_fails',
) {
  const response = await callAeps(sim, BALANCE_ENQUIRY, transaction('ekyc_done', customer))
  expect(response.body.response_type_id).toBe(1466)
  return rupeesOf(response.body.data?.customer_balance)
}

describe('AePS cash withdrawal: money moves and is conserved', () => {
  it('debits the customer, credits the agent, and the mini statement and inquiry show it', async () => {
    const sim = newSim()
    await dailyKyc(sim)
    expect(await balanceOf(sim, 'happy')).toBe(25_000)
    const cw = await callAeps(
      sim,
      CASH_WITHDRAWAL,
      transaction('ekyc_done', 'happy', { amount: 1500, client_ref_id: 'cw-test-000001' }),
    )
    expect(cw.status).toBe(200)
    expect(cw.body).toMatchObject({
      status: 0,
      response_type_id: 1463,
      message: 'Transaction Successful',
    })
    const data = cw.body.data!
    expect(data).toMatchObject({
      tx_status: '0',
      amount: '1500.00',
      customer_balance: '23500.00',
      balance: '1500.00',
      aadhar: 'XXXX XXXX 9513',
      bank: 'HDFC Bank',
      user_code: '20810202',
    })
    expect(data.transaction_date).toBe('10-03-26 10:30:00')
    // A second withdrawal: the customer's loss is the agent's gain, rupee for rupee.
    const second = await callAeps(
      sim,
      CASH_WITHDRAWAL,
      transaction('ekyc_done', 'happy', { amount: '500' }),
    )
    expect(second.body.data).toMatchObject({ customer_balance: '23000.00', balance: '2000.00' })
    expect(await balanceOf(sim, 'happy')).toBe(23_000)
    const ms = await callAeps(sim, MINI_STATEMENT, transaction('ekyc_done', 'happy'))
    expect(ms.body.response_type_id).toBe(1527)
    const lines = ms.body.data?.mini_statement_list as {
      amount: string
      txnType: string
      narration: string
      date: string
    }[]
    expect(lines.slice(0, 2)).toEqual([
      { date: '10/03', amount: '500.00', narration: 'AEPS CW', txnType: 'Dr' },
      { date: '10/03', amount: '1500.00', narration: 'AEPS CW', txnType: 'Dr' },
    ])
    for (const ref of [data.tid as string, 'client_ref_id:cw-test-000001']) {
      const inquiry = await inquire(sim, ref)
      expect(inquiry.body).toMatchObject({
        status: 0,
        response_type_id: 1472,
        data: {
          tx_status: '0',
          txstatus_desc: 'Success',
          tid: data.tid,
          client_ref_id: 'cw-test-000001',
          amount: '1500.00',
        },
      })
    }
  })

  it('a retried client_ref_id replays the first answer and never debits twice', async () => {
    const sim = newSim()
    await dailyKyc(sim)
    const call = transaction('ekyc_done', 'happy', {
      amount: 2000,
      client_ref_id: 'retry-00000001',
    })
    const first = await callAeps(sim, CASH_WITHDRAWAL, call)
    const again = await callAeps(sim, CASH_WITHDRAWAL, call)
    expect(again.body).toEqual(first.body)
    // Even with another amount: the reference names the transaction already made.
    const other = await callAeps(sim, CASH_WITHDRAWAL, {
      ...call,
      body: { ...call.body, amount: 5000 },
    })
    expect(other.body.data?.tid).toBe(first.body.data?.tid)
    expect(await balanceOf(sim, 'happy')).toBe(23_000)
  })
})

describe('AePS: the gate (AePS active + one-time eKYC + Daily KYC today, IST, simulator clock)', () => {
  it('without Daily KYC today every transaction asks for 2FA; with it, it works until IST midnight', async () => {
    const sim = newSim()
    const twoFa = {
      response_type_id: 1464,
      data: { comment: 'Please do 2fa before initiating transaction' },
    }
    expect(
      (await callAeps(sim, CASH_WITHDRAWAL, transaction('ekyc_done', 'happy', { amount: 100 })))
        .body,
    ).toMatchObject(twoFa)
    expect(
      (await callAeps(sim, BALANCE_ENQUIRY, transaction('ekyc_done', 'happy'))).body,
    ).toMatchObject(twoFa)
    expect(
      (await callAeps(sim, MINI_STATEMENT, transaction('ekyc_done', 'happy'))).body,
    ).toMatchObject({ status: 1528, data: { comment: twoFa.data.comment } })
    // eKYC not done at all (the `ekyc_pending` agent): the same refusal.
    expect(
      (await callAeps(sim, BALANCE_ENQUIRY, transaction('ekyc_pending', 'happy'))).body,
    ).toMatchObject(twoFa)
    await dailyKyc(sim) // 10:30 IST
    expect(
      (await callAeps(sim, BALANCE_ENQUIRY, transaction('ekyc_done', 'happy'))).body.status,
    ).toBe(0)
    sim.clock.advance(13 * 3_600_000 + 29 * 60_000) // 23:59 IST, same day
    expect(
      (await callAeps(sim, BALANCE_ENQUIRY, transaction('ekyc_done', 'happy'))).body.status,
    ).toBe(0)
    sim.clock.advance(60_000) // 00:00 IST the next day
    expect(
      (await callAeps(sim, BALANCE_ENQUIRY, transaction('ekyc_done', 'happy'))).body,
    ).toMatchObject(twoFa)
  })

  it("a successful one-time eKYC is not that day's Daily KYC", async () => {
    const sim = newSim()
    const preset = await sim.handle({
      method: 'POST',
      path: '/__sim/presets/eko-daily-kyc-due',
      query: {},
      headers: {},
      body: undefined,
    })
    expect(preset.status).toBe(200) // the ekyc_pending agent finished its eKYC just now
    const response = await callAeps(sim, BALANCE_ENQUIRY, transaction('ekyc_pending', 'happy'))
    expect(response.body).toMatchObject({
      status: 1464,
      data: { comment: 'Please do 2fa before initiating transaction' },
    })
  })

  it('an agent without AePS is refused 346', async () => {
    const sim = newSim()
    const response = await callAeps(
      sim,
      CASH_WITHDRAWAL,
      transaction('not_activated', 'happy', { amount: 100 }),
    )
    expect(response.body).toMatchObject({
      status: 346,
      message: 'Agent not allowed to this transaction',
    })
  })
})

describe('AePS: the bank says no', () => {
  it('1960 for an amount not a multiple of 50; 347 past the balance; wrong finger; unknown bank; Aadhaar not at that bank', async () => {
    const sim = newSim()
    await dailyKyc(sim)
    const cw = (extra: Record<string, unknown>, customer: 'happy' | 'low_balance' = 'happy') =>
      callAeps(sim, CASH_WITHDRAWAL, transaction('ekyc_done', customer, extra)).then((r) => r.body)
    expect(await cw({ amount: 1025 })).toEqual({
      status: 1960,
      message: 'Transaction amount should be in multiple of 50 ex-2050,3000',
      response_type_id: 1960,
      response_status_id: 1,
    })
    expect(await cw({ amount: 1000 }, 'low_balance')).toMatchObject({
      status: 347,
      message: 'Insufficient balance',
    })
    expect(await cw({ amount: 100, piddata: SAMPLE_PID_XML_BAD_FINGER })).toMatchObject({
      status: 1464,
      data: { comment: 'Authentication Failed. Invalid Biometric data.' },
    })
    expect(await cw({ amount: 100, bank_code: 'ZZZZ' })).toMatchObject({
      status: 1464,
      data: { comment: 'Transaction Not Completed', tid: '' },
    })
    expect(await cw({ amount: 100, bank_code: 'SBIN' })).toMatchObject({
      status: 1464,
      data: { comment: 'Customer Aadhaar number is not linked with Selected Bank' },
    })
    // None of them moved money.
    expect(await balanceOf(sim, 'happy')).toBe(25_000)
  })

  it("a path customer_id other than the body's is an invalid parameter", async () => {
    const sim = newSim()
    await dailyKyc(sim)
    const call = transaction('ekyc_done', 'happy', { amount: 100 })
    const response = await callAeps(sim, CASH_WITHDRAWAL, {
      ...call,
      params: { customer_id: '9000000001' },
    })
    expect(response.body).toMatchObject({
      status: 97,
      invalid_params: { customer_id: expect.any(String) },
    })
  })
})

describe('AePS: a pending withdrawal settles on the simulator clock', () => {
  it('pending (1465, tx_status 2), then success: the agent is credited only then', async () => {
    const sim = newSim()
    await dailyKyc(sim)
    const cw = await callAeps(
      sim,
      CASH_WITHDRAWAL,
      transaction('ekyc_done', 'bank_pending', { amount: 3000, client_ref_id: 'pend-000000001' }),
    )
    expect(cw.body).toMatchObject({
      status: 0,
      response_status_id: 2,
      response_type_id: 1465,
      data: { tx_status: '2', balance: '0.00', customer_balance: '12000.00' },
    })
    const inquiry = () => inquire(sim, 'client_ref_id:pend-000000001').then((r) => r.body.data)
    expect(await inquiry()).toMatchObject({ tx_status: '2', txstatus_desc: 'Response Awaited' })
    sim.clock.advance(sim.config.eko.aepsPendingSettleMs - 1)
    expect((await inquiry())?.tx_status).toBe('2')
    sim.clock.advance(1)
    expect(await inquiry()).toMatchObject({ tx_status: '0', txstatus_desc: 'Success' })
    const next = await callAeps(
      sim,
      CASH_WITHDRAWAL,
      transaction('ekyc_done', 'happy', { amount: 100 }),
    )
    expect(next.body.data?.balance).toBe('3100.00') // 3000 settled + 100 now
    expect(await balanceOf(sim, 'bank_pending')).toBe(12_000)
  })

  it('pending, then failure: the held amount is refunded and the agent is never credited', async () => {
    const sim = newSim()
    await dailyKyc(sim)
    const cw = await callAeps(
      sim,
      CASH_WITHDRAWAL,
      transaction('ekyc_done', 'bank_pending_fails', { amount: 3000 }),
    )
    expect(cw.body.data?.tx_status).toBe('2')
    expect(await balanceOf(sim, 'bank_pending_fails')).toBe(12_000)
    sim.clock.advance(sim.config.eko.aepsPendingSettleMs)
    const inquiry = await inquire(sim, cw.body.data?.tid as string)
    expect(inquiry.body.data).toMatchObject({ tx_status: '1', txstatus_desc: 'Failed' })
    expect(await balanceOf(sim, 'bank_pending_fails')).toBe(15_000)
    const ms = await callAeps(sim, MINI_STATEMENT, transaction('ekyc_done', 'bank_pending_fails'))
    const lines = ms.body.data?.mini_statement_list as { narration: string; txnType: string }[]
    expect(lines.slice(0, 2).map((l) => `${l.narration} ${l.txnType}`)).toEqual([
      'AEPS CW REV Cr',
      'AEPS CW Dr',
    ])
    const wallet = await callAeps(
      sim,
      CASH_WITHDRAWAL,
      transaction('ekyc_done', 'happy', { amount: 50 }),
    )
    expect(wallet.body.data?.balance).toBe('50.00')
  })
})

describe('Transaction inquiry', () => {
  it('an unknown tid or reference, or another initiator\'s, is 168 "TID does not exist"', async () => {
    const sim = newSim()
    for (const ref of ['2000000000', 'client_ref_id:nope-0000000']) {
      const response = await inquire(sim, ref)
      expect(response.body).toEqual({
        response_status_id: 1,
        response_type_id: 168,
        message: 'TID does not exist',
        status: 168,
      })
    }
    const bad = await inquire(sim, 'abc')
    expect(bad.body).toMatchObject({
      status: 97,
      invalid_params: { transaction_ref: expect.any(String) },
    })
    const noQuery = await callAeps(sim, INQUIRY, { params: { transaction_ref: '2000000000' } })
    expect(noQuery.body).toMatchObject({
      status: 97,
      invalid_params: { initiator_id: expect.any(String) },
    })
  })
})

describe('presets', () => {
  /** Applies a preset, then sends its `next` request, signed at the simulator's now. */
  async function applyThenNext(sim: ReturnType<typeof newSim>, name: string) {
    const applied = await sim.handle({
      method: 'POST',
      path: `/__sim/presets/${name}`,
      query: {},
      headers: {},
      body: undefined,
    })
    expect(applied.status, JSON.stringify(applied.body)).toBe(200)
    const { next, state } = applied.body as {
      next: { method: string; path: string; body: Record<string, unknown> }
      state: Record<string, string>
    }
    const [path, search] = next.path.split('?')
    const send = async () => {
      const request = await signedRequest(sim, next.method, path as string, next.body)
      request.query = Object.fromEntries(new URLSearchParams(search ?? ''))
      return (await sim.handle(request)).body as {
        response_type_id: number
        data: Record<string, string>
      }
    }
    return { state, send }
  }

  it('eko-agent-ready-to-transact: Daily KYC done, its next withdrawal succeeds', async () => {
    const sim = newSim()
    const { state, send } = await applyThenNext(sim, 'eko-agent-ready-to-transact')
    expect(state.user_code).toBe('20810202')
    expect(await send()).toMatchObject({ response_type_id: 1463, data: { amount: '1000.00' } })
  })

  it('eko-pending-withdrawal: its inquiry shows tx_status 2, then 0 once the clock passes', async () => {
    const sim = newSim()
    const { state, send } = await applyThenNext(sim, 'eko-pending-withdrawal')
    expect((await send()).data).toMatchObject({ tid: state.tid, tx_status: '2' })
    sim.clock.set(state.settles_at as string)
    expect((await send()).data).toMatchObject({ tid: state.tid, tx_status: '0' })
  })
})
