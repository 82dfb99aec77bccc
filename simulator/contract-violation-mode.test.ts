import { describe, expect, it, vi } from 'vitest'
import type { ContractViolation } from '../contracts/index.js'

/**
 * The simulator's own answers always validate, so to see what happens when one does not, the
 * response check is made to report a violation; the pipeline's reaction is what is under test.
 */
const violation: ContractViolation = {
  provider: 'surepass',
  operation: 'surepass.ckyc.search',
  direction: 'response',
  path: '/body/message',
  keyword: 'const',
  message: 'must be equal to constant "No record found"',
  case: 'verification_failed',
}
vi.mock('../contracts/index.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../contracts/index.js')>()
  return { ...original, validateCaseResponse: () => [violation] }
})

const { createSimulator, CONTRACT_VIOLATION_HEADER } = await import('./create-simulator.js')
const { ContractViolationError } = await import('../contracts/index.js')

async function search(onContractViolation: 'flag' | 'throw') {
  const sim = createSimulator({ config: { onContractViolation } })
  const request = {
    method: 'POST',
    path: '/api/v1/ckyc/search',
    query: {},
    headers: {
      authorization: `Bearer ${sim.fixtures().surepass.token}`,
      'content-type': 'application/json',
    },
    body: { document_type: 'PAN', id_number: 'ZZZPZ9999Z' },
  }
  return { sim, response: sim.handle(request) }
}

describe('a response that breaks its contract', () => {
  it('in flag mode (the server) is still sent, flagged in a header and journaled', async () => {
    const { sim, response } = await search('flag')
    const answer = await response
    expect(answer.status).toBe(422)
    expect(JSON.parse(answer.headers[CONTRACT_VIOLATION_HEADER] ?? '[]')).toEqual([violation])
    const [entry] = sim.journal.list(1)
    expect(entry?.contract).toEqual({ ok: false, violations: [violation] })
  })

  it('in throw mode (tests) throws a ContractViolationError naming the violation', async () => {
    const { response } = await search('throw')
    await expect(response).rejects.toBeInstanceOf(ContractViolationError)
    await expect((await search('throw')).response).rejects.toThrow(/\/body\/message/)
  })
})
