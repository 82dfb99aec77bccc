/**
 * `GET /__sim/events`: the sandbox's changes as server-sent events (the WHATWG HTML standard's
 * `text/event-stream`, what a browser's `EventSource` reads), so the QA console shows a new OTP,
 * a journal entry or a moved clock the moment it happens instead of polling every second.
 *
 * Events, each `data` one JSON line:
 * - `clock` — the clock (`GET /__sim/clock`'s shape), when moved, set, frozen or released;
 * - `otps` — the inbox (`GET /__sim/otps`'s shape, newest 50), when it changed;
 * - `journal` — `{ "restart": bool, "entries": [...] }`, newest first: the entries since the
 *   last event, or (`restart`) the newest 200 replacing what the client holds (on open, and
 *   after a reset emptied the journal);
 * - `scenarios` — the rules in force (`GET /__sim/scenarios`'s shape), when they changed;
 * - `gone` — the sandbox was deleted; the stream ends (a client should not reconnect).
 * All four state events are sent on open, so a client needs no other read to start. A comment
 * heartbeat every `eventHeartbeatMs` keeps proxies from closing an idle stream and re-reads the
 * inbox, so an OTP that expires by real time shows so. Bounded: at most `maxEventStreams` at once
 * per sandbox (then 503 `too_many_streams`); every timer and listener goes with the stream.
 */
import type { Simulator } from '../create-simulator-core.js'
import type { JournalEntry } from '../pipeline/journal.js'
import type { SimResponse, StreamSink } from '../sim-types.js'
import { adminProblem } from './admin-response.js'

/** How long a browser waits before reconnecting a dropped stream (the `retry` field). */
const RETRY_MS = 2000
/** Inbox entries an `otps` event carries, as `GET /__sim/otps` by default. */
const OTP_LIMIT = 50
/** Journal entries a `journal` event carries at most. */
const JOURNAL_LIMIT = 200

/** The route's handler: one per simulator, counting the streams it has open. */
export interface EventStreams {
  /** Answers `GET /__sim/events`: the stream, or 503 when {@link open} streams are at the cap. */
  answer(): SimResponse
  /** Streams open now. */
  readonly open: number
}

/** Creates the `events` route of one simulator's admin API. */
export function createEventStreams(sim: Simulator): EventStreams {
  let open = 0
  const { maxEventStreams: max, eventHeartbeatMs: heartbeatMs } = sim.config

  function start(sink: StreamSink): () => void {
    if (open >= max) {
      // Raced past the cap between the answer and the door opening the stream.
      sink.write(': too many streams\n\n')
      sink.end()
      return () => {}
    }
    open += 1
    const send = (event: string, json: string) => sink.write(`event: ${event}\ndata: ${json}\n\n`)
    const seen = { clock: '', otps: '', scenarios: '' }
    let newest: JournalEntry | undefined
    let journalSent = false
    /** Sends each part that differs from what this client was last sent. */
    const flush = () => {
      const clock = sim.clock.toJSON()
      const clockKey = clock.frozen ? `frozen ${clock.now_ms}` : `running ${clock.offset_ms}`
      if (clockKey !== seen.clock) {
        seen.clock = clockKey
        send('clock', JSON.stringify(clock))
      }
      const otps = JSON.stringify(sim.otps({ limit: OTP_LIMIT }))
      if (otps !== seen.otps) {
        seen.otps = otps
        send('otps', `{"otps":${otps}}`)
      }
      const scenarios = JSON.stringify(sim.scenarios.list())
      if (scenarios !== seen.scenarios) {
        seen.scenarios = scenarios
        send('scenarios', `{"scenarios":${scenarios}}`)
      }
      // Entries are kept as recorded, so the last one sent is found again by identity; when it
      // is not among the newest (a reset emptied the journal), the client starts over.
      const entries = sim.journal.list(JOURNAL_LIMIT)
      let at = -1
      if (newest !== undefined) at = entries.indexOf(newest)
      else if (journalSent) at = entries.length
      if (at > 0) send('journal', JSON.stringify({ restart: false, entries: entries.slice(0, at) }))
      else if (at === -1) send('journal', JSON.stringify({ restart: true, entries }))
      journalSent = true
      newest = entries[0]
    }
    let stopped = false
    let unsubscribe = () => {}
    const stop = () => {
      if (stopped) return
      stopped = true
      open -= 1
      clearInterval(heartbeat)
      unsubscribe()
    }
    sink.write(`retry: ${RETRY_MS}\n\n`)
    flush()
    const heartbeat = setInterval(() => {
      sink.write(': heartbeat\n\n')
      flush()
    }, heartbeatMs)
    unsubscribe = sim.changes.subscribe({
      changed: flush,
      closed: () => {
        send('gone', JSON.stringify({ reason: 'this sandbox was deleted' }))
        stop()
        sink.end()
      },
    })
    return stop
  }

  return {
    answer(): SimResponse {
      if (open >= max)
        return {
          ...adminProblem(
            503,
            'too_many_streams',
            `this sandbox already serves ${max} event streams; close one (or poll /__sim/otps and /__sim/journal)`,
          ),
          headers: { 'content-type': 'application/json', 'retry-after': '10' },
        }
      return {
        status: 200,
        headers: {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          // Proxies that buffer (nginx) would hold events back.
          'x-accel-buffering': 'no',
        },
        body: '',
        stream: { open: start },
      }
    },
    get open() {
      return open
    },
  }
}
