import type { IncomingMessage } from 'node:http'

/** The body text of a request; or that it was larger than allowed; or that the client went away. */
export type ReadBodyResult =
  | { ok: true; text: string }
  | { ok: false; error: 'too_large' | 'aborted' }

const EMPTY: ReadBodyResult = Object.freeze({ ok: true, text: '' }) as ReadBodyResult

/**
 * Reads a Node request body as UTF-8 text, at most `limit` bytes, BEFORE anything parses it.
 *
 * Why by hand and not `express.json()`: the limit has to be answered by the simulator in the
 * provider's own 413 envelope, and a parser middleware would answer its own HTML/JSON error.
 * A declared `content-length` over the limit is refused without reading a byte; a chunked body
 * is refused at the first chunk that crosses the limit. Either way nothing more is buffered: the
 * rest of the upload is discarded as it arrives (not left unread: closing a socket that still
 * has unread data makes the kernel send RST, and the client would lose the 413 it was sent).
 * The caller closes the connection after answering.
 */
export function readBody(
  req: IncomingMessage,
  limit: number,
  /** `latin1` (one char per byte) for a multipart upload, so file sizes stay exact. */
  encoding: 'utf8' | 'latin1' = 'utf8',
): Promise<ReadBodyResult> {
  const declared = req.headers['content-length']
  if (declared === undefined && req.headers['transfer-encoding'] === undefined)
    return Promise.resolve(EMPTY)
  if (declared !== undefined && Number(declared) > limit) {
    req.resume()
    return Promise.resolve({ ok: false, error: 'too_large' })
  }
  if (declared === '0') return Promise.resolve(EMPTY)
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    const cleanup = () => {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', onAbort)
      req.off('close', onAbort)
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        cleanup()
        chunks.length = 0
        req.on('error', () => undefined)
        req.resume()
        resolve({ ok: false, error: 'too_large' })
        return
      }
      chunks.push(chunk)
    }
    const onEnd = () => {
      cleanup()
      resolve({
        ok: true,
        text:
          chunks.length === 1
            ? chunks[0]!.toString(encoding)
            : Buffer.concat(chunks, size).toString(encoding),
      })
    }
    const onAbort = () => {
      cleanup()
      resolve({ ok: false, error: 'aborted' })
    }
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('error', onAbort)
    req.on('close', onAbort)
  })
}
