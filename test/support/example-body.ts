import { toFormBody } from '../../contracts/request-media-types.js'

/** A parsed multipart file as the contracts describe one (what an example holds in its place). */
interface FileDescriptor {
  filename: string
  content_type: string
  size: number
}

function isFileDescriptor(value: unknown): value is FileDescriptor {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as FileDescriptor).filename === 'string' &&
    typeof (value as FileDescriptor).size === 'number'
  )
}

/** `size` bytes that start the way a file of `type` does (JPEG SOI, `%PDF-`), so sniffing passes. */
function fileBytes({ content_type, size }: FileDescriptor): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size)
  const head = content_type.includes('pdf')
    ? [...'%PDF-1.4'].map((c) => c.charCodeAt(0))
    : [0xff, 0xd8, 0xff]
  bytes.set(head.slice(0, size))
  return bytes
}

/**
 * A contract example body encoded as `type`: JSON, form-urlencoded, or a real multipart upload
 * (text fields as parts, each file descriptor `{filename, content_type, size}` as a file of that
 * size and type). A multipart body is a `FormData`: fetch sets the boundary.
 */
export function encodeExampleBody(type: string, value: Record<string, unknown>): string | FormData {
  if (type === 'application/json') return JSON.stringify(value)
  if (!type.startsWith('multipart/')) return toFormBody(value)
  const form = new FormData()
  for (const [name, field] of Object.entries(value)) {
    if (isFileDescriptor(field))
      form.append(name, new Blob([fileBytes(field)], { type: field.content_type }), field.filename)
    else form.append(name, typeof field === 'string' ? field : JSON.stringify(field))
  }
  return form
}
