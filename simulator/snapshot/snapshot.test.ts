import { describe, expect, it } from 'vitest'
import { createSimulator, type Simulator } from '../create-simulator.js'
import {
  SUREPASS_OPS,
  adminRequest,
  bodyOf,
  createResponseLog,
  downloadRequest,
  searchRequest,
  startDownload,
} from '../../test/support/sim-requests.js'
import { callEko, ekoAgent, sendOtpBody } from '../../test/support/eko-requests.js'
import {
  BALANCE_ENQUIRY,
  CASH_WITHDRAWAL,
  INQUIRY,
  callAeps,
  dailyKyc,
  transaction,
} from '../../test/support/eko-aeps.js'
import { SNAPSHOT_VERSION } from './snapshot-document.js'

const newSim = (seed = 'snap') =>
  createSimulator({ seed, config: { onContractViolation: 'throw' } })
const log = createResponseLog()
const put = (sim: Simulator, body: unknown) => sim.handle(adminRequest('PUT', 'snapshot', { body }))
const take = async (sim: Simulator) => bodyOf(await sim.handle(adminRequest('GET', 'snapshot')))
const withoutTime = ({ taken_at: _, ...rest }: Record<string, unknown>) => rest

/** A simulator with state in every part: sessions, OTPs, an onboarded agent, a rule, a frozen clock. */
async function busy(): Promise<{
  sim: Simulator
  flow: Awaited<ReturnType<typeof startDownload>>
}> {
  const sim = newSim()
  sim.clock.freeze(true)
  sim.clock.set('2026-05-05T05:05:05Z')
  const flow = await startDownload(log, sim)
  await callEko(sim, 'sendOtp', sendOtpBody(ekoAgent('ekyc_pending')))
  await sim.handle(
    adminRequest('POST', 'scenarios', {
      body: { operation: SUREPASS_OPS.search, outcome: 'verification_failed', times: 2 },
    }),
  )
  return { sim, flow }
}

describe('GET /__sim/snapshot', () => {
  it('is a versioned document with every declared table, derived from the declarations', async () => {
    const { sim } = await busy()
    const doc = await take(sim)
    expect(doc).toMatchObject({
      format: 'fintwin-snapshot',
      version: SNAPSHOT_VERSION,
      seed: 'snap',
    })
    const { otps: _o, journal: _j, ...tables } = sim.stats()
    expect(Object.keys(doc.tables).sort()).toEqual(Object.keys(tables).sort())
    for (const [name, count] of Object.entries(tables))
      expect(doc.tables[name].rows, name).toHaveLength(count)
    expect(doc.otp.records).toHaveLength(2)
    expect(doc.scenarios).toHaveLength(1)
    expect(doc.clock).toEqual({
      offset_ms: null,
      frozen_at: Date.parse('2026-05-05T05:05:05Z'),
    })
  })
})

