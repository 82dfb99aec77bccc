/**
 * The OpenAPI 3.1 view of the contracts, built from the registry alone so that it can never
 * drift from what the simulator validates. The simulator serves it at `GET /__sim/openapi.json`;
 * `npm run contracts:openapi` commits it as `contracts/openapi.json`.
 *
 * It is written for the tools people point at it, and tested with them: each case is one
 * merged object schema (no `allOf` layers, no boolean schemas) so that fakers (Prism's dynamic
 * mode) and generators (openapi-typescript) read it right; request bodies list every media type
 * fintwin accepts; each path names the hosts that serve it; the admin API is in it too
 * (`fintwin-admin`); `npm run contracts:lint` (Redocly, recommended rules) passes it clean.
 *
 * This module also owns the naming of contract schemas (`contractSchemaNames`): the generated
 * TypeScript types (`contracts/tools/generate-types.ts`) use the same names as
 * `components/schemas`, so `SurepassCkycV2GenerateOtpSuccess` means the same thing in both.
 * It imports no Node built-ins: the simulator also runs in a browser (msw `setupWorker`).
 */
// `#package.json` (package.json "imports"): the same file from here and from dist/contracts/.
import pkg from '#package.json' with { type: 'json' }
import type { HttpMethod, Provenance, ProviderId } from './contract-document.js'
import {
  JSON_MEDIA_TYPE,
  operations,
  providers,
  type Operation,
  type Provider,
  type ResponseCase,
  validatorAt,
} from './registry.js'
import { ADMIN_SCHEMAS, ADMIN_SECURITY_SCHEMES, ADMIN_TAG, adminPaths } from './openapi-admin.js'
import { caseUnion } from './openapi-case-union.js'
import { mergeSchemas, NEVER_SCHEMA, tidy } from './openapi-schema-merge.js'
import {
  FORM_MEDIA_TYPE,
  fromFormBody,
  REQUEST_BODY_MEDIA_TYPES,
  toFormBody,
} from './request-media-types.js'
import {
  contractSchemaAt,
  decodePointer,
  documentIdOf,
  encodePointer,
  isObject,
  resolveContractRef,
  splitUri,
  type JsonObject,
  type JsonSchema,
} from './schema-lookup.js'

export { contractSchemaAt, documentIdOf, resolveContractRef, type JsonSchema }

/** Where a developer's local simulator listens by default (`npm start`). */
export const SIMULATOR_SERVER_URL = 'http://127.0.0.1:4010'

/**
 * `info.version` when the caller passes none: the package's, so that the document the simulator
 * serves (`buildOpenApiDocument()`) is byte-identical to the committed `contracts/openapi.json`.
 */
export const DEFAULT_DOCUMENT_VERSION: string = pkg.version

// ---------------------------------------------------------------------------------------------
// Schema lookup: URIs → schemas, straight from the contract files (no ajv compilation needed).
// ---------------------------------------------------------------------------------------------

/** Keywords whose value is one subschema (exported for the tests that walk the document). */
export const SUBSCHEMA_KEYWORDS = new Set([
  'items',
  'additionalItems',
  'additionalProperties',
  'unevaluatedItems',
  'unevaluatedProperties',
  'propertyNames',
  'contains',
  'not',
  'if',
  'then',
  'else',
])
/** Keywords whose value is an array of subschemas. */
export const SUBSCHEMA_ARRAY_KEYWORDS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems'])
/** Keywords whose value maps names to subschemas. */
const SUBSCHEMA_MAP_KEYWORDS = new Set([
  'properties',
  'patternProperties',
  'dependentSchemas',
  '$defs',
  'definitions',
])
/** Keywords that only describe a contract *file* (operation metadata), never a value. */
const DOCUMENT_KEYWORDS = new Set(['x-operation', 'x-request', 'x-cases', 'x-provider'])
/**
 * A case's other body form and its media type: said in OpenAPI by the response's `content`
 * map (one entry per media type), so they leave the schema itself.
 */
const FORM_KEYWORDS = new Set(['x-json-form', 'x-media-type'])

