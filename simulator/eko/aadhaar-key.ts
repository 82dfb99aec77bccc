/**
 * The simulator's own RSA-1024 key pair for the Eko `aadhar` / `aadhaar` field.
 *
 * Why it exists: Eko asks clients to RSA-encrypt the agent's Aadhaar number (PKCS#1 v1.5,
 * base64) with Eko's public key, and nobody but Eko holds the matching private key. To check
 * that a client really encrypts (and encrypts the right number), the simulator publishes its own
 * key pair; clients point their encryption at {@link AADHAAR_PUBLIC_KEY_PEM} (served as
 * `eko.aadhaar_public_key_pem` by `GET /__sim/fixtures`) and the simulator decrypts.
 *
 * Why 1024 bits: both keys Eko circulates are 1024-bit, so ciphertexts are 128 bytes, i.e.
 * 172 base64 characters, exactly like production traffic.
 *
 * Why fixed (not generated per run): fixtures, docs and recorded requests stay valid whatever
 * the seed or machine.
 *
 * TEST-ONLY KEY, PUBLISHED ON PURPOSE. It protects nothing: never use it for real data.
 * Generated once with `openssl genrsa 1024` (PKCS#8) and `openssl rsa -pubout` (SPKI).
 */

/** SPKI ("BEGIN PUBLIC KEY") PEM of the simulator's test-only Aadhaar key; give it to clients. */
export const AADHAAR_PUBLIC_KEY_PEM = `-----BEGIN PUBLIC KEY-----
MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC+gerziTHzBcua8pSXBH3k+kZa
v227pU4QFgtn/k1lc16lFIbOukYS7q6ZMBYUyPCWj4L/Q3G8RH0RH5C55m0FyLm2
fLsDiDuD9oklspMmsOjwZe39hRQ0Xf9I4wpjJsaGw4ewZjZ7iLcV79Cw7YUkptVt
eOXCMNyDjx+RRGtgrQIDAQAB
-----END PUBLIC KEY-----
`

/**
 * PKCS#8 ("BEGIN PRIVATE KEY") PEM of the simulator's test-only Aadhaar key.
 * Published on purpose so any tool can decrypt what a client sent; it guards no secret.
 */
export const AADHAAR_PRIVATE_KEY_PEM = `-----BEGIN PRIVATE KEY-----
MIICdwIBADANBgkqhkiG9w0BAQEFAASCAmEwggJdAgEAAoGBAL6B6vOJMfMFy5ry
lJcEfeT6Rlq/bbulThAWC2f+TWVzXqUUhs66RhLurpkwFhTI8JaPgv9DcbxEfREf
kLnmbQXIubZ8uwOIO4P2iSWykyaw6PBl7f2FFDRd/0jjCmMmxobDh7BmNnuItxXv
0LDthSSm1W145cIw3IOPH5FEa2CtAgMBAAECgYEAq5tmJKiSSQMQbGxV80+FhGz6
USadV2nJzu28qpnF6DwrpnK+GJxtIQLGXpGVYnW7WzS9YOnFGz1ql7EicoMh8oHe
bliFk3yc8umwEgkuYuA+cBzUgTo7JUCSlvDLE0AeMqUSOLAvC05wU7ioAx3Nfr5K
buog9R4Y5ztvWEl0gaECQQD6e6p7iWiLttDCT3aZxTPNzuzbZCj6muu8E87/0mir
jlG0XWUzsou4XOpM8l9YVbTKljn5c5+EL6Z8Vx/JDOc1AkEAwrQVQ1rPWQVR7Cvu
GXmMiVLT88WQZTa1hEOIjBz1RKO5ql7JewM9GGUE+0Ru95JLy5t4bU6kD0xTMP8g
avyqmQJACxR7Vxmd8Ug19dJ0CZtKjlkP6yiEE4nU0a4CoxhYnvYdsR/MgTvtqEsb
5il2hD7OT4PTrrAppzxAXhGwi0Ex3QJAXPWR+ViQCtapaHMI+Qy5do8fNxIqgMiA
HagIt6zTxXPOH3OmCp9fOhhxKm5f9L/ahFm0Q6v6VHuCdLA6kBoWcQJBAPlOHZim
nXZC2RFsasgNKQs4nGfAHUBTsZPr7FEBjN0+HyFKvOEm9PkZFRWEkeFTM60Wa4AR
ih6RHmLdIuu0Cio=
-----END PRIVATE KEY-----
`
