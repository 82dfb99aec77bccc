import type { KeyObject } from 'node:crypto'
import type {
  EkoAepsKycBiometricRequest,
  EkoAepsKycBiometricSuccess,
  EkoAepsKycDailyKycRequest,
  EkoAepsKycDailyKycSuccess,
  EkoAepsKycSendOtpRequest,
  EkoAepsKycSendOtpSuccess,
  EkoAepsKycVerifyOtpRequest,
  EkoAepsKycVerifyOtpSuccess,
  EkoUsersOnboardRequest,
  EkoUsersOnboardSuccess,
  OperationId,
  OperationTypes,
} from '../contracts/types.generated.js'
import { encryptAadhaar, parseAadhaarPublicKey } from './aadhaar-encryption.js'
import { resolveBaseUrl } from './base-url.js'
import { callOperation, resolveTransport, type Transport } from './call-operation.js'
import { EkoAuthError } from './eko-auth-error.js'
import { EkoError, type EkoErrorEnvelope } from './eko-error.js'
import { ekoAuthHeaders, ekoHmacKey } from './eko-secret-key.js'
import { HttpError } from './http-error.js'
import { INSPECT, REDACTED, maskKey } from './redact.js'
import {
  describeNonJson,
  plainText,
  type RawResponse,
  type TransportOptions,
} from './send-request.js'

/** Options of {@link EkoClient}. */
export interface EkoClientOptions extends TransportOptions {
  /**
   * Base URL including the API version, e.g. `https://staging.eko.in/ekoapi/v3` (UAT),
   * `https://api.eko.in/ekoicici/v3` (production) or `http://127.0.0.1:4010/ekoapi/v3` (fintwin).
   */
  baseUrl: string
  /** Eko's static developer key (sent as the `developer_key` header). */
  developerKey: string
  /** The access key ("authenticator password"); only used to sign, never sent. */
  accessKey: string
  /** The partner's registered mobile; added to every request body. */
  initiatorId: string
  /** RSA public key for the `aadhar` field: Eko's for Eko, `aadhaar_public_key_pem` for fintwin. PEM, base64 SPKI or a KeyObject. */
  aadhaarPublicKey: string | KeyObject
  /** Clock for `secret-key-timestamp`, epoch ms. Default `Date.now`; inject to follow a test clock. */
  now?: () => number
}

/** Fields the client fills in itself: `initiator_id` from config, `aadhar` encrypted from `aadhaar`. */
type ClientFilled = 'initiator_id' | 'aadhar' | 'aadhaar'
/** An eKYC request as the caller writes it: the plain 12-digit `aadhaar`, no `initiator_id`. */
type WithPlainAadhaar<R> = Omit<R, ClientFilled> & {
  /** The agent's plain 12-digit Aadhaar; the SDK RSA-encrypts it and sends it as `aadhar`. */
  aadhaar: string
}

export type EkoOnboardInput = Omit<EkoUsersOnboardRequest, 'initiator_id'>
export type EkoSendOtpInput = WithPlainAadhaar<EkoAepsKycSendOtpRequest>
export type EkoVerifyOtpInput = WithPlainAadhaar<EkoAepsKycVerifyOtpRequest>
export type EkoBiometricInput = WithPlainAadhaar<EkoAepsKycBiometricRequest>
export type EkoDailyKycInput = WithPlainAadhaar<EkoAepsKycDailyKycRequest>

/** Agent (retailer) management. */
export interface EkoUsersApi {
  /** Onboards an agent under the partner; resolves with the new `data.user_code`. */
  onboard(request: EkoOnboardInput): Promise<EkoUsersOnboardSuccess>
}

/** The AePS Fingpay eKYC flow: send OTP → verify OTP → biometric, then daily KYC each day. */
export interface EkoAepsKycApi {
  /** Asks the bank to send an OTP to the agent's Aadhaar-linked mobile; returns `otp_ref_id` and `reference_tid`. */
  sendOtp(request: EkoSendOtpInput): Promise<EkoAepsKycSendOtpSuccess>
  /** Verifies the OTP; returns NEW `otp_ref_id` and `reference_tid` that the biometric step must carry. */
  verifyOtp(request: EkoVerifyOtpInput): Promise<EkoAepsKycVerifyOtpSuccess>
  /** Completes the one-time eKYC with the agent's fingerprint (PID XML from the RD service). */
  biometric(request: EkoBiometricInput): Promise<EkoAepsKycBiometricSuccess>
  /** The daily 2FA before the first transaction of the day. */
  dailyKyc(request: EkoDailyKycInput): Promise<EkoAepsKycDailyKycSuccess>
}

/**
 * A thin client for Eko's AePS Fingpay agent APIs.
 *
 * Signs every request with a fresh `secret-key` / `secret-key-timestamp` pair, adds
 * `initiator_id`, RSA-encrypts the Aadhaar number into `aadhar` (Eko's spelling), and maps Eko's
 * habit of answering business failures with HTTP 200 into typed errors: {@link EkoError}
 * (non-zero `status`), {@link EkoAuthError} (403), {@link HttpError} (anything else unexpected).
 * Resolves to the success envelope, typed from the contracts. The access key is reduced to its
 * HMAC key at construction and kept, like the developer key, in private fields redacted from
 * `util.inspect`, `JSON.stringify` and `toString`.
 */
export class EkoClient {
  readonly baseUrl: string
  readonly initiatorId: string
  readonly users: EkoUsersApi
  readonly aepsKyc: EkoAepsKycApi
  readonly #developerKey: string
  readonly #hmacKey: string
  readonly #aadhaarKey: KeyObject
  readonly #now: () => number
  readonly #transport: Transport

