import { DEFAULT_OTP_POLICY, type OtpPolicy } from './core/index.js'
import { EKO_UAT_CREDENTIALS } from './fixtures/index.js'

/**
 * Everything a simulator can be tuned with. Defaults follow the references; each [INF] default is
 * one a live-sandbox run may correct, so each is a setting, not a constant in behaviour.
 */
export interface SimulatorConfig {
  /** Eko `secret-key-timestamp` tolerance, ± ms of the simulator clock. Eko publishes none [INF: its own tooling uses 5 min]. */
  ekoSkewMs: number
  /** One OTP for every issue (QA convenience, `--otp`); random per seed when unset. */
  fixedOtp: string | undefined
  /** Latency added to every answer by the doors. */
  latencyMs: number
  /** `throw` in tests (a violation is a bug); `flag` in the server (journaled + response header). */
  onContractViolation: 'throw' | 'flag'
  journalCapacity: number
  /**
   * Keep request and response bodies in the journal (`--journal-bodies`), personal data
   * redacted (Aadhaar to its last four, PAN masked, OTPs, tokens, keys, signatures and encrypted
   * fields removed). Off by default: a journal of bodies is a journal of people.
   */
  journalBodies: boolean
  /**
   * Your own test data every sandbox starts with (`--fixtures FILE`): documents of the published
   * schemas (`/__sim/schemas/persona.json`, `agent.json`), checked before the server starts.
   * They are seeded rows: reset returns to them, and they are never evicted.
   */
  fixtures: { personas: readonly unknown[]; agents: readonly unknown[] }
  /** How long a forced `timeout` fault holds the connection before closing it. */
  timeoutHoldMs: number
  otp: {
    /** CERSAI rules relayed by HyperVerge [3P]: 10 min, 3 attempts, 90 s between resends. */
    surepass: OtpPolicy
    /**
     * Surepass Aadhaar OKYC: UIDAI's 10-minute OTP validity and CKYC's 3 attempts [INF]; 45 s
     * before another OTP for the same Aadhaar number (a reseller wrapper's note [3P]).
     */
    aadhaar: OtpPolicy
    /** Eko documents no validity or attempt limit for the AePS eKYC OTP [INF: same as CKYC, no cool-down]. */
    eko: OtpPolicy
  }
  surepass: {
    /** How long a `ckyc_` search id stays usable for generate-otp [INF]. */
    searchTtlMs: number
  }
  eko: {
    /** Accepted developer_key → access_key pairs; Eko's published UAT pair by default. */
    credentials: { developer_key: string; access_key: string }[]
    /** Accepted initiator_id values (the partner's registered mobile). */
    initiatorIds: string[]
    /**
     * The partner's own user_code, used by PAN verification when the body names none (Eko's
     * Node SDK activates PAN for its `partnerUserCode`, UAT 20810200, and sends no user_code) [INF].
     */
    partnerUserCode: string
    /**
     * Business days (Mon–Fri, IST) an AePS Fingpay / Fino activation stays PENDING review on the
     * simulator clock. Eko says 2–3 business days (another of its pages 1–2) [INF: 2].
     */
    aepsReviewBusinessDays: number
    /** How long a pending AePS withdrawal waits, on the simulator clock, before it settles [INF]. */
    aepsPendingSettleMs: number
    /**
     * Which ids Biometric eKYC takes after a verified OTP. `either` (default): Verify OTP's new
     * pair or Send OTP's own, since Eko's spec says only "returned by the preceding OTP step" and
     * its examples are Send OTP's values (github.com/ekoindia/eps-platform
     * src/lib/data/api-specs.ts). `verified_only`: Verify OTP's new pair alone, the stricter rule
     * a third-party production comment reports [3P].
     */
    biometricIds: 'either' | 'verified_only'
    /**
     * How Eko's gateway answers a refused call (403 auth, 404 unknown path, 429 usage limit).
     * `text` (default): 3scale APIcast's default plain text, `text/plain; charset=us-ascii`
     * ("Authentication failed", "Authentication parameters missing", "No Mapping Rule matched",
     * "Usage limit exceeded"; github.com/3scale/porta db/schema.rb; Red Hat 3scale docs,
     * "Configuring error messages"), since Eko's gateway is APIcast [INF]. `json`: the
     * simulator's earlier small JSON body (`{status, message, response_status_id}`), each case's
     * `x-json-form`. The `x-fintwin-auth-error` header is sent either way.
     */
    gatewayErrors: 'text' | 'json'
  }
  /** Hard cap on live sessions of each kind (searches, downloads, eKYC sessions, OTPs). */
  maxSessions: number
  /**
   * How long a finished or expired session is kept (so an old id still answers "expired" or
   * "already downloaded" rather than "unknown") before it is forgotten.
   */
  sessionRetentionMs: number
  /**
   * When set, `/__sim/*` (except health) requires `Authorization: Bearer <token>` or
   * `x-fintwin-admin-token: <token>`. The CLI sets one whenever it binds beyond loopback, since
   * the admin API can reset state and read every OTP.
   */
  adminToken: string | undefined
  /**
   * Most live event streams (`GET /__sim/events`, the console's live view) one sandbox serves at
   * once; one more is refused with 503 `too_many_streams` (the console then polls).
   */
  maxEventStreams: number
  /**
   * How often an open event stream sends a heartbeat comment (so proxies keep it and a gone
   * client is noticed) and re-reads the OTP inbox (an OTP that expires by real time shows so).
   */
  eventHeartbeatMs: number
}

