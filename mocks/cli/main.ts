import { pathToFileURL } from 'node:url'
import { createSimulator } from '../../simulator/create-simulator.js'
import { SIMULATOR_VERSION } from '../../simulator/version.js'
import { nodePlatform } from '../node-platform.js'
import { startServer, type RunningServer } from '../server/start-server.js'
import { resolveAdminToken } from './admin-token.js'
import { formatBanner } from './format-banner.js'
import { USAGE, parseServeArgs, type ServeOptions } from './parse-serve-args.js'

/** Exit code for a usage error (bad flag or value, port taken): the shell convention. */
export const EXIT_USAGE = 2

/** Where the CLI writes and what it reads; the process's own by default, injectable for tests. */
export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  env: Readonly<Record<string, string | undefined>>
}

const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  env: process.env,
}

/**
 * `fintwin [serve]`: parses the command line, starts the server, prints the banner. Resolves to
 * the running server, or to an exit code when there is nothing to run (help, version: 0; a usage
 * error: 2, with the reason and the usage on stderr; a port that cannot be had: 2, with a
 * one-line reason). Process-level concerns
 * (signals, `process.exit`) are left to {@link main}, so this can run inside a test.
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo = processIo,
): Promise<RunningServer | number> {
  const command = parseServeArgs(argv, io.env)
  if (command.kind === 'help') {
    io.stdout(USAGE)
    return 0
  }
  if (command.kind === 'version') {
    io.stdout(`${SIMULATOR_VERSION}\n`)
    return 0
  }
  if (command.kind === 'error') {
    io.stderr(`fintwin: ${command.message}\n\n${USAGE}`)
    return EXIT_USAGE
  }
  const options = command.options
  const admin = resolveAdminToken(options.host, options.adminToken)
  const simulator = createSimulator({
    seed: options.seed,
    config: {
      ekoSkewMs: options.ekoSkewMs,
      fixedOtp: options.fixedOtp,
      latencyMs: options.latencyMs,
      onContractViolation: 'flag',
      adminToken: admin.token,
    },
    platform: nodePlatform(),
  })
  let server: RunningServer
  try {
    server = await startServer({
      simulator,
      port: options.port,
      host: options.host,
      quiet: options.quiet,
      cors: options.cors,
    })
  } catch (error) {
    io.stderr(`fintwin: ${listenErrorMessage(error, options)}\n`)
    return EXIT_USAGE
  }
  io.stdout(
    formatBanner({
      url: server.url,
      version: SIMULATOR_VERSION,
      seed: simulator.seed,
      ekoSkewMs: simulator.config.ekoSkewMs,
      fixtures: simulator.fixtures(),
      cors: options.cors,
    }),
  )
  if (admin.generated)
    io.stdout(
      `\nAdmin API (/__sim/*) token, since ${options.host} is beyond loopback: ${admin.token}\n  send it as "Authorization: Bearer <token>" or "x-fintwin-admin-token: <token>"; set FINTWIN_ADMIN_TOKEN to choose it\n`,
    )
  return server
}

/** Why the server could not listen, worded for a person with the fix in it. */
function listenErrorMessage(error: unknown, options: ServeOptions): string {
  const code = (error as { code?: string } | undefined)?.code
  if (code === 'EADDRINUSE') return `port ${options.port} is in use; try --port 0`
  if (code === 'EACCES')
    return `not allowed to listen on port ${options.port}; try a port above 1023 or --port 0`
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
    return `cannot listen on host "${options.host}": not an address of this machine`
  return `cannot listen on ${options.host}:${options.port}: ${error instanceof Error ? error.message : String(error)}`
}

/**
 * The process entry: runs the CLI, then on SIGINT/SIGTERM closes gracefully and exits 0 (a
 * second signal exits at once with 1, for when a client holds a request open). The signal
 * handlers go in BEFORE the banner is printed: whoever reads the URL from the banner may signal
 * at once, and a signal that finds no handler kills the process instead of closing it.
 * Used by `bin.ts` (the npm bin, compiled) and by `tsx mocks/cli/main.ts` (`npm start`).
 */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  let server: RunningServer | undefined
  let stopping = false
  const closeAndExit = (running: RunningServer) =>
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(
          `fintwin: error while closing: ${error instanceof Error ? error.message : String(error)}\n`,
        )
        process.exit(1)
      },
    )
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      process.stderr.write(`fintwin: ${signal} again, exiting now\n`)
      process.exit(1)
    }
    stopping = true
    if (server) void closeAndExit(server)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)

  const result = await runCli(argv)
  if (typeof result === 'number') {
    process.off('SIGINT', stop)
    process.off('SIGTERM', stop)
    process.exitCode = result
    return
  }
  server = result
  if (stopping) void closeAndExit(server)
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main()
}
