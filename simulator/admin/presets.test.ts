import { describe, expect, it } from 'vitest'
import { findCase, getOperation, signEkoRequest } from '../../contracts/index.js'
import { createSimulator } from '../create-simulator.js'
import { PRESET_NAMES, type PresetResult } from './presets.js'

describe('presets', () => {
  for (const name of PRESET_NAMES) {
    it(`${name}: the next request answers what the preset says it will`, async () => {
      const sim = createSimulator({ config: { onContractViolation: 'throw' } })
      const applied = await sim.handle({
        method: 'POST',
        path: `/__sim/presets/${name}`,
        query: {},
        headers: { host: '127.0.0.1:4010' },
        body: undefined,
      })
      expect(applied.status, JSON.stringify(applied.body)).toBe(200)
      const { next } = applied.body as PresetResult
      const op = getOperation(next.operation)
      const fixtures = sim.fixtures()
      const auth =
        op.provider === 'eko'
          ? await signEkoRequest(fixtures.eko, sim.clock.now())
          : { authorization: `Bearer ${fixtures.surepass.token}` }
      // The next request's path may carry a query string (a GET such as Transaction Inquiry).
      const url = new URL(next.path, 'http://fintwin.invalid')
      const response = await sim.handle({
        method: next.method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: { ...auth, 'content-type': 'application/json' },
        body: next.body,
      })
      const [caseId = '', type] = next.expect.split(' ')
      const c = findCase(op.id, caseId)
      expect(c, next.expect).toBeDefined()
      expect(response.status).toBe(c?.status)
      const body = response.body as Record<string, unknown>
      const example = c?.examples[0] as Record<string, unknown>
      if (op.provider === 'surepass') expect(body.message_code).toBe(example.message_code)
      else {
        expect(type).toBe(`(${String(example.response_type_id)})`)
        expect(body.response_type_id).toBe(example.response_type_id)
      }
    })
  }
})
