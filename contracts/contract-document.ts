/**
 * The shape of a contract file on disk. Contract files are JSON Schema 2020-12 documents; the
 * operation's metadata and its response cases live in annotation keywords (`x-*`) so that the
 * same file is both a schema bundle ajv compiles and a machine-readable operation description.
 */

/**
 * Where a fact comes from: DOC the provider's docs, EKO-REPO Eko's own repositories, CODE and 3P
 * third-party integrations, INF inferred (a live-sandbox run may confirm or correct it).
 */
export type Provenance = 'DOC' | 'EKO-REPO' | 'CODE' | '3P' | 'INF'

export const PROVENANCE_TAGS: readonly Provenance[] = ['DOC', 'EKO-REPO', 'CODE', '3P', 'INF']

export type ProviderId = 'surepass' | 'eko'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** A `{ "$ref": "…" }` pointer, resolved against the file's `$id`. */
export interface SchemaRef {
  $ref: string
}

/**
 * An operation's entry for one of its cases: the case's schema, and how QA reaches the case by
 * value (a labelled fixture or a magic value), which `docs/error-cases.md` and the reachability
 * suite read.
 */
export interface CaseRef extends SchemaRef {
  'x-trigger'?: string
}

/** One operation file (`contracts/<provider>/<operation>.json`). */
export interface OperationDocument {
  $id: string
  title: string
  description: string
  'x-provenance': Provenance
  'x-operation': {
    id: string
    provider: ProviderId
    method: HttpMethod
    /**
     * Path relative to each base path. A `{name}` stands for one path parameter and may sit
     * inside a segment (Eko's `user_code:{user_code}`); its schema is `x-request.params`.
     */
    path: string
    summary: string
    /** True when a success changes simulator state (used by "commit then fail" faults). */
    stateChanging?: boolean
    /**
     * Which of the provider's `versionBasePaths` the operation is served under (Eko's legacy
     * `v1` / `v2` APIs); absent = the provider's `basePaths`.
     */
    apiVersion?: string
    /**
     * A `request_hash`-style header the operation must carry: HMAC of the named parts
     * concatenated in order (a part is a request header name if the request has that header,
     * else a body field).
     */
    requestHash?: RequestHashRule
  }
  /**
   * Request schemas: headers and body always (a GET's body schema says what is done with a
   * body it does not take); `query` and `params` (path parameters, by their `{name}` in the
   * path) when the operation has them.
   */
  'x-request': {
    headers: SchemaRef
    body: SchemaRef
    params?: SchemaRef
    query?: SchemaRef
    /** The body's media type in the OpenAPI export when not JSON, e.g. `multipart/form-data`. */
    mediaType?: string
  }
  'x-cases': Record<string, CaseRef>
  $defs?: Record<string, unknown>
}

/** How a request-hash header is built (Eko's `request_hash`). */
export interface RequestHashRule {
  /** Header name, lower-case. */
  header: string
  /** The parts concatenated, in order: header names or body field names. */
  concat: string[]
}

/** A provider file (`contracts/<provider>/provider.json`). */
export interface ProviderDocument {
  $id: string
  title: string
  description: string
  'x-provenance': Provenance
  'x-provider': {
    id: ProviderId
    name: string
    /** Prefixes the operation paths are served under, e.g. Eko's `/ekoapi/v3` and `/ekoicici/v3`. */
    basePaths: string[]
    /** Further base paths by API version, for operations that name one (`apiVersion`). */
    versionBasePaths?: Record<string, string[]>
    /** Any path starting with one of these belongs to the provider (for its 404/405 envelopes). */
    pathPrefixes: string[]
    hosts: { sandbox: string[]; production: string[] }
    /** Credentials the provider publishes for its sandbox, when it does (Eko's UAT set). */
    sandboxCredentials?: Record<string, string> & { description?: string }
    /**
     * Which hosts serve the paths under a prefix, when not all of them do (Eko: `/ekoapi/` on the
     * UAT host, `/ekoicici/` on production). A path under no listed prefix is on every host.
     */
    pathPrefixHosts?: Record<string, 'sandbox' | 'production'>
    securitySchemes: Record<string, unknown>
  }
  'x-cases': Record<string, SchemaRef>
  $defs?: Record<string, unknown>
}

/** The annotation keywords a response-case schema carries. */
export interface CaseAnnotations {
  'x-status': number
  'x-provenance': Provenance
  'x-when': string
  /** Named message templates (`{name}` placeholders) for the variants of the case. */
  'x-messages'?: Record<string, string>
  /** The body's media type when it is not JSON (a gateway's `text/plain; charset=us-ascii`). */
  'x-media-type'?: string
  /** The case's JSON form, when its default body is not JSON (served when config asks for it). */
  'x-json-form'?: SchemaRef
  examples?: unknown[]
  description?: string
}
