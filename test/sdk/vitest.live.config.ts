import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

/**
 * `npm run test:live` only: runs `test/sdk/sdk.live.ts` (deliberately not `*.test.ts`, so the
 * default `vitest run` of `npm test` never reaches a real provider). Generous timeouts for real
 * networks; sequential, so the sandboxes see one request at a time.
 */
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['test/sdk/sdk.live.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    passWithNoTests: true,
  },
})
