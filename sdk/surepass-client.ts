import type {
  SurepassAadhaarV2GenerateOtpRequest,
  SurepassAadhaarV2GenerateOtpSuccess,
  SurepassAadhaarV2SubmitOtpRequest,
  SurepassAadhaarV2SubmitOtpSuccess,
  SurepassBankVerificationRequest,
  SurepassBankVerificationSuccess,
  SurepassPanComprehensiveRequest,
  SurepassPanComprehensiveSuccess,
  SurepassPanLiteRequest,
  SurepassPanLiteSuccess,
  SurepassPanWithDetailsV2Request,
  SurepassPanWithDetailsV2Success,
  SurepassCkycSearchRequest,
  SurepassCkycSearchSuccess,
  SurepassCkycV2DownloadRequest,
  SurepassCkycV2DownloadSuccess,
  SurepassCkycV2GenerateOtpRequest,
  SurepassCkycV2GenerateOtpSuccess,
  OperationId,
  OperationTypes,
} from '../contracts/types.generated.js'
import { resolveBaseUrl } from './base-url.js'
import { callOperation, resolveTransport, type Transport } from './call-operation.js'
import { HttpError } from './http-error.js'
import { INSPECT, REDACTED } from './redact.js'
import { describeNonJson, type RawResponse, type TransportOptions } from './send-request.js'
import { SurepassError, type SurepassErrorEnvelope } from './surepass-error.js'

/** Options of {@link SurepassClient}. */
export interface SurepassClientOptions extends TransportOptions {
  /**
   * Host only, no `/api/v1`: the operation paths come from the contracts. E.g.
   * `https://sandbox.surepass.io`, `https://kyc-api.surepass.io`, or a local fintwin
   * `http://127.0.0.1:4010`. Plain http is refused except for loopback hosts.
   */
  baseUrl: string
  /** The Surepass JWT (with or without a leading `Bearer `). Sandbox and production tokens differ. */
  token: string
}

/** The CKYC operations, grouped as the provider groups them. */
export interface SurepassCkycApi {
  /** CKYC search by PAN, Voter ID, Aadhaar (`last4|NAME|DD-MM-YYYY|G`), DL or CKYC number. Returns the `ckyc_` client_id. */
  search(request: SurepassCkycSearchRequest): Promise<SurepassCkycSearchSuccess>
  /** CKYC v2: sends an OTP to the record's mobile once `mobile_number` matches it. Returns a new `ckyc_download_` client_id. */
  generateOtp(request: SurepassCkycV2GenerateOtpRequest): Promise<SurepassCkycV2GenerateOtpSuccess>
  /** CKYC v2: downloads the record with the OTP the customer received. */
  download(request: SurepassCkycV2DownloadRequest): Promise<SurepassCkycV2DownloadSuccess>
}

/** Aadhaar OKYC (aadhaar-v2): an OTP to the Aadhaar-linked mobile, then the offline e-KYC record. */
export interface SurepassAadhaarApi {
  /**
   * Sends an OTP to the mobile linked to the Aadhaar number; returns the `aadhaar_v2_` client_id.
   * An invalid or unknown number, or one with no linked mobile, is a 422 {@link SurepassError}
   * whose `body.data` says which (`valid_aadhaar`, `if_number`, `status`).
   */
  generateOtp(
    request: SurepassAadhaarV2GenerateOtpRequest,
  ): Promise<SurepassAadhaarV2GenerateOtpSuccess>
  /** Submits the OTP the holder received; resolves to the offline e-KYC record. */
  submitOtp(request: SurepassAadhaarV2SubmitOtpRequest): Promise<SurepassAadhaarV2SubmitOtpSuccess>
}

/** PAN verification. */
export interface SurepassPanApi {
  /** PAN lite: the name on a PAN (an older endpoint: no `message_code` in its envelope). */
  lite(request: SurepassPanLiteRequest): Promise<SurepassPanLiteSuccess>
  /** PAN comprehensive: name, masked Aadhaar, address (with `get_address: true`), Aadhaar link. */
  comprehensive(request: SurepassPanComprehensiveRequest): Promise<SurepassPanComprehensiveSuccess>
  /** PAN with details v2: name, split name, date of birth, gender and status. */
  withDetailsV2(request: SurepassPanWithDetailsV2Request): Promise<SurepassPanWithDetailsV2Success>
}

/** Bank account verification. */
export interface SurepassBankApi {
  /**
   * Penny drop: the holder's name as the bank has it, and the branch with `ifsc_details: true`.
   * A failed verification is a 422 {@link SurepassError} with `body.data.status` saying why.
   */
  verify(request: SurepassBankVerificationRequest): Promise<SurepassBankVerificationSuccess>
}

