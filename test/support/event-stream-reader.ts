/**
 * Reads a `text/event-stream` over HTTP as a test would want it: events one at a time, waiting
 * for the next of a kind (or matching a predicate), the comments (heartbeats) too. Parses the
 * format of the WHATWG HTML standard's server-sent events (`event:`, `data:`, `:` comments,
 * blank line ends an event), enough for fintwin's own stream.
 */
export interface StreamEvent {
  /** The `event:` name, or `comment` for a `:` line. */
  type: string
  /** The `data:` lines joined, parsed as JSON when it is; the comment's text for a comment. */
  data: any
}

export interface EventStreamReader {
  readonly status: number
  readonly headers: Headers
  /** Resolves with the next event of `type` that `accept` takes (earlier ones are skipped). */
  next(type: string, accept?: (data: any) => boolean): Promise<StreamEvent>
  /** Resolves when the server ended the stream. */
  readonly ended: Promise<void>
  /** Every event read so far, in order. */
  readonly seen: StreamEvent[]
  /** Leaves (aborts the request). */
  close(): void
}

/** Opens `url` and starts reading; a non-200 answer is returned with an empty stream. */
export async function openEventStream(
  url: string,
  headers: Record<string, string> = {},
): Promise<EventStreamReader> {
  const abort = new AbortController()
  const response = await fetch(url, { headers, signal: abort.signal })
  const seen: StreamEvent[] = []
  const waiters: {
    type: string
    accept: (data: any) => boolean
    resolve: (e: StreamEvent) => void
  }[] = []
  let cursor = 0
  const deliver = (event: StreamEvent) => {
    seen.push(event)
    const i = waiters.findIndex((w) => w.type === event.type && w.accept(event.data))
    if (i !== -1) {
      cursor = seen.length
      waiters.splice(i, 1)[0]!.resolve(event)
    }
  }
  const ended = (async () => {
    if (!response.ok || !response.body) return
    const decoder = new TextDecoder()
    let buffer = ''
    try {
      const reader = response.body.getReader()
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        buffer += decoder.decode(value, { stream: true })
        let end = buffer.indexOf('\n\n')
        while (end !== -1) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          let type = 'message'
          const data: string[] = []
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) deliver({ type: 'comment', data: line.slice(1).trim() })
            else if (line.startsWith('event:')) type = line.slice(6).trim()
            else if (line.startsWith('data:')) data.push(line.slice(5).trim())
          }
          if (data.length > 0) {
            const text = data.join('\n')
            let parsed: unknown = text
            try {
              parsed = JSON.parse(text)
            } catch {
              // not JSON: keep the text
            }
            deliver({ type, data: parsed })
          }
          end = buffer.indexOf('\n\n')
        }
      }
    } catch (error) {
      if (!abort.signal.aborted) throw error
    }
  })()
  return {
    status: response.status,
    headers: response.headers,
    seen,
    ended,
    next(type, accept = () => true) {
      const earlier = seen.slice(cursor).findIndex((e) => e.type === type && accept(e.data))
      if (earlier !== -1) {
        const event = seen[cursor + earlier]!
        cursor += earlier + 1
        return Promise.resolve(event)
      }
      return new Promise((resolve) => waiters.push({ type, accept, resolve }))
    },
    close: () => abort.abort(),
  }
}
