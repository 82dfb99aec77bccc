import { signEkoRequest } from '../../contracts/index.js'
import { encryptAadhaarForTest, type Simulator, type SimRequest } from '../../simulator/index.js'

/**
 * Grows the simulator to `total` live OTP sessions through `sim.handle`, half Surepass
 * (search + generate OTP: a search session, a download session and an OTP) and half Eko
 * (Send OTP: an eKYC session and an OTP). Nothing goes over HTTP. Yields to the event loop now
 * and then so the server stays responsive to the parent's IPC.
 */
export async function populateSessions(sim: Simulator, total: number): Promise<void> {
  const fixtures = sim.fixtures()
  const personas = fixtures.surepass.ckyc.filter(
    (p) => p.exists && p.mobile_number !== null && p.mobile_registered,
  )
  const agents = fixtures.eko.agents.filter((a) => a.aeps_status === 'active')
  const aadhar = new Map(agents.map((a) => [a.user_code, encryptAadhaarForTest(a.aadhaar)]))
  const surepassHeaders = {
    'content-type': 'application/json',
    authorization: `Bearer ${fixtures.surepass.token}`,
  }
  let signedAt = ''
  let signed: Record<string, string> = {}
  let i = 0
  while (sim.stats().otps < total) {
    i += 1
    if (i % 2 === 0) {
      const p = personas[i % personas.length]!
      const search = await sim.handle(
        req('POST', '/api/v1/ckyc/search', surepassHeaders, {
          id_number: p.id_number,
          document_type: p.document_type,
        }),
      )
      const searchId = (search.body as { data?: { client_id?: string } }).data?.client_id
      if (search.status !== 200 || !searchId)
        throw new Error(`populate: search answered ${search.status}`)
      const otp = await sim.handle(
        req('POST', '/api/v1/ckyc-v2/generate-otp', surepassHeaders, {
          client_id: searchId,
          mobile_number: p.mobile_number,
        }),
      )
      if (otp.status !== 200)
        throw new Error(`populate: generate-otp answered ${otp.status} ${JSON.stringify(otp.body)}`)
    } else {
      const a = agents[i % agents.length]!
      const timestamp = String(sim.clock.now())
      if (timestamp !== signedAt) {
        signedAt = timestamp
        signed = await signEkoRequest(fixtures.eko, sim.clock.now())
      }
      const headers = { 'content-type': 'application/json', ...signed }
      const body = {
        initiator_id: fixtures.eko.initiator_id,
        user_code: a.user_code,
        customer_id: a.customer_id,
        aadhar: aadhar.get(a.user_code),
        latlong: a.latlong ?? '28.6139,77.2090',
      }
      const sent = await sim.handle(
        req('POST', '/ekoapi/v3/user/collection/aeps-fingpay/kyc/otp', headers, body),
      )
      if (sent.status !== 200 || (sent.body as { status?: number }).status !== 0)
        throw new Error(`populate: send-otp answered ${sent.status} ${JSON.stringify(sent.body)}`)
    }
    if (i % 2000 === 0) await new Promise((resolve) => setImmediate(resolve))
  }
}

function req(
  method: string,
  path: string,
  headers: Record<string, string>,
  body: unknown,
): SimRequest {
  return { method, path, query: {}, headers, body }
}
