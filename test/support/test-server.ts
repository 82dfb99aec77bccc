import { nodePlatform } from '../../mocks/node-platform.js'
import { startServer, type RunningServer } from '../../mocks/server/start-server.js'
import { createSimulator, type SimulatorConfigInput } from '../../simulator/index.js'

/**
 * A fresh server as `fintwin serve` runs one (contract violations flagged, Node's native RSA and
 * HMAC), on a free loopback port, without an access log: for suites that drive it with a real
 * client (a browser, newman, bash). `config` goes over those defaults.
 */
export function startTestServer(config: SimulatorConfigInput = {}): Promise<RunningServer> {
  return startServer({
    simulator: createSimulator({
      config: { onContractViolation: 'flag', ...config },
      platform: nodePlatform(),
    }),
    quiet: true,
  })
}
