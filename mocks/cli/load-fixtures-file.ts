import { readFile, stat } from 'node:fs/promises'
import { createSimulator } from '../../simulator/create-simulator.js'
import { isTestDataError } from '../../simulator/pipeline/index.js'
import { parseRequestBody } from '../body-parser.js'

/** Largest fixtures file read: it is data, read with a bound. */
const MAX_FIXTURES_BYTES = 16 * 1024 * 1024

/** Your own test data of a `--fixtures FILE`, checked, as `SimulatorConfig.fixtures` takes it. */
export interface FixturesFile {
  personas: unknown[]
  agents: unknown[]
}

/** A fixtures file that cannot be used: each problem as `path: message` (`/personas/0/pan: …`). */
export class FixturesFileError extends Error {
  override readonly name = 'FixturesFileError'
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`${file}:\n${problems.map((p) => `  ${p}`).join('\n')}`)
  }
}

/**
 * Reads `--fixtures FILE`: `{"personas": [...], "agents": [...]}`, each document of the
 * published schemas (`/__sim/schemas/persona.json`, `agent.json`). Every document is checked the
 * way `POST /__sim/personas` / `/agents` checks it (schema, the providers' rules, no clashes),
 * by adding them in order to a scratch simulator of `seed`, so a bad file is refused with every
 * field path before anything is served. JSON only, bounded, prototype keys dropped.
 */
export async function loadFixturesFile(
  file: string,
  seed: string | undefined,
): Promise<FixturesFile> {
  let text: string
  try {
    if ((await stat(file)).size > MAX_FIXTURES_BYTES)
      throw new FixturesFileError(file, [`larger than ${MAX_FIXTURES_BYTES} bytes`])
    text = await readFile(file, 'utf8')
  } catch (error) {
    if (error instanceof FixturesFileError) throw error
    throw new FixturesFileError(file, [`cannot be read (${(error as Error).message})`])
  }
  const parsed = parseRequestBody('application/json', text)
  if (!parsed.ok) throw new FixturesFileError(file, [`/: not JSON (${parsed.error})`])
  const body = parsed.body as Record<string, unknown> | null
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new FixturesFileError(file, ['/: must be {"personas": [...], "agents": [...]}'])
  const problems: string[] = []
  for (const key of Object.keys(body))
    if (key !== 'personas' && key !== 'agents') problems.push(`/${key}: unknown field`)
  const lists = { personas: body.personas ?? [], agents: body.agents ?? [] }
  for (const [key, list] of Object.entries(lists))
    if (!Array.isArray(list)) problems.push(`/${key}: must be an array`)
  if (problems.length > 0) throw new FixturesFileError(file, problems)
  const scratch = createSimulator({ seed })
  for (const [key, kind] of [
    ['personas', 'persona'],
    ['agents', 'agent'],
  ] as const)
    for (const [i, document] of (lists[key] as unknown[]).entries()) {
      try {
        scratch.addTestData(kind, document)
      } catch (error) {
        if (!isTestDataError(error)) throw error
        for (const f of error.fields) problems.push(`/${key}/${i}${f.path}: ${f.message}`)
      }
    }
  if (problems.length > 0) throw new FixturesFileError(file, problems)
  return lists as FixturesFile
}
