/**
 * fintwin's contracts: the single source of truth for paths, fields, codes and messages.
 * Imports nothing of the project's; the simulator, the doors and the SDK import this.
 */
// Every request, header and response type generated from the contracts
// (`SurepassCkycSearchSuccess`, `EkoAepsKycSendOtpRequest`, …). The one wildcard of the barrels,
// on purpose: the generator owns these names (`contractSchemaNames` makes them unique and keeps
// them clear of this barrel's), so a new operation's types reach users without a hand-kept list.
export type * from './types.generated.js'
export type {
  Provenance,
  ProviderId,
  HttpMethod,
  OperationDocument,
  ProviderDocument,
  RequestHashRule,
} from './contract-document.js'
export { PROVENANCE_TAGS } from './contract-document.js'
export type { ContractViolation } from './contract-violation.js'
export {
  formatViolations,
  violationsToJSON,
  ContractViolationError,
  isContractViolationError,
} from './contract-violation.js'
export type { CaseForm, Operation, Provider, ResponseCase } from './registry.js'
export {
  JSON_MEDIA_TYPE,
  operations,
  providers,
  getOperation,
  getProvider,
  findCase,
  schemaAt,
  validatorAt,
} from './registry.js'
export { PATH_PARAMETER, fillPath, pathParameterNames } from './path-template.js'
export { examplePath, exampleParams, exampleQuery } from './request-examples.js'
export { requestHashMessage } from './request-hash-message.js'
export type { RouteMatch } from './router.js'
export { matchRoute, listRoutes, providerOfPath } from './router.js'
export type { ContractRequest, ContractResponse } from './validator.js'
export {
  validateRequest,
  validateRequestBody,
  validateResponse,
  validateCaseResponse,
  validateProviderResponse,
} from './validator.js'
export type { EkoCredentials, HmacSha256Base64 } from './eko-signature.js'
export {
  EKO_AUTH_HEADERS,
  EKO_TIMESTAMP_PATTERN,
  ekoAuthHeaderSet,
  ekoHmacKey,
  ekoSecretKey,
  ekoTimestamp,
  signEkoRequest,
} from './eko-signature.js'
export { hmacSha256, webCryptoHmacSha256Base64 } from './hmac.js'
export {
  AGENT_EXAMPLE,
  AGENT_SCHEMA,
  FIXTURE_SCHEMAS,
  PERSONA_EXAMPLE,
  PERSONA_SCHEMA,
  checkFixtureDocument,
} from './fixture-schemas.js'
export type { FixtureKind, FixtureProblem } from './fixture-schemas.js'
