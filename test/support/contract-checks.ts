/**
 * What the contract-driven suites share: a case's first example to break, the question "is there
 * a violation at this path for this keyword", the schema a request's fields come from, and Eko's
 * signed UAT headers.
 */
import type { ContractViolation } from '../../contracts/contract-violation.js'
import { getOperation, type Operation } from '../../contracts/registry.js'

/** The UAT key signed at 1700000000000 (computed by the rule of developers.eko.in/docs/authentication). */
export const EKO_UAT_HEADERS = {
  developer_key: 'becbbce45f79c6f5109f848acd540567',
  'secret-key': 'qIir8tILHtqxO1Mu3/fC3pVElIa0oIxXMRDUP0463Bc=',
  'secret-key-timestamp': '1700000000000',
  'content-type': 'application/json',
}

/** The first example of a response case, copied, so a test can break it. */
export function caseExample(operationId: string, caseId: string): Record<string, unknown> {
  const c = getOperation(operationId).cases.get(caseId)
  if (!c) throw new Error(`no case ${caseId} in ${operationId}`)
  return structuredClone(c.examples[0]) as Record<string, unknown>
}

/** True when some violation is at `path` with `keyword`. */
export function hasViolation(
  violations: readonly ContractViolation[],
  path: string,
  keyword: string,
): boolean {
  return violations.some((v) => v.path === path && v.keyword === keyword)
}

/** The schema a test takes an operation's request fields from: the body's, or a GET's query. */
export function fieldsSchemaOf(operation: Operation): string {
  return operation.method === 'GET' && operation.querySchemaId !== undefined
    ? operation.querySchemaId
    : operation.bodySchemaId
}
