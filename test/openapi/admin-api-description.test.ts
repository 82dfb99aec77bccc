/**
 * The admin API's OpenAPI description (`contracts/openapi-admin.ts`, tag `fintwin-admin`) is
 * the admin API: every route of the real route table is described with its methods and nothing
 * else is; and every described operation, called with the description's own examples, answers
 * a documented status with a body its schema accepts (2xx at least once per operation).
 */
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import { ADMIN_TAG } from '../../contracts/openapi-admin.js'
import { buildOpenApiDocument } from '../../contracts/openapi.js'
import { createAdminApi } from '../../simulator/admin/admin-api.js'
import { createSimulator } from '../../simulator/create-simulator.js'

type JsonObject = Record<string, unknown>

interface AdminOperation {
  operationId: string
  tags: string[]
  parameters?: { name: string; in: string; example?: string }[]
  requestBody?: { content: Record<string, { examples?: Record<string, { value: unknown }> }> }
  responses: Record<string, { content?: Record<string, { schema: JsonObject }> }>
}

const doc = buildOpenApiDocument()
const described = Object.entries(doc.paths)
  .filter(([path]) => path.startsWith('/__sim/'))
  .flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ path, method, op: op as AdminOperation })),
  )

describe('the admin API in the OpenAPI document', () => {
  it('describes exactly the routes and methods the admin API has, all tagged fintwin-admin', () => {
    const table = createAdminApi(createSimulator()).routes
    const real = Object.entries(table)
      .flatMap(([name, methods]) => methods.map((m) => `${m.toLowerCase()} ${name}`))
      .sort()
    const inDoc = [
      ...new Set(
        described.map(
          ({ path, method }) => `${method} ${path.slice('/__sim/'.length).split('/')[0]}`,
        ),
      ),
    ].sort()
    expect(inDoc).toEqual(real)
    for (const { op } of described) expect(op.tags).toEqual([ADMIN_TAG])
  })

  it('answers every described operation, called with its examples, as described', async () => {
    const sim = createSimulator({ seed: 'admin-openapi' })
    const ajv = new Ajv2020({ strict: false, allErrors: true })
    addFormats.default(ajv)
    ajv.addSchema({ ...structuredClone(doc), $id: 'urn:fintwin:openapi' } as unknown as JsonObject)
    const validate = (schema: JsonObject) =>
      ajv.compile({ $ref: `urn:fintwin:openapi${String(schema.$ref)}` })
    // Deletions last (one before all), so the reads before them find what the creations made.
    const rank = (e: { method: string; path: string }) =>
      e.method === 'delete' ? 1000 - e.path.length : 0
    const ordered = [...described].sort((a, b) => rank(a) - rank(b))
    const answered: string[] = []
    for (const { path, method, op } of ordered) {
      let concrete = path
      for (const p of op.parameters ?? [])
        if (p.in === 'path') concrete = concrete.replace(`{${p.name}}`, p.example ?? '')
      const body = Object.values(op.requestBody?.content['application/json']?.examples ?? {})[0]
      const response = await sim.handle({
        method: method.toUpperCase(),
        path: concrete,
        query: {},
        headers: { 'content-type': 'application/json' },
        body: body?.value,
      })
      const declared = op.responses[String(response.status)]
      expect(declared, `${method} ${concrete} → ${response.status}`).toBeDefined()
      // JSON, or the one text media type a route declares (the console page is text/html).
      const content = declared!.content ?? {}
      const schema = (content['application/json'] ?? content['text/html'])?.schema
      expect(schema, `${method} ${path} ${response.status} has a schema`).toBeDefined()
      const check = validate(schema!)
      expect(
        check(response.body) ? [] : check.errors,
        `${method} ${concrete} ${response.status}`,
      ).toEqual([])
      if (response.status < 300) answered.push(op.operationId)
    }
    expect(answered.sort()).toEqual(described.map(({ op }) => op.operationId).sort())
  }, 30_000)

  it('says which routes need the admin token, and that the token is what it checks', async () => {
    const sim = createSimulator({ config: { adminToken: 'sekret-token-for-test' } })
    for (const { path, method, op } of described) {
      if (path.includes('{')) continue
      const response = await sim.handle({
        method: method.toUpperCase(),
        path,
        query: {},
        headers: {},
        body: undefined,
      })
      const open = (op as unknown as { security: unknown[] }).security.length === 0
      expect(response.status === 401, `${method} ${path}`).toBe(!open)
    }
  })
})
