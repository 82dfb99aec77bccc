import { parseArgs } from 'node:util'
import { isOrigin, type CorsOptions } from '../server/cors.js'

/** What `fintwin serve` runs with, once flags and environment are read and checked. */
export interface ServeOptions {
  port: number
  host: string
  seed: string | undefined
  ekoSkewMs: number
  fixedOtp: string | undefined
  latencyMs: number
  quiet: boolean
  /** Admin API token (`--admin-token`, env FINTWIN_ADMIN_TOKEN); generated beyond loopback when unset. */
  adminToken: string | undefined
  /** `--cors` / `--cors-origin`: answer browsers on other origins; undefined = off. */
  cors: CorsOptions | undefined
}

/** The outcome of reading the command line: run, print help, or refuse with a message (exit 2). */
export type ParsedCommand =
  | { kind: 'serve'; options: ServeOptions }
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'error'; message: string }

/** Defaults of the fixed interface (DESIGN.md, "Start"). */
export const SERVE_DEFAULTS = Object.freeze({
  port: 4010,
  host: '127.0.0.1',
  ekoSkewMs: 300_000,
  latencyMs: 0,
})

/** `fintwin --help`. */
export const USAGE = `Usage: fintwin [serve] [options]

Serves the Surepass (/api/v1/…) and Eko (/ekoapi/v3/…, /ekoicici/v3/…) simulators and the
admin API (/__sim/…) on one HTTP server.

Options:
  --port <n>          port to listen on; 0 = a free one        (env PORT, default ${SERVE_DEFAULTS.port})
  --host <addr>       address to bind                          (env HOST, default ${SERVE_DEFAULTS.host})
  --seed <s>          same seed => same ids and OTPs           (env FINTWIN_SEED)
  --eko-skew-ms <n>   Eko secret-key-timestamp tolerance, ms   (default ${SERVE_DEFAULTS.ekoSkewMs})
  --otp <6 digits>    one fixed OTP for every issue            (default: random per seed)
  --latency-ms <n>    latency added to every provider answer   (default 0)
  --admin-token <t>   token the admin API (/__sim/*) requires   (env FINTWIN_ADMIN_TOKEN; beyond
                      loopback one is generated and printed when unset)
  --cors              answer browsers on any other origin (preflight OPTIONS,
                      Access-Control-* headers; the providers send none)
  --cors-origin <o>   like --cors, for this origin only, e.g. http://localhost:5173
                      (repeat it for more)
  --quiet             no access log
  -h, --help          this help
  -v, --version       the version
`

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  seed: { type: 'string' },
  'eko-skew-ms': { type: 'string' },
  otp: { type: 'string' },
  'latency-ms': { type: 'string' },
  quiet: { type: 'boolean' },
  'admin-token': { type: 'string' },
  cors: { type: 'boolean' },
  'cors-origin': { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const

type OptionName = keyof typeof OPTIONS

/**
 * Reads `fintwin [serve] [flags]` strictly: an unknown flag, a missing value or a bad number is
 * an error with a message naming it, never silently ignored (a typo in `--port` must not start a
 * server on the default port someone else relies on). A flag wins over its environment variable.
 * Pure (argv and env in, a result out) so it is tested without spawning a process.
 */
export function parseServeArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): ParsedCommand {
  const mistake = flagMistake(argv)
  if (mistake !== undefined) return { kind: 'error', message: mistake }
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: OPTIONS,
    allowPositionals: true,
    strict: true,
  })
  const [command = 'serve', ...extra] = positionals
  if (values.help || command === 'help') return { kind: 'help' }
  if (values.version) return { kind: 'version' }
  if (command !== 'serve')
    return { kind: 'error', message: `unknown command "${command}"; the only command is "serve"` }
  if (extra.length > 0) return { kind: 'error', message: `unexpected argument "${extra[0]}"` }

  const errors: string[] = []
  const port = integer(
    values.port ?? (env.PORT || undefined),
    values.port !== undefined ? '--port' : 'PORT',
    SERVE_DEFAULTS.port,
    65_535,
    errors,
  )
  const host = values.host ?? (env.HOST || SERVE_DEFAULTS.host)
  if (host.trim() === '') errors.push('--host must not be empty')
  const ekoSkewMs = integer(
    values['eko-skew-ms'],
    '--eko-skew-ms',
    SERVE_DEFAULTS.ekoSkewMs,
    Number.MAX_SAFE_INTEGER,
    errors,
  )
  const latencyMs = integer(
    values['latency-ms'],
    '--latency-ms',
    SERVE_DEFAULTS.latencyMs,
    2_147_483_647,
    errors,
  )
  const fixedOtp = values.otp
  if (fixedOtp !== undefined && !/^[0-9]{6}$/.test(fixedOtp))
    errors.push(`--otp must be exactly 6 digits, got "${fixedOtp}"`)
  const seed = values.seed ?? (env.FINTWIN_SEED || undefined)
  const adminToken = values['admin-token'] ?? (env.FINTWIN_ADMIN_TOKEN || undefined)
  if (adminToken !== undefined && adminToken.length < 8)
    errors.push('--admin-token must be at least 8 characters')
  const corsOrigins = values['cors-origin'] ?? []
  for (const origin of corsOrigins)
    if (!isOrigin(origin))
      errors.push(
        `--cors-origin must be an origin such as http://localhost:5173 (scheme, host and port; no path), got "${origin}"`,
      )
  if (errors.length > 0) return { kind: 'error', message: errors.join('; ') }
  return {
    kind: 'serve',
    options: {
      port,
      host,
      seed,
      ekoSkewMs,
      fixedOtp,
      latencyMs,
      quiet: values.quiet ?? false,
      adminToken,
      cors:
        corsOrigins.length > 0
          ? { origins: corsOrigins }
          : values.cors === true
            ? { origins: '*' }
            : undefined,
    },
  }
}

/**
 * The first flag mistake in `argv`, worded by fintwin and naming the flag: an unknown flag, a
 * flag that needs a value given none (or given the next flag), a switch given one. Read with parseArgs' tokens in
 * non-strict mode, so that the strict parse that follows cannot fail with parseArgs' own wording
 * (which talks about positional arguments to someone who mistyped `--port`).
 */
function flagMistake(argv: readonly string[]): string | undefined {
  const { tokens } = parseArgs({
    args: [...argv],
    options: OPTIONS,
    allowPositionals: true,
    strict: false,
    tokens: true,
  })
  for (const token of tokens) {
    if (token.kind !== 'option') continue
    const flag = token.rawName
    const option = Object.hasOwn(OPTIONS, token.name)
      ? OPTIONS[token.name as OptionName]
      : undefined
    if (!option) return `unknown option "${flag}"`
    if (option.type === 'string' && token.value === undefined)
      return `option "${flag}" needs a value`
    if (option.type === 'string' && !token.inlineValue && token.value?.startsWith('-'))
      return `option "${flag}" needs a value, got "${token.value}" (write ${flag}=${token.value} if that is the value)`
    if (option.type === 'boolean' && token.inlineValue) return `option "${flag}" takes no value`
  }
  return undefined
}

/** A non-negative integer flag, or its default when absent; a bad one is reported, not guessed. */
function integer(
  text: string | undefined,
  name: string,
  fallback: number,
  max: number,
  errors: string[],
): number {
  if (text === undefined) return fallback
  if (!/^[0-9]+$/.test(text) || Number(text) > max) {
    errors.push(`${name} must be an integer from 0 to ${max}, got "${text}"`)
    return fallback
  }
  return Number(text)
}
