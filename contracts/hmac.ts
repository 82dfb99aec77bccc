/**
 * HMAC-SHA256 with Web Crypto, isomorphic (Node and browsers): the one implementation behind
 * Eko's request signature and the simulator's Surepass tokens.
 */

const encoder = new TextEncoder()

/** Upper bound on cached keys: enough for every realistic tenant, bounded against abuse. */
const KEY_CACHE_LIMIT = 64
/**
 * Imported keys by key text. Importing costs more than the HMAC itself and the same few keys sign
 * every request; promises are cached so concurrent first calls share one import, and a failed
 * import is forgotten. The oldest key goes first when the cache is full.
 */
const importedKeys = new Map<string, Promise<CryptoKey>>()

function importedKey(keyText: string): Promise<CryptoKey> {
  const cached = importedKeys.get(keyText)
  if (cached) return cached
  if (importedKeys.size >= KEY_CACHE_LIMIT)
    importedKeys.delete(importedKeys.keys().next().value as string)
  const pending = globalThis.crypto.subtle.importKey(
    'raw',
    encoder.encode(keyText),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  importedKeys.set(keyText, pending)
  pending.catch(() => {
    if (importedKeys.get(keyText) === pending) importedKeys.delete(keyText)
  })
  return pending
}

/** `HMAC-SHA256(key, message)`, key and message as UTF-8 text. Throws on an empty key (Web Crypto refuses it). */
export async function hmacSha256(keyText: string, message: string): Promise<Uint8Array> {
  const key = await importedKey(keyText)
  return new Uint8Array(await globalThis.crypto.subtle.sign('HMAC', key, encoder.encode(message)))
}

/** Binary-safe base64 of bytes via `btoa` (no Buffer: this module is isomorphic). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/** `base64(HMAC-SHA256(keyText, message))` with Web Crypto. */
export async function webCryptoHmacSha256Base64(keyText: string, message: string): Promise<string> {
  return bytesToBase64(await hmacSha256(keyText, message))
}
