/**
 * Writes docs/error-cases.md from the contracts (`npm run docs:errors`); `--check` only compares.
 */
import { isMain, runMain, writeOrCheck } from '../../contracts/tools/write-or-check.js'
import { renderErrorCasesMarkdown } from '../catalogue/error-catalogue.js'

if (isMain(import.meta.url)) {
  runMain(() =>
    writeOrCheck({
      file: new URL('../../docs/error-cases.md', import.meta.url),
      script: 'docs:errors',
      generate: renderErrorCasesMarkdown,
    }),
  )
}
