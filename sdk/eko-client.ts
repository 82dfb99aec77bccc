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
  EkoAepsFingpayActivateRequest,
  EkoAepsFingpayActivateSuccess,
  EkoAepsTransactionsBalanceEnquiryRequest,
  EkoAepsTransactionsBalanceEnquirySuccess,
  EkoAepsTransactionsCashWithdrawalPending,
  EkoAepsTransactionsCashWithdrawalRequest,
  EkoAepsTransactionsCashWithdrawalSuccess,
  EkoAepsTransactionsMiniStatementRequest,
  EkoAepsTransactionsMiniStatementSuccess,
  EkoPanVerifyV1Request,
  EkoPanVerifyV1Success,
  EkoTransactionsInquirySuccess,
  EkoUserServicesActivateV1Request,
  EkoUserServicesActivateV1Success,
  EkoUserServicesListSuccess,
  EkoUserServicesListV1Success,
  OperationId,
  OperationTypes,
} from '../contracts/types.generated.js'
import { encryptAadhaar, parseAadhaarPublicKey } from './aadhaar-encryption.js'
import { resolveBaseUrl, versionedBaseUrl } from './base-url.js'
import { callOperation, resolveTransport, type Transport } from './call-operation.js'
import { EkoAuthError } from './eko-auth-error.js'
import { EkoError, type EkoErrorEnvelope } from './eko-error.js'
import { ekoAuthHeaders, ekoHmacKey, ekoRequestHash } from './eko-secret-key.js'
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

/** An agent's services: the status list (v3, and the v1 form Eko's Node SDK calls) and activation. */
export interface EkoServicesApi {
  /** The agent's service status list (1299): each service ACTIVATED, PENDING review or DEACTIVATED. */
  list(userCode: string): Promise<EkoUserServicesListSuccess>
  /** The same list by the v1 path `…/v1/user/services/user_code:{user_code}`. */
  listV1(userCode: string): Promise<EkoUserServicesListV1Success>
  /** Activates a service (v1): PAN (4) and BBPS (53) at once, AePS (43, 52) after Eko's review. */
  activateV1(
    request: Omit<EkoUserServicesActivateV1Request, 'initiator_id'>,
  ): Promise<EkoUserServicesActivateV1Success>
}

/** PAN verification (v1). */
export interface EkoPanApi {
  /** The holder's name of a PAN (1255); needs the PAN service (4) active for the agent. */
  verifyV1(request: Omit<EkoPanVerifyV1Request, 'initiator_id'>): Promise<EkoPanVerifyV1Success>
}

/** The JSON fields of an AePS Fingpay activation (the `form-data` part), without `initiator_id`. */
export type EkoAepsActivationFields = Omit<
  Extract<EkoAepsFingpayActivateRequest['form-data'], object>,
  'initiator_id'
>

/** One document of an AePS Fingpay activation: JPEG/JPG/PDF under 1 MB. */
export interface EkoDocument {
  data: Blob | Uint8Array
  filename: string
  /** `image/jpeg`, `image/jpg` or `application/pdf`; default from a Blob's own type. */
  type?: string
}

/** AePS Fingpay activation (v3, multipart). */
export interface EkoAepsFingpayApi {
  /** Registers the agent for AePS Fingpay (1259); the service stays PENDING until Eko's review ends. */
  activate(request: {
    fields: EkoAepsActivationFields
    documents: { pan_card: EkoDocument; aadhar_front: EkoDocument; aadhar_back: EkoDocument }
  }): Promise<EkoAepsFingpayActivateSuccess>
}

/** An AePS transaction as the caller writes it: the CUSTOMER's plain Aadhaar, no `initiator_id`. */
type AepsInput<R> = WithPlainAadhaar<R>

/** The AePS Fingpay transactions; `customer_id` (the customer's mobile) is also the path's. */
export interface EkoAepsTransactionsApi {
  /** Cash withdrawal: 1463 done, or 1465 pending (`response_status_id` 2: reconcile with `transactions.inquiry`). */
  cashWithdrawal(
    request: AepsInput<EkoAepsTransactionsCashWithdrawalRequest>,
  ): Promise<EkoAepsTransactionsCashWithdrawalSuccess | EkoAepsTransactionsCashWithdrawalPending>
  /** The customer's bank balance (1466). */
  balanceEnquiry(
    request: AepsInput<EkoAepsTransactionsBalanceEnquiryRequest>,
  ): Promise<EkoAepsTransactionsBalanceEnquirySuccess>
  /** The customer's last transactions (1527). */
  miniStatement(
    request: AepsInput<EkoAepsTransactionsMiniStatementRequest>,
  ): Promise<EkoAepsTransactionsMiniStatementSuccess>
}

