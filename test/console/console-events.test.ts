/**
 * The live event stream (`GET /__sim/events`, per sandbox `/sbx/{id}/__sim/events`) over real
 * HTTP: the state on open, then each change as it happens; the admin token; one sandbox's
 * events only; the cap on open streams; the end of a stream when its sandbox goes or the server
 * closes.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../mocks/server/start-server.js'
import { openEventStream, type EventStreamReader } from '../support/event-stream-reader.js'
import { requestJson } from '../support/http-json.js'
import { generateSurepassOtp } from '../support/provider-flows.js'
import { startTestServer } from '../support/test-server.js'

const open: EventStreamReader[] = []
const watch = async (url: string, headers?: Record<string, string>) => {
  const reader = await openEventStream(url, headers)
  open.push(reader)
  return reader
}
afterEach(() => {
  for (const reader of open.splice(0)) reader.close()
})
const refOf = (generated: { body: { data: { client_id: string } } }) =>
  generated.body.data.client_id
const refs = (data: { otps: { ref: string }[] }) => data.otps.map((o) => o.ref)

describe('GET /__sim/events', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await startTestServer({ eventHeartbeatMs: 200 })
  })
  afterAll(() => server?.close())

  it('sends the state on open, then the OTP and the journal entries of a flow as they happen', async () => {
    await requestJson(`${server.url}/__sim/reset`, { method: 'POST' })
    const events = await watch(`${server.url}/__sim/events`)
    expect(events.status).toBe(200)
    expect(events.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    expect((await events.next('clock')).data).toMatchObject({ offset_ms: expect.any(Number) })
    expect((await events.next('otps')).data).toEqual({ otps: [] })
    expect((await events.next('scenarios')).data).toEqual({ scenarios: [] })
    expect((await events.next('journal')).data).toEqual({ restart: true, entries: [] })

    const ref = refOf(await generateSurepassOtp(server.url, 'happy'))
    const inbox = await events.next('otps', (d) => refs(d).includes(ref))
    const otp = (await requestJson(`${server.url}/__sim/otps?ref=${ref}`)).body.otps[0]
    expect(inbox.data.otps[0]).toEqual(otp)
    const generateOtp = (e: { operation: string }) => e.operation === 'surepass.ckycV2.generateOtp'
    await events.next('journal', (d) => d.entries.some(generateOtp))
    const batches = events.seen.filter((e) => e.type === 'journal').slice(1)
    expect(batches.map((b) => b.data.restart)).not.toContain(true)
    const ops = batches.flatMap((b) =>
      b.data.entries.map((e: { operation: string }) => e.operation),
    )
    // The flow's two steps, each sent once.
    expect(ops.sort()).toEqual(['surepass.ckyc.search', 'surepass.ckycV2.generateOtp'])
  })

  it('sends the moved clock and the OTP it expired; a reset restarts the journal', async () => {
    const events = await watch(`${server.url}/__sim/events`)
    const ref = refOf(await generateSurepassOtp(server.url, 'happy'))
    await events.next('otps', (d) => refs(d).includes(ref))
    await requestJson(`${server.url}/__sim/clock`, { body: { advance_ms: 600_000 } })
    const clock = await events.next('clock', (c) => c.offset_ms >= 599_000)
    expect(clock.data.frozen).toBe(false)
    const expired = await events.next('otps', (d) =>
      d.otps.some((o: { ref: string; status: string }) => o.ref === ref && o.status === 'expired'),
    )
    expect(expired.type).toBe('otps')
    await requestJson(`${server.url}/__sim/reset`, { method: 'POST' })
    expect((await events.next('journal', (d) => d.restart)).data.entries).toEqual([])
  })

  it('sends heartbeats while nothing happens', async () => {
    const events = await watch(`${server.url}/__sim/events`)
    expect((await events.next('comment', (text) => text === 'heartbeat')).type).toBe('comment')
  })

  it("streams one sandbox's changes only, and ends with gone when the sandbox is deleted", async () => {
    // Another seed: the same one would issue the same ids, and the test could not tell them apart.
    const created = await requestJson(`${server.url}/__sim/sandboxes`, { body: { seed: 'own' } })
    expect(created.status).toBe(201)
    const base: string = created.body.base_url
    const own = await watch(`${base}/__sim/events`)
    const other = await watch(`${server.url}/__sim/events`)
    await own.next('otps')
    await other.next('otps')
    const sandboxRef = refOf(await generateSurepassOtp(base, 'happy'))
    await own.next('otps', (d) => refs(d).includes(sandboxRef))
    const defaultRef = refOf(await generateSurepassOtp(server.url, 'happy'))
    await other.next('otps', (d) => refs(d).includes(defaultRef))
    const defaultInboxes = other.seen.filter((e) => e.type === 'otps')
    expect(defaultInboxes.some((e) => refs(e.data).includes(sandboxRef))).toBe(false)

    await requestJson(`${server.url}/__sim/sandboxes/${created.body.id}`, { method: 'DELETE' })
    expect((await own.next('gone')).data).toEqual({ reason: 'this sandbox was deleted' })
    await own.ended
    expect((await requestJson(`${base}/__sim/events`)).status).toBe(404)
  })
})

describe('the bounds of the event stream', () => {
  it('needs the admin token beyond loopback: a header, or admin_token in the query', async () => {
    const server = await startTestServer({ adminToken: 'stream-sekret' })
    try {
      const refused = await requestJson(`${server.url}/__sim/events`)
      expect(refused.status).toBe(401)
      expect(refused.body).toMatchObject({ error: 'admin_token_required' })
      const wrong = await requestJson(`${server.url}/__sim/events?admin_token=nope`)
      expect(wrong.status).toBe(401)
      const byQuery = await watch(`${server.url}/__sim/events?admin_token=stream-sekret`)
      expect(byQuery.status).toBe(200)
      await byQuery.next('clock')
      const byHeader = await watch(`${server.url}/__sim/events`, {
        'x-fintwin-admin-token': 'stream-sekret',
      })
      expect(byHeader.status).toBe(200)
      // The query form is the event stream's alone.
      expect((await requestJson(`${server.url}/__sim/otps?admin_token=stream-sekret`)).status).toBe(
        401,
      )
    } finally {
      for (const reader of open.splice(0)) reader.close()
      await server.close()
    }
  })

  it('refuses one stream more than maxEventStreams with 503, and frees a slot when a client leaves', async () => {
    const server = await startTestServer({ maxEventStreams: 2 })
    try {
      const first = await watch(`${server.url}/__sim/events`)
      const second = await watch(`${server.url}/__sim/events`)
      await Promise.all([first.next('clock'), second.next('clock')])
      const third = await requestJson(`${server.url}/__sim/events`)
      expect(third.status).toBe(503)
      expect(third.body).toMatchObject({ error: 'too_many_streams' })
      expect(third.headers.get('retry-after')).toBe('10')
      first.close()
      await expect
        .poll(async () => {
          const again = await openEventStream(`${server.url}/__sim/events`)
          again.close()
          return again.status
        })
        .toBe(200)
    } finally {
      for (const reader of open.splice(0)) reader.close()
      await server.close()
    }
  })

  it('does not hold a server close: open streams are ended', async () => {
    const server = await startTestServer()
    const events = await watch(`${server.url}/__sim/events`)
    await events.next('clock')
    const closed = server.close().then(() => 'closed')
    expect(await closed).toBe('closed')
    await events.ended
  })
})
