import { constants, createPublicKey, publicEncrypt, type KeyObject } from 'node:crypto'

/**
 * Parses the RSA public key Eko's `aadhar` field is encrypted with (developers.eko.in/reference/aeps-api, Aadhaar encryption): a PEM (SPKI
 * "BEGIN PUBLIC KEY" or PKCS#1 "BEGIN RSA PUBLIC KEY"), or the bare base64 body Eko's docs
 * print. Done once per client, so a bad key fails at construction, not on the first call.
 */
export function parseAadhaarPublicKey(key: string | KeyObject): KeyObject {
  if (typeof key !== 'string') {
    if (key.type !== 'public' || key.asymmetricKeyType !== 'rsa')
      throw new TypeError('aadhaarPublicKey must be an RSA public key')
    return key
  }
  const pem = key.includes('-----BEGIN')
    ? key
    : `-----BEGIN PUBLIC KEY-----\n${key.replace(/\s+/g, '').replace(/(.{64})/g, '$1\n')}\n-----END PUBLIC KEY-----\n`
  let parsed: KeyObject
  try {
    parsed = createPublicKey(pem)
  } catch (error) {
    throw new TypeError(
      `aadhaarPublicKey is not a valid RSA public key (PEM or base64 SPKI): ${(error as Error).message}`,
    )
  }
  if (parsed.asymmetricKeyType !== 'rsa')
    throw new TypeError(`aadhaarPublicKey must be an RSA key, got ${parsed.asymmetricKeyType}`)
  return parsed
}

/**
 * Encrypts an Aadhaar number the way Eko expects: RSA PKCS#1 v1.5 with Eko's public key, then
 * standard base64 (Java's `Cipher.getInstance("RSA")`). Node 20 still allows PKCS#1 v1.5 for
 * public-key *encryption* (only private decryption is refused, CVE-2023-46809). The output is
 * randomised: two calls give different ciphertexts for the same number.
 */
export function encryptAadhaar(aadhaar: string, publicKey: KeyObject): string {
  if (typeof aadhaar !== 'string' || aadhaar.length === 0)
    throw new TypeError('aadhaar must be a non-empty string')
  return publicEncrypt(
    { key: publicKey, padding: constants.RSA_PKCS1_PADDING },
    Buffer.from(aadhaar, 'utf8'),
  ).toString('base64')
}
