/**
 * Writes `contracts/openapi.json`, the OpenAPI 3.1 document of the contracts, so that people and
 * tools (Swagger UI, Prism, Schemathesis, client generators) can read it without running fintwin.
 * The simulator serves the same document live (`GET /__sim/openapi.json`); both come from
 * {@link buildOpenApiDocument}.
 *
 *   npm run contracts:openapi             # write the file
 *   npm run contracts:openapi -- --check  # exit 1 if the committed file is stale (CI)
 *   npm run contracts:lint                # Redocly's recommended rules (contracts/redocly.yaml)
 */
import { isMain, runMain, writeOrCheck } from './write-or-check.js'
import { readFile } from 'node:fs/promises'
import { buildOpenApiDocument } from '../openapi.js'

/** Where the document is committed. */
export const OPENAPI_FILE_URL = new URL('../openapi.json', import.meta.url)

/**
 * Renders `contracts/openapi.json` in memory: two-space JSON with a trailing newline. The
 * version is read from package.json here (not only bundled by `openapi.ts`) so that a version
 * bump shows up as a stale file in `--check`, whatever a bundler did with the import.
 */
export async function generateOpenApi(): Promise<string> {
  const pkg = JSON.parse(
    await readFile(new URL('../../package.json', import.meta.url), 'utf8'),
  ) as { version: string }
  return `${JSON.stringify(buildOpenApiDocument({ version: pkg.version }), null, 2)}\n`
}

if (isMain(import.meta.url))
  runMain(() =>
    writeOrCheck({
      file: OPENAPI_FILE_URL,
      script: 'contracts:openapi',
      generate: generateOpenApi,
    }),
  )
