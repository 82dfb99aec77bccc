import { createHash } from 'node:crypto'

/**
 * UIDAI's offline e-KYC hash computed independently of the simulator (node:crypto, not Web
 * Crypto): SHA-256 of value + share code, hashed again until the Aadhaar number's last digit
 * (at least once) rounds are done, each round over the previous hex digest.
 */
export function okycHashReference(value: string, shareCode: string, aadhaar: string): string {
  const rounds = Math.max(1, Number(aadhaar.slice(-1)))
  let hex = createHash('sha256')
    .update(value + shareCode)
    .digest('hex')
  for (let i = 1; i < rounds; i++) hex = createHash('sha256').update(hex).digest('hex')
  return hex
}
