/**
 * The Eko `piddata` field: the UIDAI PID XML an RD (Registered Device) service returns after a
 * fingerprint capture, passed through verbatim by the client (github.com/ekoindia/eps-platform src/lib/data/api-specs.ts, Biometric eKYC; github.com/ekoindia/eps-platform src/lib/data/api-specs.ts, Daily KYC).
 *
 * The simulator cannot check biometrics (the block is encrypted for UIDAI), so it only needs
 * what decides an outcome: did the RD service report success (`Resp@errCode`), and is there a
 * captured block (`Data`). Parsing is by hand with linear scans, because `DOMParser` does not
 * exist in Node, an XML library would be a dependency for five attributes, and a regex over
 * the whole document invites catastrophic backtracking on hostile input.
 */

/** Why a `piddata` value is not usable PID XML. */
export type PidDataFailure = 'not_pid_xml' | 'missing_resp' | 'missing_data'

/** What the simulator reads from PID XML, or why it could not. */
export type PidDataResult =
  | {
      ok: true
      /** RD service status: `"0"` is a successful capture, anything else an RD error (e.g. `"730"`). */
      errCode: string
      /** RD service message, `""` when absent. */
      errInfo: string
      /** Finger data format (`Resp@fType`); Eko asks for `"2"`. */
      fType?: string
      /** Encoding of the PID block (`Data@type`); Eko asks for `"X"` (XML). */
      dataType?: string
      /** Device certificate (`DeviceInfo@mc`), base64 DER; present on real captures. */
      deviceMc?: string
    }
  | { ok: false; reason: PidDataFailure }

/** Largest `piddata` accepted; a one-finger capture is 3–5 KiB, so this is generous and bounds work. */
export const PID_XML_MAX_BYTES = 64 * 1024

interface StartTag {
  /** Index of the `<`. */
  start: number
  /** Index just past the `>`. */
  end: number
  selfClosing: boolean
  attributes: Map<string, string>
}

