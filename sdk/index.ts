/**
 * fintwin SDK: thin real clients for the Surepass (KYC) and Eko (AePS) APIs, typed from the
 * contracts. Server-side only (Node `crypto` signs and encrypts). Imports nothing of the project's
 * but `contracts/`.
 */
export { SurepassClient } from './surepass-client.js'
export type {
  SurepassClientOptions,
  SurepassCkycApi,
  SurepassAadhaarApi,
  SurepassPanApi,
  SurepassBankApi,
} from './surepass-client.js'
export { EkoClient } from './eko-client.js'
export type {
  EkoClientOptions,
  EkoUsersApi,
  EkoAepsKycApi,
  EkoOnboardInput,
  EkoSendOtpInput,
  EkoVerifyOtpInput,
  EkoBiometricInput,
  EkoDailyKycInput,
  EkoServicesApi,
  EkoPanApi,
  EkoAepsFingpayApi,
  EkoAepsActivationFields,
  EkoDocument,
  EkoAepsTransactionsApi,
  EkoTransactionsApi,
  EkoBillPaymentsApi,
  EkoBankAccountsApi,
  EkoBankAccountInput,
} from './eko-client.js'

export { SurepassError, isSurepassError } from './surepass-error.js'
export type { SurepassErrorEnvelope } from './surepass-error.js'
export { EkoError, isEkoError } from './eko-error.js'
export type { EkoErrorEnvelope } from './eko-error.js'
export { EkoAuthError, isEkoAuthError } from './eko-auth-error.js'
export { HttpError, isHttpError } from './http-error.js'
export { TimeoutError, isTimeoutError } from './timeout-error.js'
export { NetworkError, isNetworkError } from './network-error.js'
export { ContractViolationError, isContractViolationError } from '../contracts/index.js'
export type { ContractViolation } from '../contracts/index.js'

export type { ContractDriftReport, ContractViolationHandler } from './contract-check.js'
export { formatDriftReport, formatInfReport, driftLines } from './drift-report.js'
export { infFacts, judgeInfFacts } from './inf-facts.js'
export type {
  InfFact,
  InfFactKind,
  InfFactResult,
  InfVerdict,
  LiveObservation,
} from './inf-facts.js'
export type { DriftLine } from './drift-report.js'
export { ekoSecretKey, ekoAuthHeaders } from './eko-secret-key.js'
export { encryptAadhaar } from './aadhaar-encryption.js'
export type { FetchLike, TransportOptions } from './send-request.js'
