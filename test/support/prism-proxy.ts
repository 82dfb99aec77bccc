import { spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url))
const PRISM = fileURLToPath(new URL('../../node_modules/.bin/prism', import.meta.url))

/** A Prism validation proxy started by a test, in front of an upstream server. */
export interface PrismProxy {
  /** Base URL of the proxy, e.g. `http://127.0.0.1:40123`. */
  readonly url: string
  /** Every violation Prism logged so far (request or response), one line each. */
  violations(): string[]
  /** Everything Prism printed, for failure messages. */
  output(): string
  close(): Promise<void>
}

/** A port that was free a moment ago (Prism takes a port number, not 0). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/**
 * Starts `prism proxy <spec> <upstream>` (Stoplight Prism's validation proxy) on loopback and
 * resolves once it listens. Prism forwards each request, checks request and response against
 * the document, and logs every violation (`[VALIDATOR] … Violation: …`), which is what a user
 * running it in front of fintwin would read.
 */
export async function startPrismProxy(spec: string, upstream: string): Promise<PrismProxy> {
  const port = await freePort()
  const child = spawn(
    PRISM,
    ['proxy', spec, upstream, '--port', String(port), '--host', '127.0.0.1', '--errors', 'false'],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
  )
  let out = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (out += chunk))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  await new Promise<void>((resolve, reject) => {
    const look = () => {
      if (/Prism is listening on/.test(out)) {
        child.stdout.off('data', look)
        resolve()
      }
    }
    child.stdout.on('data', look)
    void exited.then(() => reject(new Error(`prism exited before listening:\n${out}`)))
  })
  return {
    url: `http://127.0.0.1:${port}`,
    violations: () => out.split('\n').filter((line) => /Violation:/.test(line)),
    output: () => out,
    async close() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await exited
    },
  }
}
