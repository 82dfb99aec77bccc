/**
 * The OpenAPI 3.1 view of the contracts, built from the registry alone so that it can never
 * drift from what the simulator validates. The simulator serves it at `GET /__sim/openapi.json`;
 * `npm run contracts:openapi` commits it as `contracts/openapi.json`.
 *
 * This module also owns the naming of contract schemas (`contractSchemaNames`): the generated
 * TypeScript types (`contracts/tools/generate-types.ts`) use the same names as
 * `components/schemas`, so `SurepassCkycV2GenerateOtpSuccess` means the same thing in both.
 * It imports no Node built-ins: the simulator also runs in a browser (msw `setupWorker`).
 */
// `#package.json` (package.json "imports"): the same file from here and from dist/contracts/.
import pkg from '#package.json' with { type: 'json' }
import type { HttpMethod, Provenance, ProviderId } from './contract-document.js'
import { operationDocuments, providerDocuments, sharedDocuments } from './documents.js'
import {
  operations,
  providers,
  type Operation,
  type Provider,
  type ResponseCase,
} from './registry.js'

type JsonObject = Record<string, unknown>

/** A JSON Schema: an object or one of the boolean schemas. */
export type JsonSchema = boolean | JsonObject

/** Where a developer's local simulator listens by default (see DESIGN.md "Start"). */
export const SIMULATOR_SERVER_URL = 'http://127.0.0.1:4010'

/**
 * `info.version` when the caller passes none: the package's, so that the document the simulator
 * serves (`buildOpenApiDocument()`) is byte-identical to the committed `contracts/openapi.json`.
 */
export const DEFAULT_DOCUMENT_VERSION: string = pkg.version

// ---------------------------------------------------------------------------------------------
// Schema lookup: URIs → schemas, straight from the contract files (no ajv compilation needed).
// ---------------------------------------------------------------------------------------------