/**
 * A thin client for the Surepass KYC API: CKYC (search → OTP → download), Aadhaar OKYC, PAN and
 * bank verification.
 *
 * Resolves to the provider's success envelope, typed from the contracts; every failure is a
 * typed error: {@link SurepassError} for Surepass's error envelopes (branch on `messageCode`),
 * {@link HttpError} for anything else the server says, `TimeoutError`, `NetworkError`, and
 * `ContractViolationError` with `validateResponses`. The token lives in a private field and is
 * redacted from `util.inspect`, `JSON.stringify` and `toString`.
 */
export class SurepassClient {
  /** Normalised base URL (no trailing slash). */
  readonly baseUrl: string
  readonly ckyc: SurepassCkycApi
  readonly aadhaar: SurepassAadhaarApi
  readonly pan: SurepassPanApi
  readonly bank: SurepassBankApi
  readonly #authorization: string
  readonly #transport: Transport

  constructor(options: SurepassClientOptions) {
    this.baseUrl = resolveBaseUrl('SurepassClient', options.baseUrl)
    if (typeof options.token !== 'string' || options.token.trim() === '')
      throw new TypeError('SurepassClient: token is required')
    this.#authorization = `Bearer ${options.token.trim().replace(/^Bearer\s+/i, '')}`
    this.#transport = resolveTransport(this.baseUrl, options)
    this.ckyc = {
      search: (request) => this.#call('surepass.ckyc.search', request),
      generateOtp: (request) => this.#call('surepass.ckycV2.generateOtp', request),
      download: (request) => this.#call('surepass.ckycV2.download', request),
    }
    this.aadhaar = {
      generateOtp: (request) => this.#call('surepass.aadhaarV2.generateOtp', request),
      submitOtp: (request) => this.#call('surepass.aadhaarV2.submitOtp', request),
    }
    this.pan = {
      lite: (request) => this.#call('surepass.pan.lite', request),
      comprehensive: (request) => this.#call('surepass.pan.comprehensive', request),
      withDetailsV2: (request) => this.#call('surepass.pan.withDetailsV2', request),
    }
    this.bank = { verify: (request) => this.#call('surepass.bank.verification', request) }
  }

  #call<Id extends OperationId>(
    operationId: Id,
    body: unknown,
  ): Promise<OperationTypes[Id]['success']> {
    return callOperation(
      this.#transport,
      operationId,
      { headers: { authorization: this.#authorization }, body },
      mapSurepassResponse<OperationTypes[Id]['success']>,
    )
  }

  #view(): Record<string, unknown> {
    return {
      baseUrl: this.baseUrl,
      token: REDACTED,
      timeoutMs: this.#transport.timeoutMs,
      validateResponses: this.#transport.validateResponses,
    }
  }

  /** A redacted view: what a log line may show. */
  toJSON(): Record<string, unknown> {
    return { client: 'SurepassClient', ...this.#view() }
  }

  toString(): string {
    return `SurepassClient(${this.baseUrl})`
  }

  [INSPECT](
    _depth: number,
    options: unknown,
    inspect: (value: unknown, options: unknown) => string,
  ): string {
    return `SurepassClient ${inspect(this.#view(), options)}`
  }
}

/**
 * Surepass answers with one envelope for everything (the Surepass API docs, share.apidog.com/apidoc/docs-site/750756): 2xx + `success: true` is
 * the result; an envelope with any other status is a {@link SurepassError}; anything else (an
 * HTML 502 from a proxy, an empty body) is an {@link HttpError}.
 */
function mapSurepassResponse<T>(method: string, url: string, response: RawResponse): T {
  const ok = response.status >= 200 && response.status < 300
  const body = response.body
  if (isSurepassEnvelope(body)) {
    if (ok && body.success === true) return body as T
    return throwSurepassError(method, url, response.status, body)
  }
  throw new HttpError({
    method,
    url,
    status: response.status,
    statusText: response.statusText,
    body,
    detail: response.isJson ? 'response is not a Surepass envelope' : describeNonJson(body),
  })
}

function throwSurepassError(
  method: string,
  url: string,
  status: number,
  body: Record<string, unknown>,
): never {
  const envelope: SurepassErrorEnvelope = {
    ...body,
    data: body.data ?? null,
    status_code: typeof body.status_code === 'number' ? body.status_code : status,
    success: false,
    message: typeof body.message === 'string' ? body.message : null,
    message_code: typeof body.message_code === 'string' ? body.message_code : null,
  }
  throw new SurepassError({ method, url, status, body: envelope })
}

/** The documented envelope, or the odd variants (no `message_code`, the 429 with `error`). */
function isSurepassEnvelope(body: unknown): body is Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false
  const b = body as Record<string, unknown>
  return typeof b.status_code === 'number' || typeof b.message_code === 'string'
}
