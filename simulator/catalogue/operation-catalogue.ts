import {
  exampleParams,
  exampleQuery,
  operations,
  pathParameterNames,
  providers,
  schemaAt,
  type Operation,
  type Provenance,
} from '../../contracts/index.js'
import { SCENARIO_HEADER } from '../pipeline/pipeline.js'
import { FAULT_OUTCOMES } from '../pipeline/scenarios.js'

/** One response case of an operation, as QA forces and reads it. */
export interface CatalogueCase {
  /** The outcome name a scenario rule or the header takes (Surepass `message_code`, Eko case id). */
  case: string
  status: number
  provenance: Provenance
  when: string
  /** How to reach it by value (a fixture label or magic value); null for success. */
  trigger: string | null
  /** The response the case answers (its contract's first example). */
  example: unknown
  /** The media type it answers in: JSON, or a gateway's `text/plain; charset=us-ascii`. */
  media_type: string
  /** A plain-text case's JSON form (answered under config, e.g. Eko `gatewayErrors: 'json'`), else null. */
  json_form_example: unknown
}

/** One operation of the catalogue: what to send, and every case it can answer. */
export interface CatalogueOperation {
  id: string
  provider: string
  provider_name: string
  method: string
  /** The path under the provider's first base path (the one the docs use). */
  path: string
  paths: readonly string[]
  summary: string
  provenance: Provenance
  state_changing: boolean
  /**
   * What the request carries, required ones first, as its contract declares them: the path's
   * `{name}` parameters, then a GET's query fields or the body's fields.
   */
  fields: CatalogueField[]
  /** The contract's first example request body (a GET's: its query). */
  example: unknown
  /** The `{name}`s of the path, filled from the fields of that name, else `params_example`. */
  path_params: string[]
  /** The contract's example path parameters. */
  params_example: Record<string, string>
  /** The body's media type when it is not JSON (a multipart upload), else null. */
  media_type: string | null
  cases: CatalogueCase[]
}

/** One field of a request, and where it goes. */
export interface CatalogueField {
  name: string
  in: 'path' | 'query' | 'body'
  required: boolean
  description: string | null
}

interface ObjectSchema {
  properties?: Record<string, { description?: string }>
  required?: string[]
  examples?: unknown[]
}

/** The fields an object schema declares, required ones first. */
function fieldsOf(schemaId: string | undefined, where: CatalogueField['in']): CatalogueField[] {
  if (schemaId === undefined) return []
  const schema = schemaAt(schemaId) as ObjectSchema
  const required = new Set(schema.required ?? [])
  return Object.entries(schema.properties ?? {})
    .map(([name, property]) => ({
      name,
      in: where,
      required: required.has(name),
      description: typeof property.description === 'string' ? property.description : null,
    }))
    .sort((a, b) => Number(b.required) - Number(a.required))
}

/** What a request of `op` carries: path parameters, then the query (GET) or the body. */
function requestFieldsOf(op: Operation): CatalogueField[] {
  return [
    ...fieldsOf(op.paramsSchemaId, 'path'),
    ...(op.method === 'GET'
      ? fieldsOf(op.querySchemaId, 'query')
      : fieldsOf(op.bodySchemaId, 'body')),
  ]
}

/** `GET /__sim/catalogue`: the contracts as the QA console reads them. */
export interface Catalogue {
  operations: CatalogueOperation[]
  /** Outcomes every operation takes besides its cases. */
  faults: string[]
  /** The per-request header that forces one outcome. */
  scenario_header: string
}

let built: Catalogue | undefined

/**
 * Every operation of every provider with its request example and every case (success first),
 * each with provenance, when it happens and its trigger — derived from the contracts alone, so
 * a new operation or case shows up in the console without touching it. Built once (immutable).
 */
export function buildCatalogue(): Catalogue {
  built ??= {
    operations: [...operations.values()].map((op) => {
      const body = schemaAt(op.bodySchemaId) as ObjectSchema
      const mediaType = op.document['x-request'].mediaType ?? null
      return {
        id: op.id,
        provider: op.provider,
        provider_name: providers.get(op.provider)?.name ?? op.provider,
        method: op.method,
        path: op.paths[0] ?? op.path,
        paths: op.paths,
        summary: op.summary,
        provenance: op.provenance,
        state_changing: op.stateChanging,
        fields: requestFieldsOf(op),
        example: op.method === 'GET' ? exampleQuery(op) : (body.examples?.[0] ?? {}),
        path_params: pathParameterNames(op.path),
        params_example: exampleParams(op),
        media_type: mediaType,
        cases: [...op.cases.values()].map((c) => ({
          case: c.id,
          status: c.status,
          provenance: c.provenance,
          when: c.when,
          trigger: c.trigger ?? null,
          example: c.examples[0] ?? null,
          media_type: c.mediaType,
          json_form_example: c.jsonForm?.examples[0] ?? null,
        })),
      }
    }),
    faults: [
      ...FAULT_OUTCOMES.map((f) => (f === 'latency' ? 'latency:<ms>' : f)),
      'internal_server_error',
    ],
    scenario_header: SCENARIO_HEADER,
  }
  return built
}
