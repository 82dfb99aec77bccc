import { describe, expect, it } from 'vitest'
import {
  buildPidXml,
  parsePidData,
  PID_XML_MAX_BYTES,
  SAMPLE_PID_XML_BAD_FINGER,
  SAMPLE_PID_XML_OK,
} from './pid-data.js'

/** A hand-written capture in the shape the brief and Eko docs show, independent of buildPidXml. */
const HAND_WRITTEN =
  '<PidData><Resp errCode="0" errInfo="Success" fCount="1" fType="2" nmPoints="30" qScore="70"/>' +
  '<DeviceInfo dpId="MANTRA.MSIPL" rdsId="MANTRA.WIN.001" rdsVer="1.0.8" mi="MFS100" mc="MIIEabc=" dc="d-1"/>' +
  '<Skey ci="20250929">c2tleQ==</Skey><Hmac>aG1hYw==</Hmac><Data type="X">ZGF0YQ==</Data></PidData>'

describe('parsePidData', () => {
  it('reads a compact capture', () => {
    expect(parsePidData(HAND_WRITTEN)).toEqual({
      ok: true,
      errCode: '0',
      errInfo: 'Success',
      fType: '2',
      dataType: 'X',
      deviceMc: 'MIIEabc=',
    })
  })

  it('tolerates a BOM, prolog, comments, whitespace, single quotes and reordered attributes', () => {
    const xml =
      '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\r\n<!-- captured by RD -->\n<PidData>\n  ' +
      "<Resp qScore='70' fType = '2' errInfo='Success' errCode='0' />\n  " +
      '<DeviceInfo mc="MIIEabc=" dpId="X"><additional_info><Param name="a" value="b"/></additional_info></DeviceInfo>\n  ' +
      '<Data type="X">\n    ZGF0YQ==\n  </Data>\n</PidData>\n'
    expect(parsePidData(xml)).toEqual({
      ok: true,
      errCode: '0',
      errInfo: 'Success',
      fType: '2',
      dataType: 'X',
      deviceMc: 'MIIEabc=',
    })
  })

  it('decodes entities in attribute values', () => {
    const xml = HAND_WRITTEN.replace(
      'errCode="0" errInfo="Success"',
      'errCode="0" errInfo="A &amp; B &lt;ok&gt; &#x41;&#66;"',
    )
    expect(parsePidData(xml)).toMatchObject({ ok: true, errInfo: 'A & B <ok> AB' })
  })

  it('does not mistake a longer element name for Resp or Data', () => {
    const xml =
      '<PidData><Response errCode="0"/><DataX>zz</DataX><Resp errCode="0"/><Data type="P">ZA==</Data></PidData>'
    expect(parsePidData(xml)).toEqual({ ok: true, errCode: '0', errInfo: '', dataType: 'P' })
  })

  it('leaves optional fields out when the XML lacks them', () => {
    const result = parsePidData('<PidData><Resp errCode="0"/><Data>ZA==</Data></PidData>')
    expect(result).toEqual({ ok: true, errCode: '0', errInfo: '' })
  })

  it.each([
    ['JSON', '{"errCode":"0"}'],
    ['base64 of a PID', btoa(HAND_WRITTEN)],
    ['the empty string', ''],
    ['another root element', '<PidOptions><Resp errCode="0"/><Data>ZA==</Data></PidOptions>'],
    ['a PidData-prefixed root name', '<PidDataX><Resp errCode="0"/><Data>ZA==</Data></PidDataX>'],
    ['a truncated document', HAND_WRITTEN.slice(0, -12)],
    ['a self-closing root', '<PidData/>'],
    ['text before the root', `oops${HAND_WRITTEN}`],
    ['an unterminated prolog', '<?xml version="1.0"'],
    ['an unterminated comment', '<!-- <PidData>'],
  ])('not_pid_xml: %s', (_label, xml) => {
    expect(parsePidData(xml)).toEqual({ ok: false, reason: 'not_pid_xml' })
  })

  it('not_pid_xml for non-strings that slip past the types', () => {
    expect(parsePidData(42 as unknown as string)).toEqual({ ok: false, reason: 'not_pid_xml' })
    expect(parsePidData(undefined as unknown as string)).toEqual({
      ok: false,
      reason: 'not_pid_xml',
    })
  })

  it('not_pid_xml above 64 KiB, measured in UTF-8 bytes; accepted at the limit', () => {
    const wrap = (padding: string) =>
      `<PidData><Resp errCode="0"/><Data>${padding}</Data></PidData>`
    const frame = wrap('').length
    const atLimit = wrap('A'.repeat(PID_XML_MAX_BYTES - frame))
    expect(new TextEncoder().encode(atLimit).length).toBe(PID_XML_MAX_BYTES)
    expect(parsePidData(atLimit)).toMatchObject({ ok: true })
    expect(parsePidData(wrap('A'.repeat(PID_XML_MAX_BYTES - frame + 1)))).toEqual({
      ok: false,
      reason: 'not_pid_xml',
    })
    // 30k characters but 90k bytes: the character count alone would let it through.
    const wide = wrap('€'.repeat(30_000))
    expect(wide.length).toBeLessThan(PID_XML_MAX_BYTES)
    expect(parsePidData(wide)).toEqual({ ok: false, reason: 'not_pid_xml' })
  })

  it.each([
    ['no Resp at all', '<PidData><Data type="X">ZA==</Data></PidData>'],
    [
      'a Resp without errCode',
      '<PidData><Resp errInfo="Success"/><Data type="X">ZA==</Data></PidData>',
    ],
    ['an unterminated Resp tag', '<PidData><Resp errCode="0" </PidData>'],
  ])('missing_resp: %s', (_label, xml) => {
    expect(parsePidData(xml)).toEqual({ ok: false, reason: 'missing_resp' })
  })

  it.each([
    ['no Data', '<PidData><Resp errCode="0"/><Skey ci="1">cw==</Skey></PidData>'],
    ['a self-closing Data', '<PidData><Resp errCode="0"/><Data type="X"/></PidData>'],
    ['a whitespace-only Data', '<PidData><Resp errCode="0"/><Data type="X">  \n </Data></PidData>'],
    ['an unclosed Data', '<PidData><Resp errCode="0"/><Data type="X">ZA==</PidData>'],
  ])('missing_data on a successful capture with %s', (_label, xml) => {
    expect(parsePidData(xml)).toEqual({ ok: false, reason: 'missing_data' })
  })

  it('accepts an RD error without Data: the caller answers it as a biometric failure', () => {
    expect(
      parsePidData('<PidData><Resp errCode="720" errInfo="Device not ready"/></PidData>'),
    ).toEqual({
      ok: true,
      errCode: '720',
      errInfo: 'Device not ready',
    })
  })

  // A guard against catastrophic scans, not a speed goal: a quadratic scan of these inputs takes
  // seconds, a linear one milliseconds, so the bound is wide enough for a loaded CI machine.
  it('stays linear on hostile input (no quadratic scans)', () => {
    const hostile = [
      `<PidData><Resp ${'a'.repeat(60_000)}/></PidData>`,
      `<PidData>${'<Resp'.repeat(12_000)}</PidData>`,
      `<PidData><Resp errCode="0"/>${'<Data'.repeat(12_000)}</PidData>`,
      `<PidData><Resp errInfo="${'&amp'.repeat(15_000)}" errCode="1"/></PidData>`,
      `<PidData>${'<Resp "'.repeat(9_000)}</PidData>`,
      `<PidData>${'<Resp \'"'.repeat(8_000)}</PidData>`,
      `<PidData><Resp "${'<Resp a'.repeat(9_000)}</PidData>`,
      `<PidData><Resp ${'a="'.repeat(20_000)}</PidData>`,
    ]
    const started = performance.now()
    for (const xml of hostile) parsePidData(xml)
    expect(performance.now() - started).toBeLessThan(2_000)
  })
})