/** Calls `visit` with every `$ref` under a schema (not under `$defs`: those count only when used). */
function forEachRef(schema: JsonSchema, visit: (ref: string) => void, isRoot = true): void {
  if (typeof schema === 'boolean') return
  if (!isRoot && typeof schema.$id === 'string') {
    throw new Error(
      `Nested $id (${schema.$id}) is not supported by the contract exporters; use $defs and $ref`,
    )
  }
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref' && typeof value === 'string') visit(value)
    else if (key === 'x-json-form') forEachRef(value as JsonSchema, visit, false)
    else if (SUBSCHEMA_KEYWORDS.has(key)) {
      if (Array.isArray(value)) for (const s of value) forEachRef(s as JsonSchema, visit, false)
      else forEachRef(value as JsonSchema, visit, false)
    } else if (SUBSCHEMA_ARRAY_KEYWORDS.has(key))
      for (const s of value as JsonSchema[]) forEachRef(s, visit, false)
    else if (SUBSCHEMA_MAP_KEYWORDS.has(key) && key !== '$defs' && key !== 'definitions') {
      for (const s of Object.values(value as Record<string, JsonSchema>))
        forEachRef(s, visit, false)
    }
  }
}

/** Code-point order: locale-independent, so generated files are identical on every machine. */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Operations sorted by id: the order of every generated listing. */
export function sortedOperations(): Operation[] {
  return [...operations.values()].sort((a, b) => byCodePoint(a.id, b.id))
}

/** Providers sorted by id. */
export function sortedProviders(): Provider[] {
  return [...providers.values()].sort((a, b) => byCodePoint(a.id, b.id))
}

// ---------------------------------------------------------------------------------------------
// Naming: one stable name per schema URI, shared by components/schemas and the generated types.
// ---------------------------------------------------------------------------------------------

/** `surepass.ckycV2.generateOtp` → `SurepassCkycV2GenerateOtp`; `mobile_number_not_matched` → `MobileNumberNotMatched`. */
export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('')
}

/** The type names of one operation: its request body, headers, each case and the union of them. */
export interface OperationTypeNames {
  readonly base: string
  readonly request: string
  readonly headers: string
  /** The `{name}` path parameters' type, when the path has any. */
  readonly path: string | undefined
  /** The query string's type, when the operation reads one. */
  readonly query: string | undefined
  readonly response: string
  /** Case id → type name, in the contract's order (success first). */
  readonly cases: ReadonlyMap<string, string>
}

/** The type names of a provider's own cases (404, 405, 413, 500…) and their union. */
export interface ProviderTypeNames {
  readonly base: string
  readonly response: string
  readonly cases: ReadonlyMap<string, string>
}

/** Every name the exporters use; see {@link contractSchemaNames}. */
export interface ContractSchemaNames {
  /** Canonical schema URI → its name (a `components/schemas` key and an exported type). */
  readonly byUri: ReadonlyMap<string, string>
  readonly operations: ReadonlyMap<string, OperationTypeNames>
  readonly providers: ReadonlyMap<ProviderId, ProviderTypeNames>
}

/** Names the generated types file declares besides the per-schema ones. */
export const RESERVED_TYPE_NAMES: readonly string[] = [
  'OperationTypes',
  'OperationId',
  'ProviderTypes',
]

/** `…/contracts/shared/surepass-envelope.json#/$defs/error` → `SurepassEnvelopeError`. */
function derivedName(uri: string): string {
  const { documentId, fragment } = splitUri(uri)
  const segments = new URL(documentId).pathname
    .replace(/\.json$/, '')
    .split('/')
    .filter(Boolean)
  const fromContracts = segments.includes('contracts')
    ? segments.slice(segments.lastIndexOf('contracts') + 1)
    : segments
  const file = pascalCase(
    (fromContracts[0] === 'shared' ? fromContracts.slice(1) : fromContracts).join('-'),
  )
  const pointer = pascalCase(
    decodePointer(fragment)
      .filter((s) => s !== '$defs' && s !== 'definitions')
      .join('-'),
  )
  const name = pointer === '' || file.endsWith(pointer) ? file : file + pointer
  return /^[A-Za-z]/.test(name) ? name : `Schema${name}`
}

let cachedNames: ContractSchemaNames | undefined

/**
 * Names every schema the exporters emit, deterministically. The API names come first:
 * an operation's request body, headers and cases are named after the operation id
 * (`<Op>Request`, `<Op>Headers`, `<Op><Case>`) when they live in the operation's own file;
 * a provider's cases `<Provider>Provider<Case>`. Everything else reachable by `$ref` (shared
 * envelopes, formats, cases shared by many operations) is named after its file and pointer
 * (`SurepassEnvelopeUnauthorized`, `CommonMobile10`), with a numeric suffix on a clash.
 * An API name whose schema lives elsewhere is reserved (the types file makes it an alias).
 * Throws when two API names collide, e.g. a case id `request`.
 */
