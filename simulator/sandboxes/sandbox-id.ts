/** The id of the sandbox a server starts with: today's behaviour, no prefix, no header. */
export const DEFAULT_SANDBOX_ID = 'default'

/** `sbx_` and 22 base64url characters: 16 bytes, 128 bits from the platform's CSPRNG. */
export const SANDBOX_ID_PATTERN = /^sbx_[A-Za-z0-9_-]{22}$/

/**
 * A fresh sandbox id. The id in a base URL is what lets a client into a sandbox, so it is
 * unguessable: 128 bits from `crypto.getRandomValues` (Web Crypto, so this runs in a browser
 * too), never the seeded stream the simulator's own ids come from.
 */
export function newSandboxId(): string {
  const bytes = new Uint8Array(16)
  globalThis.crypto.getRandomValues(bytes)
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return `sbx_${btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`
}
