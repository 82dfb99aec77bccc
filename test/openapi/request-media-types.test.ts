/**
 * The request media types the OpenAPI declares are the ones fintwin's HTTP server really
 * accepts: every operation's body example, sent over HTTP in each media type fintwin can parse,
 * gets past request validation exactly when the document lists that type. "Past validation" is
 * seen by forcing `internal_server_error`, which the pipeline applies only after auth and the
 * contract check of the request (a refused body answers 415, invalid_input or invalid_params).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../mocks/index.js'
import { examplePath, exampleQuery } from '../../contracts/index.js'
import { buildOpenApiDocument, sortedOperations } from '../../contracts/openapi.js'
import { REQUEST_BODY_MEDIA_TYPES, toFormBody } from '../../contracts/request-media-types.js'
import { createSimulator } from '../../simulator/create-simulator.js'
import { SCENARIO_HEADER } from '../../simulator/index.js'
import { operationAuthHeaders } from '../support/operation-auth.js'
import { loadFixtures } from '../support/provider-flows.js'
import type { SimFixtures } from '../support/sim-fixtures.js'

let server: RunningServer
let fixtures: SimFixtures
const doc = buildOpenApiDocument()

beforeAll(async () => {
  server = await startServer({ simulator: createSimulator({ seed: 'media-types' }), quiet: true })
  fixtures = await loadFixtures({ admin: server.url })
})
afterAll(() => server.close())

function encode(type: string, body: Record<string, unknown>): string {
  return type === 'application/json' ? JSON.stringify(body) : toFormBody(body)
}

const withBodies = sortedOperations().filter((op) => op.method !== 'GET')

describe('request media types in the OpenAPI = what the server accepts', () => {
  it('has operations with request bodies and examples to send', () => {
    expect(withBodies.length).toBeGreaterThan(0)
  })

  it.each(withBodies.map((op) => [op.id, op] as const))(
    '%s',
    async (_id, op) => {
      const operation = doc.paths[op.paths[0]!]![op.method.toLowerCase()] as {
        requestBody: {
          content: Record<string, { examples?: Record<string, { value: Record<string, unknown> }> }>
        }
      }
      const declared = Object.keys(operation.requestBody.content)
      const examples = Object.values(operation.requestBody.content[declared[0]!]!.examples!)
      expect(examples.length).toBeGreaterThan(0)
      const verdicts: Record<string, boolean> = {}
      for (const type of REQUEST_BODY_MEDIA_TYPES) {
        let accepted = true
        for (const { value } of examples) {
          const query = new URLSearchParams(exampleQuery(op)).toString()
          const url = `${server.url}${examplePath(op)}${query === '' ? '' : `?${query}`}`
          const response = await fetch(url, {
            method: op.method,
            headers: {
              ...(await operationAuthHeaders(op, fixtures, server.url)),
              'content-type': type,
              [SCENARIO_HEADER]: 'internal_server_error',
            },
            body: encode(type, value),
          })
          await response.arrayBuffer()
          expect([500, 415, 400, 200], `${type} → ${response.status}`).toContain(response.status)
          accepted &&= response.status === 500
        }
        verdicts[type] = accepted
      }
      expect(verdicts).toEqual(
        Object.fromEntries(REQUEST_BODY_MEDIA_TYPES.map((t) => [t, declared.includes(t)])),
      )
    },
    30_000,
  )
})
