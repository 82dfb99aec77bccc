import { describe, expect, it } from 'vitest'
import { getOperation } from '../../contracts/index.js'
import { ekoProvider } from '../eko/eko-provider.js'
import { defineOperation } from './define-operation.js'
import { defineProvider } from './define-provider.js'
import { caseOutcome } from './outcome.js'

const base = {
  id: 'eko' as const,
  tables: [],
  authenticate: () => undefined,
  invalidRequest: () => caseOutcome(getOperation('eko.users.onboard'), 'invalid_params'),
  fixtures: () => ({}),
}

describe('defineOperation and defineProvider', () => {
  it('refuses an operation the contracts do not have', () => {
    expect(() => defineOperation('eko.nope', { handle: () => undefined as never })).toThrow(
      /Unknown operation: eko.nope/,
    )
  })

  it('refuses a provider missing a module for one of its contract operations', () => {
    const [first, ...rest] = ekoProvider.operations
    expect(first).toBeDefined()
    expect(() => defineProvider({ ...base, operations: rest })).toThrow(
      new RegExp(`no module for ${first?.id.replace('.', '\\.')}`),
    )
  })

  it('refuses a foreign operation and an operation registered twice', () => {
    const surepass = defineOperation('surepass.ckyc.search', { handle: () => undefined as never })
    expect(() =>
      defineProvider({ ...base, operations: [...ekoProvider.operations, surepass] }),
    ).toThrow(/not eko operations: surepass.ckyc.search/)
    const again = ekoProvider.operations[0]
    if (!again) throw new Error('no eko operation')
    expect(() =>
      defineProvider({ ...base, operations: [...ekoProvider.operations, again] }),
    ).toThrow(/registered twice/)
  })

  it('accepts exactly the contract operations of the provider', () => {
    expect(() => defineProvider({ ...base, operations: ekoProvider.operations })).not.toThrow()
  })
})
