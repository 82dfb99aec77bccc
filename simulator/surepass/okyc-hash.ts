/**
 * The hashes an Aadhaar offline e-KYC record carries instead of the holder's mobile and e-mail.
 *
 * UIDAI's paperless offline e-KYC (the scheme behind Surepass's aadhaar-v2 record) hides the
 * mobile and e-mail behind SHA-256 digests salted with the share code, so a verifier who is
 * told the mobile can check it without the record revealing it: SHA-256 of the value followed
 * by the share code, hashed over again until it has been hashed N times, N the Aadhaar number's
 * last digit (once when that digit is 0 or 1), each round over the previous round's hex digest.
 * Surepass sources show only the 64-hex result (`mobile_hash`, `email_hash`: "" when there is no
 * e-mail), so the rule itself is tagged INF in the contract.
 *
 * Web Crypto only: the simulator runs in browsers too.
 */

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  let hex = ''
  for (const byte of new Uint8Array(digest)) hex += HEX[byte]
  return hex
}

/** How many rounds the hash takes for an Aadhaar number: its last digit, at least 1. */
export function okycHashRounds(aadhaarNumber: string): number {
  const last = Number(aadhaarNumber.slice(-1))
  return Number.isInteger(last) && last > 1 ? last : 1
}

/** The salted, repeated SHA-256 of `value` (a mobile or an e-mail), as lower-case hex. */
export async function okycHash(
  value: string,
  shareCode: string,
  aadhaarNumber: string,
): Promise<string> {
  let hex = await sha256Hex(value + shareCode)
  for (let round = 1; round < okycHashRounds(aadhaarNumber); round++) hex = await sha256Hex(hex)
  return hex
}

/** A stable 64-hex id of an Aadhaar holder (the record's `uniqueness_id`; derivation INF). */
export function okycUniquenessId(aadhaarNumber: string): Promise<string> {
  return sha256Hex(`fintwin-uniqueness:${aadhaarNumber}`)
}