  constructor(options: EkoClientOptions) {
    this.baseUrl = resolveBaseUrl('EkoClient', options.baseUrl)
    for (const key of ['developerKey', 'accessKey', 'initiatorId'] as const) {
      if (typeof options[key] !== 'string' || options[key].trim() === '')
        throw new TypeError(`EkoClient: ${key} is required`)
    }
    this.initiatorId = options.initiatorId
    this.#developerKey = options.developerKey
    this.#hmacKey = ekoHmacKey(options.accessKey)
    this.#aadhaarKey = parseAadhaarPublicKey(options.aadhaarPublicKey)
    this.#now = options.now ?? Date.now
    this.#transport = resolveTransport(this.baseUrl, options)
    this.users = {
      onboard: (request) => this.#call('eko.users.onboard', this.#withInitiator(request)),
    }
    this.aepsKyc = {
      sendOtp: (request) => this.#call('eko.aepsKyc.sendOtp', this.#ekycBody(request)),
      verifyOtp: (request) => this.#call('eko.aepsKyc.verifyOtp', this.#ekycBody(request)),
      biometric: (request) => this.#call('eko.aepsKyc.biometric', this.#ekycBody(request)),
      dailyKyc: (request) => this.#call('eko.aepsKyc.dailyKyc', this.#ekycBody(request)),
    }
  }

  /** `initiator_id` from config (first, and not overridable by a stray field), then the caller's fields. */
  #withInitiator(request: object): Record<string, unknown> {
    const { initiator_id: _ignored, ...rest } = request as Record<string, unknown>
    return { initiator_id: this.initiatorId, ...rest }
  }

  /** {@link #withInitiator} plus `aadhar` encrypted from the plain `aadhaar`, which is not sent nor kept. */
  #ekycBody(request: { aadhaar: string }): Record<string, unknown> {
    const { aadhaar, aadhar: _stray, ...rest } = this.#withInitiator(request)
    return { ...rest, aadhar: encryptAadhaar(aadhaar as string, this.#aadhaarKey) }
  }

  #call<Id extends OperationId>(
    operationId: Id,
    body: Record<string, unknown>,
  ): Promise<OperationTypes[Id]['success']> {
    const headers = ekoAuthHeaders({
      developerKey: this.#developerKey,
      hmacKey: this.#hmacKey,
      nowMs: this.#now(),
    })
    return callOperation(
      this.#transport,
      operationId,
      { headers, body },
      mapEkoResponse<OperationTypes[Id]['success']>,
    )
  }

  #view(): Record<string, unknown> {
    return {
      baseUrl: this.baseUrl,
      developerKey: maskKey(this.#developerKey),
      accessKey: REDACTED,
      initiatorId: this.initiatorId,
      timeoutMs: this.#transport.timeoutMs,
      validateResponses: this.#transport.validateResponses,
    }
  }

  /** A redacted view: what a log line may show. */
  toJSON(): Record<string, unknown> {
    return { client: 'EkoClient', ...this.#view() }
  }

  toString(): string {
    return `EkoClient(${this.baseUrl})`
  }

  [INSPECT](
    _depth: number,
    options: unknown,
    inspect: (value: unknown, options: unknown) => string,
  ): string {
    return `EkoClient ${inspect(this.#view(), options)}`
  }
}

/** Header fintwin sets on a 403 to name the failed auth check. */
const AUTH_ERROR_HEADER = 'x-fintwin-auth-error'

/**
 * Eko's conventions (eps.eko.in/docs/error-codes; github.com/ekoindia/openapi-spec docs/docs.md): HTTP 200 carries both results and business failures, told
 * apart by `status` (0 = success); 403 is an authentication refusal; other statuses (404 wrong
 * URL, 405 method, 415 content type, 500) and non-envelope bodies (`{"message":"No key for
 * Response"}`) are transport-level trouble.
 */
function mapEkoResponse<T>(method: string, url: string, response: RawResponse): T {
  const { status, body } = response
  if (status === 403) {
    throw new EkoAuthError({
      method,
      url,
      status,
      reason: response.headers.get(AUTH_ERROR_HEADER) ?? undefined,
      body,
    })
  }
  if (status >= 200 && status < 300 && isEkoEnvelope(body)) {
    if (body.status === 0) return body as T
    throw new EkoError({ method, url, body })
  }
  const message =
    typeof body === 'object' &&
    body !== null &&
    typeof (body as { message?: unknown }).message === 'string'
      ? (body as { message: string }).message
      : undefined
  // Eko's gateway (3scale APIcast) answers in plain text: "No Mapping Rule matched" (404),
  // "Usage limit exceeded" (429). Its text is the error's detail and `text`.
  const text = isPlainText(response) ? plainText(body) : undefined
  throw new HttpError({
    method,
    url,
    status,
    statusText: response.statusText,
    body,
    ...(text === undefined ? {} : { text }),
    detail:
      text ??
      (!response.isJson
        ? describeNonJson(body)
        : status < 300
          ? `response is not an Eko envelope${message ? `: ${message}` : ''}`
          : message),
  })
}

/** A non-JSON answer declared `text/plain` (what APIcast sends), not an HTML error page. */
function isPlainText(response: RawResponse): boolean {
  return !response.isJson && (response.headers.get('content-type') ?? '').startsWith('text/plain')
}

function isEkoEnvelope(body: unknown): body is EkoErrorEnvelope {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false
  const b = body as Record<string, unknown>
  return typeof b.status === 'number' && typeof b.response_type_id === 'number'
}
