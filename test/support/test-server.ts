import { nodePlatform } from '../../mocks/node-platform.js'
import { startServer, type RunningServer } from '../../mocks/server/start-server.js'
import { createSimulator } from '../../simulator/index.js'

/**
 * A fresh server as `fintwin serve` runs one (contract violations flagged, Node's native RSA and
 * HMAC), on a free loopback port, without an access log: for suites that drive it with a real
 * client (a browser, newman, bash).
 */
export function startTestServer(): Promise<RunningServer> {
  return startServer({
    simulator: createSimulator({
      config: { onContractViolation: 'flag' },
      platform: nodePlatform(),
    }),
    quiet: true,
  })
}