/** Transaction Inquiry. */
export interface EkoTransactionsApi {
  /** A transaction's current state (1472) by Eko's `tid` or by the partner's `client_ref_id`. */
  inquiry(
    ref: { tid: string } | { client_ref_id: string },
    userCode: string,
  ): Promise<EkoTransactionsInquirySuccess>
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
  readonly services: EkoServicesApi
  readonly pan: EkoPanApi
  readonly aepsFingpay: EkoAepsFingpayApi
  readonly aepsTransactions: EkoAepsTransactionsApi
  readonly transactions: EkoTransactionsApi
  readonly billPayments: EkoBillPaymentsApi
  readonly bankAccounts: EkoBankAccountsApi
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
    const initiator = { initiator_id: this.initiatorId }
    this.services = {
      list: (userCode) =>
        this.#call('eko.userServices.list', undefined, {
          query: { ...initiator, user_code: userCode },
        }),
      listV1: (userCode) =>
        this.#call('eko.userServices.listV1', undefined, {
          query: initiator,
          params: { user_code: userCode },
        }),
      activateV1: (request) =>
        this.#call('eko.userServices.activateV1', this.#withInitiator(request)),
    }
    this.pan = {
      verifyV1: (request) => this.#call('eko.pan.verifyV1', this.#withInitiator(request)),
    }
    this.aepsFingpay = {
      activate: ({ fields, documents }) => {
        const form = new FormData()
        form.append('form-data', JSON.stringify(this.#withInitiator(fields)))
        for (const [name, document] of Object.entries(documents)) {
          const blob =
            document.data instanceof Blob
              ? document.data
              : new Blob([document.data as Uint8Array<ArrayBuffer>], { type: document.type })
          form.append(name, blob, document.filename)
        }
        return this.#call('eko.aepsFingpay.activate', form, {
          params: { user_code: fields.user_code },
        })
      },
    }
    const transaction = (request: { aadhaar: string; customer_id: string }) => ({
      body: this.#ekycBody(request),
      target: { params: { customer_id: request.customer_id } },
    })
    this.aepsTransactions = {
      cashWithdrawal: (request) => {
        const { body, target } = transaction(request)
        return this.#call('eko.aepsTransactions.cashWithdrawal', body, target)
      },
      balanceEnquiry: (request) => {
        const { body, target } = transaction(request)
        return this.#call('eko.aepsTransactions.balanceEnquiry', body, target)
      },
      miniStatement: (request) => {
        const { body, target } = transaction(request)
        return this.#call('eko.aepsTransactions.miniStatement', body, target)
      },
    }
    this.transactions = {
      inquiry: (ref, userCode) =>
        this.#call('eko.transactions.inquiry', undefined, {
          query: { ...initiator, user_code: userCode },
          params: {
            transaction_ref: 'tid' in ref ? ref.tid : `client_ref_id:${ref.client_ref_id}`,
          },
        }),
    }
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

  /**
   * Sends one operation: the path's `{name}`s from `target.params`, `target.query` as the query
   * string, a v1 operation beside the configured v3 base. Resolves with the envelope of any
   * `status: 0` answer (the success, or a pending withdrawal), typed as the success.
   */
  #call<Id extends OperationId>(
    operationId: Id,
    body: Record<string, unknown> | FormData | undefined,
    target: CallTarget = {},
  ): Promise<OperationTypes[Id]['success']> {
    const operation = getOperation(operationId)
    const { apiVersion } = operation
    const headers = ekoAuthHeaders({
      developerKey: this.#developerKey,
      hmacKey: this.#hmacKey,
      nowMs: this.#now(),
    })
    // A wallet-debiting call carries Eko's request_hash, its parts named by the contract.
    if (operation.requestHash && !(body instanceof FormData))
      headers[operation.requestHash.header] = ekoRequestHash(
        this.#hmacKey,
        requestHashMessage(operation.requestHash, headers, body ?? {}),
      )
    return callOperation(
      this.#transport,
      operationId,
      {
        headers,
        body,
        params: target.params,
        query: target.query,
        baseUrl:
          apiVersion === undefined
            ? undefined
            : versionedBaseUrl('EkoClient', this.baseUrl, apiVersion),
      },
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

/** Where a request goes besides its body: query string and path parameters. */
interface CallTarget {
  query?: Record<string, string>
  params?: Record<string, string>
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
