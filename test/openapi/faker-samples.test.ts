/**
 * The exported OpenAPI is generator-friendly: json-schema-faker, the faker behind Prism's
 * dynamic mode (`prism mock -d`), set up with the options Prism gives it, produces for every
 * response schema bodies that the same schema accepts (ajv over the whole document) and that
 * the contracts accept for that HTTP status (the export is not looser than the contracts).
 * Every case of every operation is sampled, branch by branch, so a case that only a big
 * `oneOf` would reach is not left to chance. Seeded: the same samples every run.
 */
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { en, Faker } from '@faker-js/faker'
import { JSONSchemaFaker } from 'json-schema-faker'
import { afterAll, describe, expect, it } from 'vitest'
import { buildOpenApiDocument } from '../../contracts/openapi.js'
import { validateResponse } from '../../contracts/index.js'

type JsonObject = Record<string, unknown>

const doc = buildOpenApiDocument()
const SAMPLES_PER_CASE = 8

/** A seeded source, so the faker draws the same values on every run. */
function seeded(seed: number): () => number {
  const faker = new Faker({ locale: [en] })
  faker.seed(seed)
  return () => faker.number.float({ min: 0, max: 1, fractionDigits: 8 }) % 1
}

// The options Prism 5 sets before generating (@stoplight/prism-http, mocker/generator/JSONSchema).
JSONSchemaFaker.option({
  defaultInvalidTypeProduct: null as unknown as boolean,
  defaultRandExpMax: 10,
  ignoreMissingRefs: true,
  failOnInvalidTypes: false,
  failOnInvalidFormat: false,
  alwaysFakeOptionals: true,
  optionalsProbability: 1,
  fixedProbabilities: true,
  useExamplesValue: false,
  useDefaultValue: false,
  refDepthMax: 3,
  fillProperties: true,
  random: seeded(18),
})

const ajv = new Ajv2020({ strict: false, allErrors: true })
addFormats.default(ajv)
ajv.addSchema({ ...structuredClone(doc), $id: 'urn:fintwin:openapi' } as unknown as JsonObject)

function pointer(...segments: string[]): string {
  return segments
    .map((s) => `/${encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'))}`)
    .join('')
}

interface ResponseSchema {
  label: string
  operation: string
  status: number
  /** The response's schema, and the branches a sample is drawn from (one unless `oneOf`). */
  validate: ReturnType<typeof ajv.compile>
  branches: { title: string; schema: JsonObject }[]
}

function responseSchemas(): ResponseSchema[] {
  const out: ResponseSchema[] = []
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, value] of Object.entries(item)) {
      if (method === 'servers' || method === 'parameters') continue
      const operation = value as {
        operationId: string
        'x-fintwin-operation'?: string
        responses: Record<string, { content?: Record<string, { schema: JsonObject }> }>
      }
      for (const [status, response] of Object.entries(operation.responses)) {
        for (const [media, content] of Object.entries(response.content ?? {})) {
          if (!media.includes('json')) continue
          const at = pointer('paths', path, method, 'responses', status, 'content', media, 'schema')
          const validate = ajv.getSchema(`urn:fintwin:openapi#${at}`)!
          const oneOf = content.schema.oneOf as JsonObject[] | undefined
          out.push({
            label: `${operation.operationId} ${status}`,
            operation: operation['x-fintwin-operation'] ?? '',
            status: Number(status),
            validate,
            // A branch grouping cases (`anyOf`) is sampled case by case too.
            branches: (oneOf ?? [content.schema])
              .flatMap((b) => (b.anyOf as JsonObject[] | undefined) ?? [b])
              .map((schema) => ({ title: String(schema.title ?? 'only'), schema })),
          })
        }
      }
    }
  }
  return out
}

let sampled = 0
afterAll(() => {
  console.log(`[openapi faker] ${sampled} json-schema-faker samples generated and checked`)
})

describe('the OpenAPI response schemas, as a JSON-Schema faker sees them', () => {
  const schemas = responseSchemas()

  it('has response schemas to sample', () => {
    expect(schemas.length).toBeGreaterThan(0)
  })

  it.each(schemas.map((s) => [s.label, s] as const))('%s: samples validate', (_label, s) => {
    const failures: string[] = []
    for (const branch of s.branches) {
      for (let i = 0; i < SAMPLES_PER_CASE; i++) {
        const sample = JSONSchemaFaker.generate({
          ...structuredClone(branch.schema),
          components: doc.components,
        } as never) as unknown
        sampled++
        if (!s.validate(sample))
          failures.push(
            `${branch.title}: ${JSON.stringify(sample)} → ${ajv.errorsText(s.validate.errors)}`,
          )
        // Provider operations only: the admin API has no contract cases.
        if (s.operation !== '') {
          const violations = validateResponse(s.operation, { status: s.status, body: sample })
          if (violations.length > 0)
            failures.push(
              `${branch.title} (contract): ${JSON.stringify(sample)} → ${violations.map((v) => `${v.path} ${v.message}`).join('; ')}`,
            )
        }
      }
    }
    expect(failures.slice(0, 3)).toEqual([])
  })
})
