import type { FieldProblem } from '../admin/admin-response.js'
import { SandboxError } from './sandbox-error.js'

/** What a sandbox runs with besides the default sandbox's config; saved with it in a state dir. */
export interface SandboxSettings {
  readonly seed: string
  /** One fixed OTP for every issue, or null for random per seed. */
  readonly otp: string | null
  /** Eko `secret-key-timestamp` tolerance, ms. */
  readonly eko_skew_ms: number
}

/** A create request read and checked: the settings with the defaults filled in, and the name. */
export interface SandboxRequestValues extends SandboxSettings {
  readonly name: string | undefined
}

const FIELDS = ['name', 'seed', 'otp', 'eko_skew_ms'] as const

/**
 * Reads the body of `POST /__sim/sandboxes` (`{name?, seed?, otp?, eko_skew_ms?}`, all optional;
 * no body at all is an empty one). Every field is checked before anything is created, and a
 * refusal names each bad or unknown field.
 */
export function readSandboxInput(input: unknown, defaults: SandboxSettings): SandboxRequestValues {
  if (input === undefined || input === null) return { ...defaults, name: undefined }
  if (typeof input !== 'object' || Array.isArray(input))
    throw new SandboxError('invalid_sandbox', 'the body must be a JSON object', [
      { path: '', message: 'must be an object like {"name":"ci-job-42"}' },
    ])
  const body = input as Record<string, unknown>
  const fields: FieldProblem[] = []
  for (const key of Object.keys(body))
    if (!(FIELDS as readonly string[]).includes(key))
      fields.push({ path: `/${key}`, message: `unknown field; known: ${FIELDS.join(', ')}` })
  const { name, seed, otp, eko_skew_ms } = body
  if (name !== undefined && !(typeof name === 'string' && name.length >= 1 && name.length <= 100))
    fields.push({ path: '/name', message: 'must be a string of 1 to 100 characters' })
  if (
    seed !== undefined &&
    !(typeof seed === 'string' && seed.length >= 1 && seed.length <= 200) &&
    !(typeof seed === 'number' && Number.isSafeInteger(seed))
  )
    fields.push({ path: '/seed', message: 'must be a string of 1 to 200 characters or an integer' })
  if (otp !== undefined && otp !== null && !(typeof otp === 'string' && /^[0-9]{6}$/.test(otp)))
    fields.push({ path: '/otp', message: 'must be exactly 6 digits, or null for random OTPs' })
  if (
    eko_skew_ms !== undefined &&
    !(typeof eko_skew_ms === 'number' && Number.isSafeInteger(eko_skew_ms) && eko_skew_ms >= 0)
  )
    fields.push({ path: '/eko_skew_ms', message: 'must be an integer >= 0 (milliseconds)' })
  if (fields.length > 0) throw new SandboxError('invalid_sandbox', 'invalid sandbox', fields)
  return {
    name: name as string | undefined,
    seed: seed === undefined ? defaults.seed : String(seed),
    otp: otp === undefined ? defaults.otp : (otp as string | null),
    eko_skew_ms: (eko_skew_ms as number | undefined) ?? defaults.eko_skew_ms,
  }
}
