import type { AddressInfo } from 'node:net'
import { createServer, type CreateServerOptions, type FintwinServer } from './create-server.js'

/** Options of {@link startServer}. */
export interface StartServerOptions extends CreateServerOptions {
  /** Default 0: a free port, which is what tests want (the CLI's default is 4010). */
  port?: number
  /** Default `127.0.0.1`: a simulator with published credentials is not for the network. */
  host?: string
}

/** A listening server door. */
export interface RunningServer extends FintwinServer {
  /** Base URL to point a client at, e.g. `http://127.0.0.1:4010`. */
  readonly url: string
  readonly port: number
  readonly host: string
}

/**
 * Builds the server door and listens. Rejects with the listen error as Node raised it
 * (`EADDRINUSE`, `EACCES`…) so a caller can word it; nothing is left half-open on failure.
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1'
  const door = createServer(options)
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(error)
    door.server.once('error', onError)
    door.server.listen(options.port ?? 0, host, () => {
      door.server.off('error', onError)
      resolve()
    })
  })
  const port = (door.server.address() as AddressInfo).port
  return { ...door, url: `http://${urlHost(host)}:${port}`, port, host }
}

/** A host as it goes in a URL: the unspecified addresses become loopback, IPv6 gets brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1'
  if (host === '::') return '[::1]'
  return host.includes(':') ? `[${host}]` : host
}