export function contractSchemaNames(): ContractSchemaNames {
  if (cachedNames) return cachedNames
  const byUri = new Map<string, string>()
  const owners = new Map<string, string>(
    RESERVED_TYPE_NAMES.map((n) => [n, 'the generated types file']),
  )
  const roots: string[] = []

  const reserve = (name: string, owner: string): void => {
    const previous = owners.get(name)
    if (previous !== undefined)
      throw new Error(
        `Contract type name ${name} is claimed twice: by ${previous} and by ${owner}; rename one`,
      )
    owners.set(name, owner)
  }
  const claim = (uri: string, name: string, ownerDocumentId: string, owner: string): void => {
    reserve(name, owner)
    roots.push(uri)
    if (documentIdOf(uri) === ownerDocumentId && !byUri.has(uri)) byUri.set(uri, name)
  }

  const operationNames = new Map<string, OperationTypeNames>()
  for (const op of sortedOperations()) {
    const base = pascalCase(op.id)
    const names: OperationTypeNames = {
      base,
      request: `${base}Request`,
      headers: `${base}Headers`,
      path: op.paramsSchemaId === undefined ? undefined : `${base}PathParams`,
      query: op.querySchemaId === undefined ? undefined : `${base}Query`,
      response: `${base}Response`,
      cases: new Map([...op.cases.keys()].map((id) => [id, base + pascalCase(id)])),
    }
    const docId = op.document.$id
    if (op.method === 'GET') reserve(names.request, `${op.id} (no body)`)
    else
      claim(
        resolveContractRef(op.bodySchemaId, docId),
        names.request,
        docId,
        `${op.id} request body`,
      )
    for (const [schemaId, name, part] of [
      [op.paramsSchemaId, names.path, 'path parameters'],
      [op.querySchemaId, names.query, 'query'],
    ] as const) {
      if (schemaId !== undefined && name !== undefined)
        claim(resolveContractRef(schemaId, docId), name, docId, `${op.id} ${part}`)
    }
    claim(
      resolveContractRef(op.headersSchemaId, docId),
      names.headers,
      docId,
      `${op.id} request headers`,
    )
    for (const c of op.cases.values())
      claim(
        resolveContractRef(c.schemaId, docId),
        names.cases.get(c.id)!,
        docId,
        `${op.id} case ${c.id}`,
      )
    reserve(names.response, `${op.id} response union`)
    operationNames.set(op.id, names)
  }

  const providerNames = new Map<ProviderId, ProviderTypeNames>()
  for (const provider of sortedProviders()) {
    const base = `${pascalCase(provider.id)}Provider`
    const names: ProviderTypeNames = {
      base,
      response: `${base}Response`,
      cases: new Map([...provider.cases.keys()].map((id) => [id, base + pascalCase(id)])),
    }
    const docId = provider.document.$id
    for (const c of provider.cases.values()) {
      claim(
        resolveContractRef(c.schemaId, docId),
        names.cases.get(c.id)!,
        docId,
        `${provider.id} provider case ${c.id}`,
      )
    }
    reserve(names.response, `${provider.id} provider response union`)
    providerNames.set(provider.id, names)
  }

  // Breadth-first over `$ref`s from the roots, in a fixed order, naming what is not named yet.
  const queue = [...roots]
  const seen = new Set<string>()
  while (queue.length > 0) {
    const uri = queue.shift()!
    if (seen.has(uri)) continue
    seen.add(uri)
    if (!byUri.has(uri)) {
      const wanted = derivedName(uri)
      let name = wanted
      for (let n = 2; owners.has(name); n++) name = `${wanted}${n}`
      owners.set(name, uri)
      byUri.set(uri, name)
    }
    forEachRef(contractSchemaAt(uri), (ref) => queue.push(resolveContractRef(ref, uri)))
  }

  cachedNames = { byUri, operations: operationNames, providers: providerNames }
  return cachedNames
}

function nameOf(uri: string): string {
  const name = contractSchemaNames().byUri.get(uri)
  if (name === undefined) throw new Error(`No component name for ${uri}`)
  return name
}

/** Where component schemas live in the document. */
const COMPONENT_PREFIX = '#/components/schemas/'

function componentRef(uri: string): { $ref: string } {
  return { $ref: `${COMPONENT_PREFIX}${nameOf(uri)}` }
}

// ---------------------------------------------------------------------------------------------
// Schema translation and the document itself.
// ---------------------------------------------------------------------------------------------

/** Keywords dropped from component schemas: identifiers and bundling, meaningless once split. */
const DROPPED_KEYWORDS = new Set([
  '$schema',
  '$id',
  '$anchor',
  '$dynamicAnchor',
  '$defs',
  'definitions',
  '$vocabulary',
])

