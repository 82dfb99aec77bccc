/**
 * The admin API's OpenAPI description (`contracts/openapi-admin.ts`, tag `fintwin-admin`) is
 * the admin API: every route of the real route tables (the admin API's and the sandbox
 * registry's) is described with its methods and nothing else is, each again under
 * `/sbx/{sandbox}`; and every described operation, called with the description's own examples
 * through the sandbox router, answers a documented status with a body its schema accepts (2xx
 * at least once per operation).
 */
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import { ADMIN_TAG, SANDBOX_PREFIX } from '../../contracts/openapi-admin.js'
import { buildOpenApiDocument } from '../../contracts/openapi.js'
import { createAdminApi } from '../../simulator/admin/admin-api.js'
import { createSimulator } from '../../simulator/create-simulator.js'
import {
  createSandboxManager,
  createSandboxRouter,
  SANDBOX_REGISTRY_METHODS,
} from '../../simulator/sandboxes/index.js'

type JsonObject = Record<string, unknown>

interface AdminOperation {
  operationId: string
  tags: string[]
  parameters?: { name: string; in: string; example?: string }[]
  requestBody?: { content: Record<string, { examples?: Record<string, { value: unknown }> }> }
  responses: Record<string, { content?: Record<string, { schema: JsonObject }> }>
}

const doc = buildOpenApiDocument()
const operationsOf = (prefix: string) =>
  Object.entries(doc.paths)
    .filter(([path]) => path.startsWith(prefix))
    .flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({ path, method, op: op as AdminOperation })),
    )
const inDefault = operationsOf('/__sim/')
const inSandbox = operationsOf(`${SANDBOX_PREFIX}/__sim/`)
const described = [...inDefault, ...inSandbox]

/** A router over a fresh simulator, as a server has one. */
function createRouter(config = {}) {
  const sim = createSimulator({ seed: 'admin-openapi', config })
  return { sim, router: createSandboxRouter(createSandboxManager({ simulator: sim })) }
}

describe('the admin API in the OpenAPI document', () => {
  it('describes exactly the routes and methods the admin API and the sandbox registry have, all tagged fintwin-admin', () => {
    const table = {
      ...createAdminApi(createSimulator()).routes,
      sandboxes: [...SANDBOX_REGISTRY_METHODS.collection, ...SANDBOX_REGISTRY_METHODS.item],
    }
    const real = [
      ...new Set(
        Object.entries(table).flatMap(([name, methods]) =>
          methods.map((m) => `${m.toLowerCase()} ${name}`),
        ),
      ),
    ].sort()
    const inDoc = [
      ...new Set(
        inDefault.map(
          ({ path, method }) => `${method} ${path.slice('/__sim/'.length).split('/')[0]}`,
        ),
      ),
    ].sort()
    expect(inDoc).toEqual(real)
    // Every route again under /sbx/{sandbox}, the same but for the sandbox and its 404.
    expect(
      inSandbox.map(({ path, method }) => `${method} ${path.slice(SANDBOX_PREFIX.length)}`),
    ).toEqual(inDefault.map(({ path, method }) => `${method} ${path}`))
    for (const { op } of inSandbox) {
      expect(op.parameters?.[0]?.name).toBe('sandbox')
      expect(op.responses['404'], op.operationId).toBeDefined()
    }
    for (const { op } of described) expect(op.tags).toEqual([ADMIN_TAG])
    expect(new Set(described.map(({ op }) => op.operationId)).size).toBe(described.length)
  })

  it('answers every described operation, called with its examples, as described', async () => {
    const { router } = createRouter()
    const create = async () =>
      (
        await router.handle({
          method: 'POST',
          path: '/__sim/sandboxes',
          query: {},
          headers: {},
          body: undefined,
        })
      ).body as { id: string }
    const sandbox = (await create()).id
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
      let concrete = path.replace('{sandbox}', sandbox)
      // A sandbox to delete, of its own: the others' routes still need theirs.
      if (path.endsWith('/sandboxes/{id}'))
        concrete = concrete.replace('{id}', method === 'delete' ? (await create()).id : sandbox)
      for (const p of op.parameters ?? [])
        if (p.in === 'path') concrete = concrete.replace(`{${p.name}}`, p.example ?? '')
      const body = Object.values(op.requestBody?.content['application/json']?.examples ?? {})[0]
      const response = await router.handle({
        method: method.toUpperCase(),
        path: concrete,
        query: {},
        headers: { 'content-type': 'application/json' },
        body: body?.value,
      })
      const declared = op.responses[String(response.status)]
      expect(declared, `${method} ${concrete} → ${response.status}`).toBeDefined()
      // JSON, or the one text media type a route declares (the console page is text/html, the
      // live events text/event-stream: its body is the stream, not opened here).
      const content = declared!.content ?? {}
      const schema = (
        content['application/json'] ??
        content['text/html'] ??
        content['text/event-stream']
      )?.schema
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
    const { router } = createRouter({ adminToken: 'sekret-token-for-test' })
    for (const { path, method, op } of described) {
      const concrete = path.replace('{sandbox}', 'default')
      if (concrete.includes('{')) continue
      const response = await router.handle({
        method: method.toUpperCase(),
        path: concrete,
        query: {},
        headers: {},
        body: undefined,
      })
      const open = (op as unknown as { security: unknown[] }).security.length === 0
      expect(response.status === 401, `${method} ${path}`).toBe(!open)
    }
  })
})
