import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'

/**
 * The CLI every generator shares: write the generated file, or with `--check` compare it with
 * the committed one and exit 1 when it is stale (the test run and `npm run check` rely on that).
 */
export async function writeOrCheck(options: {
  file: URL
  script: string
  generate: () => Promise<string> | string
}): Promise<void> {
  const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } })
  const generated = await options.generate()
  const path = fileURLToPath(options.file)
  if (values.check) {
    const committed = await readFile(path, 'utf8').catch(() => undefined)
    if (committed !== generated) {
      console.error(`${path} is out of date with the contracts: run npm run ${options.script}`)
      process.exitCode = 1
      return
    }
    console.log(`${path} is up to date`)
    return
  }
  await writeFile(path, generated)
  console.log(`wrote ${path}`)
}

/** True when `moduleUrl` is the script node was started with (the tool, not an import of it). */
export function isMain(moduleUrl: string): boolean {
  return process.argv[1] !== undefined && moduleUrl === pathToFileURL(process.argv[1]).href
}

/** Runs a tool's main, printing a failure and setting exit code 1 instead of crashing. */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error)
    process.exitCode = 1
  })
}

/** `ckyc-v2-generate-otp` → `ckycV2GenerateOtp`: the identifier a generated barrel gives a file. */
export function camelCaseOf(kebab: string): string {
  return kebab.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase())
}
