import type { ErrorObject } from 'ajv/dist/2020.js'
import { contractSchemaAt, decodePointer, isObject, type JsonObject } from './schema-lookup.js'

/**
 * The annotation keyword a request field schema carries to say how the provider words a value
 * of that field it refuses: Surepass answers one sentence per field ("Invalid PAN format. PAN
 * should be 10 characters with valid pattern."), not a validator's "must match pattern …".
 */
export const INVALID_MESSAGE_KEYWORD = 'x-invalid-message'

/**
 * ajv's definition of the keyword: an annotation (it never fails a value) whose own value is
 * checked against this meta-schema when a schema using it compiles, so a contract with a
 * misspelt or incomplete sentence fails at its first compile, in strict mode.
 */
export const INVALID_MESSAGE_KEYWORD_DEFINITION = {
  keyword: INVALID_MESSAGE_KEYWORD,
  schemaType: 'object',
  metaSchema: {
    type: 'object',
    required: ['message', 'x-provenance'],
    additionalProperties: false,
    properties: {
      message: { type: 'string', minLength: 1 },
      'x-provenance': { enum: ['DOC', 'EKO-REPO', 'CODE', '3P', 'INF'] },
      description: { type: 'string' },
    },
  },
} as const

function sentenceOf(schema: unknown): string | undefined {
  if (!isObject(schema)) return undefined
  const value = schema[INVALID_MESSAGE_KEYWORD]
  return isObject(value) && typeof value.message === 'string' ? value.message : undefined
}

/**
 * The provider's sentence for the field a request-body error is about, when its contract has one.
 * The most specific wins: along the error's schema path inside the body schema (a conditional
 * branch, e.g. CKYC Search's PAN `id_number`, has its own), else on the body's property for the
 * field (where a `$ref`'d field such as `mobile_number` carries it beside the `$ref`).
 */
export function invalidMessageOf(bodySchemaId: string, error: ErrorObject): string | undefined {
  const body = contractSchemaAt(bodySchemaId)
  if (!isObject(body)) return undefined
  let found: string | undefined
  if (error.schemaPath.startsWith('#/')) {
    let node: unknown = body
    for (const segment of decodePointer(error.schemaPath.slice(1))) {
      node = Array.isArray(node)
        ? node[Number(segment)]
        : isObject(node)
          ? node[segment]
          : undefined
      found = sentenceOf(node) ?? found
    }
  }
  const field = decodePointer(error.instancePath)[0]
  if (found !== undefined || field === undefined) return found
  return sentenceOf((body.properties as JsonObject | undefined)?.[field])
}
