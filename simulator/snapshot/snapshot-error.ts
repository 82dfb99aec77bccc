import { adminInvalid, type FieldProblem } from '../admin/admin-response.js'
import type { SimResponse } from '../sim-types.js'

/** Why a snapshot was refused: unreadable, from another format version, or self-contradicting. */
export type SnapshotProblem = 'malformed' | 'incompatible_version' | 'inconsistent'

/**
 * A snapshot the simulator will not restore; the current state is untouched. Renders itself as
 * the admin API's 400 naming each bad field.
 */
export class SnapshotError extends Error {
  override readonly name = 'SnapshotError'
  constructor(
    readonly problem: SnapshotProblem,
    readonly fields: readonly FieldProblem[],
  ) {
    super(`${problem} snapshot: ${fields.map((f) => `${f.path || '/'}: ${f.message}`).join('; ')}`)
  }

  toResponse(): SimResponse {
    return adminInvalid(
      'invalid_snapshot',
      `${this.problem} snapshot, nothing restored`,
      this.fields,
    )
  }
}

/** Whether `error` is a {@link SnapshotError}. */
export function isSnapshotError(error: unknown): error is SnapshotError {
  return error instanceof Error && error.name === 'SnapshotError'
}
