import { describe, expect, it } from 'vitest'
import { SERVE_DEFAULTS, parseServeArgs } from './parse-serve-args.js'

describe('parseServeArgs', () => {
  it('serves with the documented defaults when given nothing', () => {
    expect(parseServeArgs([])).toEqual({
      kind: 'serve',
      options: {
        port: 4010,
        host: '127.0.0.1',
        seed: undefined,
        ekoSkewMs: 300_000,
        fixedOtp: undefined,
        latencyMs: 0,
        quiet: false,
      },
    })
    expect(SERVE_DEFAULTS.port).toBe(4010)
  })

  it('reads every flag', () => {
    const parsed = parseServeArgs([
      'serve',
      '--port',
      '0',
      '--host',
      '0.0.0.0',
      '--seed',
      's1',
      '--eko-skew-ms',
      '1000',
      '--otp',
      '123456',
      '--latency-ms',
      '25',
      '--quiet',
    ])
    expect(parsed).toEqual({
      kind: 'serve',
      options: {
        port: 0,
        host: '0.0.0.0',
        seed: 's1',
        ekoSkewMs: 1000,
        fixedOtp: '123456',
        latencyMs: 25,
        quiet: true,
      },
    })
  })

  it('accepts --flag=value', () => {
    expect(parseServeArgs(['--port=5000'])).toMatchObject({
      kind: 'serve',
      options: { port: 5000 },
    })
  })

  it('falls back to PORT, HOST and FINTWIN_SEED; a flag wins over its variable', () => {
    const env = { PORT: '5001', HOST: '::1', FINTWIN_SEED: 'env-seed' }
    expect(parseServeArgs([], env)).toMatchObject({
      options: { port: 5001, host: '::1', seed: 'env-seed' },
    })
    expect(parseServeArgs(['--port', '5002', '--seed', 'flag'], env)).toMatchObject({
      options: { port: 5002, seed: 'flag' },
    })
    expect(parseServeArgs([], { PORT: '' })).toMatchObject({ options: { port: 4010 } })
  })

  it('names a bad PORT variable as such', () => {
    expect(parseServeArgs([], { PORT: 'http' })).toEqual({
      kind: 'error',
      message: 'PORT must be an integer from 0 to 65535, got "http"',
    })
  })

  it.each([
    [['--bogus'], /^unknown option "--bogus"$/],
    [['-x'], /^unknown option "-x"$/],
    [['--port'], /^option "--port" needs a value$/],
    [['--port', '--quiet'], /^option "--port" needs a value, got "--quiet"/],
    [['--port=-1'], /--port must be an integer from 0 to 65535, got "-1"/],
    [['--port', '65536'], /--port must be an integer from 0 to 65535/],
    [['--port', '-1'], /--port/],
    [['--port', '1.5'], /--port must be an integer/],
    [['--port', ''], /--port must be an integer/],
    [['--eko-skew-ms', 'x'], /--eko-skew-ms must be an integer/],
    [['--latency-ms', '-5'], /--latency-ms/],
    [['--otp', '12345'], /--otp must be exactly 6 digits/],
    [['--otp', 'abcdef'], /--otp must be exactly 6 digits/],
    [['--host', ' '], /--host must not be empty/],
    [['--quiet=yes'], /^option "--quiet" takes no value$/],
    [['--cors-origin', 'localhost:5173'], /--cors-origin must be an origin/],
    [['--cors-origin', 'http://localhost:5173/app'], /--cors-origin must be an origin/],
    [['launch'], /unknown command "launch"/],
    [['serve', 'extra'], /unexpected argument "extra"/],
  ])('refuses %j', (argv, message) => {
    const parsed = parseServeArgs(argv)
    expect(parsed.kind).toBe('error')
    expect(parsed.kind === 'error' && parsed.message).toMatch(message)
  })

  it('reports every bad value at once', () => {
    const parsed = parseServeArgs(['--port', 'x', '--otp', '1'])
    expect(parsed.kind === 'error' && parsed.message).toMatch(/--port.*; --otp/)
  })

  it('turns CORS on for any origin with --cors, for the origins named with --cors-origin', () => {
    expect(parseServeArgs(['--cors'])).toMatchObject({ options: { cors: { origins: '*' } } })
    expect(
      parseServeArgs([
        '--cors',
        '--cors-origin',
        'http://localhost:5173',
        '--cors-origin=https://app.example.com',
      ]),
    ).toMatchObject({
      options: { cors: { origins: ['http://localhost:5173', 'https://app.example.com'] } },
    })
    expect(parseServeArgs([])).toMatchObject({ options: { cors: undefined } })
  })

  it.each([[['--version']], [['-v']], [['serve', '--version']]])(
    '%j asks for the version',
    (argv) => {
      expect(parseServeArgs(argv)).toEqual({ kind: 'version' })
    },
  )

  it.each([[['--help']], [['-h']], [['help']], [['serve', '--help']], [['--port', 'x', '--help']]])(
    '%j asks for help',
    (argv) => {
      expect(parseServeArgs(argv)).toEqual({ kind: 'help' })
    },
  )
})