/** Top-level keywords of an inlined `allOf` member that describe the member, not the case. */
function isMemberAnnotation(key: string): boolean {
  return key.startsWith('x-') || key === 'description' || key === 'title' || key === 'examples'
}

/** An `allOf` member that is only a `$ref` (perhaps with a description): inlined and merged. */
function isBareRef(schema: JsonSchema): schema is JsonObject & { $ref: string } {
  return (
    typeof schema === 'object' &&
    typeof schema.$ref === 'string' &&
    Object.keys(schema).every((k) => k === '$ref' || isMemberAnnotation(k))
  )
}

/**
 * Marks a contract schema that describes an uploaded file as the doors hand it to the
 * simulator (`{filename, content_type, size}`); on the wire, and so in the OpenAPI, it is the
 * binary multipart part itself.
 */
const MULTIPART_FILE = 'x-multipart-file'

/** A file part as OpenAPI says it: binary, its rules kept in the description. */
function multipartFileSchema(schema: JsonObject): JsonObject {
  return {
    type: 'string',
    format: 'binary',
    ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
    ...(typeof schema['x-provenance'] === 'string'
      ? { 'x-provenance': schema['x-provenance'] }
      : {}),
  }
}

/** True when one of the object's properties is an uploaded file (its examples name files). */
function hasFileProperty(schema: JsonObject, baseUri: string): boolean {
  return Object.values((schema.properties ?? {}) as Record<string, JsonSchema>).some(
    (property) =>
      typeof property === 'object' &&
      typeof property.$ref === 'string' &&
      (contractSchemaAt(resolveContractRef(property.$ref, baseUri)) as JsonObject)[
        MULTIPART_FILE
      ] === true,
  )
}

/** An example value with each parsed file (`{filename, content_type, size}`) as its file name. */
function wireExample(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) => [
      key,
      typeof field === 'object' &&
      field !== null &&
      typeof (field as JsonObject).filename === 'string'
        ? (field as JsonObject).filename
        : field,
    ]),
  )
}

/**
 * A contract schema as an OpenAPI 3.1 Schema Object that generators and validators read alike:
 * `$ref`s point at `#/components/schemas/…`; `allOf` layers (a `$ref`'d envelope plus the
 * case's own keywords) are merged into one object by {@link mergeSchemas}, exactly; the boolean
 * schemas become objects (`true` → `{}`, `false` → `{"not":{}}`, or dropped from a closed
 * object), `additionalProperties: false` staying as the one idiom every tool knows;
 * `$id`/`$schema`/`$defs` and the file-level `x-operation`… keywords go, the other `x-`
 * annotations (`x-status`, `x-when`, `x-provenance`) stay, since OAS 3.1 allows extensions.
 */
function toOpenApiSchema(schema: JsonSchema, baseUri: string): JsonObject {
  if (schema === true) return {}
  if (schema === false) return { ...NEVER_SCHEMA }
  if (schema[MULTIPART_FILE] === true) return multipartFileSchema(schema)
  const sub = (s: unknown): JsonObject => toOpenApiSchema(s as JsonSchema, baseUri)
  const out: JsonObject = {}
  for (const [key, value] of Object.entries(schema)) {
    if (DROPPED_KEYWORDS.has(key) || DOCUMENT_KEYWORDS.has(key) || FORM_KEYWORDS.has(key)) continue
    if (key === 'allOf') continue
    if (key === '$ref' && typeof value === 'string')
      out.$ref = componentRef(resolveContractRef(value, baseUri)).$ref
    else if (key === 'additionalProperties' && value === false) out[key] = false
    else if (key === 'examples' && hasFileProperty(schema, baseUri))
      out[key] = (value as unknown[]).map(wireExample)
    else if (SUBSCHEMA_KEYWORDS.has(key))
      out[key] = Array.isArray(value) ? value.map(sub) : sub(value)
    else if (SUBSCHEMA_ARRAY_KEYWORDS.has(key)) out[key] = (value as JsonSchema[]).map(sub)
    else if (SUBSCHEMA_MAP_KEYWORDS.has(key)) {
      out[key] = Object.fromEntries(
        Object.entries(value as Record<string, JsonSchema>).map(([k, s]) => [k, sub(s)]),
      )
    } else out[key] = structuredClone(value)
  }
  const members = (schema.allOf as JsonSchema[] | undefined) ?? []
  if (members.length === 0) return tidy(out)
  const layers = members.map((member) => {
    if (!isBareRef(member)) return sub(member)
    const inlined = mergedSchemaAt(resolveContractRef(member.$ref, baseUri))
    return Object.fromEntries(Object.entries(inlined).filter(([k]) => !isMemberAnnotation(k)))
  })
  return [...layers, out].reduce((merged, layer) => mergeSchemas(merged, layer))
}

