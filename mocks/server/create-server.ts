import { createServer as createHttpServer, type Server } from 'node:http'
import { createSimulator, type Simulator } from '../../simulator/create-simulator.js'
import { nodePlatform } from '../node-platform.js'
import type { Logger } from './access-log.js'
import { answerClientErrorsInJson } from './client-error.js'
import { createDispatcher } from './create-dispatcher.js'
import type { CorsOptions } from './cors.js'
import { createServerLifecycle } from './server-lifecycle.js'

/** Options of {@link createServer}. */
export interface CreateServerOptions {
  /**
   * The behaviour to serve. Default: a fresh simulator that flags (not throws) contract
   * violations, on Node's native primitives (`nodePlatform()`).
   */
  simulator?: Simulator
  /** Largest request body read before the provider's 413. Default 1 MiB. */
  bodyLimit?: number
  /** Access log and error sink. Default: stdout / stderr. */
  logger?: Logger
  /** No access log. */
  quiet?: boolean
  /** How long `close()` waits for in-flight requests before cutting every connection. Default 10 s. */
  closeTimeoutMs?: number
  /** Answer browsers on other origins (`fintwin serve --cors`). Default: off, like the providers. */
  cors?: CorsOptions
}

/** The server door, built but not listening. */
export interface FintwinServer {
  readonly server: Server
  readonly simulator: Simulator
  /**
   * Graceful close: stop accepting, let in-flight requests finish (their answers carry
   * `connection: close`), close idle keep-alive sockets as they become idle, cut held `timeout`
   * faults at once, and cut whatever is left after `closeTimeoutMs`. Idempotent.
   */
  close(): Promise<void>
}

/**
 * Builds the Node HTTP server around the dispatcher (also `createApp`'s only middleware), with a
 * graceful close Node's own `server.close()` does not give: on its own it waits for keep-alive
 * clients to go away, and a held `timeout` fault would keep it open for `timeoutHoldMs`.
 */
export function createServer(options: CreateServerOptions = {}): FintwinServer {
  const simulator =
    options.simulator ??
    createSimulator({ config: { onContractViolation: 'flag' }, platform: nodePlatform() })
  const lifecycle = createServerLifecycle()
  const dispatcherOptions = {
    simulator,
    bodyLimit: options.bodyLimit,
    logger: options.logger,
    quiet: options.quiet,
    lifecycle,
    cors: options.cors,
  }
  // The server calls the dispatcher directly. `createApp` mounts the same dispatcher in express
  // for anyone embedding fintwin in their own express server, but express swaps the prototypes of every req/res (Object.setPrototypeOf),
  // which deoptimises Node's HTTP code for the whole request, and routes it through its router:
  // measured about 100 µs a request, a third of fintwin's per-request cost (`npm run bench`).
  const server = createHttpServer(createDispatcher(dispatcherOptions))
  answerClientErrorsInJson(server)
  const closeTimeoutMs = options.closeTimeoutMs ?? 10_000
  let closing: Promise<void> | undefined

  function close(): Promise<void> {
    closing ??= new Promise<void>((resolve, reject) => {
      lifecycle.closing = true
      for (const cut of [...lifecycle.holds]) cut()
      const sweep = setInterval(() => server.closeIdleConnections(), 25)
      const force = setTimeout(() => server.closeAllConnections(), closeTimeoutMs)
      server.close((error?: Error & { code?: string }) => {
        clearInterval(sweep)
        clearTimeout(force)
        if (error && error.code !== 'ERR_SERVER_NOT_RUNNING') reject(error)
        else resolve()
      })
      server.closeIdleConnections()
    })
    return closing
  }

  return { server, simulator, close }
}
