/**
 * The live INF report's machinery, against fintwin itself (a provider that keeps every
 * inference of its contracts: the probes must confirm them) and against a drifted provider
 * (a bare server whose every answer is a plain 404 page: they must be contradicted, with the
 * evidence). `npm run test:live` runs the same probes against the real sandboxes.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../mocks/index.js'
import {
  formatInfReport,
  infFacts,
  judgeInfFacts,
  SurepassClient,
  type LiveObservation,
} from '../../sdk/index.js'
import { createSimulator } from '../../simulator/create-simulator.js'
import { loadFixtures } from '../support/provider-flows.js'
import { persona, type SimFixtures } from '../support/sim-fixtures.js'
import { probesFor, recordingFetch, runProbe, type ProbeTarget } from './inf-probes.js'

let server: RunningServer
let drifted: Server
let driftedUrl: string
let fixtures: SimFixtures

beforeAll(async () => {
  server = await startServer({ simulator: createSimulator({ seed: 'inf-probes' }), quiet: true })
  fixtures = await loadFixtures({ admin: server.url })
  drifted = createServer((_req, res) => {
    res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not Found</h1>')
  })
  await new Promise<void>((resolve) => drifted.listen(0, '127.0.0.1', resolve))
  driftedUrl = `http://127.0.0.1:${(drifted.address() as AddressInfo).port}`
})
afterAll(async () => {
  await server?.close()
  await new Promise((resolve) => drifted?.close(resolve))
})

function target(origin: string): ProbeTarget {
  return {
    surepass: { baseUrl: origin, token: fixtures.surepass.token },
    eko: {
      baseUrl: `${origin}/ekoapi/v3`,
      developerKey: fixtures.eko.developer_key,
      accessKey: fixtures.eko.access_key,
    },
  }
}

async function probeAll(origin: string): Promise<LiveObservation[]> {
  const observations: LiveObservation[] = []
  for (const probe of probesFor(infFacts())) {
    const seen = await runProbe(probe, target(origin))
    if (seen) observations.push(seen)
  }
  return observations
}

describe('INF facts and their live verdicts', () => {
  it('ranks the facts by risk: inferred paths first, the Surepass CKYC v2 download first of all', () => {
    const facts = infFacts()
    expect(facts[0]!.id).toBe('path surepass.ckycV2.download')
    const kinds = facts.map((f) => f.kind)
    expect(kinds).toEqual(
      [...kinds].sort(
        (a, b) => ['path', 'case', 'field'].indexOf(a) - ['path', 'case', 'field'].indexOf(b),
      ),
    )
    expect(new Set(facts.map((f) => f.id)).size).toBe(facts.length)
    expect(probesFor(facts)[0]!.fact).toBe('path surepass.ckycV2.download')
  })

  it('confirms, against a provider that keeps them, the inferred path and provoked cases', async () => {
    const results = judgeInfFacts(infFacts(), await probeAll(server.url))
    const verdict = (id: string) => results.find((r) => r.fact.id === id)?.verdict
    expect(verdict('path surepass.ckycV2.download')).toBe('confirmed')
    for (const id of [
      'case surepass not_found',
      'case surepass method_not_allowed',
      'case eko not_found',
      'case eko method_not_allowed',
      'case eko unsupported_media_type',
    ])
      expect(verdict(id), id).toBe('confirmed')
    expect(results.filter((r) => r.verdict === 'contradicted')).toEqual([])
  })

  it('confirms what the SDK traffic bore out, and names every fact in the report', async () => {
    const observations: LiveObservation[] = []
    const client = new SurepassClient({
      baseUrl: server.url,
      token: fixtures.surepass.token,
      fetch: recordingFetch(observations),
    })
    const missing = persona(fixtures, 'not_found')
    await client.ckyc
      .search({ id_number: missing.id_number, document_type: missing.document_type as 'PAN' })
      .catch(() => undefined)
    const results = judgeInfFacts(infFacts(), observations)
    expect(
      results.find((r) => r.fact.id === 'case surepass.ckyc.search verification_failed'),
    ).toMatchObject({ verdict: 'confirmed' })
    const report = formatInfReport(results, { title: 'INF' })
    for (const r of results) expect(report).toContain(r.fact.id)
    expect(report).toMatch(/^INF, riskiest first: 0 contradicted, 1 confirmed, \d+ not probed/)
  })

  it('contradicts, against a drifted provider, the inferred path and the bodies it guessed', async () => {
    const results = judgeInfFacts(infFacts(), await probeAll(driftedUrl))
    const path = results.find((r) => r.fact.id === 'path surepass.ckycV2.download')!
    expect(path.verdict).toBe('contradicted')
    expect(path.evidence[0]).toMatch(
      /^POST http:\/\/\S+\/api\/v1\/ckyc-v2\/download → HTTP 404: no case/,
    )
    expect(results.find((r) => r.fact.id === 'case eko not_found')?.verdict).toBe('contradicted')
    expect(formatInfReport(results)).toMatch(/CONTRADICTED\s+path surepass\.ckycV2\.download/)
  })
})
