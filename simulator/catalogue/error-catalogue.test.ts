import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { operations } from '../../contracts/index.js'
import { errorCaseRows, renderErrorCasesMarkdown } from './error-catalogue.js'
import { TRIGGERS } from './triggers.js'

describe('error-case catalogue', () => {
  it('has a trigger by value for every error case of every contract', () => {
    const missing = errorCaseRows()
      .filter((r) => r.trigger === '')
      .map((r) => `${r.operation}/${r.case}`)
    expect(missing).toEqual([])
  })

  it('has no trigger for a case the contracts do not have', () => {
    for (const [operationId, cases] of Object.entries(TRIGGERS)) {
      const op = operations.get(operationId)
      expect(op, operationId).toBeDefined()
      for (const caseId of Object.keys(cases))
        expect(op?.cases.has(caseId), `${operationId}/${caseId}`).toBe(true)
    }
  })

  it('docs/error-cases.md is what the contracts generate (run npm run docs:errors)', () => {
    const committed = readFileSync(new URL('../../docs/error-cases.md', import.meta.url), 'utf8')
    expect(committed).toBe(renderErrorCasesMarkdown())
  })

  it('lists every error case once', () => {
    const markdown = renderErrorCasesMarkdown()
    for (const row of errorCaseRows())
      expect(markdown).toContain(`| \`${row.operation}\` | \`${row.case}\` |`)
  })
})
