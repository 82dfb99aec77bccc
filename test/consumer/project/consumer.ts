// Type-checked by test/consumer/consumer.test.ts in the scratch project, with the strictest
// settings and no skipLibCheck, under moduleResolution nodenext and bundler: every entry point's
// declarations, as a Node app that uses them all sees them.
import { createSimulator, type Simulator, type SimulatorOptions } from 'fintwin'
import { createHandlers as createBrowserHandlers } from 'fintwin/browser'
import {
  operations,
  validateResponse,
  type EkoAepsKycSendOtpSuccess,
  type SurepassCkycSearchSuccess,
} from 'fintwin/contracts'
import { createHandlers, nodePlatform, type CreateHandlersOptions } from 'fintwin/msw'
import openapi from 'fintwin/openapi.json' with { type: 'json' }
import { EkoClient, SurepassClient, isEkoError, isSurepassError } from 'fintwin/sdk'
import {
  createApp,
  createServer,
  startServer,
  type CorsOptions,
  type RunningServer,
} from 'fintwin/server'
import { setupServer } from 'msw/node'

const options: SimulatorOptions = { seed: 'types', platform: nodePlatform() }
const sim: Simulator = createSimulator(options)
const handlerOptions: CreateHandlersOptions = {}
const server = setupServer(...createHandlers(sim, handlerOptions))
const worker = createBrowserHandlers(sim)
const cors: CorsOptions = { origins: ['http://localhost:5173'] }

export async function run(): Promise<string> {
  const running: RunningServer = await startServer({ simulator: sim, cors })
  const built = createServer({ simulator: sim })
  const surepass = new SurepassClient({
    baseUrl: running.url,
    token: sim.fixtures().surepass.token,
  })
  const eko = new EkoClient({
    baseUrl: `${running.url}/ekoapi/v3`,
    developerKey: sim.fixtures().eko.developer_key,
    accessKey: sim.fixtures().eko.access_key,
    initiatorId: sim.fixtures().eko.initiator_id,
    aadhaarPublicKey: sim.fixtures().eko.aadhaar_public_key_pem,
  })
  let found: SurepassCkycSearchSuccess | undefined
  let sent: EkoAepsKycSendOtpSuccess | undefined
  try {
    found = await surepass.ckyc.search({ id_number: 'EKRPR1234F', document_type: 'PAN' })
  } catch (error) {
    if (isSurepassError(error) || isEkoError(error)) return error.message
    throw error
  }
  void [server, worker, built, eko, sent, createApp, validateResponse, operations.size]
  await running.close()
  return `${found.data.client_id} ${openapi.openapi} ${openapi.info.version}`
}
