import { readFile } from 'node:fs/promises'
import { Validator } from '@seriousme/openapi-schema-validator'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import {
  buildOpenApiDocument,
  contractSchemaNames,
  operationIdAt,
  requestMediaTypes,
  responseCasesOf,
  responseMediaType,
  sortedOperations,
  SUBSCHEMA_ARRAY_KEYWORDS,
  SUBSCHEMA_KEYWORDS,
} from './openapi.js'
import { ADMIN_SCHEMAS } from './openapi-admin.js'
import { providers } from './registry.js'
import { pathParameterNames } from './path-template.js'
import { generateOpenApi, OPENAPI_FILE_URL } from './tools/generate-openapi.js'

type JsonObject = Record<string, unknown>

const doc = buildOpenApiDocument()

interface OperationObject {
  operationId: string
  parameters?: { name: string; in: string; required: boolean }[]
  requestBody?: { content: Record<string, { schema: { $ref: string } }> }
  responses: Record<
    string,
    {
      description: string
      content: Record<string, { schema: JsonObject; examples?: Record<string, { value: unknown }> }>
      'x-fintwin-cases': { id: string; provenance: string; when: string }[]
    }
  >
  'x-fintwin-operation': string
}

function operationAt(path: string, method: string): OperationObject {
  const item = doc.paths[path]
  expect(item, `path ${path}`).toBeDefined()
  const operation = item![method.toLowerCase()] as OperationObject | undefined
  expect(operation, `${method} ${path}`).toBeDefined()
  return operation!
}

function* allOperations(): Generator<[string, string, OperationObject]> {
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'].includes(method))
        yield [path, method, operation as OperationObject]
    }
  }
}

/** Every `$ref` value anywhere in a JSON value, with where it was found. */
function collectRefs(value: unknown, at = '#', out: [string, string][] = []): [string, string][] {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) collectRefs(v, `${at}/${i}`, out)
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, v] of Object.entries(value)) {
      if (key === '$ref' && typeof v === 'string') out.push([at, v])
      else collectRefs(v, `${at}/${key}`, out)
    }
  }
  return out
}

function pointerSegment(segment: string): string {
  return encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1'))
}

