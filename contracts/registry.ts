import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import type {
  CaseAnnotations,
  CaseRef,
  HttpMethod,
  OperationDocument,
  Provenance,
  ProviderDocument,
  ProviderId,
  RequestHashRule,
  SchemaRef,
} from './contract-document.js'
import { operationDocuments, providerDocuments, sharedDocuments } from './documents.js'
import { INVALID_MESSAGE_KEYWORD_DEFINITION } from './invalid-message.js'
import { contractSchemaAt, resolveContractRef } from './schema-lookup.js'
import { pathParameterNames } from './path-template.js'

/** One named response of an operation or provider: success or an error, with its facts. */
export interface ResponseCase {
  /** Surepass: the `message_code`; Eko: the contract's case id. Also the scenario outcome name. */
  readonly id: string
  readonly status: number
  readonly provenance: Provenance
  readonly when: string
  readonly description: string | undefined
  readonly examples: readonly unknown[]
  /**
   * Named message templates of the case (`x-messages`), `{name}` placeholders filled by the
   * simulator: the provider's wordings for the variants of one case live in its contract.
   */
  readonly messages: Readonly<Record<string, string>>
  /** How QA reaches the case by value (the operation's `x-trigger` for it); undefined for success and provider cases. */
  readonly trigger: string | undefined
  /** Absolute schema URI, e.g. `https://fintwin.dev/contracts/…#/$defs/success`. */
  readonly schemaId: string
  /** The resolved schema (with its annotations), for exporters. */
  readonly schema: Readonly<Record<string, unknown>>
  /**
   * The media type the body travels in (`x-media-type`): JSON unless the contract says otherwise,
   * e.g. a gateway's `text/plain; charset=us-ascii` answer, whose schema is then a string.
   */
  readonly mediaType: string
  /**
   * The case's JSON form (`x-json-form`), when its default body is not JSON: what the simulator
   * answers instead when its config asks for JSON (Eko's `eko.gatewayErrors: 'json'`).
   */
  readonly jsonForm: CaseForm | undefined
}

/** One more body form of a case: its schema and its examples. */
export interface CaseForm {
  readonly schemaId: string
  readonly schema: Readonly<Record<string, unknown>>
  readonly examples: readonly unknown[]
}

/** The media type of a case without `x-media-type`. */
export const JSON_MEDIA_TYPE = 'application/json'

/** A provider as the contracts describe it. */
export interface Provider {
  readonly id: ProviderId
  readonly name: string
  readonly basePaths: readonly string[]
  /** Base paths of the provider's other API versions (Eko `v1`, `v2`), by version. */
  readonly versionBasePaths: Readonly<Record<string, readonly string[]>>
  readonly pathPrefixes: readonly string[]
  readonly hosts: { readonly sandbox: readonly string[]; readonly production: readonly string[] }
  /** Path prefix → the hosts (`sandbox` or `production`) that serve it; unlisted: every host. */
  readonly pathPrefixHosts: Readonly<Record<string, 'sandbox' | 'production'>>
  readonly provenance: Provenance
  /** Responses that belong to no single operation (404, 405, 413, 500). */
  readonly cases: ReadonlyMap<string, ResponseCase>
  readonly document: ProviderDocument
}

/** An operation as the contracts describe it. */
export interface Operation {
  readonly id: string
  readonly provider: ProviderId
  readonly method: HttpMethod
  readonly path: string
  /** The provider API version it belongs to (Eko `v1`, `v2`), when not the default base paths'. */
  readonly apiVersion: string | undefined
  /** Every full path it is served under (`basePath + path`). */
  readonly paths: readonly string[]
  readonly summary: string
  readonly description: string
  readonly provenance: Provenance
  readonly stateChanging: boolean
  readonly headersSchemaId: string
  readonly bodySchemaId: string
  /** Schema of the `{name}` path parameters, when the path has any. */
  readonly paramsSchemaId: string | undefined
  /** Schema of the query string, when the operation reads one. */
  readonly querySchemaId: string | undefined
  /**
   * Body fields accepted under another spelling, alias → the provider's own spelling (the body
   * schema's `x-eko-alias` annotations: Eko's older docs spell `aadhar` as `aadhaar`).
   */
  readonly aliases: ReadonlyMap<string, string>
  /** The request-hash header the operation requires, if any (Eko `request_hash`). */
  readonly requestHash: RequestHashRule | undefined
  /** Its own cases, success first. */
  readonly cases: ReadonlyMap<string, ResponseCase>
  readonly document: OperationDocument
}

