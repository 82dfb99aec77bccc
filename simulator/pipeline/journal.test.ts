import { describe, expect, it } from 'vitest'
import { createSimulator } from '../index.js'
import { createJournal } from './journal.js'
import type { JournalEntry } from './journal.js'
import {
  SUREPASS_OPS,
  createResponseLog,
  downloadRequest,
  envelopeBreaches,
  searchRequest,
  startDownload,
  surepassEnvelopeExchanges,
  wrongOtp,
} from '../../test/support/sim-requests.js'

function entry(path: string, status = 200): Omit<JournalEntry, 'id'> {
  return {
    at: '2026-01-01T00:00:00.000Z',
    method: 'POST',
    path,
    provider: 'surepass',
    operation: SUREPASS_OPS.search,
    status,
    case: 'success',
    scenario: null,
    duration_ms: 0.1,
    contract: { ok: true, violations: [] },
  }
}

const paths = (entries: JournalEntry[]) => entries.map((e) => e.path)

describe('createJournal', () => {
  it('numbers entries from 1 and returns what it stored', () => {
    const journal = createJournal(10)
    const first = journal.record(entry('/a'))
    const second = journal.record(entry('/b'))
    expect(first).toEqual({ id: 1, ...entry('/a') })
    expect(second.id).toBe(2)
    expect(journal.size).toBe(2)
  })

  it('lists newest first, up to limit', () => {
    const journal = createJournal(10)
    for (const p of ['/a', '/b', '/c', '/d']) journal.record(entry(p))
    expect(paths(journal.list())).toEqual(['/d', '/c', '/b', '/a'])
    expect(paths(journal.list(2))).toEqual(['/d', '/c'])
    expect(paths(journal.list(99))).toHaveLength(4)
    expect(journal.list(0)).toEqual([])
    expect(journal.list(-3)).toEqual([])
  })

  it('defaults to the last 100 entries', () => {
    const journal = createJournal(500)
    for (let i = 0; i < 150; i++) journal.record(entry(`/${i}`))
    const listed = journal.list()
    expect(listed).toHaveLength(100)
    expect(listed[0]?.id).toBe(150)
    expect(listed[99]?.id).toBe(51)
  })

  it('is a ring: keeps only the last `capacity` entries, in order, across many wrap-arounds', () => {
    const journal = createJournal(4)
    for (let i = 1; i <= 23; i++) journal.record(entry(`/${i}`))
    expect(journal.size).toBe(4)
    expect(journal.list().map((e) => e.id)).toEqual([23, 22, 21, 20])
    expect(paths(journal.list(2))).toEqual(['/23', '/22'])
  })

  it('capacity 1 keeps just the newest; capacity 0 keeps nothing', () => {
    const one = createJournal(1)
    one.record(entry('/a'))
    one.record(entry('/b'))
    expect(paths(one.list())).toEqual(['/b'])
    const none = createJournal(0)
    none.record(entry('/a'))
    expect(none.size).toBe(0)
    expect(none.list()).toEqual([])
  })

  it('clear() empties it and restarts ids at 1, as in a fresh journal', () => {
    const journal = createJournal(3)
    for (const p of ['/a', '/b', '/c', '/d']) journal.record(entry(p))
    journal.clear()
    expect(journal.size).toBe(0)
    expect(journal.list()).toEqual([])
    expect(journal.record(entry('/e')).id).toBe(1)
    expect(paths(journal.list())).toEqual(['/e'])
  })
})

describe('the simulator journal', () => {
  it('records each provider request with its operation, status, case, scenario and contract check', async () => {
    const log = createResponseLog()
    const sim = createSimulator({ config: { onContractViolation: 'throw' } })
    sim.clock.freeze(true)
    sim.clock.set('2026-02-02T02:02:02Z')
    const flow = await startDownload(log, sim)
    await log.send(sim, downloadRequest({ client_id: flow.downloadId, otp: wrongOtp(flow.otp) }))
    await log.send(
      sim,
      downloadRequest({ client_id: flow.downloadId, otp: flow.otp }, { scenario: 'otp_expired' }),
    )
    await log.send(sim, searchRequest({ document_type: 'PAN' }))
    expect(envelopeBreaches(surepassEnvelopeExchanges(log))).toEqual([])

    const got = sim.journal.list().map((e) => ({
      id: e.id,
      at: e.at,
      operation: e.operation,
      status: e.status,
      case: e.case,
      scenario: e.scenario,
      ok: e.contract.ok,
    }))
    const at = '2026-02-02T02:02:02.000Z'
    expect(got).toEqual([
      {
        id: 5,
        at,
        operation: SUREPASS_OPS.search,
        status: 400,
        case: 'invalid_input',
        scenario: null,
        ok: true,
      },
      {
        id: 4,
        at,
        operation: SUREPASS_OPS.download,
        status: 422,
        case: 'otp_expired',
        scenario: 'otp_expired',
        ok: true,
      },
      {
        id: 3,
        at,
        operation: SUREPASS_OPS.download,
        status: 422,
        case: 'invalid_otp',
        scenario: null,
        ok: true,
      },
      {
        id: 2,
        at,
        operation: SUREPASS_OPS.generateOtp,
        status: 200,
        case: 'success',
        scenario: null,
        ok: true,
      },
      {
        id: 1,
        at,
        operation: SUREPASS_OPS.search,
        status: 200,
        case: 'success',
        scenario: null,
        ok: true,
      },
    ])
    for (const e of sim.journal.list()) expect(e.contract.violations).toEqual([])
  })

  it('is bounded by config.journalCapacity', async () => {
    const log = createResponseLog()
    const sim = createSimulator({ config: { onContractViolation: 'throw', journalCapacity: 2 } })
    for (let i = 0; i < 4; i++)
      await log.send(sim, searchRequest({ document_type: 'PAN', id_number: 'EKRPR1234F' }))
    expect(sim.journal.size).toBe(2)
    expect(sim.journal.list().map((e) => e.id)).toEqual([4, 3])
  })
})
