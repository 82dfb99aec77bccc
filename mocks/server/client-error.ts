import { STATUS_CODES, type Server } from 'node:http'
import type { Duplex } from 'node:stream'

/** Node's parser errors that get a specific status; anything else unparsable is a 400. */
const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  HPE_HEADER_OVERFLOW: 431,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 413,
  HPE_INVALID_VERSION: 505,
}

/**
 * Answers requests Node's HTTP parser refuses before any handler runs (a 20 KB header, a garbage
 * request line, a bad chunk size, two content-lengths) in JSON, like every other answer of the
 * server, instead of Node's default bare `431`/`400` with no body. Nothing of the request is
 * echoed (it may be hostile) and the connection is closed: the parser cannot resync after this.
 *
 * Mirrors Node's own default: a socket whose response has already started, or that the client
 * already reset, is just destroyed.
 */
export function answerClientErrorsInJson(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage
    if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy()
      return
    }
    const status = STATUS_BY_CODE[error.code ?? ''] ?? 400
    const reason = STATUS_CODES[status] ?? 'Bad Request'
    const body = JSON.stringify({
      error: reason.toLowerCase().replace(/[^a-z0-9]+/g, '_'),
      message: `${reason}: the request could not be parsed as HTTP/1.1.`,
    })
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    )
  })
}
