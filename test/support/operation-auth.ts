import type { Operation } from '../../contracts/index.js'
import { ekoHeaders, simulatorNow } from './eko-signer.js'
import type { SimFixtures } from './sim-fixtures.js'

/**
 * The auth headers any operation of the registry needs, whatever its provider: Surepass's
 * bearer token, or Eko's three headers signed at the simulator's time (read through `admin`).
 * No content type: the caller sets the one it sends.
 */
export async function operationAuthHeaders(
  op: Operation,
  fixtures: SimFixtures,
  admin: string,
): Promise<Record<string, string>> {
  if (op.provider === 'surepass') return { authorization: `Bearer ${fixtures.surepass.token}` }
  const { 'content-type': _json, ...headers } = await ekoHeaders(
    fixtures.eko,
    await simulatorNow(admin),
  )
  return headers
}