const mergedByUri = new Map<string, JsonObject>()

/**
 * {@link toOpenApiSchema} of the contract schema at a canonical URI, computed once: the
 * contracts are fixed at import, and one build reads each case's merged schema several times
 * (components, unions, media types). Read-only: callers that hand it out clone it first.
 */
function mergedSchemaAt(uri: string): JsonObject {
  let merged = mergedByUri.get(uri)
  if (merged !== undefined) return merged
  if (merging.has(uri))
    throw new Error(`Contract allOf cycle through ${uri}; the OpenAPI export cannot merge it`)
  merging.add(uri)
  try {
    merged = toOpenApiSchema(contractSchemaAt(uri), uri)
  } finally {
    merging.delete(uri)
  }
  mergedByUri.set(uri, merged)
  return merged
}

/** The URIs being merged right now, to refuse an `allOf` that reaches itself. */
const merging = new Set<string>()

interface HeaderProperty {
  readonly name: string
  readonly schema: JsonSchema
  readonly baseUri: string
  /** The canonical URI of the property's own schema, for validating a value against it. */
  readonly uri: string
}

/** The canonical URI of a subschema: `at` followed by JSON-pointer segments. */
function childUri(at: string, ...segments: string[]): string {
  return `${at}${at.includes('#') ? '' : '#'}${encodePointer(segments)}`
}

/** Flattens a headers schema (through `$ref` and `allOf`) into its properties and required names. */
function headerShape(uri: string): {
  properties: Map<string, HeaderProperty>
  required: Set<string>
} {
  const properties = new Map<string, HeaderProperty>()
  const required = new Set<string>()
  const visit = (schema: JsonSchema, baseUri: string, at: string): void => {
    if (typeof schema === 'boolean') return
    if (typeof schema.$ref === 'string') {
      const target = resolveContractRef(schema.$ref, baseUri)
      visit(contractSchemaAt(target), target, target)
    }
    ;((schema.allOf as JsonSchema[] | undefined) ?? []).forEach((part, i) => {
      visit(part, baseUri, childUri(at, 'allOf', String(i)))
    })
    for (const [name, s] of Object.entries(
      (schema.properties as Record<string, JsonSchema> | undefined) ?? {},
    )) {
      properties.set(name, { name, schema: s, baseUri, uri: childUri(at, 'properties', name) })
    }
    for (const name of (schema.required as string[] | undefined) ?? []) required.add(name)
  }
  visit(contractSchemaAt(uri), uri, uri)
  return { properties, required }
}

/** The description of a schema, looking through a bare `$ref`. */
function describe(schema: JsonSchema, baseUri: string): string | undefined {
  if (typeof schema === 'boolean') return undefined
  if (typeof schema.description === 'string') return schema.description
  if (typeof schema.$ref === 'string') {
    const target = resolveContractRef(schema.$ref, baseUri)
    return describe(contractSchemaAt(target), target)
  }
  return undefined
}

/**
 * Header names OAS 3.1 says a header Parameter Object must not describe (they are covered by
 * `security` and `requestBody`); listing them would be ignored by every tool anyway.
 */
const RESERVED_HEADERS = new Set(['authorization', 'content-type', 'accept'])

/** Header, path and query parameters, in that order, from the operation's request schemas. */
function parametersOf(op: Operation): JsonObject[] {
  const parts = [
    ['path', op.paramsSchemaId],
    ['query', op.querySchemaId],
    ['header', op.headersSchemaId],
  ] as const
  return parts.flatMap(([place, schemaId]) => {
    if (schemaId === undefined) return []
    const { properties, required } = headerShape(resolveContractRef(schemaId, op.document.$id))
    return [...properties.values()]
      .filter((p) => place !== 'header' || !RESERVED_HEADERS.has(p.name.toLowerCase()))
      .map((p) => {
        const description = describe(p.schema, p.baseUri)
        return {
          name: p.name,
          in: place,
          required: place === 'path' || required.has(p.name),
          ...(description === undefined ? {} : { description }),
          schema: toOpenApiSchema(p.schema, p.baseUri),
        }
      })
  })
}

/** One entry of `x-fintwin-cases`: what the simulator calls the outcome and when it happens. */
export interface CaseSummary {
  readonly id: string
  readonly provenance: Provenance
  readonly when: string
}

/**
 * The cases an operation can answer with: its own, then its provider's (unknown path, wrong
 * method, oversized body, server fault) unless the operation redefines that id. This is the set
 * `validateResponse` accepts for the operation, so the document and the validator agree.
 */
