import type { KeyObject } from 'node:crypto'
import { getOperation, requestHashMessage } from '../contracts/index.js'
import type {
  EkoBankAccountVerifyByBankCodeSuccess,
  EkoBankAccountVerifyByIfscRequest,
  EkoBankAccountVerifyByIfscSuccess,
  EkoBbpsFetchBillRequest,
  EkoBbpsFetchBillSuccess,
  EkoBbpsOperatorCategoriesSuccess,
  EkoBbpsOperatorLocationsSuccess,
  EkoBbpsOperatorParametersSuccess,
  EkoBbpsOperatorsQuery,
  EkoBbpsOperatorsSuccess,
  EkoBbpsPayBillRequest,
  EkoBbpsPayBillSuccess,
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
import { resolveBaseUrl, versionedBaseUrl } from './base-url.js'
import { checkContract, type ContractViolationHandler } from './contract-check.js'
import { EkoAuthError } from './eko-auth-error.js'
import { EkoError, type EkoErrorEnvelope } from './eko-error.js'
import { ekoAuthHeaders, ekoHmacKey, ekoRequestHash } from './eko-secret-key.js'
import { HttpError } from './http-error.js'
import { INSPECT, REDACTED, maskKey } from './redact.js'
import {
  DEFAULT_TIMEOUT_MS,
  describeNonJson,
  sendRequest,
  type FetchLike,
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

/** A bank account verification as the caller writes it: no `initiator_id` (from config). */
export type EkoBankAccountInput = Omit<EkoBankAccountVerifyByIfscRequest, 'initiator_id'> & {
  /** The account number to verify (path parameter). */
  account: string
}

/** Bill payments (BBPS) on Eko's v2 API, the one its Node SDK calls. */
export interface EkoBillPaymentsApi {
  /** The billers, optionally filtered by `category` and `location` ids. */
  operators(filter?: Omit<EkoBbpsOperatorsQuery, 'initiator_id'>): Promise<EkoBbpsOperatorsSuccess>
  operatorCategories(): Promise<EkoBbpsOperatorCategoriesSuccess>
  operatorLocations(): Promise<EkoBbpsOperatorLocationsSuccess>
  /** What a biller asks for in fetch bill and pay bill. */
  operatorParameters(operatorId: string | number): Promise<EkoBbpsOperatorParametersSuccess>
  /** The bill due on a utility account (1052). */
  fetchBill(request: EkoBbpsFetchBillRequest): Promise<EkoBbpsFetchBillSuccess>
  /** Pays a bill from the partner's wallet (333), signed with its `request_hash`. */
  payBill(request: EkoBbpsPayBillRequest): Promise<EkoBbpsPayBillSuccess>
}

/** Bank account verification (penny drop) on Eko's v2 API. */
export interface EkoBankAccountsApi {
  /** By IFSC: `POST …/banks/ifsc:{ifsc}/accounts/{account}`; resolves with the holder's name (61). */
  verifyByIfsc(
    request: EkoBankAccountInput & { ifsc: string },
  ): Promise<EkoBankAccountVerifyByIfscSuccess>
  /** By Eko's bank code: `POST …/banks/bank_code:{bank_code}/accounts/{account}`. */
  verifyByBankCode(
    request: EkoBankAccountInput & { bank_code: string },
  ): Promise<EkoBankAccountVerifyByBankCodeSuccess>
}

/** Where a request goes besides its body: query string and path parameters. */
interface CallTarget {
  query?: Record<string, string>
  params?: Record<string, string>
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
  readonly billPayments: EkoBillPaymentsApi
  readonly bankAccounts: EkoBankAccountsApi
  readonly #developerKey: string
  readonly #hmacKey: string
  readonly #aadhaarKey: KeyObject
  readonly #now: () => number
  readonly #fetch: FetchLike
  readonly #timeoutMs: number
  readonly #validateResponses: boolean
  readonly #onContractViolation: ContractViolationHandler | undefined

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
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
    this.#validateResponses = options.validateResponses ?? false
    this.#onContractViolation = options.onContractViolation
    this.users = {
      onboard: (request) => this.#call('eko.users.onboard', this.#withInitiator(request)),
    }
    this.aepsKyc = {
      sendOtp: (request) => this.#call('eko.aepsKyc.sendOtp', this.#ekycBody(request)),
      verifyOtp: (request) => this.#call('eko.aepsKyc.verifyOtp', this.#ekycBody(request)),
      biometric: (request) => this.#call('eko.aepsKyc.biometric', this.#ekycBody(request)),
      dailyKyc: (request) => this.#call('eko.aepsKyc.dailyKyc', this.#ekycBody(request)),
    }
    const initiator = { initiator_id: this.initiatorId }
    this.billPayments = {
      operators: (filter = {}) =>
        this.#call('eko.bbps.operators', undefined, { query: stringValues(filter) }),
      operatorCategories: () => this.#call('eko.bbps.operatorCategories', undefined),
      operatorLocations: () => this.#call('eko.bbps.operatorLocations', undefined),
      operatorParameters: (operatorId) =>
        this.#call('eko.bbps.operatorParameters', undefined, {
          params: { operator_id: String(operatorId) },
        }),
      fetchBill: (request) =>
        this.#call('eko.bbps.fetchBill', { ...request }, { query: initiator }),
      payBill: (request) => this.#call('eko.bbps.payBill', { ...request }, { query: initiator }),
    }
    this.bankAccounts = {
      verifyByIfsc: ({ ifsc, account, ...body }) =>
        this.#call('eko.bankAccount.verifyByIfsc', this.#withInitiator(body), {
          params: { ifsc, account },
        }),
      verifyByBankCode: ({ bank_code, account, ...body }) =>
        this.#call('eko.bankAccount.verifyByBankCode', this.#withInitiator(body), {
          params: { bank_code, account },
        }),
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

  async #call<Id extends OperationId>(
    operationId: Id,
    body: Record<string, unknown> | undefined,
    target: CallTarget = {},
  ): Promise<OperationTypes[Id]['success']> {
    const operation = getOperation(operationId)
    const method = operation.method
    const base =
      operation.apiVersion === undefined
        ? this.baseUrl
        : versionedBaseUrl('EkoClient', this.baseUrl, operation.apiVersion)
    const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
      encodeURIComponent(target.params?.[name] ?? ''),
    )
    const query = new URLSearchParams(target.query ?? {}).toString()
    const url = `${base}${path}${query === '' ? '' : `?${query}`}`
    const headers = ekoAuthHeaders({
      developerKey: this.#developerKey,
      hmacKey: this.#hmacKey,
      nowMs: this.#now(),
    })
    if (operation.requestHash)
      headers[operation.requestHash.header] = ekoRequestHash(
        this.#hmacKey,
        requestHashMessage(operation.requestHash, headers, body ?? {}),
      )
    const response = await sendRequest({
      fetch: this.#fetch,
      method,
      url,
      headers,
      body,
      timeoutMs: this.#timeoutMs,
    })
    checkContract(
      {
        validateResponses: this.#validateResponses,
        onContractViolation: this.#onContractViolation,
      },
      { operation: operationId, method, url, status: response.status, body: response.body },
    )
    return mapEkoResponse<OperationTypes[Id]['success']>(method, url, response)
  }

  #view(): Record<string, unknown> {
    return {
      baseUrl: this.baseUrl,
      developerKey: maskKey(this.#developerKey),
      accessKey: REDACTED,
      initiatorId: this.initiatorId,
      timeoutMs: this.#timeoutMs,
      validateResponses: this.#validateResponses,
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

/** A filter's values as query-string text (ids may be given as numbers). */
function stringValues(filter: object): Record<string, string> {
  return Object.fromEntries(
    Object.entries(filter)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  )
}

/** Header fintwin sets on a 403 to name the failed auth check. */
const AUTH_ERROR_HEADER = 'x-fintwin-auth-error'

/**
 * Eko's conventions (eko.md §4): HTTP 200 carries both results and business failures, told
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
  throw new HttpError({
    method,
    url,
    status,
    statusText: response.statusText,
    body,
    detail: !response.isJson
      ? describeNonJson(body)
      : status < 300
        ? `response is not an Eko envelope${message ? `: ${message}` : ''}`
        : message,
  })
}

function isEkoEnvelope(body: unknown): body is EkoErrorEnvelope {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false
  const b = body as Record<string, unknown>
  return typeof b.status === 'number' && typeof b.response_type_id === 'number'
}
