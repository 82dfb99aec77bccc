// Run by test/consumer/consumer.test.ts with plain Node: Surepass CKYC search → generate OTP →
// download, in-process, through the app's own msw (`setupServer`) and fintwin's handlers.
import { createSimulator } from 'fintwin'
import { createHandlers, nodePlatform } from 'fintwin/msw'
import { setupServer } from 'msw/node'

const sim = createSimulator({ seed: 'consumer', platform: nodePlatform() })
const server = setupServer(...createHandlers(sim))
server.listen({ onUnhandledRequest: 'error' })

const { token, ckyc } = sim.fixtures().surepass
const happy = ckyc.find((persona) => persona.label === 'happy')
async function surepass(path, body) {
  const response = await fetch(`https://sandbox.surepass.io/api/v1/${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return { status: response.status, body: await response.json() }
}

const search = await surepass('ckyc/search', {
  id_number: happy.id_number,
  document_type: happy.document_type,
})
const otp = await surepass('ckyc-v2/generate-otp', {
  client_id: search.body.data.client_id,
  mobile_number: happy.mobile_number,
})
const [sent] = sim.otps({ ref: otp.body.data.client_id })
const download = await surepass('ckyc-v2/download', {
  client_id: otp.body.data.client_id,
  otp: sent.otp,
})
server.close()
process.stdout.write(
  JSON.stringify({
    statuses: [search.status, otp.status, download.status],
    downloadClientId: download.body.data.client_id,
    expectedClientId: otp.body.data.client_id,
    journal: sim.journal.size,
  }),
)
