/**
 * Where the server writes: one `info` line per request, `error` for what went wrong inside.
 * The shape of `console`, so `logger: console` works, and tests can inject a collector.
 */
export interface Logger {
  info(line: string): void
  error(line: string): void
}

/** stdout for the access log, stderr for errors: the default, what a developer watches. */
export const stdioLogger: Logger = {
  info: (line) => void process.stdout.write(`${line}\n`),
  error: (line) => void process.stderr.write(`${line}\n`),
}

/** Writes nothing: for tests and benchmarks (`quiet`). */
export const silentLogger: Logger = { info: () => undefined, error: () => undefined }

/**
 * Formats one access-log line: `POST /api/v1/ckyc/search 200 1.8ms`. A fault that answered
 * nothing shows its kind where the status would be (`drop`, `timeout`), so a QA engineer sees
 * that the connection was cut on purpose. No query string: it may carry references and phone
 * numbers (`/__sim/otps?phone=`).
 */
export function formatAccessLine(
  method: string,
  path: string,
  status: number | string,
  startedAt: number,
): string {
  return `${method} ${path} ${status} ${(performance.now() - startedAt).toFixed(1)}ms`
}

/** How the access log is written: `text` for a person watching, `json` for a log pipeline. */
export type LogFormat = 'text' | 'json'

/** What one JSON access-log line says (`--log-format json`). */
export interface AccessRecord {
  /** Real time the answer went out, ISO 8601. */
  time: string
  /** The sandbox that served it (`default`, `sbx_…`), or null when none did (unknown id). */
  sandbox: string | null
  method: string
  path: string
  /** Provider requests only (null for the admin API and unknown paths). */
  operation: string | null
  /** The HTTP status, or the fault acted out (`drop`, `timeout`). */
  status: number | string
  case: string | null
  /** The failed check, or the journal's reason sentence. */
  reason: string | null
  duration_ms: number
}

/**
 * Formats one JSON access-log line: the journal's operation, case and reason beside the status
 * and duration, so a log pipeline can count failures by reason without reading the journal.
 * Like the text line, no query string and no body.
 */
export function formatAccessJson(
  record: Omit<AccessRecord, 'time' | 'duration_ms'>,
  startedAt: number,
): string {
  const line: AccessRecord = {
    time: new Date().toISOString(),
    ...record,
    duration_ms: Math.round((performance.now() - startedAt) * 1000) / 1000,
  }
  return JSON.stringify(line)
}