/** Annotation keywords of the contract files, declared so ajv's strict mode accepts them. */
const ANNOTATION_KEYWORDS = [
  'x-provenance',
  'x-status',
  'x-when',
  'x-operation',
  'x-request',
  'x-cases',
  'x-provider',
  'x-eko-alias',
  'x-trigger',
  'x-messages',
  'x-prefix',
  'x-media-type',
  'x-json-form',
  'x-multipart-file',
]

/**
 * The single ajv instance of the process: strict, all errors, formats. Schemas are added once
 * and compiled lazily on first use (`getSchema`), so start-up stays fast.
 */
export const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true })
addFormats.default(ajv)
ajv.addVocabulary(ANNOTATION_KEYWORDS)
ajv.addKeyword(INVALID_MESSAGE_KEYWORD_DEFINITION)
// Added without the check against the 2020-12 meta-schema: compiling the meta-schema cost about
// 100 ms of every start-up (`fintwin serve`, each test file). `registry.test.ts` runs that check
// on every contract file instead.
for (const doc of [...sharedDocuments, ...providerDocuments, ...operationDocuments])
  ajv.addSchema(doc, undefined, undefined, false)

function resolveRef(baseId: string, ref: SchemaRef): string {
  return resolveContractRef(ref.$ref, baseId)
}

function optionalRef(baseId: string, ref: SchemaRef | undefined): string | undefined {
  return ref === undefined ? undefined : resolveRef(baseId, ref)
}

/**
 * The schema object at a schema URI (with a JSON-pointer fragment): the same object
 * `ajv.getSchema(uri).schema` gives, but WITHOUT compiling it. `getSchema` compiles, and the
 * registry reads every case's annotations at import: compiling all of them there cost ~180 ms of
 * every start-up for cases most runs never answer. Validators still compile on first use
 * ({@link validatorAt}); the contract tests compile every one.
 */
export function schemaAt(schemaId: string): Readonly<Record<string, unknown>> {
  const schema = contractSchemaAt(schemaId)
  if (typeof schema === 'boolean') throw new Error(`Contract schema not found: ${schemaId}`)
  return schema
}

/** The compiled validator of a schema URI (compiled on first call, then cached by ajv). */
export function validatorAt(schemaId: string): ValidateFunction {
  const validate = ajv.getSchema(schemaId)
  if (!validate) throw new Error(`Contract schema not found: ${schemaId}`)
  return validate
}

function buildCases(baseId: string, refs: Record<string, CaseRef>): Map<string, ResponseCase> {
  const cases = new Map<string, ResponseCase>()
  for (const [id, ref] of Object.entries(refs)) {
    const schemaId = resolveRef(baseId, ref)
    const schema = schemaAt(schemaId)
    const meta = schema as unknown as Partial<CaseAnnotations>
    if (typeof meta['x-status'] !== 'number' || !meta['x-provenance'] || !meta['x-when']) {
      throw new Error(`Case ${id} (${schemaId}) lacks x-status, x-provenance or x-when`)
    }
    cases.set(id, {
      id,
      status: meta['x-status'],
      provenance: meta['x-provenance'],
      when: meta['x-when'],
      description: meta.description,
      examples: meta.examples ?? [],
      trigger: ref['x-trigger'],
      messages: meta['x-messages'] ?? {},
      schemaId,
      schema,
      mediaType: meta['x-media-type'] ?? JSON_MEDIA_TYPE,
      jsonForm: meta['x-json-form'] && formAt(resolveRef(schemaId, meta['x-json-form'])),
    })
  }
  return cases
}

