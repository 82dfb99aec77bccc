import { randomBytes } from 'node:crypto'

/** Whether `host` only accepts connections from this machine. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
  return (
    h === 'localhost' ||
    h === '::1' ||
    /^127(\.\d{1,3}){3}$/.test(h) ||
    /^::ffff:127(\.\d{1,3}){3}$/.test(h)
  )
}

/**
 * The admin token the CLI runs with: the one given (`--admin-token` or `FINTWIN_ADMIN_TOKEN`); otherwise none on loopback
 * (a developer's own machine), and a fresh random one whenever the server binds beyond it —
 * the admin API resets state and reads every OTP, so it is never open to the network by
 * default. `generated` tells the caller to print it.
 */
export function resolveAdminToken(
  host: string,
  explicit: string | undefined,
  generate: () => string = () => randomBytes(18).toString('base64url'),
): { token: string | undefined; generated: boolean } {
  if (explicit !== undefined && explicit !== '') return { token: explicit, generated: false }
  if (isLoopbackHost(host)) return { token: undefined, generated: false }
  return { token: generate(), generated: true }
}
