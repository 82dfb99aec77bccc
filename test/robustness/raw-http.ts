/**
 * Raw-socket HTTP for hostile-input tests: what `fetch` refuses to send (invalid UTF-8 request
 * lines, header bombs, half-sent bodies) goes out byte for byte, and the answer is read as Node
 * wrote it, so a test sees exactly what a misbehaving client would.
 */
import { connect, type Socket } from 'node:net'

/** An HTTP/1.1 answer read off a socket. */
export interface RawResponse {
  status: number
  headers: Record<string, string>
  body: string
  /** The whole answer as received (status line, headers, body). */
  raw: string
}

/** Parses the first HTTP/1.1 response in `raw` (no chunked decoding: the server always sends content-length). */
export function parseRawResponse(raw: string): RawResponse {
  const end = raw.indexOf('\r\n\r\n')
  const head = end === -1 ? raw : raw.slice(0, end)
  const [statusLine = '', ...lines] = head.split('\r\n')
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0)
  const headers: Record<string, string> = {}
  for (const line of lines) {
    const colon = line.indexOf(':')
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  let body = end === -1 ? '' : raw.slice(end + 4)
  const length = headers['content-length']
  if (length !== undefined)
    body = Buffer.from(body, 'latin1').subarray(0, Number(length)).toString('utf8')
  return { status, headers, body, raw }
}

export interface RawExchangeOptions {
  /** Give up after this long (the socket is destroyed). Default 5 s. */
  timeoutMs?: number
  /** Written after `payload`, each after `pauseMs` (a slow client). */
  trickle?: readonly (string | Uint8Array)[]
  pauseMs?: number
  /** Destroy the socket after writing everything instead of waiting for an answer. */
  abortAfterWrite?: boolean
}

/** Writes `payload` to a fresh connection and reads until the server closes it (or the timeout). */
export function rawExchange(
  port: number,
  payload: string | Uint8Array,
  options: RawExchangeOptions = {},
): Promise<{ response: RawResponse; closedByServer: boolean }> {
  const timeoutMs = options.timeoutMs ?? 5000
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    let closedByServer = false
    const timer = setTimeout(() => socket.destroy(), timeoutMs)
    socket.on('data', (chunk: Buffer) => chunks.push(chunk))
    socket.on('end', () => {
      closedByServer = true
    })
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // A server that answers then resets (e.g. after a 431) is fine; anything before the connect is not.
      if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') reject(error)
    })
    socket.on('close', () => {
      clearTimeout(timer)
      resolve({
        response: parseRawResponse(Buffer.concat(chunks).toString('latin1')),
        closedByServer,
      })
    })
    socket.on('connect', async () => {
      socket.write(payload)
      for (const piece of options.trickle ?? []) {
        await new Promise((r) => setTimeout(r, options.pauseMs ?? 20))
        if (socket.destroyed) return
        socket.write(piece)
      }
      if (options.abortAfterWrite) socket.destroy()
    })
  })
}

/** Marks of an answer no provider would give: a stack trace, an HTML page, a raw `Error:` line. */
export function leakMarks(text: string): string[] {
  const marks: string[] = []
  if (/\n\s+at \S/.test(text) || /\bat [\w.<>]+ \(.*:\d+:\d+\)/.test(text))
    marks.push('stack trace')
  if (/<html|<!doctype|<pre>|<body/i.test(text)) marks.push('html')
  if (/\b(Type|Range|Syntax|Reference)?Error:/.test(text)) marks.push('Error:')
  if (/node_modules|\/work\/|file:\/\//.test(text)) marks.push('file path')
  return marks
}
