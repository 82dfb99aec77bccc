import { createServer, type Server } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { spawnCli, type CliProcess } from '../support/spawn-cli.js'

const started: CliProcess[] = []
const run = (args: string[], env?: Record<string, string>) => {
  const cli = spawnCli(args, env)
  started.push(cli)
  return cli
}
afterEach(() => {
  for (const cli of started.splice(0))
    if (cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill('SIGKILL')
})

describe('fintwin serve (bin.ts)', { timeout: 30_000 }, () => {
  it('prints a banner with the URL and credentials, serves, and exits 0 on SIGTERM', async () => {
    const cli = run(['serve', '--port', '0', '--quiet'])
    const url = await cli.url
    const health = await fetch(`${url}/__sim/health`)
    expect(health.status).toBe(200)
    expect(await health.json()).toMatchObject({ status: 'ok', name: 'fintwin' })
    const banner = cli.stdout()
    expect(banner).toContain('Authorization: Bearer ey')
    expect(banner).toContain('becbbce45f79c6f5109f848acd540567')
    expect(banner).toContain('d2fe1d99-6298-4af2-8cc5-d97dcf46df30')
    expect(banner).toContain('9962981729')
    expect(banner).toContain('openssl dgst -sha256 -hmac "$key" -binary | base64')
    expect(banner).toContain(`${url}/__sim/otps`)
    cli.child.kill('SIGTERM')
    expect(await cli.exit).toEqual({ code: 0, signal: null })
  })

  it('serves by default (no command), logs one access line per request, exits 0 on SIGINT', async () => {
    const cli = run(['--port', '0', '--seed', 'cli', '--otp', '123456'])
    const url = await cli.url
    expect((await (await fetch(`${url}/__sim/health`)).json()).seed).toBe('cli')
    await expect.poll(() => cli.stdout()).toMatch(/GET \/__sim\/health 200 [0-9.]+ms/)
    cli.child.kill('SIGINT')
    expect((await cli.exit).code).toBe(0)
  })

  it('takes the port from PORT', async () => {
    const cli = run(['--quiet'], { PORT: '0' })
    expect(await cli.url).toMatch(/^http:\/\/127\.0\.0\.1:[0-9]+$/)
    cli.child.kill('SIGTERM')
    expect((await cli.exit).code).toBe(0)
  })

  it('prints help and exits 0', async () => {
    const cli = run(['--help'])
    expect((await cli.exit).code).toBe(0)
    expect(cli.stdout()).toContain('--eko-skew-ms')
  })

  it("with --cors-origin says so in the banner and answers that origin's preflight", async () => {
    const cli = run(['--port', '0', '--quiet', '--cors-origin', 'http://localhost:5173'])
    const url = await cli.url
    expect(cli.stdout()).toContain('CORS on for http://localhost:5173')
    const res = await fetch(`${url}/api/v1/ckyc/search`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    expect(res.headers.get('access-control-allow-headers')).toBe('authorization, content-type')
    cli.child.kill('SIGTERM')
    expect((await cli.exit).code).toBe(0)
  })

  it('prints its version and exits 0', async () => {
    const cli = run(['--version'])
    expect((await cli.exit).code).toBe(0)
    expect(cli.stdout()).toMatch(/^[0-9]+\.[0-9]+\.[0-9]+\n$/)
  })

  it.each([
    [['--bogus'], 'unknown option "--bogus"'],
    [['serve', '--port'], 'option "--port" needs a value'],
    [['serve', '--port', 'abc'], '--port must be an integer'],
  ])('refuses %j with its own message, the usage, and exit 2', async (args, message) => {
    const cli = run(args)
    expect((await cli.exit).code).toBe(2)
    expect(cli.stderr()).toContain(`fintwin: ${message}`)
    expect(cli.stderr()).toContain('Usage: fintwin [serve] [options]')
    expect(cli.stderr()).not.toMatch(/positional/)
  })

  it('exits 2 with a clear message when the port is taken', async () => {
    const blocker: Server = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const port = (blocker.address() as { port: number }).port
    try {
      const cli = run(['serve', '--port', String(port), '--quiet'])
      expect((await cli.exit).code).toBe(2)
      expect(cli.stderr()).toContain(`port ${port} is in use; try --port 0`)
    } finally {
      blocker.close()
    }
  })
})
