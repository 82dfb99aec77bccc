import { computeSecretKey } from '../../simulator/eko/secret-key.js'

/** The Eko credentials a request is signed with (the fixture's published UAT pair). */
export interface EkoCredentials {
  developer_key: string
  access_key: string
}

/**
 * Eko's auth headers for one request at `nowMs` (the SIMULATOR clock, not `Date.now()`: tests
 * move that clock, and a timestamp outside the skew window is a 403). JSON content type, as
 * Eko's v3 docs send.
 */
export async function ekoHeaders(
  credentials: EkoCredentials,
  nowMs: number,
): Promise<Record<string, string>> {
  const timestamp = String(Math.round(nowMs))
  return {
    developer_key: credentials.developer_key,
    'secret-key': await computeSecretKey(credentials.access_key, timestamp),
    'secret-key-timestamp': timestamp,
    'content-type': 'application/json',
  }
}

/** The simulator's now, read through the door under test (`GET /__sim/clock`). */
export async function simulatorNow(adminBase: string): Promise<number> {
  const response = await fetch(`${adminBase}/__sim/clock`)
  const clock = (await response.json()) as { now_ms: number }
  return clock.now_ms
}
