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