/** Keywords whose value is one subschema. */
const SUBSCHEMA_KEYWORDS = new Set([
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
const SUBSCHEMA_ARRAY_KEYWORDS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems'])
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

let documentsById: Map<string, JsonObject> | undefined

function contractDocuments(): Map<string, JsonObject> {
  documentsById ??= new Map(
    [...sharedDocuments, ...providerDocuments, ...operationDocuments].map((doc) => [
      doc.$id,
      doc as unknown as JsonObject,
    ]),
  )
  return documentsById
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function splitUri(uri: string): { documentId: string; fragment: string } {
  const hash = uri.indexOf('#')
  return hash < 0
    ? { documentId: uri, fragment: '' }
    : { documentId: uri.slice(0, hash), fragment: uri.slice(hash + 1) }
}

/** The `$id` of the contract file a schema URI points into. */
export function documentIdOf(uri: string): string {
  return splitUri(uri).documentId
}

function encodePointer(segments: readonly string[]): string {
  return segments.map((s) => `/${s.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('')
}

function decodePointer(fragment: string): string[] {
  return fragment
    .split('/')
    .slice(1)
    .map((s) => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~'))
}

/** Finds the JSON-pointer path of a `$anchor`, so anchors and pointers name the same schema. */
function findAnchor(node: unknown, anchor: string, path: string[]): string[] | undefined {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) {
      const found = findAnchor(item, anchor, [...path, String(i)])
      if (found) return found
    }
  } else if (isObject(node)) {
    if (node.$anchor === anchor) return path
    for (const [key, value] of Object.entries(node)) {
      if (key === 'examples' || key === 'const' || key === 'enum' || key === 'default') continue
      const found = findAnchor(value, anchor, [...path, key])
      if (found) return found
    }
  }
  return undefined
}

/**
 * Resolves a `$ref` against the URI of the file it appears in, to the canonical URI used as a key
 * everywhere here: `<file $id>` or `<file $id>#/json/pointer` (anchors are turned into pointers).
 */
export function resolveContractRef(ref: string, baseUri: string): string {
  const absolute = new URL(ref, documentIdOf(baseUri)).href
  const { documentId, fragment } = splitUri(absolute)
  if (fragment === '') return documentId
  if (fragment.startsWith('/')) return `${documentId}#${encodePointer(decodePointer(fragment))}`
  const doc = contractDocuments().get(documentId)
  const path = doc && findAnchor(doc, decodeURIComponent(fragment), [])
  if (!path)
    throw new Error(
      `Contract $ref ${ref} (from ${baseUri}): no $anchor "${fragment}" in ${documentId}`,
    )
  return `${documentId}#${encodePointer(path)}`
}

/**
 * The raw schema (as written in its contract file, `$ref`s relative to that file) at a canonical
 * schema URI. Reads the imported documents directly, so exporters need not compile anything.
 */
export function contractSchemaAt(uri: string): JsonSchema {
  const { documentId, fragment } = splitUri(resolveContractRef(uri, uri))
  let node: unknown = contractDocuments().get(documentId)
  if (node === undefined)
    throw new Error(
      `No contract file has $id ${documentId} (is it listed in contracts/documents.ts?)`,
    )
  for (const segment of fragment === '' ? [] : decodePointer(fragment)) {
    node = Array.isArray(node) ? node[Number(segment)] : isObject(node) ? node[segment] : undefined
    if (node === undefined) throw new Error(`Contract schema not found: ${uri}`)
  }
  if (typeof node !== 'boolean' && !isObject(node)) throw new Error(`Not a schema: ${uri}`)
  return node
}

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
  /** The query-string type, when the operation declares one. */
  readonly query: string | undefined
  /** The path-parameter type, when the path has `{name}` templates. */
  readonly params: string | undefined
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
      query: op.querySchemaId === undefined ? undefined : `${base}Query`,
      params: op.paramsSchemaId === undefined ? undefined : `${base}Params`,
      response: `${base}Response`,
      cases: new Map([...op.cases.keys()].map((id) => [id, base + pascalCase(id)])),
    }
    const docId = op.document.$id
    claim(resolveContractRef(op.bodySchemaId, docId), names.request, docId, `${op.id} request body`)
    claim(
      resolveContractRef(op.headersSchemaId, docId),
      names.headers,
      docId,
      `${op.id} request headers`,
    )
    if (op.querySchemaId !== undefined && names.query !== undefined)
      claim(resolveContractRef(op.querySchemaId, docId), names.query, docId, `${op.id} query`)
    if (op.paramsSchemaId !== undefined && names.params !== undefined)
      claim(
        resolveContractRef(op.paramsSchemaId, docId),
        names.params,
        docId,
        `${op.id} path parameters`,
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

function componentRef(uri: string): { $ref: string } {
  return { $ref: `#/components/schemas/${nameOf(uri)}` }
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

/**
 * A contract schema as an OpenAPI 3.1 Schema Object: `$ref`s point at `#/components/schemas/…`,
 * `$id`/`$schema`/`$defs` and the file-level `x-operation`… keywords go; the other `x-`
 * annotations (`x-status`, `x-when`, `x-provenance`) stay, since OAS 3.1 allows extensions.
 */
function toOpenApiSchema(schema: JsonSchema, baseUri: string): JsonSchema {
  if (typeof schema === 'boolean') return schema
  const out: JsonObject = {}
  for (const [key, value] of Object.entries(schema)) {
    if (DROPPED_KEYWORDS.has(key) || DOCUMENT_KEYWORDS.has(key)) continue
    if (key === '$ref' && typeof value === 'string')
      out.$ref = componentRef(resolveContractRef(value, baseUri)).$ref
    else if (SUBSCHEMA_KEYWORDS.has(key)) {
      out[key] = Array.isArray(value)
        ? value.map((s) => toOpenApiSchema(s as JsonSchema, baseUri))
        : toOpenApiSchema(value as JsonSchema, baseUri)
    } else if (SUBSCHEMA_ARRAY_KEYWORDS.has(key))
      out[key] = (value as JsonSchema[]).map((s) => toOpenApiSchema(s, baseUri))
    else if (SUBSCHEMA_MAP_KEYWORDS.has(key)) {
      out[key] = Object.fromEntries(
        Object.entries(value as Record<string, JsonSchema>).map(([k, s]) => [
          k,
          toOpenApiSchema(s, baseUri),
        ]),
      )
    } else out[key] = structuredClone(value)
  }
  return out
}

interface HeaderProperty {
  readonly name: string
  readonly schema: JsonSchema
  readonly baseUri: string
}

/** Flattens a headers schema (through `$ref` and `allOf`) into its properties and required names. */
function headerShape(uri: string): {
  properties: Map<string, HeaderProperty>
  required: Set<string>
} {
  const properties = new Map<string, HeaderProperty>()
  const required = new Set<string>()
  const visit = (schema: JsonSchema, baseUri: string): void => {
    if (typeof schema === 'boolean') return
    if (typeof schema.$ref === 'string') {
      const target = resolveContractRef(schema.$ref, baseUri)
      visit(contractSchemaAt(target), target)
    }
    for (const part of (schema.allOf as JsonSchema[] | undefined) ?? []) visit(part, baseUri)
    for (const [name, s] of Object.entries(
      (schema.properties as Record<string, JsonSchema> | undefined) ?? {},
    )) {
      properties.set(name, { name, schema: s, baseUri })
    }
    for (const name of (schema.required as string[] | undefined) ?? []) required.add(name)
  }
  visit(contractSchemaAt(uri), uri)
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

function headerParameters(op: Operation): JsonObject[] {
  return parametersOf(resolveContractRef(op.headersSchemaId, op.document.$id), 'header').filter(
    (p) => !RESERVED_HEADERS.has(String(p.name).toLowerCase()),
  )
}

/**
 * Parameter Objects from an object schema's properties: one per property, `in` the given place.
 * Path parameters are always required (OAS 3.1 §4.8.12.1); the others when the schema says so.
 */
function parametersOf(uri: string, where: 'header' | 'query' | 'path'): JsonObject[] {
  const { properties, required } = headerShape(uri)
  return [...properties.values()].map((p) => {
    const description = describe(p.schema, p.baseUri)
    return {
      name: p.name,
      in: where,
      required: where === 'path' || required.has(p.name),
      ...(description === undefined ? {} : { description }),
      schema: toOpenApiSchema(p.schema, p.baseUri),
    }
  })
}

/** The path and query parameters an operation declares (`x-request.params`, `x-request.query`). */
function pathAndQueryParameters(op: Operation): JsonObject[] {
  return [
    ...(op.paramsSchemaId === undefined
      ? []
      : parametersOf(resolveContractRef(op.paramsSchemaId, op.document.$id), 'path')),
    ...(op.querySchemaId === undefined
      ? []
      : parametersOf(resolveContractRef(op.querySchemaId, op.document.$id), 'query')),
  ]
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

function responseObject(cases: readonly ResponseCase[]): JsonObject {
  const schema =
    cases.length === 1
      ? componentRef(cases[0]!.schemaId)
      : { oneOf: cases.map((c) => ({ title: c.id, ...componentRef(c.schemaId) })) }
  const examples: JsonObject = {}
  for (const c of cases) {
    c.examples.forEach((value, i) => {
      examples[i === 0 ? c.id : `${c.id}_${i + 1}`] = {
        summary: `${c.id} [${c.provenance}]`,
        description: c.when,
        value: structuredClone(value),
      }
    })
  }
  return {
    description: cases.map((c) => `- \`${c.id}\` [${c.provenance}]: ${c.when}`).join('\n'),
    content: {
      'application/json': { schema, ...(Object.keys(examples).length > 0 ? { examples } : {}) },
    },
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

function operationObject(op: Operation, pathIndex: number): JsonObject {
  const provider = providers.get(op.provider)!
  const schemes = Object.keys(provider.document['x-provider'].securitySchemes).sort()
  const parameters = [...pathAndQueryParameters(op), ...headerParameters(op)]
  const bodyUri = resolveContractRef(op.bodySchemaId, op.document.$id)
  const body = contractSchemaAt(bodyUri)
  const bodyExamples = typeof body === 'object' && Array.isArray(body.examples) ? body.examples : []
  return {
    operationId: operationIdAt(op, pathIndex),
    summary: op.summary,
    description: op.description,
    tags: [op.provider],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(METHODS_WITHOUT_BODY.has(op.method)
      ? {}
      : {
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: componentRef(bodyUri),
                ...(bodyExamples.length > 0
                  ? {
                      examples: Object.fromEntries(
                        bodyExamples.map((value, i) => [
                          `example${i + 1}`,
                          { value: structuredClone(value) },
                        ]),
                      ),
                    }
                  : {}),
              },
            },
          },
        }),
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
  readonly info: { readonly title: string; readonly version: string; readonly description: string }
  readonly servers: readonly { readonly url: string; readonly description: string }[]
  readonly tags: readonly { readonly name: string; readonly description: string }[]
  readonly paths: Readonly<Record<string, Readonly<Record<string, unknown>>>>
  readonly components: {
    readonly schemas: Readonly<Record<string, JsonSchema>>
    readonly securitySchemes: Readonly<Record<string, unknown>>
  }
}

function serversOf(
  provider: Provider,
  simulatorUrl: string,
): { url: string; description: string }[] {
  return [
    { url: simulatorUrl, description: 'fintwin simulator (local)' },
    ...provider.hosts.sandbox.map((url) => ({ url, description: `${provider.name} sandbox` })),
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
      const item = paths.get(path) ?? { servers: serversOf(provider, simulatorUrl) }
      item[op.method.toLowerCase()] = operationObject(op, i)
      paths.set(path, item)
    })
  }

  const names = contractSchemaNames()
  const schemas = Object.fromEntries(
    [...names.byUri.entries()]
      .sort(([, a], [, b]) => byCodePoint(a, b))
      .map(([uri, name]) => [name, toOpenApiSchema(contractSchemaAt(uri), uri)]),
  )

  const securitySchemes: Record<string, unknown> = {}
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
      description:
        'Generated from the JSON-Schema contracts of fintwin (`npm run contracts:openapi`); do not edit by hand. ' +
        'Each response lists its named cases in `x-fintwin-cases`: the outcome names the simulator accepts in ' +
        '`x-fintwin-scenario` and `POST /__sim/scenarios`. `x-provenance` tags each fact: DOC (provider docs), ' +
        'EKO-REPO (Eko repositories), CODE / 3P (third-party integrations), INF (inferred).',
    },
    servers: [
      { url: simulatorUrl, description: 'fintwin simulator (local)' },
      ...providerList.flatMap((p) =>
        p.hosts.sandbox.map((url) => ({ url, description: `${p.name} sandbox` })),
      ),
    ],
    tags: providerList.map((p) => ({
      name: p.id,
      description: `${p.name}. ${p.document.description}`,
    })),
    paths: Object.fromEntries([...paths.entries()].sort(([a], [b]) => byCodePoint(a, b))),
    components: { schemas, securitySchemes },
  }
}
