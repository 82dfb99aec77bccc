/**
 * Bench-only child: the fintwin server door exactly as `fintwin serve --quiet` builds it
 * (simulator with native RSA via `nodePlatform()`, contract validation and journal ON,
 * `onContractViolation: 'flag'`, no access log), plus what only a benchmark needs: the Aadhaar
 * OKYC resend cool-down off (see `aadhaarOkycFlow`),
 * `--sessions N` pre-populates N live OTP sessions through `sim.handle` (not over HTTP), and an
 * IPC channel to grow the state and read the heap after `global.gc()` (run with --expose-gc).
 *
 *   node --import tsx bench/servers/fintwin-server.ts --port 0 [--sessions N] [--seed S] [--express]
 *
 * Messages to the parent: {type:'ready', url, sessions, heapUsed}; on {type:'populate', total}
 * → {type:'populated', sessions, heapUsed, ms}.
 */
import { createServer as createHttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { parseArgs } from 'node:util'
import { createApp } from '../../mocks/server/create-app.js'
import { nodePlatform } from '../../mocks/node-platform.js'
import { startServer } from '../../mocks/server/start-server.js'
import { createSimulator } from '../../simulator/create-simulator.js'
import { populateSessions } from './populate-sessions.js'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    sessions: { type: 'string', default: '0' },
    seed: { type: 'string', default: 'fintwin-bench' },
    // The same dispatcher mounted in express (`createApp`), to measure what express costs.
    express: { type: 'boolean', default: false },
  },
})

const simulator = createSimulator({
  seed: values.seed,
  platform: nodePlatform(),
  // The load repeats each connection's Aadhaar OKYC person back to back: no 45 s resend cool-down.
  config: { onContractViolation: 'flag', otp: { aadhaar: { resendCooldownMs: 0 } } },
})
const server = values.express
  ? await listenThroughExpress(Number(values.port))
  : await startServer({ simulator, port: Number(values.port), quiet: true })

async function listenThroughExpress(
  port: number,
): Promise<{ url: string; close(): Promise<void> }> {
  const http = createHttpServer(createApp({ simulator, quiet: true }))
  await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve))
  const { port: bound } = http.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${bound}`,
    close: () => new Promise((resolve) => http.close(() => resolve())),
  }
}

function heapUsed(): number {
  const gc = (globalThis as { gc?: () => void }).gc
  if (gc) {
    gc()
    gc()
  }
  return process.memoryUsage().heapUsed
}

function send(message: object): void {
  if (process.send) process.send(message)
  else process.stdout.write(`${JSON.stringify(message)}\n`)
}

const initial = Number(values.sessions)
if (initial > 0) await populateSessions(simulator, initial)
send({ type: 'ready', url: server.url, sessions: simulator.stats().otps, heapUsed: heapUsed() })

process.on('message', async (message: { type: string; total?: number }) => {
  if (message.type === 'populate') {
    const started = performance.now()
    await populateSessions(simulator, message.total ?? 0)
    send({
      type: 'populated',
      sessions: simulator.stats().otps,
      stats: simulator.stats(),
      heapUsed: heapUsed(),
      ms: Math.round(performance.now() - started),
    })
  } else if (message.type === 'heap') {
    send({ type: 'heap', heapUsed: heapUsed(), stats: simulator.stats() })
  }
})
process.on('disconnect', () => void server.close().then(() => process.exit(0)))
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)))
