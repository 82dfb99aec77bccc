import type {
  IncomingHttpHeaders,
  IncomingMessage,
  OutgoingHttpHeaders,
  ServerResponse,
} from 'node:http'
import type { Socket } from 'node:net'
import { isMultipart, parseRequestBody } from '../body-parser.js'
import type { Simulator } from '../../simulator/create-simulator.js'
import type { SimRequest, SimResponse } from '../../simulator/sim-types.js'
import {
  createSandboxManager,
  createSandboxRouter,
  type SandboxManager,
} from '../../simulator/sandboxes/index.js'
import { nodePlatform } from '../node-platform.js'
import { DEFAULT_BODY_LIMIT } from '../body-limit.js'
import type { JournalEntry } from '../../simulator/pipeline/journal.js'
import {
  formatAccessJson,
  formatAccessLine,
  silentLogger,
  stdioLogger,
  type LogFormat,
  type Logger,
} from './access-log.js'
import { createCorsPolicy, type CorsOptions } from './cors.js'
import { responsePayload } from '../response-payload.js'
import { readBody } from './read-body.js'
import { createServerLifecycle, type ServerLifecycle } from './server-lifecycle.js'

/** Options of {@link createDispatcher}. */
export interface DispatcherOptions {
  /** The default sandbox: what a request without a sandbox prefix or header reaches. */
  simulator: Simulator
  /**
   * The sandboxes served beside it (`/sbx/{id}/…`, header `x-fintwin-sandbox`); its default
   * sandbox must be `simulator`. Default: a manager of its own, with the default limits.
   */
  sandboxes?: SandboxManager
  /** Largest body read before the provider's 413. Default 1 MiB. */
  bodyLimit?: number
  /** Largest `PUT /__sim/snapshot` body (a whole sandbox's state). Default 64 MiB. */
  snapshotLimit?: number
  /** Where the access log and internal errors go. Default: stdout / stderr. */
  logger?: Logger
  /** No access log (errors are still reported to `logger.error`). */
  quiet?: boolean
  /** `text` (default): `POST /path 200 1.8ms`; `json`: one JSON object a line, with the reason. */
  logFormat?: LogFormat
  /** Shared with the server that owns this dispatcher, for graceful close. */
  lifecycle?: ServerLifecycle
  /** Answer browsers on other origins (preflights, `Access-Control-*`). Default: off, like the providers. */
  cors?: CorsOptions
}

/** A Node request handler; also a valid express middleware (it never calls `next`). */
export type Dispatcher = (
  req: IncomingMessage,
  res: ServerResponse,
  next?: (error?: unknown) => void,
) => void

/** A snapshot is a whole sandbox: bounded, but far larger than any provider request. */
const DEFAULT_SNAPSHOT_LIMIT = 64 * 1024 * 1024
const SNAPSHOT_PATH = '/__sim/snapshot'

/** After a 413 the upload is drained for at most this long before the socket is cut. */
const LINGER_MS = 2000

const INTERNAL_ERROR = JSON.stringify({ error: 'internal_error' })

/**
 * The server door's single dispatcher (called straight from `node:http`; `createApp` mounts it
 * in express): Node request → {@link SimRequest} → `simulator.handle`
 * → Node response. This is the server's hot path, so it deliberately builds no Fetch
 * `Request`/`Response`, goes through no msw `getResponse` and no per-route express router:
 * routing already happened once, in the contract registry, inside `handle` (measured: the Fetch
 * path runs at a third of this one's throughput). It never throws to its caller: any failure
 * becomes a JSON 500 `{"error":"internal_error"}` and the server keeps serving.
 */
