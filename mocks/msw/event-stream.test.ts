/**
 * The live event stream through the in-process door: msw answers `GET /__sim/events` with a
 * streamed body, and an aborted request stops the simulator's stream (no watcher left).
 */
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSimulator } from '../../simulator/create-simulator.js'
import { createHandlers } from './create-handlers.js'

const simulator = createSimulator({ seed: 'msw-events' })
const server = setupServer(...createHandlers(simulator))
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

/** Reads the body until `until` appears in it. */
async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, until: string) {
  const decoder = new TextDecoder()
  let text = ''
  while (!text.includes(until)) {
    const { done, value } = await reader.read()
    if (done) break
    text += decoder.decode(value, { stream: true })
  }
  return text
}

describe('GET /__sim/events in-process (msw)', () => {
  it('streams the state, then a change; aborting the request stops the stream', async () => {
    const abort = new AbortController()
    const response = await fetch('http://fintwin.test/__sim/events', { signal: abort.signal })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    const reader = response.body!.getReader()
    const opening = await readUntil(reader, 'event: journal')
    expect(opening).toContain('event: clock\ndata: {')
    expect(opening).toContain('event: otps\ndata: {"otps":[]}')
    expect(simulator.changes.size).toBe(1)
    await fetch('http://fintwin.test/__sim/clock', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ freeze: true }),
    })
    expect(await readUntil(reader, '"frozen":true')).toContain('event: clock')
    abort.abort()
    await expect.poll(() => simulator.changes.size).toBe(0)
  })
})
