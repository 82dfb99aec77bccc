/**
 * Writes `contracts/openapi.json`, the OpenAPI 3.1 document of the contracts, so that people and
 * tools (Swagger UI, Prism, Schemathesis, client generators) can read it without running fintwin.
 * The simulator serves the same document live (`GET /__sim/openapi.json`); both come from
 * {@link buildOpenApiDocument}.
 *
 *   npm run contracts:openapi             # write the file
 *   npm run contracts:openapi -- --check  # exit 1 if the committed file is stale (CI)
 */
import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { buildOpenApiDocument } from '../openapi.js'

/** Where the document is committed. */
export const OPENAPI_FILE_URL = new URL('../openapi.json', import.meta.url)

/**
 * Renders `contracts/openapi.json` in memory: two-space JSON with a trailing newline. The
 * version is read from package.json here (not only bundled by `openapi.ts`) so that a version
 * bump shows up as a stale file in `--check`, whatever a bundler did with the import.
 */
export async function generateOpenApi(): Promise<string> {
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
  return `${JSON.stringify(buildOpenApiDocument({ version: pkg.version }), null, 2)}\n`
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } })
  const generated = await generateOpenApi()
  const path = fileURLToPath(OPENAPI_FILE_URL)
  if (values.check) {
    const committed = await readFile(path, 'utf8').catch(() => undefined)
    if (committed !== generated) {
      console.error(`${path} is out of date with the contracts: run npm run contracts:openapi`)
      process.exitCode = 1
      return
    }
    console.log(`${path} is up to date`)
    return
  }
  await writeFile(path, generated)
  console.log(`wrote ${path}`)
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error)
    process.exitCode = 1
  })
}
