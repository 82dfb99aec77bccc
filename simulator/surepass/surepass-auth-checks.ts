import type { AuthCheckDoc } from '../pipeline/index.js'
import type { SurepassJwtFailure } from './jwt.js'

/**
 * Every reason the Surepass door refuses a token (all answer the same documented 401 envelope;
 * Surepass docs, "Authentication"), named in the journal, and how QA provokes each one.
 */
export const SUREPASS_AUTH_CHECKS = {
  missing_bearer_token: {
    when: 'No `Authorization: Bearer <token>` header.',
    trigger: 'Send no Authorization header, or `Authorization: Token …`.',
  },
  malformed: {
    when: 'The bearer token is not a three-part JWT with readable header and claims.',
    trigger: 'Send `Authorization: Bearer not-a-jwt`.',
  },
  bad_signature: {
    when: 'The JWT is well formed but not signed by the simulator.',
    trigger: 'Change one character of the fixtures’ `token` signature (its last part).',
  },
  expired: {
    when: 'The JWT `exp` is past by the simulator clock.',
    trigger: 'Send the fixtures’ `expired_token`, or move the clock past the token’s `exp`.',
  },
  not_yet_valid: {
    when: 'The JWT `nbf` or `iat` is in the future by the simulator clock.',
    trigger:
      'Set the clock before the token was issued (`POST /__sim/clock {"set":"2020-01-01"}`).',
  },
} as const satisfies Record<SurepassJwtFailure | 'missing_bearer_token', AuthCheckDoc>