describe('buildPidXml and the samples', () => {
  it('SAMPLE_PID_XML_OK parses as a successful Mantra capture with Eko-required fields', () => {
    expect(parsePidData(SAMPLE_PID_XML_OK)).toEqual({
      ok: true,
      errCode: '0',
      errInfo: 'Success',
      fType: '2',
      dataType: 'X',
      deviceMc: expect.stringMatching(/^MIIE[A-Za-z0-9+/]+=*$/),
    })
    expect(SAMPLE_PID_XML_OK).toMatch(/^<\?xml version="1\.0"\?>\n<PidData>/)
    expect(SAMPLE_PID_XML_OK).toContain('dpId="MANTRA.MSIPL"')
    expect(SAMPLE_PID_XML_OK).toMatch(/<Skey ci="\d{8}">[A-Za-z0-9+/]{342}==<\/Skey>/)
  })

  it('SAMPLE_PID_XML_BAD_FINGER parses as RD error 730 with empty blocks', () => {
    expect(parsePidData(SAMPLE_PID_XML_BAD_FINGER)).toMatchObject({
      ok: true,
      errCode: '730',
      errInfo: 'Capture Failed',
      fType: '2',
    })
    expect(SAMPLE_PID_XML_BAD_FINGER).toContain('fCount="0"')
    expect(SAMPLE_PID_XML_BAD_FINGER).toContain('<Data type="X"/>')
  })

  it('is deterministic', () => {
    expect(buildPidXml()).toBe(SAMPLE_PID_XML_OK)
    expect(buildPidXml({ errCode: '730' })).toBe(SAMPLE_PID_XML_BAD_FINGER)
  })

  it('has a realistic size for one finger', () => {
    const bytes = new TextEncoder().encode(SAMPLE_PID_XML_OK).length
    expect(bytes).toBeGreaterThan(2_000)
    expect(bytes).toBeLessThan(8_000)
  })

  it('uses the usual RD message for a known code, a given one, or a generic fallback', () => {
    expect(parsePidData(buildPidXml({ errCode: '700' }))).toMatchObject({
      errCode: '700',
      errInfo: 'Capture timed out',
    })
    expect(parsePidData(buildPidXml({ errCode: '999' }))).toMatchObject({
      errCode: '999',
      errInfo: 'Error',
    })
    expect(parsePidData(buildPidXml({ errCode: '0', errInfo: 'Capture Success' }))).toMatchObject({
      ok: true,
      errInfo: 'Capture Success',
    })
  })

  it('escapes caller text so it round-trips through the parser', () => {
    const errInfo = 'Bad "finger" & <device>'
    expect(parsePidData(buildPidXml({ errCode: '730', errInfo }))).toMatchObject({
      ok: true,
      errInfo,
    })
  })
})
