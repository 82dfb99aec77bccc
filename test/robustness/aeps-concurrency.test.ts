/**
 * AePS money under concurrency: 50 withdrawals racing on one customer account, in-process
 * (`Promise.all` over `sim.handle`, which interleaves at every await: the HMAC check is async)
 * and over HTTP (real sockets, one server). The account is never overdrawn, every rupee that
 * leaves it reaches the agent's wallet, and one `client_ref_id` is debited once however many
 * copies of it race.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../mocks/index.js'
import { createSimulator, type Simulator } from '../../simulator/index.js'
import { EKO_UAT_CREDENTIALS } from '../../simulator/fixtures/index.js'
import {
  BALANCE_ENQUIRY,
  CASH_WITHDRAWAL,
  callAeps,
  dailyKyc,
  rupeesOf,
  transaction,
} from '../support/eko-aeps.js'
import { ekoHeaders } from '../support/eko-signer.js'
import { requestJson } from '../support/http-json.js'

const PARALLEL = 50
/** ₹1,000 each against the `happy` customer's ₹25,000: exactly 25 can succeed. */
const AMOUNT = 1000

function tally(codes: readonly number[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const code of codes) out[code] = (out[code] ?? 0) + 1
  return out
}

async function balance(sim: Simulator): Promise<number> {
  const response = await callAeps(sim, BALANCE_ENQUIRY, transaction('ekyc_done', 'happy'))
  return rupeesOf(response.body.data?.customer_balance)
}

describe(`AePS: ${PARALLEL} parallel withdrawals on one account, in-process`, () => {
  it('never overdraw: 25 succeed, 25 are refused 347, and the agent holds what the customer lost', async () => {
    const sim = createSimulator({ config: { onContractViolation: 'throw' } })
    await dailyKyc(sim)
    const responses = await Promise.all(
      Array.from({ length: PARALLEL }, () =>
        callAeps(sim, CASH_WITHDRAWAL, transaction('ekyc_done', 'happy', { amount: AMOUNT })),
      ),
    )
    expect(tally(responses.map((r) => r.body.status))).toEqual({ 0: 25, 347: 25 })
    const tids = responses.filter((r) => r.body.status === 0).map((r) => r.body.data?.tid)
    expect(new Set(tids).size).toBe(25)
    expect(await balance(sim)).toBe(0)
    const wallets = responses.map((r) => rupeesOf(r.body.data?.balance ?? 0))
    expect(Math.max(...wallets)).toBe(25 * AMOUNT)
    // Each success saw a distinct customer balance, 24,000 down to 0: no two read the same one.
    const after = responses
      .filter((r) => r.body.status === 0)
      .map((r) => r.body.data?.customer_balance)
    expect(new Set(after).size).toBe(25)
  })

  it('one client_ref_id raced 50 times is one debit, and every copy answers its tid', async () => {
    const sim = createSimulator({ config: { onContractViolation: 'throw' } })
    await dailyKyc(sim)
    const call = transaction('ekyc_done', 'happy', {
      amount: AMOUNT,
      client_ref_id: 'race-000000001',
    })
    const responses = await Promise.all(
      Array.from({ length: PARALLEL }, () => callAeps(sim, CASH_WITHDRAWAL, call)),
    )
    expect(tally(responses.map((r) => r.body.status))).toEqual({ 0: PARALLEL })
    expect(new Set(responses.map((r) => r.body.data?.tid)).size).toBe(1)
    expect(await balance(sim)).toBe(25_000 - AMOUNT)
  })
})

describe(`AePS: ${PARALLEL} parallel withdrawals over HTTP`, () => {
  let server: RunningServer
  let sim: Simulator
  beforeAll(async () => {
    sim = createSimulator({ config: { onContractViolation: 'throw' } })
    server = await startServer({ simulator: sim, port: 0, quiet: true })
  })
  afterAll(() => server.close())

  it('never overdraw nor double-debit a reference, through real sockets', async () => {
    await dailyKyc(sim)
    const { body, params } = transaction('ekyc_done', 'happy', { amount: AMOUNT })
    const url = `${server.url}/ekoapi/v3/customer/collection/aeps-fingpay/cash-withdrawl/${params?.customer_id}`
    const send = async (extra: Record<string, unknown>) =>
      requestJson(url, {
        method: 'POST',
        headers: await ekoHeaders(EKO_UAT_CREDENTIALS, sim.clock.now()),
        body: { ...body, ...extra },
      })
    // 10 copies of one reference and 40 distinct withdrawals, all at once.
    const responses = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        send(i < 10 ? { client_ref_id: 'http-race-00001' } : {}),
      ),
    )
    expect(responses.every((r) => r.status === 200)).toBe(true)
    const refTids = new Set(responses.slice(0, 10).map((r) => r.body.data?.tid))
    expect(refTids.size).toBe(1)
    const codes = tally(responses.map((r) => r.body.status))
    // The reference is one debit; 24 more fit in the balance; the other 16 are refused.
    expect(codes).toEqual({ 0: 10 + 24, 347: 16 })
    expect(await balance(sim)).toBe(0)
  })
})