export function responseCasesOf(op: Operation): ResponseCase[] {
  const provider = providers.get(op.provider)!
  return [...op.cases.values(), ...[...provider.cases.values()].filter((c) => !op.cases.has(c.id))]
}

/**
 * The media type a case's body travels in, without parameters (the content map's key): the
 * contract's `x-media-type` when it has one (a gateway's `text/plain; charset=us-ascii`), else a
 * case whose schema is a string is `text/plain`, every other one JSON.
 */
export function responseMediaType(c: ResponseCase): string {
  if (c.mediaType !== JSON_MEDIA_TYPE) return c.mediaType.split(';')[0]!.trim()
  const merged = mergedSchemaAt(c.schemaId)
  return merged.type === 'string' ? 'text/plain' : 'application/json'
}

/** One body a case can answer with: its default form, or its JSON form (`x-json-form`). */
interface CaseBodyForm {
  readonly case: ResponseCase
  readonly mediaType: string
  readonly schemaId: string
  readonly examples: readonly unknown[]
}

/** A case's bodies: its own, then its JSON form when its own is not JSON. */
function bodyFormsOf(c: ResponseCase): CaseBodyForm[] {
  const own = {
    case: c,
    mediaType: responseMediaType(c),
    schemaId: c.schemaId,
    examples: c.examples,
  }
  if (c.jsonForm === undefined) return [own]
  const { schemaId, examples } = c.jsonForm
  return [own, { case: c, mediaType: JSON_MEDIA_TYPE, schemaId, examples }]
}

function mediaObject(forms: readonly CaseBodyForm[]): JsonObject {
  const schema = caseUnion(
    forms.map((f) => ({
      title: f.case.id,
      ref: componentRef(f.schemaId),
      schema: mergedSchemaAt(f.schemaId),
    })),
  )
  const examples: JsonObject = {}
  for (const { case: c, examples: values } of forms) {
    values.forEach((value, i) => {
      examples[i === 0 ? c.id : `${c.id}_${i + 1}`] = {
        summary: `${c.id} [${c.provenance}]`,
        description: c.when,
        value: structuredClone(value),
      }
    })
  }
  return { schema, ...(Object.keys(examples).length > 0 ? { examples } : {}) }
}

function responseObject(cases: readonly ResponseCase[]): JsonObject {
  const byType = new Map<string, CaseBodyForm[]>()
  for (const form of cases.flatMap(bodyFormsOf))
    byType.set(form.mediaType, [...(byType.get(form.mediaType) ?? []), form])
  return {
    description: cases.map((c) => `- \`${c.id}\` [${c.provenance}]: ${c.when}`).join('\n'),
    content: Object.fromEntries(
      [...byType.entries()].map(([type, group]) => [type, mediaObject(group)]),
    ),
    'x-fintwin-cases': cases.map(
      (c): CaseSummary => ({ id: c.id, provenance: c.provenance, when: c.when }),
    ),
  }
}

function responsesOf(op: Operation): JsonObject {
  const byStatus = new Map<number, ResponseCase[]>()
  for (const c of responseCasesOf(op))
    byStatus.set(c.status, [...(byStatus.get(c.status) ?? []), c])
  return Object.fromEntries(
    [...byStatus.entries()]
      .sort(([a], [b]) => a - b)
      .map(([status, cases]) => [String(status), responseObject(cases)]),
  )
}

/**
 * The `operationId` of an operation under one of its paths. The first base path (Eko's UAT form
 * `/ekoapi/v3`, Surepass's only one) gets the bare operation id; the second (Eko's production
 * form `/ekoicici/v3`) gets `.production`; any further one `.<index>`. OpenAPI needs them unique.
 */
export function operationIdAt(op: Operation, pathIndex: number): string {
  if (pathIndex === 0) return op.id
  return pathIndex === 1 ? `${op.id}.production` : `${op.id}.${pathIndex}`
}

function securitySchemeName(provider: ProviderId, scheme: string): string {
  return `${provider}.${scheme}`
}

const METHODS_WITHOUT_BODY = new Set<HttpMethod>(['GET'])

/**
 * The media types an operation's request body may come in: each of
 * {@link REQUEST_BODY_MEDIA_TYPES} that its `content-type` header schema admits, the form one
 * only when every body example, form-encoded and read back as strings, still satisfies the
 * request schema (a body with numbers or booleans cannot travel as a form). An operation whose
 * headers schema says nothing of `content-type` takes JSON. A contract that names its body's
 * media type (`x-request.mediaType`, e.g. a `multipart/form-data` upload) takes that one only.
 */
