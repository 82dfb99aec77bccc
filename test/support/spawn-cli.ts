import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** The repository root, where `mocks/cli/bin.ts` lives. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** A `fintwin` process started by a test, with its output collected as it comes. */
export interface CliProcess {
  readonly child: ChildProcess
  /** Everything written to stdout / stderr so far. */
  stdout(): string
  stderr(): string
  /** Resolves with the base URL once the banner's first line is out; rejects if the process exits first. */
  readonly url: Promise<string>
  /** Resolves with the exit code (or the signal) when the process ends. */
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/**
 * Spawns the CLI's `bin` entry from source (`node --import tsx mocks/cli/bin.ts …`), so the test
 * covers the real process: flags, banner, signals, exit codes. The compiled bin, as npm installs
 * it, is run by `test/consumer/`. PORT/HOST/FINTWIN_SEED from the test's own environment are removed
 * so they cannot change what a test means.
 */
export function spawnCli(args: readonly string[], env: Record<string, string> = {}): CliProcess {
  const { PORT: _port, HOST: _host, FINTWIN_SEED: _seed, ...inherited } = process.env
  const child = spawn(process.execPath, ['--import', 'tsx', 'mocks/cli/bin.ts', ...args], {
    cwd: REPO_ROOT,
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk))
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk))
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  )
  const url = new Promise<string>((resolve, reject) => {
    const look = () => {
      const match = /listening on (http:\/\/\S+)/.exec(out)
      if (match) {
        child.stdout!.off('data', look)
        resolve(match[1]!)
      }
    }
    child.stdout!.on('data', look)
    void exit.then(({ code }) =>
      reject(new Error(`fintwin exited (${code}) before its banner; stderr: ${err}`)),
    )
  })
  url.catch(() => undefined)
  return { child, stdout: () => out, stderr: () => err, url, exit }
}
