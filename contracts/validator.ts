import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js'
import type { ProviderId } from './contract-document.js'
import type { ContractViolation } from './contract-violation.js'
import { invalidMessageOf } from './invalid-message.js'
import {
  JSON_MEDIA_TYPE,
  findCase,
  getOperation,
  getProvider,
  validatorAt,
  type Operation,
  type ResponseCase,
} from './registry.js'

function toViolations(
  errors: readonly ErrorObject[] | null | undefined,
  base: Omit<ContractViolation, 'path' | 'keyword' | 'message'>,
  prefix: string,
  bodySchemaId?: string,
): ContractViolation[] {
  return (errors ?? [])
    .filter((e) => e.keyword !== 'allOf' && e.keyword !== 'if')
    .map((e) => {
      const extra =
        e.keyword === 'const'
          ? ` ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}`
          : e.keyword === 'additionalProperties'
            ? ` (${(e.params as { additionalProperty: string }).additionalProperty})`
            : e.keyword === 'enum'
              ? ` ${JSON.stringify((e.params as { allowedValues: unknown }).allowedValues)}`
              : ''
      const fieldMessage =
        bodySchemaId === undefined || e.instancePath === ''
          ? undefined
          : invalidMessageOf(bodySchemaId, e)
      return {
        ...base,
        path: prefix + e.instancePath,
        keyword: e.keyword,
        message: `${e.message ?? 'is invalid'}${extra}`,
        ...(fieldMessage === undefined ? {} : { fieldMessage }),
      }
    })
}

function run(validate: ValidateFunction, value: unknown): readonly ErrorObject[] {
  return validate(value) ? [] : (validate.errors ?? [])
}

/**
 * A request as the contracts see it: lower-case header names, the parsed body, and, for the
 * operations that declare them, the query string and the path parameters.
 */
export interface ContractRequest {
  headers: Readonly<Record<string, string | undefined>>
  body: unknown
  /** The `{name}` path parameters (checked when the operation declares a params schema). */
  params?: Readonly<Record<string, string>>
  /** The query string (checked when the operation declares a query schema). */
  query?: Readonly<Record<string, string>>
}

/**
 * Checks a request's headers, body, query and path parameters against its operation. Returns
 * every violation (ajv runs with `allErrors`), paths prefixed `/headers`, `/body`, `/query` or
 * `/params`; an empty list means valid. The query and path parameters are checked only where
 * the operation declares a schema for them.
 */
export function validateRequest(
  operationId: string,
  request: ContractRequest,
): ContractViolation[] {
  const operation = getOperation(operationId)
  const base = requestBase(operation)
  const optional = (schemaId: string | undefined, value: unknown, prefix: string) =>
    schemaId === undefined ? [] : toViolations(run(validatorAt(schemaId), value), base, prefix)
  return [
    ...toViolations(run(validatorAt(operation.headersSchemaId), request.headers), base, '/headers'),
    ...optional(operation.paramsSchemaId, request.params ?? {}, '/params'),
    ...optional(operation.querySchemaId, request.query ?? {}, '/query'),
    ...validateRequestBody(operationId, request.body),
  ]
}

/** The body part of {@link validateRequest}: what a client-side check of a body alone needs. */
export function validateRequestBody(operationId: string, body: unknown): ContractViolation[] {
  const operation = getOperation(operationId)
  return toViolations(
    run(validatorAt(operation.bodySchemaId), body),
    requestBase(operation),
    '/body',
    operation.bodySchemaId,
  )
}

function requestBase(operation: Operation) {
  return { provider: operation.provider, operation: operation.id, direction: 'request' as const }
}

/** A response as the contracts see it. */
export interface ContractResponse {
  status: number
  body: unknown
  /** When given, checked against the media type of the case's form the body came in. */
  contentType?: string
}

/** `text/plain; charset=us-ascii` → `text/plain`. */
function mediaTypeBase(type: string): string {
  return type.split(';')[0]!.trim().toLowerCase()
}