const ENTITY_PATTERN = /&(?:#x([0-9A-Fa-f]{1,6})|#([0-9]{1,7})|(amp|lt|gt|quot|apos));/g
const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

function decodeEntities(value: string): string {
  if (!value.includes('&')) return value
  return value.replace(ENTITY_PATTERN, (match, hex?: string, decimal?: string, name?: string) => {
    if (name) return NAMED_ENTITIES[name] ?? match
    const codePoint = hex ? Number.parseInt(hex, 16) : Number(decimal)
    return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : match
  })
}

function isWhitespace(char: string | undefined): boolean {
  return char === ' ' || char === '\t' || char === '\n' || char === '\r'
}

function isNameEnd(char: string | undefined): boolean {
  return char === '>' || char === '/' || isWhitespace(char)
}

/**
 * `name="value"` / `name='value'` pairs of a start tag's inside, first occurrence wins.
 * A hand-written scan rather than a global regex: every step moves forward, so hostile input
 * (say, 60 KiB of name characters and no `=`) costs linear time, not quadratic.
 */
function parseAttributes(text: string): Map<string, string> {
  const attributes = new Map<string, string>()
  let i = 0
  while (i < text.length) {
    while (i < text.length && (isWhitespace(text[i]) || text[i] === '/')) i++
    const nameStart = i
    while (i < text.length && !isWhitespace(text[i]) && text[i] !== '=' && text[i] !== '/') i++
    const name = text.slice(nameStart, i)
    while (i < text.length && isWhitespace(text[i])) i++
    if (text[i] !== '=') {
      if (i === nameStart) i++ // a stray character: step over it
      continue
    }
    i++
    while (i < text.length && isWhitespace(text[i])) i++
    const quote = text[i]
    if (quote !== '"' && quote !== "'") continue // unquoted value: not XML, ignore it
    const close = text.indexOf(quote, i + 1)
    if (close === -1) break
    if (name && !attributes.has(name))
      attributes.set(name, decodeEntities(text.slice(i + 1, close)))
    i = close + 1
  }
  return attributes
}

/**
 * First start tag named exactly `name` at or after `from` (`<Data` does not match `<DataX`).
 * Scans to the closing `>` outside quotes, so a `>` inside an attribute value is harmless; a
 * tag cut short by another `<` is skipped.
 */
function findStartTag(xml: string, name: string, from = 0): StartTag | undefined {
  const opener = `<${name}`
  for (let at = xml.indexOf(opener, from); at !== -1; at = xml.indexOf(opener, at + 1)) {
    const afterName = at + opener.length
    if (!isNameEnd(xml[afterName])) continue
    let quote = ''
    for (let i = afterName; i < xml.length; i++) {
      const char = xml[i]
      if (quote) {
        if (char === quote) quote = ''
      } else if (char === '"' || char === "'") {
        quote = char
      } else if (char === '<') {
        break // `<` cannot occur inside a tag: this one is unterminated, look for the next
      } else if (char === '>') {
        const inner = xml.slice(afterName, i)
        const selfClosing = inner.trimEnd().endsWith('/')
        return {
          start: at,
          end: i + 1,
          selfClosing,
          attributes: parseAttributes(selfClosing ? inner.trimEnd().slice(0, -1) : inner),
        }
      }
    }
  }
  return undefined
}

function utf8ByteLength(text: string): number {
  // Cheap bounds first: each UTF-16 unit is 1 to 3 UTF-8 bytes.
  if (text.length > PID_XML_MAX_BYTES || text.length * 3 <= PID_XML_MAX_BYTES) return text.length
  return new TextEncoder().encode(text).length
}

/** Skips a BOM, an `<?xml …?>` prolog, comments and whitespace before the root; -1 if malformed. */
function rootStart(xml: string): number {
  let at = xml.charCodeAt(0) === 0xfeff ? 1 : 0
  for (;;) {
    while (at < xml.length && isWhitespace(xml[at])) at++
    if (xml.startsWith('<?', at)) {
      const close = xml.indexOf('?>', at + 2)
      if (close === -1) return -1
      at = close + 2
    } else if (xml.startsWith('<!--', at)) {
      const close = xml.indexOf('-->', at + 4)
      if (close === -1) return -1
      at = close + 3
    } else {
      return at
    }
  }
}

/**
 * Reads the parts of an RD service's PID XML the simulator acts on. Tolerant of what RD
 * services and client apps really send (prolog, whitespace, attribute order, single quotes,
 * self-closing or empty elements, `DeviceInfo` children) but strict about the shape:
 * - `not_pid_xml`: not a string, larger than {@link PID_XML_MAX_BYTES}, or not a `<PidData>`
 *   root element closed by `</PidData>` (e.g. a JSON blob, base64, or a truncated string);
 * - `missing_resp`: no `<Resp>` with an `errCode`, so the capture outcome is unknown;
 * - `missing_data`: `errCode` is `"0"` but there is no non-empty `<Data>` block. An RD error
 *   (`errCode` ≠ `"0"`) is returned as `ok: true` even without `Data`, because real RD
 *   services send empty `Skey`/`Hmac`/`Data` on failed captures and the simulator must answer
 *   those like Eko (a biometric failure), not like a malformed request.
 */
export function parsePidData(xml: string): PidDataResult {
  if (typeof xml !== 'string' || utf8ByteLength(xml) > PID_XML_MAX_BYTES)
    return { ok: false, reason: 'not_pid_xml' }

  const start = rootStart(xml)
  const root = start === -1 ? undefined : findStartTag(xml, 'PidData', start)
  if (!root || root.start !== start || root.selfClosing || !xml.trimEnd().endsWith('</PidData>')) {
    return { ok: false, reason: 'not_pid_xml' }
  }

  const resp = findStartTag(xml, 'Resp', root.end)
  const errCode = resp?.attributes.get('errCode')
  if (!resp || errCode === undefined) return { ok: false, reason: 'missing_resp' }

  const data = findStartTag(xml, 'Data', root.end)
  let dataContent = ''
  if (data && !data.selfClosing) {
    const close = xml.indexOf('</Data>', data.end)
    if (close !== -1) dataContent = xml.slice(data.end, close).trim()
  }
  if (errCode === '0' && dataContent === '') return { ok: false, reason: 'missing_data' }

  const result: PidDataResult = { ok: true, errCode, errInfo: resp.attributes.get('errInfo') ?? '' }
  const fType = resp.attributes.get('fType')
  if (fType !== undefined) result.fType = fType
  const dataType = data?.attributes.get('type')
  if (dataType !== undefined) result.dataType = dataType
  const deviceMc = findStartTag(xml, 'DeviceInfo', root.end)?.attributes.get('mc')
  if (deviceMc) result.deviceMc = deviceMc
  return result
}

/**
 * RD service error messages by `errCode`, as RD services (UIDAI RD spec) report them [INF: from
 * RD vendor docs, not verified against a device]. Used when a caller gives only a code.
 */
const RD_ERROR_INFO: Record<string, string> = {
  '0': 'Success',
  '700': 'Capture timed out',
  '710': 'Being used by another application',
  '720': 'Device not ready',
  '730': 'Capture Failed',
  '740': 'Device needs to be re-initialized',
}

/** Options for {@link buildPidXml}. */
export interface BuildPidXmlOptions {
  /** RD status; `"0"` (default) builds a full capture, anything else an RD error PID. */
  errCode?: string
  /** RD message; defaults to the usual message for `errCode`, else `"Error"`. */
  errInfo?: string
}

/** Deterministic filler bytes (xorshift32) so samples are stable byte for byte. */
function fillerBase64(seed: number, length: number, prefix: number[] = []): string {
  let state = seed >>> 0 || 1
  let binary = String.fromCharCode(...prefix)
  for (let i = prefix.length; i < length; i++) {
    state ^= state << 13
    state >>>= 0
    state ^= state >>> 17
    state ^= state << 5
    state >>>= 0
    binary += String.fromCharCode(state & 0xff)
  }
  return btoa(binary)
}

function escapeAttribute(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

/** A DER certificate starts `30 82 len len`: base64 "MIIE…", like a real `mc`. */
const DEVICE_CERT_BASE64 = fillerBase64(0x6d63, 1180, [0x30, 0x82, 0x04, 0x98])
const DEVICE_INFO =
  `<DeviceInfo dpId="MANTRA.MSIPL" rdsId="MANTRA.WIN.001" rdsVer="1.0.8" mi="MFS100" ` +
  `mc="${DEVICE_CERT_BASE64}" dc="7d3b6c2e-4a61-4f0e-9b8a-2c5d1e0f3a47">` +
  `<additional_info><Param name="srno" value="2145983"/><Param name="sysid" value="B6E1F0C2A9D84E37"/>` +
  `<Param name="ts" value="2025-09-29T10:15:30+05:30"/></additional_info></DeviceInfo>`

/**
 * Builds realistic PID XML (Mantra MFS100 shaped) for tests, presets, docs and the SDK's tests,
 * so nobody needs an RD service or hand-edited XML to drive the biometric endpoints. Output is
 * deterministic. With `errCode` ≠ `"0"` it builds what RD services send on a failed capture:
 * zero counts and empty `Skey`/`Hmac`/`Data`. The encrypted blocks are filler of realistic size
 * (256-byte session key, 48-byte HMAC, 600-byte PID block): nobody can or should decrypt them.
 */
export function buildPidXml(options: BuildPidXmlOptions = {}): string {
  const errCode = options.errCode ?? '0'
  const errInfo = options.errInfo ?? RD_ERROR_INFO[errCode] ?? 'Error'
  const ok = errCode === '0'
  const resp =
    `<Resp errCode="${escapeAttribute(errCode)}" errInfo="${escapeAttribute(errInfo)}" ` +
    `fCount="${ok ? 1 : 0}" fType="2" nmPoints="${ok ? 30 : 0}" qScore="${ok ? 70 : 0}"/>`
  const payload = ok
    ? `<Skey ci="20250929">${fillerBase64(0x736b, 256)}</Skey>` +
      `<Hmac>${fillerBase64(0x686d, 48)}</Hmac>` +
      `<Data type="X">${fillerBase64(0x6461, 600)}</Data>`
    : `<Skey ci=""/><Hmac/><Data type="X"/>`
  return `<?xml version="1.0"?>\n<PidData>${resp}${DEVICE_INFO}${payload}</PidData>`
}

/** A successful one-finger capture (`errCode` `"0"`): the `piddata` for happy paths. */
export const SAMPLE_PID_XML_OK: string = buildPidXml()

/** A failed capture as an RD service reports it (`errCode` `"730"`, "Capture Failed"), with no PID block. */
export const SAMPLE_PID_XML_BAD_FINGER: string = buildPidXml({ errCode: '730' })