export function requestMediaTypes(op: Operation): string[] {
  const declared = op.document['x-request'].mediaType
  if (declared !== undefined) return [declared]
  const { properties } = headerShape(resolveContractRef(op.headersSchemaId, op.document.$id))
  const contentType = [...properties.values()].find((p) => p.name.toLowerCase() === 'content-type')
  const admitted = REQUEST_BODY_MEDIA_TYPES.filter((type) =>
    contentType === undefined ? type === 'application/json' : validatorAt(contentType.uri)(type),
  )
  const body = contractSchemaAt(resolveContractRef(op.bodySchemaId, op.document.$id))
  const examples = typeof body === 'object' && Array.isArray(body.examples) ? body.examples : []
  const validate = validatorAt(op.bodySchemaId)
  return admitted.filter(
    (type) =>
      type !== FORM_MEDIA_TYPE ||
      (examples.length > 0 &&
        examples.every((e) => isObject(e) && validate(fromFormBody(toFormBody(e))))),
  )
}

function requestBodyOf(op: Operation): JsonObject {
  const bodyUri = resolveContractRef(op.bodySchemaId, op.document.$id)
  const body = contractSchemaAt(bodyUri)
  const bodyExamples = typeof body === 'object' && Array.isArray(body.examples) ? body.examples : []
  const multipart = requestMediaTypes(op).some((type) => type.startsWith('multipart/'))
  const examples =
    bodyExamples.length > 0
      ? {
          examples: Object.fromEntries(
            bodyExamples.map((value, i) => [
              `example${i + 1}`,
              { value: structuredClone(multipart ? wireExample(value) : value) },
            ]),
          ),
        }
      : {}
  return {
    required: true,
    content: Object.fromEntries(
      requestMediaTypes(op).map((type) => [
        type,
        { schema: componentRef(bodyUri), ...structuredClone(examples) },
      ]),
    ),
  }
}

function operationObject(op: Operation, pathIndex: number): JsonObject {
  const provider = providers.get(op.provider)!
  const schemes = Object.keys(provider.document['x-provider'].securitySchemes).sort()
  const parameters = parametersOf(op)
  return {
    operationId: operationIdAt(op, pathIndex),
    summary: op.summary,
    description: op.description,
    tags: [op.provider],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(METHODS_WITHOUT_BODY.has(op.method) ? {} : { requestBody: requestBodyOf(op) }),
    responses: responsesOf(op),
    ...(schemes.length > 0
      ? {
          security: [
            Object.fromEntries(schemes.map((s) => [securitySchemeName(op.provider, s), []])),
          ],
        }
      : {}),
    'x-fintwin-operation': op.id,
    'x-provenance': op.provenance,
    'x-state-changing': op.stateChanging,
  }
}

/** The component names a JSON value refers to (`#/components/schemas/<name>`), in order. */
function componentNamesIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) componentNamesIn(v, out)
  else if (isObject(value)) {
    for (const [key, v] of Object.entries(value)) {
      if (key === '$ref' && typeof v === 'string' && v.startsWith(COMPONENT_PREFIX))
        out.push(v.slice(COMPONENT_PREFIX.length))
      else if (key !== 'examples') componentNamesIn(v, out)
    }
  }
  return out
}

/** Options of {@link buildOpenApiDocument}. */
export interface BuildOpenApiOptions {
  /** `info.version`; defaults to the package version ({@link DEFAULT_DOCUMENT_VERSION}). */
  readonly version?: string
  /** The local simulator's URL, first in `servers` (a server on a random port passes its own). */
  readonly simulatorUrl?: string
}

/** The parts of the document callers and tests look into; everything else is plain JSON. */
export interface OpenApiDocument {
  readonly openapi: '3.1.0'
  readonly info: {
    readonly title: string
    readonly version: string
    readonly description: string
    readonly license: { readonly name: string; readonly identifier: string }
  }
  readonly servers: readonly { readonly url: string; readonly description: string }[]
  readonly tags: readonly { readonly name: string; readonly description: string }[]
  readonly paths: Readonly<Record<string, Readonly<Record<string, unknown>>>>
  readonly components: {
    readonly schemas: Readonly<Record<string, JsonSchema>>
    readonly securitySchemes: Readonly<Record<string, unknown>>
  }
}

/**
 * The servers of one path: the local simulator (it serves every path), then the provider hosts
 * that serve it. A provider's `pathPrefixHosts` says which environment a prefix lives on (Eko's
 * `/ekoapi/` is UAT on the staging host, `/ekoicici/` production); otherwise every sandbox and
 * production host serves the path.
 */
