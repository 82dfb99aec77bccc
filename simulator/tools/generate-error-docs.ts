/**
 * Writes docs/error-cases.md from the contracts (`npm run docs:errors`); `--check` only compares.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { renderErrorCasesMarkdown } from '../error-catalogue.js'

const target = new URL('../../docs/error-cases.md', import.meta.url)
const fresh = renderErrorCasesMarkdown()
if (process.argv.includes('--check')) {
  let current = ''
  try {
    current = readFileSync(target, 'utf8')
  } catch {
    // missing counts as stale
  }
  if (current !== fresh) {
    console.error('docs/error-cases.md is stale: run npm run docs:errors')
    process.exit(1)
  }
  console.log('docs/error-cases.md is up to date')
} else {
  writeFileSync(target, fresh)
  console.log('wrote docs/error-cases.md')
}
