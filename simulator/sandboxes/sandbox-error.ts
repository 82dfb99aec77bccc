import { adminInvalid, adminProblem, type FieldProblem } from '../admin/admin-response.js'
import type { SimResponse } from '../sim-types.js'

/** Why the sandbox registry refused: each renders itself as its admin answer. */
export type SandboxErrorCode =
  | 'invalid_sandbox'
  | 'too_many_sandboxes'
  | 'unknown_sandbox'
  | 'default_sandbox'

const STATUS: Record<SandboxErrorCode, number> = {
  invalid_sandbox: 400,
  too_many_sandboxes: 429,
  unknown_sandbox: 404,
  default_sandbox: 409,
}

/** A refusal of the sandbox registry, with the JSON answer it stands for ({@link toResponse}). */
export class SandboxError extends Error {
  override readonly name = 'SandboxError'
  readonly status: number
  constructor(
    readonly code: SandboxErrorCode,
    message: string,
    /** For `invalid_sandbox`: each bad field of the body. */
    readonly fields: readonly FieldProblem[] = [],
    /** For `unknown_sandbox`: the id asked for. */
    readonly sandbox?: string,
  ) {
    super(message)
    this.status = STATUS[code]
  }

  toResponse(): SimResponse {
    if (this.fields.length > 0) return adminInvalid(this.code, this.message, this.fields)
    return adminProblem(
      this.status,
      this.code,
      this.message,
      this.sandbox === undefined ? {} : { sandbox: this.sandbox },
    )
  }
}

/** Whether `error` is a {@link SandboxError}. */
export function isSandboxError(error: unknown): error is SandboxError {
  return error instanceof SandboxError
}
