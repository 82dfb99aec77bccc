import { findCase, type ContractViolation, type Provenance } from '../contracts/index.js'
import type { ContractDriftReport } from './contract-check.js'
import type { InfFactResult, InfVerdict } from './inf-facts.js'

/** One difference between a live response and its contract, ready to print. */
export interface DriftLine {
  /** JSON pointer into `{status, body}`, e.g. `/body/message`. */
  field: string
  /** What the contract wants, short. */
  expected: string
  /** What the provider sent (JSON), or `(missing)`. */
  got: string
  /** The contract case the response was checked against (the closest one), if any. */
  case: string | undefined
  /**
   * How sure the contract was: the field's own `x-provenance` when it has one, else its case's.
   * `INF` lines are the guesses the live run exists to correct; `DOC` lines mean the provider
   * departs from its own documentation.
   */
  provenance: Provenance | undefined
}

/**
 * Turns a violating response into readable lines: field, expected, got, provenance. The
 * violations come from `validateResponse` (ajv wording); this names the value actually received
 * next to each one, which the violation itself does not carry.
 */
export function driftLines(report: ContractDriftReport): DriftLine[] {
  const root = { status: report.status, body: report.body }
  return report.violations.map((v) => {
    const missing = v.keyword === 'required' ? /'([^']+)'/.exec(v.message)?.[1] : undefined
    const extra =
      v.keyword === 'additionalProperties' ? /\(([^)]+)\)$/.exec(v.message)?.[1] : undefined
    const field =
      missing !== undefined || extra !== undefined ? `${v.path}/${missing ?? extra}` : v.path || '/'
    const c = v.case === undefined ? undefined : findCase(report.operation, v.case)
    const got =
      missing !== undefined
        ? '(missing)'
        : v.keyword === 'status'
          ? `HTTP ${report.status}`
          : show(valueAt(root, field))
    return {
      field,
      expected: expectedOf(v, c?.status),
      got,
      case: v.case,
      provenance: fieldProvenance(c?.schema, field) ?? c?.provenance,
    }
  })
}

/**
 * The drift report of a live-sandbox run: one block per violating response (request line, HTTP
 * status, operation, closest case) with an aligned field / expected / got / provenance table.
 * `checked` (how many responses were compared) makes a clean run say so explicitly.
 */
export function formatDriftReport(
  reports: readonly ContractDriftReport[],
  options: { checked?: number; title?: string } = {},
): string {
  const title = options.title ?? 'Contract drift report'
  const of = options.checked === undefined ? '' : ` of ${options.checked}`
  if (reports.length === 0) {
    return `${title}: no drift — ${options.checked === undefined ? 'every' : `all ${options.checked}`} checked response(s) matched the contracts.`
  }
  const blocks = reports.map((report) => {
    const lines = driftLines(report)
    const cases = [...new Set(lines.map((l) => l.case).filter((c) => c !== undefined))]
    const head = `${report.method} ${report.url} → HTTP ${report.status}  [${report.operation}${cases.length ? `, closest case ${cases.join(', ')}` : ''}]`
    const rows = [
      ['field', 'expected', 'got', 'provenance'],
      ...lines.map((l) => [l.field, l.expected, l.got, l.provenance ?? '?']),
    ]
    const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => (r[i] ?? '').length)))
    const table = rows.map((r) =>
      `  ${r.map((cell, i) => (i < 3 ? cell.padEnd(widths[i] ?? 0) : cell)).join('  ')}`.trimEnd(),
    )
    return [head, ...table].join('\n')
  })
  return `${title}: ${reports.length}${of} response(s) differ from the contracts\n\n${blocks.join('\n\n')}`
}

function expectedOf(v: ContractViolation, caseStatus: number | undefined): string {
  const m = v.message
  switch (v.keyword) {
    case 'status':
      return caseStatus === undefined ? 'a documented HTTP status' : `HTTP ${caseStatus}`
    case 'required':
      return 'present'
    case 'additionalProperties':
      return '(absent: not in contract)'
    case 'const':
      return m.replace(/^must be equal to constant\s*/, '')
    case 'enum':
      return `one of ${m.replace(/^must be equal to one of the allowed values\s*/, '')}`
    case 'type':
      return m.replace(/^must be\s*/, '')
    case 'pattern':
      return `pattern ${m.replace(/^must match pattern\s*/, '')}`
    case 'format':
      return `format ${m.replace(/^must match format\s*/, '')}`
    case 'false schema':
      return '(absent)'
    default:
      return m.replace(/^must\s+/, '')
  }
}

/** Resolves a JSON pointer; `undefined` when a step is missing. */
function valueAt(root: unknown, pointer: string): unknown {
  if (pointer === '/' || pointer === '') return root
  let current: unknown = root
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    if (typeof current !== 'object' || current === null) return undefined
    current = (current as Record<string, unknown>)[key]
  }
  return current
}

function show(value: unknown): string {
  if (value === undefined) return '(missing)'
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 60 ? `${text.slice(0, 59)}…` : text
}

type Schema = Readonly<Record<string, unknown>>

/** The deepest `x-provenance` on the way to `/body/...` in a case schema (following `allOf`, not `$ref`). */
function fieldProvenance(schema: Schema | undefined, field: string): Provenance | undefined {
  if (!schema || !field.startsWith('/body/')) return undefined
  let level: Schema[] = [schema]
  let found: Provenance | undefined
  for (const segment of field.split('/').slice(2)) {
    const next: Schema[] = []
    for (const s of expand(level)) {
      const child =
        (s.properties as Record<string, Schema> | undefined)?.[segment] ??
        (/^\d+$/.test(segment) ? (s.items as Schema | undefined) : undefined)
      if (child && typeof child === 'object') next.push(child)
    }
    if (next.length === 0) break
    const tagged = expand(next).find((s) => typeof s['x-provenance'] === 'string')
    if (tagged) found = tagged['x-provenance'] as Provenance
    level = next
  }
  return found
}

function expand(schemas: Schema[]): Schema[] {
  return schemas.flatMap((s) => [
    s,
    ...((s.allOf as Schema[] | undefined) ?? []).filter((x) => typeof x === 'object' && x !== null),
  ])
}

const VERDICT_LABEL: Readonly<Record<InfVerdict, string>> = {
  contradicted: 'CONTRADICTED',
  confirmed: 'confirmed',
  'not probed': 'not probed',
}

/**
 * The live run's verdict on each inferred fact, riskiest first, one line per fact naming it
 * (confirmed, CONTRADICTED, not probed) with the evidence under it: the part of the live report
 * that says which guesses of the contracts the providers bore out.
 */
export function formatInfReport(
  results: readonly InfFactResult[],
  options: { title?: string } = {},
): string {
  const title = options.title ?? 'Inferred facts'
  const count = (v: InfVerdict) => results.filter((r) => r.verdict === v).length
  const head = `${title}, riskiest first: ${count('contradicted')} contradicted, ${count('confirmed')} confirmed, ${count('not probed')} not probed (of ${results.length})`
  const lines = results.flatMap((r) => [
    `  ${VERDICT_LABEL[r.verdict].padEnd(12)}  ${r.fact.id}: ${r.fact.statement}`,
    ...r.evidence.slice(0, 3).map((e) => `      ${e}`),
  ])
  return [head, ...lines].join('\n')
}
