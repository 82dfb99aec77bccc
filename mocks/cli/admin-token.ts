import { randomBytes } from 'node:crypto'

/** Environment variable that sets the admin API token explicitly (any host). */
export const ADMIN_TOKEN_ENV = 'FINTWIN_ADMIN_TOKEN'

/** Whether `host` only accepts connections from this machine. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '')
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || /^::ffff:127(\.\d{1,3}){3}$/.test(h)
}

/**
 * The admin token the CLI runs with: `FINTWIN_ADMIN_TOKEN` when set; otherwise none on loopback
 * (a developer's own machine), and a fresh random one whenever the server binds beyond it —
 * the admin API resets state and reads every OTP, so it is never open to the network by
 * default. `generated` tells the caller to print it.
 */
export function resolveAdminToken(
  host: string,
  env: Readonly<Record<string, string | undefined>>,
  generate: () => string = () => randomBytes(18).toString('base64url'),
): { token: string | undefined; generated: boolean } {
  const explicit = env[ADMIN_TOKEN_ENV]
  if (explicit !== undefined && explicit !== '') return { token: explicit, generated: false }
  if (isLoopbackHost(host)) return { token: undefined, generated: false }
  return { token: generate(), generated: true }
}