export function serversOf(
  provider: Provider,
  path: string,
  simulatorUrl: string = SIMULATOR_SERVER_URL,
): { url: string; description: string }[] {
  const prefix = Object.keys(provider.pathPrefixHosts)
    .filter((p) => path.startsWith(p))
    .sort((x, y) => y.length - x.length)[0]
  const environments =
    prefix === undefined
      ? (['sandbox', 'production'] as const)
      : ([provider.pathPrefixHosts[prefix]!] as const)
  return [
    { url: simulatorUrl, description: 'fintwin simulator (local)' },
    ...environments.flatMap((env) =>
      provider.hosts[env].map((url) => ({ url, description: `${provider.name}, ${env}` })),
    ),
  ]
}

/**
 * Builds the OpenAPI 3.1.0 document of every contract: each operation at each of its full paths,
 * header parameters and the JSON body from its request schemas, responses by HTTP status (cases
 * sharing a status combined with `oneOf`, one branch per case titled with its id, examples keyed
 * by case id, `x-fintwin-cases` listing id/provenance/when), every schema in
 * `components/schemas` under the names of {@link contractSchemaNames}, and the providers'
 * security schemes. Deterministic: the same contracts give byte-identical JSON.
 */
export function buildOpenApiDocument(options: BuildOpenApiOptions = {}): OpenApiDocument {
  const simulatorUrl = options.simulatorUrl ?? SIMULATOR_SERVER_URL
  const providerList = sortedProviders()

  const paths = new Map<string, JsonObject>()
  for (const op of sortedOperations()) {
    const provider = providers.get(op.provider)!
    op.paths.forEach((path, i) => {
      const item = paths.get(path) ?? { servers: serversOf(provider, path, simulatorUrl) }
      item[op.method.toLowerCase()] = operationObject(op, i)
      paths.set(path, item)
    })
  }

  for (const [path, item] of Object.entries(adminPaths())) paths.set(path, item)

  const names = contractSchemaNames()
  const all = new Map<string, JsonObject>([
    ...[...names.byUri.entries()].map(
      ([uri, name]) => [name, structuredClone(mergedSchemaAt(uri))] as const,
    ),
    ...Object.entries(ADMIN_SCHEMAS),
  ])
  // Only what the paths reach: a merged envelope no case refers to any more is not a component.
  const used = new Set<string>()
  const queue = componentNamesIn([...paths.values()])
  while (queue.length > 0) {
    const name = queue.pop()!
    if (used.has(name)) continue
    used.add(name)
    queue.push(...componentNamesIn(all.get(name)))
  }
  const schemas = Object.fromEntries(
    [...used].sort(byCodePoint).map((name) => [name, all.get(name)!]),
  )

  const securitySchemes: Record<string, unknown> = structuredClone(ADMIN_SECURITY_SCHEMES)
  for (const provider of providerList) {
    const declared = provider.document['x-provider'].securitySchemes
    for (const scheme of Object.keys(declared).sort()) {
      securitySchemes[securitySchemeName(provider.id, scheme)] = structuredClone(declared[scheme])
    }
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'fintwin — Surepass & Eko contracts',
      version: options.version ?? DEFAULT_DOCUMENT_VERSION,
      license: { name: pkg.license, identifier: pkg.license },
      description:
        'Generated from the JSON-Schema contracts of fintwin (`npm run contracts:openapi`); do not edit by hand. ' +
        'Each response lists its named cases in `x-fintwin-cases`: the outcome names the simulator accepts in ' +
        '`x-fintwin-scenario` and `POST /__sim/scenarios`. `x-provenance` tags each fact: DOC (provider docs), ' +
        'EKO-REPO (Eko repositories), CODE / 3P (third-party integrations), INF (inferred).',
    },
    servers: [{ url: simulatorUrl, description: 'fintwin simulator (local)' }],
    tags: [
      ...providerList.map((p) => ({
        name: p.id,
        description: `${p.name}. ${p.document.description}`,
      })),
      {
        name: ADMIN_TAG,
        description:
          "fintwin's own admin API (`/__sim/…`): fixtures, OTP inbox, clock, forced scenarios, journal, presets, the operation catalogue, the QA console (`GET /` leads there), Eko signing and Aadhaar encryption helpers, a Postman collection. The same routes exist in-process as simulator methods.",
      },
    ],
    paths: Object.fromEntries([...paths.entries()].sort(([a], [b]) => byCodePoint(a, b))),
    components: { schemas, securitySchemes },
  }
}
