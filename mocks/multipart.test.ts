import { describe, expect, it } from 'vitest'
import {
  MAX_MULTIPART_PARTS,
  binaryString,
  multipartBoundary,
  parseMultipart,
} from './multipart.js'

const encoder = { encode: (text: string) => binaryString(new TextEncoder().encode(text)) }

/** A multipart body built by the platform's own FormData encoder (what real clients send). */
async function encode(form: FormData): Promise<{ contentType: string; bytes: string }> {
  const request = new Request('http://x/', { method: 'PUT', body: form })
  return {
    contentType: request.headers.get('content-type') ?? '',
    bytes: binaryString(new Uint8Array(await request.arrayBuffer())),
  }
}

describe('parseMultipart', () => {
  it('reads text parts as UTF-8 and file parts as name, type and exact byte size', async () => {
    const form = new FormData()
    form.append('form-data', JSON.stringify({ city: 'Bengaluru ₹' }))
    const jpeg = new Uint8Array(3000).map((_, i) => (i * 37) % 256) // every byte value, CR/LF too
    form.append('pan_card', new Blob([jpeg], { type: 'image/jpeg' }), 'pan.jpg')
    form.append('aadhar_front', new Blob(['%PDF-1.4'], { type: 'Application/PDF' }), 'आधार.pdf')
    const { contentType, bytes } = await encode(form)
    const result = parseMultipart(contentType, bytes)
    expect(result).toEqual({
      ok: true,
      body: {
        'form-data': '{"city":"Bengaluru ₹"}',
        pan_card: { filename: 'pan.jpg', content_type: 'image/jpeg', size: 3000 },
        aadhar_front: { filename: 'आधार.pdf', content_type: 'application/pdf', size: 8 },
      },
    })
  })

  it('finds the boundary quoted or bare, and refuses a body without one', () => {
    expect(multipartBoundary('multipart/form-data; boundary=abc')).toBe('abc')
    expect(multipartBoundary('multipart/form-data; charset=utf-8; boundary="a b"')).toBe('a b')
    expect(parseMultipart('multipart/form-data', encoder.encode('--x\r\n'))).toEqual({
      ok: false,
      error: 'malformed',
    })
  })

  it('refuses truncated bodies, nameless parts and too many parts; drops prototype keys', () => {
    const ct = 'multipart/form-data; boundary=b'
    const part = (name: string) =>
      `--b\r\nContent-Disposition: form-data; name="${name}"\r\n\r\nv\r\n`
    expect(parseMultipart(ct, encoder.encode(`${part('a')}--b--\r\n`))).toEqual({
      ok: true,
      body: { a: 'v' },
    })
    expect(parseMultipart(ct, encoder.encode(part('a'))).ok).toBe(false)
    expect(
      parseMultipart(ct, encoder.encode('--b\r\nContent-Disposition: form-data\r\n\r\nv\r\n--b--'))
        .ok,
    ).toBe(false)
    const many = `${Array.from({ length: MAX_MULTIPART_PARTS + 1 }, (_, i) => part(`p${i}`)).join('')}--b--`
    expect(parseMultipart(ct, encoder.encode(many)).ok).toBe(false)
    const polluted = parseMultipart(ct, encoder.encode(`${part('__proto__')}${part('ok')}--b--`))
    expect(polluted).toEqual({ ok: true, body: { ok: 'v' } })
    expect(Object.getPrototypeOf(polluted.ok && polluted.body)).toBe(Object.prototype)
  })
})
