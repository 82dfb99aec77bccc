/**
 * Stoplight Prism's validation proxy in front of fintwin, as a user would run it
 * (`prism proxy contracts/openapi.json http://127.0.0.1:4010`): the README flows and every
 * case of every operation forced through it (in each request media type the document declares)
 * make Prism log no violation, neither of the request nor of the response. A deliberately bad
 * request at the end shows that Prism does check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exampleParams, exampleQuery, fillPath, schemaAt } from '../../contracts/index.js'
import { buildOpenApiDocument, responseCasesOf, sortedOperations } from '../../contracts/openapi.js'
import { startServer, type RunningServer } from '../../mocks/index.js'
import { createSimulator } from '../../simulator/create-simulator.js'
import { SCENARIO_HEADER } from '../../simulator/index.js'
import { encodeExampleBody } from '../support/example-body.js'
import { operationAuthHeaders } from '../support/operation-auth.js'
import { startPrismProxy, type PrismProxy } from '../support/prism-proxy.js'
import { loadFixtures, runEkoFlow, runSurepassFlow } from '../support/provider-flows.js'
import type { SimFixtures } from '../support/sim-fixtures.js'

let server: RunningServer
let prism: PrismProxy
let fixtures: SimFixtures
const doc = buildOpenApiDocument()

beforeAll(async () => {
  server = await startServer({ simulator: createSimulator({ seed: 'prism' }), quiet: true })
  prism = await startPrismProxy('contracts/openapi.json', server.url)
  fixtures = await loadFixtures({ admin: server.url })
}, 60_000)
afterAll(async () => {
  await prism?.close()
  await server?.close()
})

interface RequestBodyObject {
  content: Record<string, { examples?: Record<string, { value: Record<string, unknown> }> }>
}

type ContractOperation = ReturnType<typeof sortedOperations>[number]

/** The request media types `path` of `op` declares in the document (JSON when it takes none). */
function mediaTypesOf(op: ContractOperation, path: string) {
  const operation = doc.paths[path]![op.method.toLowerCase()] as { requestBody?: RequestBodyObject }
  return Object.entries(operation.requestBody?.content ?? { 'application/json': {} })
}

/**
 * Sends `op`'s example request on `path` in media type `type` to `base`, forcing case `caseId`:
 * the path filled and the query from the contract's examples. A multipart example names its
 * files; the contract's example describes them, so real files of those sizes and types go.
 */
async function sendForced(
  base: string,
  op: ContractOperation,
  path: string,
  [type, media]: ReturnType<typeof mediaTypesOf>[number],
  caseId: string,
): Promise<Response> {
  const multipart = type.startsWith('multipart/')
  const body = multipart
    ? ((schemaAt(op.bodySchemaId).examples as Record<string, unknown>[])[0] ?? {})
    : Object.values(media.examples ?? {})[0]?.value
  const query = new URLSearchParams(exampleQuery(op)).toString()
  return fetch(`${base}${fillPath(path, exampleParams(op))}${query === '' ? '' : `?${query}`}`, {
    method: op.method,
    headers: {
      ...(await operationAuthHeaders(op, fixtures, server.url)),
      // fetch sets a multipart body's type itself, with its boundary.
      ...(body === undefined || multipart ? {} : { 'content-type': type }),
      [SCENARIO_HEADER]: caseId,
    },
    body: body === undefined ? undefined : encodeExampleBody(type, body),
  })
}

describe('Prism validation proxy in front of fintwin', () => {
  it('logs no violation for the README flows (Surepass CKYC; Eko eKYC on both base paths), admin calls included', async () => {
    // The flows read fixtures, the OTP inbox and the clock through Prism too: the admin API is
    // in the document.
    await runSurepassFlow({ admin: prism.url, surepass: prism.url, eko: '' })
    await runEkoFlow({ admin: prism.url, surepass: '', eko: `${prism.url}/ekoapi/v3` })
    await runEkoFlow({ admin: prism.url, surepass: '', eko: `${prism.url}/ekoicici/v3` })
    expect(prism.violations()).toEqual([])
  }, 60_000)

  it('logs no violation for any forced case of any operation, in each declared media type', async () => {
    let sent = 0
    for (const op of sortedOperations()) {
      for (const path of op.paths) {
        for (const media of mediaTypesOf(op, path)) {
          for (const c of responseCasesOf(op)) {
            const response = await sendForced(prism.url, op, path, media, c.id)
            await response.arrayBuffer()
            // `success` is not forced: it runs the behaviour, which answers what the example
            // body earns (often a business error); every other case comes back as forced.
            if (c.id !== 'success')
              expect(response.status, `${op.method} ${path} ${media[0]} → ${c.id}`).toBe(c.status)
            sent++
          }
        }
      }
    }
    expect(sent).toBeGreaterThan(0)
    console.log(`[prism proxy] ${sent} forced cases sent through Prism`)
    expect(prism.violations()).toEqual([])
  }, 120_000)

  it("logs no violation for Eko's gateway answers in their JSON form (eko.gatewayErrors: 'json')", async () => {
    const jsonServer = await startServer({
      simulator: createSimulator({
        seed: 'prism-json',
        config: { eko: { gatewayErrors: 'json' } },
      }),
      quiet: true,
    })
    const jsonPrism = await startPrismProxy('contracts/openapi.json', jsonServer.url)
    try {
      const forms: string[] = []
      for (const op of sortedOperations().filter((o) => o.provider === 'eko')) {
        const path = op.paths[0]!
        const [media] = mediaTypesOf(op, path)
        for (const c of responseCasesOf(op).filter((c) => c.jsonForm)) {
          const response = await sendForced(jsonPrism.url, op, path, media!, c.id)
          await response.arrayBuffer()
          expect(response.status, `${op.id} → ${c.id}`).toBe(c.status)
          forms.push(response.headers.get('content-type') ?? '')
        }
      }
      // 403, 404 and 429 on each operation (an unknown path itself is not in the document).
      expect(forms.length).toBeGreaterThan(2)
      expect(forms.every((type) => type.startsWith('application/json'))).toBe(true)
      expect(jsonPrism.violations()).toEqual([])
    } finally {
      await jsonPrism.close()
      await jsonServer.close()
    }
  }, 60_000)

  it('does report a violation when there is one (the check is real)', async () => {
    const response = await fetch(`${prism.url}/api/v1/ckyc/search`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${fixtures.surepass.token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ id_number: 'ABCDE1234F' }),
    })
    await response.arrayBuffer()
    expect(response.headers.get('sl-violations')).toMatch(/document_type/)
    expect(prism.violations().join('\n')).toMatch(/document_type/)
  })
})
