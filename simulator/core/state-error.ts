/**
 * A saved state that cannot be taken back (a snapshot's part that is malformed or contradicts
 * itself), at a JSON pointer into the document. Thrown by the parts of a simulator that load
 * saved state (OTP engine, tables, scenarios) BEFORE they change anything, so a refused
 * snapshot leaves the simulator as it was.
 */
export class StateError extends Error {
  override readonly name = 'StateError'
  constructor(
    /** JSON pointer of the offending value, e.g. `/otp/records/3/state`. */
    readonly path: string,
    /** What is wrong, without the path. */
    readonly detail: string,
  ) {
    super(`${path}: ${detail}`)
  }
}

/** Whether `error` is a {@link StateError}. */
export function isStateError(error: unknown): error is StateError {
  return error instanceof Error && error.name === 'StateError'
}

/** `value` as a plain object, or a {@link StateError} at `path`. */
export function stateObject(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new StateError(path, 'must be an object')
  return value as Record<string, unknown>
}

/** `value` as an array, or a {@link StateError} at `path`. */
export function stateArray(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new StateError(path, 'must be an array')
  return value
}

/** `value` if `ok` says so, else a {@link StateError} at `path` saying what it must be. */
export function stateField<T>(
  value: unknown,
  path: string,
  ok: (v: unknown) => boolean,
  must: string,
): T {
  if (!ok(value)) throw new StateError(path, `must be ${must}`)
  return value as T
}

export const isString = (v: unknown): boolean => typeof v === 'string'
export const isNonEmptyString = (v: unknown): boolean => typeof v === 'string' && v.length > 0
export const isFiniteNumber = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v)
export const isCount = (v: unknown): boolean => Number.isSafeInteger(v) && (v as number) >= 0
