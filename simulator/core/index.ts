/**
 * The simulator's core services: clock, seeded randomness and ids, the OTP engine and a bounded memo.
 * Explicit named re-exports (no `export *`) so the public surface is reviewed, not accidental.
 */

export { createClock, InvalidTimeError, isInvalidTimeError, parseInstant } from './clock.js'
export type { ClockOptions, ClockState, SimClock } from './clock.js'

export { createIdFactory, createRandom } from './random.js'
export type { IdFactory, SimRandom } from './random.js'

export {
  createOtpEngine,
  DEFAULT_INBOX_LIMIT,
  DEFAULT_OTP_MAX_RECORDS,
  DEFAULT_OTP_POLICY,
  DEFAULT_OTP_RETENTION_MS,
} from './otp.js'
export type {
  OtpEngine,
  OtpEngineOptions,
  OtpInboxEntry,
  OtpInboxFilter,
  OtpIssueRequest,
  OtpIssueResult,
  OtpPolicy,
  OtpProvider,
  OtpRecord,
  OtpStatus,
  OtpVerifyFailure,
  OtpVerifyResult,
} from './otp.js'

export { boundedMemo } from './bounded-memo.js'