function checkAgainstCase(
  c: ResponseCase,
  response: ContractResponse,
  base: Omit<ContractViolation, 'path' | 'keyword' | 'message'>,
): ContractViolation[] {
  const violations: ContractViolation[] = []
  if (c.status !== response.status) {
    violations.push({
      ...base,
      case: c.id,
      path: '/status',
      keyword: 'status',
      message: `HTTP ${response.status} but case ${c.id} is HTTP ${c.status}`,
    })
  }
  // A case with a JSON form besides its text one (a gateway answer) is checked against the form
  // the body came in: a string against the text schema, anything else against the JSON form.
  const schemaId =
    c.jsonForm !== undefined && typeof response.body !== 'string' ? c.jsonForm.schemaId : c.schemaId
  const mediaType = schemaId === c.schemaId ? c.mediaType : JSON_MEDIA_TYPE
  if (
    response.contentType !== undefined &&
    mediaTypeBase(response.contentType) !== mediaTypeBase(mediaType)
  ) {
    violations.push({
      ...base,
      case: c.id,
      path: '/headers/content-type',
      keyword: 'content-type',
      message: `content-type ${response.contentType} but case ${c.id} answers ${mediaType}`,
    })
  }
  violations.push(
    ...toViolations(run(validatorAt(schemaId), response.body), { ...base, case: c.id }, '/body'),
  )
  return violations
}

/**
 * Checks a response against the case it claims to be, the case already resolved (the
 * simulator's outcomes carry theirs): `where` names the provider and operation in violations.
 */
export function validateCaseResponse(
  c: ResponseCase,
  response: ContractResponse,
  where: { provider: ProviderId; operation: string },
): ContractViolation[] {
  return checkAgainstCase(c, response, { ...where, direction: 'response' })
}

/**
 * Checks a response. With `caseId` (the simulator knows what it meant to send) it is checked
 * against that case; without, against every case of that HTTP status, valid if one matches
 * (the OpenAPI `oneOf` reading), reporting the closest case otherwise.
 */
export function validateResponse(
  operationId: string,
  response: ContractResponse,
  caseId?: string,
): ContractViolation[] {
  const operation = getOperation(operationId)
  const base = {
    provider: operation.provider,
    operation: operation.id,
    direction: 'response' as const,
  }
  if (caseId !== undefined) {
    const c = findCase(operationId, caseId)
    if (!c) return [{ ...base, path: '', keyword: 'case', message: `no case named ${caseId}` }]
    return checkAgainstCase(c, response, base)
  }
  const candidates = [
    ...operation.cases.values(),
    ...getProvider(operation.provider).cases.values(),
  ].filter((c) => c.status === response.status)
  return closest(candidates, response, base)
}

/** Checks a provider-level response (unknown path, wrong method, oversized body). */
export function validateProviderResponse(
  providerId: ProviderId,
  response: ContractResponse,
  caseId?: string,
): ContractViolation[] {
  const provider = getProvider(providerId)
  const base = {
    provider: providerId,
    operation: `${providerId}.*`,
    direction: 'response' as const,
  }
  const candidates =
    caseId !== undefined
      ? [provider.cases.get(caseId)].filter((c) => c !== undefined)
      : [...provider.cases.values()].filter((c) => c.status === response.status)
  return closest(candidates, response, base)
}

function closest(
  candidates: ResponseCase[],
  response: ContractResponse,
  base: Omit<ContractViolation, 'path' | 'keyword' | 'message'>,
): ContractViolation[] {
  if (candidates.length === 0) {
    return [
      {
        ...base,
        path: '/status',
        keyword: 'status',
        message: `no documented case has HTTP ${response.status}`,
      },
    ]
  }
  let best: ContractViolation[] | undefined
  for (const c of candidates) {
    const violations = checkAgainstCase(c, response, base)
    if (violations.length === 0) return []
    if (!best || violations.length < best.length) best = violations
  }
  return best ?? []
}
