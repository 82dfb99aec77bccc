/**
 * RSA PKCS#1 v1.5 for the Eko Aadhaar field, with node-forge.
 *
 * Why forge and not the platform: Node 20 refuses PKCS#1 v1.5 *private decryption*
 * (CVE-2023-46809 hardening) and Web Crypto has no PKCS#1 v1.5 encryption at all, while the
 * simulator must decrypt in Node and in a browser alike. forge is pure JS, so it works in both.
 */
import forge from 'node-forge'
import { AADHAAR_PRIVATE_KEY_PEM, AADHAAR_PUBLIC_KEY_PEM } from './aadhaar-key.js'

/** Why an Aadhaar ciphertext was refused, from the most to the least obvious client mistake. */
export type AadhaarDecryptFailure =
  | 'not_base64'
  | 'wrong_length'
  | 'decrypt_failed'
  | 'not_12_digits'

/** Outcome of {@link decryptAadhaar}: the plain 12-digit number, or why there is none. */
export type AadhaarDecryptResult =
  | { ok: true; aadhaar: string }
  | { ok: false; reason: AadhaarDecryptFailure }

/** Standard base64 alphabet with optional padding; URL-safe base64 is not what Eko documents. */
const BASE64_PATTERN = /^[A-Za-z0-9+/]*={0,2}$/
/** Line breaks and spaces that MIME-style encoders (Java `getMimeEncoder`, Android `Base64.DEFAULT`) insert. */
const BASE64_WHITESPACE = /[\t\n\r ]+/g
const AADHAAR_PATTERN = /^[0-9]{12}$/

let privateKey: forge.pki.rsa.PrivateKey | undefined
let privateKeyBytes = 0
let defaultPublicKey: forge.pki.rsa.PublicKey | undefined

/** Parsing the PEM costs far more than a check; do it on first use, once. */
function simulatorPrivateKey(): forge.pki.rsa.PrivateKey {
  if (!privateKey) {
    privateKey = forge.pki.privateKeyFromPem(AADHAAR_PRIVATE_KEY_PEM) as forge.pki.rsa.PrivateKey
    privateKeyBytes = Math.ceil(privateKey.n.bitLength() / 8)
  }
  return privateKey
}

function publicKeyFor(publicKeyPem: string | undefined): forge.pki.rsa.PublicKey {
  if (publicKeyPem !== undefined && publicKeyPem !== AADHAAR_PUBLIC_KEY_PEM) {
    return forge.pki.publicKeyFromPem(publicKeyPem) as forge.pki.rsa.PublicKey
  }
  defaultPublicKey ??= forge.pki.publicKeyFromPem(AADHAAR_PUBLIC_KEY_PEM) as forge.pki.rsa.PublicKey
  return defaultPublicKey
}

/**
 * The private-key operation: one RSA PKCS#1 v1.5 block (a binary string) under the simulator's
 * key → the plaintext (a binary string); throws when the block does not decrypt. A port so the
 * Node server can plug in native RSA (see `mocks/server/node-platform.ts`) while browsers and
 * the in-process door keep pure-JS forge.
 */
export type RsaPkcs1Decrypt = (ciphertext: string) => string

/** The isomorphic default: node-forge (Node 20 refuses PKCS#1 v1.5 private decryption). */
export const forgeRsaPkcs1Decrypt: RsaPkcs1Decrypt = (ciphertext) =>
  simulatorPrivateKey().decrypt(ciphertext, 'RSAES-PKCS1-V1_5')

/**
 * Decrypts an Eko `aadhar`/`aadhaar` field sent to the simulator: base64 of the RSA PKCS#1 v1.5
 * encryption of the 12-digit number under {@link AADHAAR_PUBLIC_KEY_PEM}. Each failure reason
 * names the client's mistake: `not_base64` (sent something else, e.g. with URL-safe chars),
 * `wrong_length` (not one RSA block, e.g. the plain number, which happens to be valid base64),
 * `decrypt_failed` (encrypted under another key, e.g. Eko's real one, or with OAEP),
 * `not_12_digits` (encrypted the wrong thing). Whitespace inside the base64 is ignored because
 * common Java/Android encoders wrap lines. Synchronous and CPU-bound: about 5 ms per decrypt in
 * Node 20 (pure-JS big integers), plus about 35 ms once to parse the key; fine for eKYC calls,
 * so keep it off hot paths that do not carry an Aadhaar.
 */
export function decryptAadhaar(
  ciphertextBase64: string,
  rsaDecrypt: RsaPkcs1Decrypt = forgeRsaPkcs1Decrypt,
): AadhaarDecryptResult {
  if (typeof ciphertextBase64 !== 'string') return { ok: false, reason: 'not_base64' }
  const compact = ciphertextBase64.replace(BASE64_WHITESPACE, '')
  if (compact.length === 0 || compact.length % 4 !== 0 || !BASE64_PATTERN.test(compact)) {
    return { ok: false, reason: 'not_base64' }
  }
  simulatorPrivateKey()
  const ciphertext = atob(compact)
  if (ciphertext.length !== privateKeyBytes) return { ok: false, reason: 'wrong_length' }

  let plaintext: string
  try {
    plaintext = rsaDecrypt(ciphertext)
  } catch {
    return { ok: false, reason: 'decrypt_failed' }
  }
  if (!AADHAAR_PATTERN.test(plaintext)) return { ok: false, reason: 'not_12_digits' }
  return { ok: true, aadhaar: plaintext }
}

/**
 * Encrypts an Aadhaar number the way an Eko client must (RSA PKCS#1 v1.5, base64), for tests,
 * presets and docs that run where `node:crypto` is not available. Defaults to the simulator's
 * key; pass another SPKI PEM to produce ciphertexts the simulator must refuse. The text is
 * encrypted as-is (UTF-8 of ASCII digits), so callers can also encrypt deliberately bad values.
 * Output differs on each call (random padding), like real clients' output.
 */
export function encryptAadhaarForTest(aadhaar: string, publicKeyPem?: string): string {
  const key = publicKeyFor(publicKeyPem)
  return forge.util.encode64(key.encrypt(forge.util.encodeUtf8(aadhaar), 'RSAES-PKCS1-V1_5'))
}
