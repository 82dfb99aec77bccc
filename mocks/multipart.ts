/**
 * `multipart/form-data` (RFC 7578) read into the plain record the contracts validate: a text part
 * becomes its UTF-8 string; a file part becomes `{ filename, content_type, size }` — what the
 * providers' rules are about (Eko's AePS activation takes JPEG/JPG/PDF documents under 1 MB) —
 * and its bytes are not kept. The doors hand the body over as a binary string (one char per
 * byte, see {@link binaryString}), so boundaries are found with string search and file sizes are
 * exact. Isomorphic (no Node APIs): both doors and a browser worker read uploads the same way.
 */

/** A file part as the contracts see it. */
export interface UploadedFile {
  filename: string
  /** Lower-cased media type of the part; `application/octet-stream` when the part names none. */
  content_type: string
  /** Bytes. */
  size: number
}

/** What {@link parseMultipart} returns. */
export type MultipartResult =
  | { ok: true; body: Record<string, string | UploadedFile> }
  | { ok: false; error: 'malformed' }

/** More parts than any provider form has is a malformed body, not a reason to keep reading. */
export const MAX_MULTIPART_PARTS = 64

const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])

/** The boundary parameter of a multipart content type, quoted or not; undefined when absent. */
export function multipartBoundary(contentType: string): string | undefined {
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType)
  return match?.[1] ?? match?.[2]
}

/** Bytes as a string of one char per byte: boundaries and headers are ASCII, sizes stay exact. */
export function binaryString(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 0x8000)
    out += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return out
}

function headerParam(value: string, name: string): string | undefined {
  const match = new RegExp(`;\\s*${name}="([^"]*)"|;\\s*${name}=([^;\\s]*)`, 'i').exec(value)
  return match?.[1] ?? match?.[2]
}

/**
 * Reads a multipart body. Malformed when the boundary is missing, the closing delimiter never
 * comes, a part has no `name`, or there are more than {@link MAX_MULTIPART_PARTS} parts. A
 * repeated name keeps the last part; `__proto__`-style names are dropped.
 */
export function parseMultipart(contentType: string, text: string): MultipartResult {
  const malformed: MultipartResult = { ok: false, error: 'malformed' }
  const boundary = multipartBoundary(contentType)
  if (boundary === undefined) return malformed
  const delimiter = `--${boundary}`
  let at = text.indexOf(delimiter)
  if (at === -1) return malformed
  const body: Record<string, string | UploadedFile> = Object.create(null) as Record<
    string,
    string | UploadedFile
  >
  for (let parts = 0; ; parts++) {
    at += delimiter.length
    if (text.startsWith('--', at)) return { ok: true, body: { ...body } }
    if (parts >= MAX_MULTIPART_PARTS || !text.startsWith('\r\n', at)) return malformed
    const headersEnd = text.indexOf('\r\n\r\n', at + 2)
    if (headersEnd === -1) return malformed
    const next = text.indexOf(`\r\n${delimiter}`, headersEnd + 4)
    if (next === -1) return malformed
    const headers = new Map<string, string>()
    for (const line of text.slice(at + 2, headersEnd).split('\r\n')) {
      const colon = line.indexOf(':')
      if (colon > 0)
        headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim())
    }
    const disposition = headers.get('content-disposition') ?? ''
    const name = headerParam(disposition, 'name')
    if (!/^form-data\b/i.test(disposition) || name === undefined || name === '') return malformed
    const start = headersEnd + 4
    const filename = headerParam(disposition, 'filename')
    if (!PROTOTYPE_KEYS.has(name)) {
      body[name] =
        filename === undefined
          ? utf8Of(text.slice(start, next))
          : {
              filename: utf8Of(filename),
              content_type: (headers.get('content-type') ?? 'application/octet-stream')
                .split(';')[0]!
                .trim()
                .toLowerCase(),
              size: next - start,
            }
    }
    at = next + 2
  }
}

/** A binary string read back to the UTF-8 text the client wrote. */
function utf8Of(value: string): string {
  return new TextDecoder().decode(Uint8Array.from(value, (c) => c.charCodeAt(0)))
}