function formAt(schemaId: string): CaseForm {
  const schema = schemaAt(schemaId)
  return { schemaId, schema, examples: (schema.examples as unknown[] | undefined) ?? [] }
}

export const providers: ReadonlyMap<ProviderId, Provider> = new Map(
  providerDocuments.map((doc) => {
    const p = doc['x-provider']
    const provider: Provider = {
      id: p.id,
      name: p.name,
      basePaths: p.basePaths,
      versionBasePaths: p.versionBasePaths ?? {},
      pathPrefixes: p.pathPrefixes,
      hosts: p.hosts,
      pathPrefixHosts: p.pathPrefixHosts ?? {},
      provenance: doc['x-provenance'],
      cases: buildCases(doc.$id, doc['x-cases']),
      document: doc,
    }
    return [p.id, provider]
  }),
)

/** Looks a provider up; throws on an unknown id (a programming error, not a request error). */
export function getProvider(id: ProviderId): Provider {
  const provider = providers.get(id)
  if (!provider) throw new Error(`Unknown provider: ${id}`)
  return provider
}

export const operations: ReadonlyMap<string, Operation> = new Map(
  operationDocuments.map((doc) => {
    const o = doc['x-operation']
    const provider = getProvider(o.provider)
    const request = doc['x-request']
    if (pathParameterNames(o.path).length > 0 && !request.params)
      throw new Error(`${o.id}: path ${o.path} has parameters but x-request has no params schema`)
    const operation: Operation = {
      id: o.id,
      provider: o.provider,
      method: o.method,
      path: o.path,
      apiVersion: o.apiVersion,
      paths: basePathsOf(provider, o.id, o.apiVersion).map((base) => base + o.path),
      summary: o.summary,
      description: doc.description,
      provenance: doc['x-provenance'],
      stateChanging: o.stateChanging ?? false,
      headersSchemaId: resolveRef(doc.$id, doc['x-request'].headers),
      bodySchemaId: resolveRef(doc.$id, doc['x-request'].body),
      paramsSchemaId: optionalRef(doc.$id, doc['x-request'].params),
      querySchemaId: optionalRef(doc.$id, doc['x-request'].query),
      aliases: aliasesOf(schemaAt(resolveRef(doc.$id, doc['x-request'].body))),
      requestHash: o.requestHash,
      cases: buildCases(doc.$id, doc['x-cases']),
      document: doc,
    }
    return [o.id, operation]
  }),
)

/** The base paths an operation is served under: its API version's, or the provider's default. */
function basePathsOf(
  provider: Provider,
  operationId: string,
  apiVersion: string | undefined,
): readonly string[] {
  if (apiVersion === undefined) return provider.basePaths
  const bases = provider.versionBasePaths[apiVersion]
  if (!bases)
    throw new Error(`${operationId}: provider ${provider.id} has no API version ${apiVersion}`)
  return bases
}

/** Body fields an alias spelling stands for: the `x-eko-alias` annotations, alias → canonical. */
function aliasesOf(body: Readonly<Record<string, unknown>>): Map<string, string> {
  const properties = (body.properties ?? {}) as Record<string, { 'x-eko-alias'?: unknown }>
  const aliases = new Map<string, string>()
  for (const [field, schema] of Object.entries(properties)) {
    const canonical = schema?.['x-eko-alias']
    if (typeof canonical === 'string') aliases.set(field, canonical)
  }
  return aliases
}

/** Looks an operation up by id; throws on an unknown id. */
export function getOperation(id: string): Operation {
  const operation = operations.get(id)
  if (!operation) throw new Error(`Unknown operation: ${id}`)
  return operation
}

/**
 * Finds a response case of an operation, falling back to its provider's cases (a forced 500 on
 * an operation is the provider's `internal_server_error`).
 */
export function findCase(operationId: string, caseId: string): ResponseCase | undefined {
  const operation = getOperation(operationId)
  return operation.cases.get(caseId) ?? getProvider(operation.provider).cases.get(caseId)
}