describe('buildOpenApiDocument', () => {
  it('passes a real OpenAPI 3.1 validator', async () => {
    const validator = new Validator()
    const result = await validator.validate(structuredClone(doc) as unknown as JsonObject)
    expect(result.errors).toBeUndefined()
    expect(result.valid).toBe(true)
    expect(validator.version).toBe('3.1')
  })

  it('has every operation of the registry at each of its full paths, with unique operationIds', () => {
    for (const op of sortedOperations()) {
      op.paths.forEach((path, i) => {
        const operation = operationAt(path, op.method)
        expect(operation.operationId).toBe(operationIdAt(op, i))
        expect(operation['x-fintwin-operation']).toBe(op.id)
      })
    }
    const ids = [...allOperations()].map(([, , o]) => o.operationId)
    expect(new Set(ids).size).toBe(ids.length)
    const providerIds = [...allOperations()].filter(([, , o]) => o['x-fintwin-operation'])
    expect(providerIds.length).toBe(sortedOperations().reduce((n, op) => n + op.paths.length, 0))
  })

  it("lists every case (the operation's and its provider's) under its HTTP status", () => {
    for (const op of sortedOperations()) {
      for (const path of op.paths) {
        const { responses } = operationAt(path, op.method)
        for (const c of responseCasesOf(op)) {
          const response = responses[String(c.status)]
          expect(response, `${op.id} ${c.id} → ${c.status}`).toBeDefined()
          expect(response!['x-fintwin-cases']).toContainEqual({
            id: c.id,
            provenance: c.provenance,
            when: c.when,
          })
        }
        for (const c of op.cases.values())
          expect(Object.keys(responses)).toContain(String(c.status))
      }
    }
  })

  it('describes the request: body by reference in each accepted media type, header / path / query parameters from their schemas', () => {
    for (const op of sortedOperations()) {
      const operation = operationAt(op.paths[0]!, op.method)
      if (op.method !== 'GET') {
        const content = operation.requestBody!.content
        expect(Object.keys(content)).toEqual(requestMediaTypes(op))
        for (const media of Object.values(content))
          expect(media.schema.$ref).toMatch(/^#\/components\/schemas\//)
        const declared = op.document['x-request'].mediaType
        if (declared !== undefined) expect(Object.keys(content)).toEqual([declared])
        else {
          expect(Object.keys(content)).toContain('application/json')
          // Eko documents both encodings for its v3 methods; Surepass takes JSON only.
          if (op.provider === 'eko')
            expect(Object.keys(content)).toContain('application/x-www-form-urlencoded')
          if (op.provider === 'surepass') expect(Object.keys(content)).toEqual(['application/json'])
        }
      } else expect(operation.requestBody).toBeUndefined()
      const pathNames = pathParameterNames(op.path)
      const parameters = operation.parameters ?? []
      expect(
        parameters.filter((p) => p.in === 'path').map((p) => p.name),
        op.id,
      ).toEqual(pathNames)
      for (const parameter of parameters) {
        expect(['header', 'path', 'query']).toContain(parameter.in)
        if (parameter.in === 'path') expect(parameter.required).toBe(true)
        if (parameter.in === 'header')
          expect(['authorization', 'content-type', 'accept']).not.toContain(
            parameter.name.toLowerCase(),
          )
      }
      // Every `{name}` of the path is a required path parameter, and there is no other.
      const inPath = parameters.filter((p) => p.in === 'path')
      expect(inPath.map((p) => p.name).sort(), op.id).toEqual(pathParameterNames(op.path).sort())
      for (const p of inPath) expect(p.required, `${op.id} ${p.name}`).toBe(true)
      for (const p of parameters)
        expect(['header', 'path', 'query'], `${op.id} ${p.name}`).toContain(p.in)
      if (op.querySchemaId === undefined)
        expect(
          parameters.filter((p) => p.in === 'query'),
          op.id,
        ).toEqual([])
    }
    // The SDK's fetch bill puts initiator_id in the query string, required.
    const fetchBill = operationAt('/ekoapi/v2/billpayments/fetchbill', 'POST')
    expect(fetchBill.parameters).toContainEqual(
      expect.objectContaining({ name: 'initiator_id', in: 'query', required: true }),
    )
  })

  it('resolves every $ref inside the document, to components/schemas', () => {
    const refs = collectRefs(doc)
    expect(refs.length).toBeGreaterThan(0)
    for (const [at, ref] of refs) {
      expect(ref, at).toMatch(/^#\/components\/schemas\/[A-Za-z0-9._-]+$/)
      expect(
        doc.components.schemas[ref.slice('#/components/schemas/'.length)],
        `${at} → ${ref}`,
      ).toBeDefined()
    }
  })

  it('keeps no contract-file keywords in component schemas', () => {
    const text = JSON.stringify(doc.components.schemas)
    for (const keyword of [
      '"$id"',
      '"$schema"',
      '"$defs"',
      '"x-operation"',
      '"x-request"',
      '"x-cases"',
      '"x-provider"',
    ]) {
      expect(text).not.toContain(keyword)
    }
    const known = new Set([...contractSchemaNames().byUri.values(), ...Object.keys(ADMIN_SCHEMAS)])
    for (const name of Object.keys(doc.components.schemas)) expect(known, name).toContain(name)
  })

  it('has no unused components: every schema is reached from a path', () => {
    const reached = new Set<string>()
    const queue = collectRefs(doc.paths).map(([, ref]) => ref)
    while (queue.length > 0) {
      const name = queue.pop()!.slice('#/components/schemas/'.length)
      if (reached.has(name)) continue
      reached.add(name)
      queue.push(...collectRefs(doc.components.schemas[name]).map(([, ref]) => ref))
    }
    expect([...reached].sort()).toEqual(Object.keys(doc.components.schemas).sort())
  })

  it('carries no boolean schemas (only additionalProperties: false, which every tool reads)', () => {
    const booleans: string[] = []
    const walk = (value: unknown, at: string, schemaPosition: boolean): void => {
      if (typeof value === 'boolean' && schemaPosition) {
        if (!(at.endsWith('/additionalProperties') && value === false)) booleans.push(at)
        return
      }
      if (typeof value !== 'object' || value === null) return
      for (const [key, v] of Object.entries(value)) {
        const isMap = key === 'properties' || key === 'patternProperties' || key === '$defs'
        if (isMap && typeof v === 'object' && v !== null) {
          for (const [name, s] of Object.entries(v)) walk(s, `${at}/${key}/${name}`, true)
        } else if (SUBSCHEMA_ARRAY_KEYWORDS.has(key) && Array.isArray(v)) {
          for (const [i, s] of v.entries()) walk(s, `${at}/${key}/${i}`, true)
        } else if (key !== 'examples' && key !== 'const' && key !== 'enum' && key !== 'default')
          walk(v, `${at}/${key}`, SUBSCHEMA_KEYWORDS.has(key))
      }
    }
    walk(doc.components.schemas, '#/components/schemas', false)
    for (const name of Object.keys(doc.components.schemas))
      walk(doc.components.schemas[name], `#/components/schemas/${name}`, true)
    walk(doc.paths, '#/paths', false)
    expect(booleans).toEqual([])
  })

  it('puts a case whose body is a string (a gateway plain-text answer) under text/plain', () => {
    const [first] = responseCasesOf(sortedOperations()[0]!)
    expect(responseMediaType(first!)).toBe('application/json')
    const plain = {
      ...first!,
      schemaId: 'https://fintwin.dev/contracts/shared/common.json#/$defs/mobile10',
    }
    expect(responseMediaType(plain)).toBe('text/plain')
  })

  it('declares info.license, as the package does', () => {
    expect(doc.info.license).toEqual({ name: 'MIT', identifier: 'MIT' })
  })

  it('serves each path from the local simulator and the provider hosts for its base path', () => {
    for (const op of sortedOperations()) {
      const provider = providers.get(op.provider)!
      for (const path of op.paths) {
        const urls = (doc.paths[path]!.servers as { url: string }[]).map((s) => s.url)
        expect(urls[0], path).toBe('http://127.0.0.1:4010')
        const hosts = urls.slice(1)
        if (path.startsWith('/ekoicici/')) expect(hosts, path).toEqual(['https://api.eko.in'])
        else if (path.startsWith('/ekoapi/'))
          expect(hosts, path).toEqual(['https://staging.eko.in'])
        else expect(hosts, path).toEqual([...provider.hosts.sandbox, ...provider.hosts.production])
      }
    }
  })

  it('accepts every case example under its status (oneOf branches are exclusive, refs translate faithfully)', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true })
    addFormats.default(ajv)
    ajv.addSchema({ ...structuredClone(doc), $id: 'urn:fintwin:openapi' } as unknown as JsonObject)
    let checked = 0
    for (const [path, method, operation] of allOperations()) {
      for (const [status, response] of Object.entries(operation.responses)) {
        // JSON where there is JSON; else the one media type declared (the console's text/html).
        const media = response.content['application/json']
          ? 'application/json'
          : (Object.keys(response.content)[0] ?? 'application/json')
        const pointer = ['paths', path, method, 'responses', status, 'content', media, 'schema']
          .map(pointerSegment)
          .join('/')
        const validate = ajv.getSchema(`urn:fintwin:openapi#/${pointer}`)
        expect(validate, pointer).toBeDefined()
        for (const [name, example] of Object.entries(
          response.content['application/json']?.examples ?? {},
        )) {
          const ok = validate!(example.value)
          expect(
            ok ? [] : validate!.errors,
            `${operation.operationId} ${status} example ${name}`,
          ).toEqual([])
          checked++
        }
      }
    }
    expect(checked).toBeGreaterThan(0)
  })

  it('compiles every component schema and accepts every request-body example', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true })
    addFormats.default(ajv)
    ajv.addSchema({ ...structuredClone(doc), $id: 'urn:fintwin:openapi' } as unknown as JsonObject)
    for (const name of Object.keys(doc.components.schemas)) {
      expect(ajv.getSchema(`urn:fintwin:openapi#/components/schemas/${name}`), name).toBeDefined()
    }
    for (const [, , operation] of allOperations()) {
      const media = operation.requestBody?.content['application/json'] as
        | { schema: { $ref: string }; examples?: Record<string, { value: unknown }> }
        | undefined
      if (!media) continue
      const validate = ajv.getSchema(`urn:fintwin:openapi${media.schema.$ref}`)!
      for (const [name, example] of Object.entries(media.examples ?? {})) {
        const ok = validate(example.value)
        expect(
          ok ? [] : validate.errors,
          `${operation.operationId} request example ${name}`,
        ).toEqual([])
      }
    }
  })

  it('is what the committed contracts/openapi.json holds, and what the simulator serves', async () => {
    const committed = await readFile(OPENAPI_FILE_URL, 'utf8').catch(() => '')
    const generated = await generateOpenApi()
    expect(
      committed === generated,
      'contracts/openapi.json is stale: run npm run contracts:openapi',
    ).toBe(true)
    expect(JSON.parse(committed)).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument())))
  })

  it('is deterministic', () => {
    expect(JSON.stringify(buildOpenApiDocument())).toBe(JSON.stringify(doc))
  })
})
