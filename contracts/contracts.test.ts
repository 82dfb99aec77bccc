import { describe, expect, it } from 'vitest'
import {
  PROVENANCE_TAGS,
  findCase,
  listRoutes,
  operations,
  providers,
  validateCaseResponse,
  schemaAt,
  validateProviderResponse,
  validateRequestBody,
  validateResponse,
  validatorAt,
} from './index.js'

/** Invariants every contract file must keep, whoever adds the next one. */
describe('every contract', () => {
  const ops = [...operations.values()]

  it('has operations of both providers', () => {
    expect(new Set(ops.map((o) => o.provider))).toEqual(new Set(['surepass', 'eko']))
  })

  it.each(ops.map((o) => [o.id, o] as const))(
    '%s: compiles every schema in strict mode',
    (_id, op) => {
      expect(validatorAt(op.headersSchemaId)).toBeTypeOf('function')
      expect(validatorAt(op.bodySchemaId)).toBeTypeOf('function')
      for (const c of op.cases.values())
        expect(validatorAt(c.schemaId), c.id).toBeTypeOf('function')
    },
  )

  it.each(ops.map((o) => [o.id, o] as const))(
    '%s: has a success case, tags and a "when" on every case',
    (_id, op) => {
      expect(op.cases.get('success')?.status).toBe(200)
      expect(PROVENANCE_TAGS).toContain(op.provenance)
      for (const c of op.cases.values()) {
        expect(PROVENANCE_TAGS, `${op.id}/${c.id}`).toContain(c.provenance)
        expect(c.when.length, `${op.id}/${c.id}`).toBeGreaterThan(10)
        expect(c.examples.length, `${op.id}/${c.id} has no example`).toBeGreaterThan(0)
      }
    },
  )

  it.each(ops.map((o) => [o.id, o] as const))(
    '%s: every example validates against its own case',
    (_id, op) => {
      for (const c of op.cases.values()) {
        for (const example of c.examples) {
          expect(
            validateResponse(op.id, { status: c.status, body: example }, c.id),
            `${op.id}/${c.id}`,
          ).toEqual([])
        }
      }
    },
  )

  it.each(ops.map((o) => [o.id, o] as const))('%s: every request example validates', (_id, op) => {
    const parts = [
      op.method === 'GET' ? undefined : op.bodySchemaId,
      op.paramsSchemaId,
      op.querySchemaId,
    ].filter((id) => id !== undefined)
    // A GET has no body, so its path or query schema carries the examples.
    expect(parts.length, `${op.id} declares no request schema with examples`).toBeGreaterThan(0)
    for (const schemaId of parts) {
      const validate = validatorAt(schemaId)
      const examples = (validate.schema as { examples?: unknown[] }).examples ?? []
      expect(examples.length, schemaId).toBeGreaterThan(0)
      for (const example of examples) expect(validate(example), schemaId).toBe(true)
    }
    if (op.method !== 'GET') {
      for (const example of schemaAt(op.bodySchemaId).examples as unknown[])
        expect(validateRequestBody(op.id, example)).toEqual([])
    }
  })

  it('every `{name}` of a path has a path-parameter schema naming exactly those', () => {
    for (const op of ops) {
      const names = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1])
      if (names.length === 0) {
        expect(op.paramsSchemaId, op.id).toBeUndefined()
        continue
      }
      expect(op.paramsSchemaId, op.id).toBeDefined()
      const schema = schemaAt(op.paramsSchemaId as string) as {
        required: string[]
        properties: object
      }
      expect(schema.required.toSorted(), op.id).toEqual(names.toSorted())
      expect(Object.keys(schema.properties).toSorted(), op.id).toEqual(names.toSorted())
    }
  })

  it('an example of one case does not pass as another case of the same status', () => {
    for (const op of ops) {
      for (const a of op.cases.values()) {
        for (const b of op.cases.values()) {
          if (a === b || a.status !== b.status) continue
          expect(
            validateResponse(op.id, { status: a.status, body: a.examples[0] }, b.id),
            `${op.id}: ${a.id} passes as ${b.id}`,
          ).not.toEqual([])
        }
      }
    }
  })

  it('provider-level cases validate their examples', () => {
    for (const p of providers.values()) {
      expect(p.cases.size).toBeGreaterThan(0)
      for (const c of p.cases.values()) {
        for (const example of c.examples)
          expect(validateProviderResponse(p.id, { status: c.status, body: example }, c.id)).toEqual(
            [],
          )
      }
    }
  })

  it("a plain-text case says its media type, and its JSON form's examples validate and are not text", () => {
    const all = [
      ...ops.flatMap((op) => [...op.cases.values()].map((c) => ({ op: op.id, c }))),
      ...[...providers.values()].flatMap((p) =>
        [...p.cases.values()].map((c) => ({ op: `${p.id}.*`, c })),
      ),
    ]
    const plain = all.filter(({ c }) => typeof c.examples[0] === 'string')
    expect(plain.length).toBeGreaterThan(0)
    for (const { op, c } of plain) {
      expect(c.mediaType, `${op}/${c.id}`).toBe('text/plain; charset=us-ascii')
      expect(c.jsonForm, `${op}/${c.id} keeps its JSON form`).toBeDefined()
      const validate = validatorAt(c.jsonForm!.schemaId)
      expect(c.jsonForm!.examples.length).toBeGreaterThan(0)
      for (const example of c.jsonForm!.examples) {
        expect(validate(example), `${op}/${c.id} JSON form`).toBe(true)
        expect(typeof example).toBe('object')
      }
      // Each form refuses the other's body: the check tells a text answer from a JSON one.
      expect(validatorAt(c.schemaId)(c.jsonForm!.examples[0])).toBe(false)
      expect(validate(c.examples[0])).toBe(false)
    }
    // A content type that does not fit the body's form is a violation of its own.
    const [{ c }] = plain as [(typeof plain)[number]]
    const where = { provider: 'eko' as const, operation: 'eko.*' }
    const wrong = { status: c.status, body: c.examples[0], contentType: 'application/json' }
    expect(validateCaseResponse(c, wrong, where)).toMatchObject([
      { path: '/headers/content-type', keyword: 'content-type', case: c.id },
    ])
    const right = { ...wrong, contentType: 'text/plain; charset=us-ascii' }
    expect(validateCaseResponse(c, right, where)).toEqual([])
  })

  it('no two operations share method + path', () => {
    const keys = listRoutes().map((r) => `${r.method} ${r.path}`)
    expect(new Set(keys).size).toBe(keys.length)
  })

  it('findCase falls back to the provider cases', () => {
    expect(findCase('surepass.ckycV2.download', 'internal_server_error')?.status).toBe(500)
    expect(findCase('surepass.ckycV2.download', 'nope')).toBeUndefined()
  })
})
