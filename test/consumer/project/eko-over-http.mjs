// Run by test/consumer/consumer.test.ts with plain Node, against `npx fintwin serve --port 0`
// (its URL is argv[2]): the Eko eKYC flow through fintwin's SDK, OTP read from the admin API.
import { EkoClient } from 'fintwin/sdk'

const base = process.argv[2]
const admin = async (path) => (await fetch(`${base}/__sim${path}`)).json()
const fixtures = await admin('/fixtures')
const { eko } = fixtures
const agent = eko.agents.find((candidate) => candidate.label === 'ekyc_pending')
const client = new EkoClient({
  baseUrl: `${base}/ekoapi/v3`,
  developerKey: eko.developer_key,
  accessKey: eko.access_key,
  initiatorId: eko.initiator_id,
  aadhaarPublicKey: eko.aadhaar_public_key_pem,
  validateResponses: true,
})
const who = {
  user_code: agent.user_code,
  customer_id: agent.customer_id,
  aadhaar: agent.aadhaar,
  latlong: '28.6139,77.2090',
}
const sent = await client.aepsKyc.sendOtp(who)
const inbox = await admin(`/otps?ref=${encodeURIComponent(sent.data.otp_ref_id)}`)
const verified = await client.aepsKyc.verifyOtp({
  ...who,
  otp: inbox.otps[0].otp,
  otp_ref_id: sent.data.otp_ref_id,
  reference_tid: sent.data.reference_tid,
})
const biometric = await client.aepsKyc.biometric({
  ...who,
  piddata: eko.piddata.pid_ok,
  bank_code: 'HDFC',
  otp_ref_id: verified.data.otp_ref_id,
  reference_tid: verified.data.reference_tid,
})
const daily = await client.aepsKyc.dailyKyc({
  ...who,
  piddata: eko.piddata.pid_ok,
  bank_code: 'HDFC',
})
process.stdout.write(
  JSON.stringify({ statuses: [sent.status, verified.status, biometric.status, daily.status] }),
)
