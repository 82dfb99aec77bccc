import { mkdir, readdir, readFile, stat, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import type { Sandbox, SandboxManager, SandboxSettings } from '../../simulator/sandboxes/index.js'
import { DEFAULT_SANDBOX_ID, SANDBOX_ID_PATTERN } from '../../simulator/sandboxes/index.js'
import { isSnapshotError } from '../../simulator/snapshot/snapshot-error.js'
import { parseRequestBody } from '../body-parser.js'
import { isTemporaryName, writeFileAtomic } from './atomic-write.js'

/** Largest state file read: a snapshot is data of bounded size, never read without a bound. */
export const MAX_STATE_FILE_BYTES = 256 * 1024 * 1024

/** How often a state dir is written, unless told otherwise. */
export const DEFAULT_STATE_INTERVAL_MS = 5000

/** A state dir that cannot be loaded: which file, and why. Nothing was changed on disk. */
export class StateDirError extends Error {
  override readonly name = 'StateDirError'
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`)
  }
}

/** Which sandbox a state file is of, and how to re-create it (the `sandbox` part of the file). */
interface SandboxRecord {
  id: string
  name: string
  settings: SandboxSettings
  created_at: number
}

const fileOf = (dir: string, id: string) => join(dir, `${id}.json`)

/**
 * Loads every sandbox saved in `dir` (one `<id>.json` snapshot each; `default.json` is the
 * default sandbox) into `sandboxes`, creating the directory when it does not exist. Any file
 * that cannot be read, parsed or restored throws a {@link StateDirError} naming it, and the
 * file is left exactly as it was (so the operator can look at it). Stray temporary files of a
 * killed writer are removed: they were never the state.
 */
export async function loadStateDir(dir: string, sandboxes: SandboxManager): Promise<number> {
  await mkdir(dir, { recursive: true })
  const names = (await readdir(dir)).sort()
  let loaded = 0
  for (const name of names) {
    if (isTemporaryName(name)) {
      await unlink(join(dir, name)).catch(() => undefined)
      continue
    }
    if (!name.endsWith('.json')) continue
    const id = name.slice(0, -'.json'.length)
    if (id !== DEFAULT_SANDBOX_ID && !SANDBOX_ID_PATTERN.test(id)) continue
    await loadOne(join(dir, name), id, sandboxes)
    loaded += 1
  }
  return loaded
}

async function loadOne(file: string, id: string, sandboxes: SandboxManager): Promise<void> {
  let text: string
  try {
    const { size } = await stat(file)
    if (size > MAX_STATE_FILE_BYTES)
      throw new StateDirError(file, `larger than ${MAX_STATE_FILE_BYTES} bytes`)
    text = await readFile(file, 'utf8')
  } catch (error) {
    if (error instanceof StateDirError) throw error
    throw new StateDirError(file, `cannot be read (${(error as Error).message})`)
  }
  const parsed = parseRequestBody('application/json', text)
  if (!parsed.ok) throw new StateDirError(file, `is not a snapshot: ${parsed.error} JSON`)
  const document = parsed.body as Record<string, unknown> | null
  const record = readRecord(document?.sandbox)
  if (!record || record.id !== id)
    throw new StateDirError(file, `its "sandbox" part is missing or is not of sandbox ${id}`)
  let sandbox: Sandbox
  if (id === DEFAULT_SANDBOX_ID) sandbox = sandboxes.default
  else {
    try {
      sandbox = sandboxes.create(
        { name: record.name, ...record.settings },
        { id, createdAt: record.created_at },
      )
    } catch (error) {
      throw new StateDirError(file, (error as Error).message)
    }
  }
  try {
    sandbox.simulator.restore(document)
  } catch (error) {
    if (!sandbox.isDefault) sandboxes.delete(id)
    if (isSnapshotError(error)) {
      const hint =
        id === DEFAULT_SANDBOX_ID && error.fields.some((f) => f.path === '/seed')
          ? ' (start with the --seed it was saved with)'
          : ''
      throw new StateDirError(file, `${error.message}${hint}`)
    }
    throw new StateDirError(file, `cannot be restored (${(error as Error).message})`)
  }
}

function readRecord(value: unknown): SandboxRecord | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const r = value as Record<string, unknown>
  const settings = r.settings as Record<string, unknown> | undefined
  if (
    typeof r.id !== 'string' ||
    typeof r.name !== 'string' ||
    typeof r.created_at !== 'number' ||
    typeof settings !== 'object' ||
    settings === null ||
    typeof settings.seed !== 'string' ||
    !(settings.otp === null || typeof settings.otp === 'string') ||
    typeof settings.eko_skew_ms !== 'number'
  )
    return undefined
  return r as unknown as SandboxRecord
}

/** A running state saver. */
export interface StateSaver {
  /** Writes every changed sandbox now (and removes the files of deleted ones). */
  save(): Promise<void>
  /** Stops the timer and saves one last time (on SIGTERM/SIGINT, after the server closed). */
  stop(): Promise<void>
}

/** Options of {@link startStateSaver}. */
export interface StateSaverOptions {
  dir: string
  sandboxes: SandboxManager
  /** Real-time ms between saves; a `kill -9` loses at most this much. */
  intervalMs?: number
  /** Told of a failed save (the server keeps serving; the next save retries). */
  onError?: (error: unknown) => void
}

/**
 * Saves every sandbox to `dir` at a bounded interval: each as one snapshot file written
 * atomically ({@link writeFileAtomic}), only when its state changed since the last write, and
 * the file of a deleted or expired sandbox removed. Saves never overlap.
 */
export function startStateSaver(options: StateSaverOptions): StateSaver {
  const { dir, sandboxes } = options
  /** What was last written per sandbox id (a hash of the text without its time), to skip unchanged ones. */
  const written = new Map<string, number>()
  let running: Promise<void> | undefined

  async function saveAll(): Promise<void> {
    const live = sandboxes.list()
    for (const sandbox of live) {
      const document = {
        ...sandbox.simulator.snapshot(),
        sandbox: {
          id: sandbox.id,
          name: sandbox.name,
          settings: sandbox.settings,
          created_at: sandbox.createdAt,
        } satisfies SandboxRecord,
      }
      const text = JSON.stringify(document)
      const hash = hashText(text.replace(/"taken_at":"[^"]*"/, ''))
      if (written.get(sandbox.id) === hash) continue
      await writeFileAtomic(fileOf(dir, sandbox.id), text)
      written.set(sandbox.id, hash)
    }
    const ids = new Set(live.map((s) => s.id))
    for (const name of await readdir(dir)) {
      const id = name.endsWith('.json') ? name.slice(0, -5) : ''
      if (SANDBOX_ID_PATTERN.test(id) && !ids.has(id)) {
        await unlink(join(dir, name)).catch(() => undefined)
        written.delete(id)
      }
    }
  }

  const save = (): Promise<void> => {
    running ??= saveAll().finally(() => {
      running = undefined
    })
    return running
  }

  const timer = setInterval(() => {
    save().catch((error: unknown) => options.onError?.(error))
  }, options.intervalMs ?? DEFAULT_STATE_INTERVAL_MS)
  timer.unref()

  return {
    save,
    async stop() {
      clearInterval(timer)
      await running?.catch(() => undefined)
      await save()
    },
  }
}

/** FNV-1a over the UTF-16 code units: cheap, and only compared with itself. */
function hashText(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193)
  return hash >>> 0
}
