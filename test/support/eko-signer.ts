import { signEkoRequest, type EkoCredentials } from '../../contracts/index.js'

export type { EkoCredentials }

/**
 * Eko's auth headers for one request at `nowMs` (the SIMULATOR clock, not `Date.now()`: tests
 * move that clock, and a timestamp outside the skew window is a 403). JSON content type, as
 * Eko's v3 docs send.
 */
export async function ekoHeaders(
  credentials: EkoCredentials,
  nowMs: number,
): Promise<Record<string, string>> {
  return { ...(await signEkoRequest(credentials, nowMs)), 'content-type': 'application/json' }
}

/** The simulator's now, read through the door under test (`GET /__sim/clock`). */
export async function simulatorNow(adminBase: string): Promise<number> {
  const response = await fetch(`${adminBase}/__sim/clock`)
  const clock = (await response.json()) as { now_ms: number }
  return clock.now_ms
}