export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const { simulator } = options
  const sandboxes =
    options.sandboxes ?? createSandboxManager({ simulator, platform: nodePlatform() })
  if (sandboxes.default.simulator !== simulator)
    throw new Error('createDispatcher: the sandbox manager serves another default simulator')
  const router = createSandboxRouter(sandboxes)
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT
  const snapshotLimit = options.snapshotLimit ?? DEFAULT_SNAPSHOT_LIMIT
  const logger = options.logger ?? stdioLogger
  const access = options.quiet ? silentLogger : logger
  /** One access-log line; when quiet, not even formatted (it is on every request's path). */
  const jsonLog = options.logFormat === 'json'
  const logAccess = (
    method: string,
    path: string,
    status: number | string,
    startedAt: number,
    served?: { sandbox: string | undefined; entry: JournalEntry | undefined },
  ): void => {
    if (access === silentLogger) return
    if (!jsonLog) {
      access.info(formatAccessLine(method, path, status, startedAt))
      return
    }
    const entry = served?.entry
    const reason = entry ? (entry.reason.check ?? entry.reason.message) : null
    access.info(
      formatAccessJson(
        {
          sandbox: served?.sandbox ?? null,
          method,
          path,
          operation: entry?.operation ?? null,
          status,
          case: entry?.case ?? null,
          reason,
        },
        startedAt,
      ),
    )
  }
  const lifecycle = options.lifecycle ?? createServerLifecycle()
  const cors = options.cors ? createCorsPolicy(options.cors) : undefined

  async function serve(
    req: IncomingMessage,
    res: ServerResponse,
    startedAt: number,
  ): Promise<void> {
    const method = req.method ?? 'GET'
    const request: SimRequest = {
      method,
      path: '/',
      query: {},
      headers: headerRecord(req.headers),
      body: undefined,
    }
    splitUrl(req.url ?? '/', request)
    // Mounted with `app.use('/prefix', createApp(…))`, express strips the prefix from `req.url`
    // and keeps it in `req.baseUrl`: the admin API puts it back into the URLs it hands out.
    const mount = (req as IncomingMessage & { baseUrl?: string }).baseUrl
    if (mount) request.basePath = mount
    const isSnapshot = method === 'PUT' && request.path.endsWith(SNAPSHOT_PATH)
    const contentType = request.headers['content-type']
    const read = await readBody(
      req,
      isSnapshot ? snapshotLimit : bodyLimit,
      isMultipart(contentType) ? 'latin1' : 'utf8',
    )
    if (!read.ok) {
      if (read.error === 'aborted') return
      request.bodyError = read.error
    } else if (read.text.length > 0) {
      const parsed = parseRequestBody(contentType, read.text)
      if (parsed.ok) request.body = parsed.body
      else request.bodyError = parsed.error
    }
    const resolution = router.resolve(request)
    const served = { sandbox: resolution.sandbox?.id, entry: undefined as JournalEntry | undefined }
    const observe = jsonLog
      ? (entry: JournalEntry) => {
          served.entry = entry
        }
      : undefined
    const response =
      resolution.kind === 'reply'
        ? resolution.response
        : await resolution.sandbox.simulator.handle(resolution.request, observe)
    const closeAfter = request.bodyError === 'too_large'

    if (response.fault) {
      const socket = req.socket
      if (response.fault.kind === 'drop') {
        socket.destroy()
        logAccess(method, request.path, 'drop', startedAt, served)
        return
      }
      holdThenCut(socket, response.fault.holdMs, () =>
        logAccess(method, request.path, 'timeout', startedAt, served),
      )
      return
    }
    if (response.stream) {
      stream(res, response)
      logAccess(method, request.path, response.status, startedAt, served)
      return
    }
    if (response.delayMs !== undefined && response.delayMs > 0) {
      setTimeout(() => {
        try {
          send(res, response, closeAfter)
          logAccess(method, request.path, response.status, startedAt, served)
        } catch (error) {
          fail(req, res, error, startedAt)
        }
      }, response.delayMs)
      return
    }
    send(res, response, closeAfter)
    logAccess(method, request.path, response.status, startedAt, served)
  }

  function send(res: ServerResponse, response: SimResponse, closeAfter: boolean): void {
    if (res.destroyed || res.headersSent) return
    const payload = responsePayload(response)
    const headers: OutgoingHttpHeaders = { ...response.headers }
    if (payload.length > 0 && headers['content-type'] === undefined)
      headers['content-type'] = 'application/json'
    headers['content-length'] = Buffer.byteLength(payload)
    if (closeAfter || lifecycle.closing) headers.connection = 'close'
    cors?.decorate(res.req, headers)
    res.writeHead(response.status, headers)
    res.end(payload)
    if (closeAfter) lingerThenCut(res)
  }

  /**
   * A long-lived answer (`GET /__sim/events`): headers now, then whatever the stream writes,
   * until the client leaves (the stream's teardown runs), the stream ends (its sandbox was
   * deleted) or the server closes (cut like a held fault, so a close never waits for it).
   */
  function stream(res: ServerResponse, response: SimResponse): void {
    if (res.destroyed || res.headersSent) return
    const headers: OutgoingHttpHeaders = { ...response.headers }
    cors?.decorate(res.req, headers)
    res.writeHead(response.status, headers)
    res.flushHeaders()
    const cut = () => res.end()
    lifecycle.holds.add(cut)
    const teardown = response.stream!.open({
      write: (chunk) => {
        if (!res.writableEnded) res.write(chunk)
      },
      end: cut,
    })
    res.once('close', () => {
      lifecycle.holds.delete(cut)
      teardown()
    })
  }

  /** A `timeout` fault: keep the connection open saying nothing, then cut it (or sooner, on close). */
  function holdThenCut(socket: Socket, holdMs: number, onCut: () => void): void {
    const cut = () => {
      clearTimeout(timer)
      lifecycle.holds.delete(cut)
      socket.off('close', forget)
      socket.destroy()
      onCut()
    }
    const forget = () => {
      clearTimeout(timer)
      lifecycle.holds.delete(cut)
    }
    const timer = setTimeout(cut, holdMs)
    lifecycle.holds.add(cut)
    socket.once('close', forget)
  }

  function fail(
    req: IncomingMessage,
    res: ServerResponse,
    error: unknown,
    startedAt: number,
  ): void {
    logger.error(
      `fintwin: internal error on ${req.method} ${req.url}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    )
    try {
      if (res.headersSent) {
        res.destroy()
        return
      }
      const headers: OutgoingHttpHeaders = {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(INTERNAL_ERROR),
      }
      cors?.decorate(req, headers)
      res.writeHead(500, headers)
      res.end(INTERNAL_ERROR)
      logAccess(req.method ?? 'GET', (req.url ?? '/').split('?')[0] ?? '/', 500, startedAt)
    } catch {
      res.destroy()
    }
  }

  return function dispatch(req, res) {
    const startedAt = performance.now()
    const preflight = cors?.preflight(req, res)
    if (preflight !== undefined) {
      logAccess('OPTIONS', (req.url ?? '/').split('?')[0] ?? '/', preflight, startedAt)
      return
    }
    serve(req, res, startedAt).catch((error: unknown) => fail(req, res, error, startedAt))
  }
}

/**
 * Node already lower-cases header names and joins repeated ones; only `set-cookie` arrives as an
 * array, so the object is handed over as is unless that one is present (no copy on the hot path).
 */
function headerRecord(headers: IncomingHttpHeaders): Record<string, string | undefined> {
  if (headers['set-cookie'] === undefined) return headers as Record<string, string | undefined>
  const copy: Record<string, string | undefined> = {}
  for (const name in headers) {
    const value = headers[name]
    copy[name] = Array.isArray(value) ? value.join(', ') : value
  }
  return copy
}

/** Path and query of a request target; an absolute-form target (`GET http://host/path`) too. */
function splitUrl(url: string, into: SimRequest): void {
  if (url.charCodeAt(0) !== 47 /* / */) {
    try {
      const parsed = new URL(url, 'http://fintwin.invalid')
      into.path = parsed.pathname
      for (const [name, value] of parsed.searchParams) into.query[name] = value
    } catch {
      into.path = url
    }
    return
  }
  const q = url.indexOf('?')
  if (q === -1) {
    into.path = url
    return
  }
  into.path = url.slice(0, q)
  for (const [name, value] of new URLSearchParams(url.slice(q + 1))) into.query[name] = value
}

/**
 * After a 413 the connection is closed, but not abruptly: the client may still be uploading, and
 * a socket closed with unread data answers RST, which can wipe the 413 out of the client's
 * receive buffer. `connection: close` makes Node end the socket once the rest is drained; this
 * cuts it anyway if the client keeps sending past {@link LINGER_MS}.
 */
function lingerThenCut(res: ServerResponse): void {
  const socket = res.socket
  if (!socket) return
  const timer = setTimeout(() => socket.destroy(), LINGER_MS)
  timer.unref()
  socket.once('close', () => clearTimeout(timer))
}
