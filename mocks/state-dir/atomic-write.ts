import { open, rename } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/** The temporary name a file is written under before it is renamed into place. */
export function temporaryNameOf(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}.tmp`)
}

/** Whether `name` is one of {@link temporaryNameOf}'s names (left behind by a killed process). */
export function isTemporaryName(name: string): boolean {
  return /^\..+\.\d+\.tmp$/.test(name)
}

/**
 * Writes `text` so that `file` is, at every instant, either its old content or the new one in
 * full: write a temporary file beside it, fsync it, rename it over `file` (atomic on POSIX), then
 * fsync the directory so the rename itself survives a crash. A `kill -9` at any point leaves at
 * worst a stray temporary file, never a half-written `file`.
 */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const temporary = temporaryNameOf(file)
  const handle = await open(temporary, 'w', 0o600)
  try {
    await handle.writeFile(text, 'utf8')
    await handle.sync()
  } finally {
    await handle.close()
  }
  await rename(temporary, file)
  const directory = await open(dirname(file), 'r')
  try {
    await directory.sync()
  } finally {
    await directory.close()
  }
}
