import type { AuthCheckDoc } from '../pipeline/index.js'
import type { EkoAuthFailure } from './secret-key.js'

/**
 * Every reason Eko's auth may refuse a request with (403; the name is in the response header
 * `x-fintwin-auth-error` and in the journal), and how QA provokes each one. Eko's own 403 body
 * says none of this (Eko developer docs, "Authentication": the 403 is documented, its reasons
 * are not). `satisfies` keeps the list complete: a new check in `verifyEkoAuth` must be
 * documented here before it compiles.
 */
export const EKO_AUTH_CHECKS = {
  missing_header: {
    when: 'developer_key, secret-key or secret-key-timestamp is absent or empty (checked first).',
    trigger:
      'Leave out the `secret-key-timestamp` header, or send `developer-key` (hyphen) instead of `developer_key`.',
  },
  unknown_developer_key: {
    when: 'developer_key is not one of the configured credentials.',
    trigger: 'Send `developer_key: 0000` with an otherwise correct signature.',
  },
  timestamp_not_ms: {
    when: 'secret-key-timestamp is not 13 digits of epoch milliseconds (seconds are the classic mistake).',
    trigger: 'Send a 10-digit timestamp such as `1700000000`, even one signed correctly.',
  },
  timestamp_skew: {
    when: 'secret-key-timestamp is further than `eko_skew_ms` (default 300000 ms) from the simulator clock.',
    trigger:
      'Move the clock (`POST /__sim/clock {"advance_ms":600000}`) and sign at real time, or sign a timestamp 10 minutes old.',
  },
  access_key_not_base64_encoded: {
    when: 'The HMAC was keyed with the raw access_key instead of its base64 text.',
    trigger:
      'Sign with `HMAC-SHA256(key = access_key, message = timestamp)`, skipping the base64 step of the key.',
  },
  signature_mismatch: {
    when: 'secret-key is not the signature of secret-key-timestamp under the access key.',
    trigger: 'Sign with another access key, or sign one timestamp and send another.',
  },
  forced_by_scenario: {
    when: 'A scenario (header or rule) forced a 403 case on a request whose auth was valid.',
    trigger: 'Send `x-fintwin-scenario: auth_failed` on a correctly signed request.',
  },
} as const satisfies Record<EkoAuthFailure | 'forced_by_scenario', AuthCheckDoc>
