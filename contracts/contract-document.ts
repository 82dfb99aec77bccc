/**
 * The shape of a contract file on disk. Contract files are JSON Schema 2020-12 documents; the
 * operation's metadata and its response cases live in annotation keywords (`x-*`) so that the
 * same file is both a schema bundle ajv compiles and a machine-readable operation description.
 */

/** Where a fact comes from; see shared/reference/*.md §0. */
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
     * inside a segment (Eko's `user_code:{user_code}`); its schema is `x-request.path`.
     */
    path: string
    /** Base paths of this operation when not the provider's (Eko's v1 paths: `/ekoapi/v1`…). */
    basePaths?: string[]
    summary: string
    /** True when a success changes simulator state (used by "commit then fail" faults). */
    stateChanging?: boolean
  }
  /**
   * Request schemas: headers always; `body` unless the operation takes none (GET); `path` for
   * the `{name}` parameters of the path; `query` for the query string.
   */
  'x-request': {
    headers: SchemaRef
    body?: SchemaRef
    path?: SchemaRef
    query?: SchemaRef
    /** The body's media type in the OpenAPI export when not JSON, e.g. `multipart/form-data`. */
    mediaType?: string
  }
  'x-cases': Record<string, CaseRef>
  $defs?: Record<string, unknown>
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
    /** Any path starting with one of these belongs to the provider (for its 404/405 envelopes). */
    pathPrefixes: string[]
    hosts: { sandbox: string[]; production: string[] }
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
  examples?: unknown[]
  description?: string
}