describe('PUT /__sim/snapshot', () => {
  it('restores everything into a fresh simulator: the flow continues where it was', async () => {
    const { sim, flow } = await busy()
    const saved = JSON.parse(JSON.stringify(await take(sim)))
    const restored = newSim()
    const response = await put(restored, saved)
    expect(response.status).toBe(200)
    expect(bodyOf(response).state).toEqual(restored.stats())
    expect(withoutTime(await take(restored))).toEqual(withoutTime(saved))
    expect(restored.clock.now()).toBe(Date.parse('2026-05-05T05:05:05Z'))
    // The OTP sent before the snapshot downloads the record after it.
    const download = await restored.handle(
      downloadRequest({ client_id: flow.downloadId, otp: flow.otp }),
    )
    expect(download.status).toBe(200)
    // The rule is still there, with its remaining count.
    const forced = await restored.handle(
      searchRequest({ document_type: 'PAN', id_number: 'EKRPR1234F' }),
    )
    expect(bodyOf(forced).message_code).toBe('verification_failed')
  })

  it('carries the AePS money state: balances, the agent wallet, transactions and the Daily KYC', async () => {
    const sim = newSim()
    await dailyKyc(sim)
    const paid = await callAeps(
      sim,
      CASH_WITHDRAWAL,
      transaction('ekyc_done', 'happy', { amount: 1000, client_ref_id: 'SNAP-REF-0001' }),
    )
    expect(paid.body.response_type_id).toBe(1463)
    const before = await callAeps(sim, BALANCE_ENQUIRY, transaction('ekyc_done', 'happy'))
    const doc = await take(sim)
    for (const table of [
      'customerAccounts',
      'agentWallets',
      'aepsTransactions',
      'agentServices',
      'bbpsBills',
      'partnerWallets',
    ])
      expect(doc.tables[table], table).toBeDefined()

    const restored = newSim()
    expect((await put(restored, doc)).status).toBe(200)
    // No new Daily KYC: the restored agent did it today; the balance is the debited one.
    const after = await callAeps(restored, BALANCE_ENQUIRY, transaction('ekyc_done', 'happy'))
    expect(after.body.response_type_id).toBe(1466)
    expect(after.body.data?.customer_balance).toBe(before.body.data?.customer_balance)
    // The retry of the same reference replays the first withdrawal: no second debit.
    const retry = await callAeps(
      restored,
      CASH_WITHDRAWAL,
      transaction('ekyc_done', 'happy', { amount: 1000, client_ref_id: 'SNAP-REF-0001' }),
    )
    expect(retry.body.data?.tid).toBe(paid.body.data?.tid)
    const inquiry = await callAeps(restored, INQUIRY, {
      params: { transaction_ref: 'client_ref_id:SNAP-REF-0001' },
      query: { initiator_id: '9962981729', user_code: '20810202' },
    })
    expect(inquiry.body).toMatchObject({ response_type_id: 1472, data: { tx_status: '0' } })
  })

  it('ids drawn after a restore continue the stream: the same as the original would draw, never a repeat', async () => {
    const { sim } = await busy()
    const restored = newSim()
    await put(restored, await take(sim))
    for (const s of [sim, restored]) await s.handle(adminRequest('DELETE', 'scenarios'))
    const next = async (s: Simulator) =>
      bodyOf(await s.handle(searchRequest({ document_type: 'PAN', id_number: 'EKRPR1234F' }))).data
        .client_id
    const [a, b] = [await next(sim), await next(restored)]
    expect(b).toBe(a)
    expect(
      bodyOf(await restored.handle(adminRequest('GET', 'snapshot')))
        .tables.searches.rows.map((r: { client_id: string }) => r.client_id)
        .filter((id: string) => id === b),
    ).toHaveLength(1)
  })

  it('a part left out starts as after a reset: {format, version} alone is a reset of state', async () => {
    const { sim } = await busy()
    const fresh = newSim()
    const response = await put(sim, { format: 'fintwin-snapshot', version: SNAPSHOT_VERSION })
    expect(response.status).toBe(200)
    expect(sim.stats()).toEqual({ ...fresh.stats(), journal: sim.journal.size })
    expect(sim.scenarios.list()).toEqual([])
  })

  it('a running clock keeps its offset from real time', async () => {
    const sim = newSim()
    sim.clock.advance(7_200_000)
    const restored = newSim()
    await put(restored, await take(sim))
    expect(Math.abs(restored.clock.toJSON().offset_ms - 7_200_000)).toBeLessThan(1000)
    expect(restored.clock.toJSON().frozen).toBe(false)
  })

  const cases: [string, (doc: any) => unknown, string, string][] = [
    ['not an object', () => [1], 'malformed', ''],
    ['another format', (d) => ({ ...d, format: 'other' }), 'malformed', '/format'],
    ['another version', (d) => ({ ...d, version: 99 }), 'incompatible_version', '/version'],
    ['an unknown field', (d) => ({ ...d, extra: 1 }), 'malformed', '/extra'],
    [
      'a bad stream state',
      (d) => ({ ...d, random: { ...d.random, ids: [1, 2] } }),
      'malformed',
      '/random/ids',
    ],
    ['another seed', (d) => ({ ...d, seed: 'other' }), 'inconsistent', '/seed'],
    [
      'an undeclared table',
      (d) => ({ ...d, tables: { ...d.tables, nope: { rows: [], seeded: [] } } }),
      'inconsistent',
      '/tables/nope',
    ],
    [
      'a duplicate key',
      (d) => ({
        ...d,
        tables: {
          ...d.tables,
          searches: { rows: [d.tables.searches.rows[0], d.tables.searches.rows[0]], seeded: [] },
        },
      }),
      'inconsistent',
      '/tables/searches/rows/1/client_id',
    ],
    [
      'an OTP subject pointing at no record',
      (d) => ({ ...d, otp: { ...d.otp, records: [] } }),
      'inconsistent',
      '/otp/subjects/0/latestRef',
    ],
    [
      'a rule of an unknown outcome',
      (d) => ({ ...d, scenarios: [{ ...d.scenarios[0], outcome: 'nope' }] }),
      'inconsistent',
      '/scenarios/0',
    ],
  ]
  it.each(cases)(
    '%s → 400 naming the field, the state untouched',
    async (_name, spoil, problem, path) => {
      const { sim } = await busy()
      const before = await take(sim)
      const response = await put(sim, spoil(JSON.parse(JSON.stringify(before))))
      expect(response.status).toBe(400)
      const body = bodyOf(response)
      expect(body.error).toBe('invalid_snapshot')
      expect(body.message).toContain(problem)
      expect(body.fields.map((f: { path: string }) => f.path)).toContain(path)
      expect(withoutTime(await take(sim))).toEqual(withoutTime(before))
    },
  )

  it('drops prototype keys in rows; nothing in a snapshot is evaluated', async () => {
    const { sim } = await busy()
    const doc = JSON.parse(JSON.stringify(await take(sim)))
    const row = JSON.parse(
      `{"__proto__":{"polluted":true},"constructor":{"x":1},${JSON.stringify(doc.tables.searches.rows[0]).slice(1)}`,
    )
    doc.tables.searches.rows[0] = row
    expect((await put(sim, doc)).status).toBe(200)
    const saved = (await take(sim)).tables.searches.rows[0]
    expect(Object.keys(saved)).not.toContain('__proto__')
    expect(Object.keys(saved)).not.toContain('constructor')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})