/** The defaults, from the references (see each field). */
export function defaultConfig(): SimulatorConfig {
  return {
    ekoSkewMs: 300_000,
    fixedOtp: undefined,
    latencyMs: 0,
    onContractViolation: 'flag',
    journalCapacity: 1000,
    journalBodies: false,
    fixtures: { personas: [], agents: [] },
    timeoutHoldMs: 30_000,
    otp: {
      surepass: { ...DEFAULT_OTP_POLICY },
      aadhaar: { ...DEFAULT_OTP_POLICY, resendCooldownMs: 45_000 },
      eko: { ...DEFAULT_OTP_POLICY, resendCooldownMs: 0 },
    },
    surepass: { searchTtlMs: 3_600_000 },
    eko: {
      credentials: [
        {
          developer_key: EKO_UAT_CREDENTIALS.developer_key,
          access_key: EKO_UAT_CREDENTIALS.access_key,
        },
      ],
      initiatorIds: [EKO_UAT_CREDENTIALS.initiator_id],
      partnerUserCode: '20810200',
      aepsReviewBusinessDays: 2,
      aepsPendingSettleMs: 120_000,
      biometricIds: 'either',
      gatewayErrors: 'text',
    },
    maxSessions: 200_000,
    sessionRetentionMs: 3_600_000,
    adminToken: undefined,
    maxEventStreams: 32,
    eventHeartbeatMs: 15_000,
  }
}

/** A partial config laid over the defaults (one level deep for the nested groups). */
export type SimulatorConfigInput = Partial<Omit<SimulatorConfig, 'otp' | 'surepass' | 'eko'>> & {
  otp?: Partial<{
    surepass: Partial<OtpPolicy>
    aadhaar: Partial<OtpPolicy>
    eko: Partial<OtpPolicy>
  }>
  surepass?: Partial<SimulatorConfig['surepass']>
  eko?: Partial<SimulatorConfig['eko']>
}

export function resolveConfig(input: SimulatorConfigInput = {}): SimulatorConfig {
  const base = defaultConfig()
  return {
    ...base,
    ...input,
    otp: {
      surepass: { ...base.otp.surepass, ...input.otp?.surepass },
      aadhaar: { ...base.otp.aadhaar, ...input.otp?.aadhaar },
      eko: { ...base.otp.eko, ...input.otp?.eko },
    },
    surepass: { ...base.surepass, ...input.surepass },
    eko: { ...base.eko, ...input.eko },
  }
}
