/**
 * The inferred facts of the contracts (`x-provenance: "INF"`) and what a live run says of each.
 *
 * Why: the contracts tag every guess INF so that the live sandboxes can settle it, but a drift
 * report only lists differences, so a guess the live run confirmed and one it never reached
 * look the same (silent). This module lists every INF fact from the contracts, ranked by risk
 * (an inferred PATH first: if it is wrong, nothing of the operation works; then inferred
 * response CASES, status and body; then inferred FIELDS), and judges each one against the
 * responses a live run observed: confirmed, contradicted (with the evidence) or not probed.
 * Generic over the registry: new operations and cases bring their facts with them.
 */
import {
  getOperation,
  getProvider,
  matchRoute,
  operations,
  providers,
  schemaAt,
  validateProviderResponse,
  validateResponse,
  type ContractViolation,
  type ProviderId,
  type ResponseCase,
} from '../contracts/index.js'

/** What an inferred fact is about, from the riskiest kind to the least risky. */
export type InfFactKind = 'path' | 'case' | 'field'

const RISK: Readonly<Record<InfFactKind, number>> = { path: 0, case: 1, field: 2 }

/** One inferred fact. */
export interface InfFact {
  /** Stable id, e.g. `path surepass.ckycV2.download`, `case eko not_found`. */
  readonly id: string
  readonly kind: InfFactKind
  readonly provider: ProviderId
  /** The operations it concerns (every operation of the provider for a provider-level case). */
  readonly operations: readonly string[]
  /** The case it belongs to (`case` and `field` facts). */
  readonly caseId?: string
  /** The case's schema URI: one shared case is one fact, whichever operation answered it. */
  readonly caseSchema?: string
  /** JSON pointer into the body (`field` facts), `*` for any array item. */
  readonly field?: string
  /** What the contract says, in a line. */
  readonly statement: string
}

/** One response a live run saw. */
export interface LiveObservation {
  readonly method: string
  readonly url: string
  readonly status: number
  readonly body: unknown
  /** The fact a dedicated probe sent this request for, and the case it expected. */
  readonly probe?: { readonly fact: string; readonly expectCase?: string }
}

export type InfVerdict = 'confirmed' | 'contradicted' | 'not probed'

/** A fact with what the live run says of it. */
export interface InfFactResult {
  readonly fact: InfFact
  readonly verdict: InfVerdict
  /** Request lines and what came back: why the verdict is what it is. */
  readonly evidence: readonly string[]
}

type Schema = Readonly<Record<string, unknown>>

function isObject(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Follows `$ref`s to the schema they name, keeping the first `x-provenance` on the way. */
function deref(schema: Schema, base: string): { schema: Schema; base: string; tag: unknown } {
  let current = { schema, base, tag: schema['x-provenance'] }
  for (let hops = 0; typeof current.schema.$ref === 'string' && hops < 20; hops++) {
    const uri = new URL(current.schema.$ref, current.base).href
    const target = schemaAt(uri)
    current = { schema: target, base: uri, tag: current.tag ?? target['x-provenance'] }
  }
  return current
}

/** The INF-tagged properties under a response schema: body pointer → description. */
function infFields(schema: Schema, base: string, at = '', out = new Map<string, string>()) {
  const { schema: s, base: b } = deref(schema, base)
  for (const part of (s.allOf as Schema[] | undefined) ?? []) infFields(part, b, at, out)
  for (const [name, child] of Object.entries((s.properties as Record<string, unknown>) ?? {})) {
    if (!isObject(child)) continue
    const path = `${at}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`
    const resolved = deref(child, b)
    if (resolved.tag === 'INF' && !out.has(path))
      out.set(path, String(child.description ?? resolved.schema.description ?? ''))
    infFields(child, b, path, out)
  }
  if (isObject(s.items)) infFields(s.items, b, `${at}/*`, out)
  return out
}

function oneLine(text: string, max = 140): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

/**
 * Every INF fact of the contracts, riskiest first: inferred paths, then inferred cases
 * (status and body), then inferred response fields; within a kind, by id.
 */
export function infFacts(): InfFact[] {
  const facts = new Map<string, InfFact>()
  /** A case is named after the operation whose file holds it, else after its provider. */
  const addCase = (provider: ProviderId, ops: string[], c: ResponseCase, documentId?: string) => {
    const owner =
      documentId !== undefined && c.schemaId.startsWith(`${documentId}#`) ? ops[0] : provider
    const key = `${provider} ${c.id} ${c.schemaId}`
    const known = facts.get(`case ${key}`)
    if (c.provenance === 'INF') {
      facts.set(`case ${key}`, {
        id: `case ${owner} ${c.id}`,
        kind: 'case',
        provider,
        operations: [...new Set([...(known?.operations ?? []), ...ops])],
        caseId: c.id,
        caseSchema: c.schemaId,
        statement: oneLine(`HTTP ${c.status}: ${c.when}`),
      })
    }
    for (const [field, description] of infFields(c.schema, c.schemaId)) {
      const id = `field ${owner} ${c.id} ${field}`
      const previous = facts.get(`${id} ${c.schemaId}`)
      facts.set(`${id} ${c.schemaId}`, {
        id,
        kind: 'field',
        provider,
        operations: [...new Set([...(previous?.operations ?? []), ...ops])],
        caseId: c.id,
        caseSchema: c.schemaId,
        field,
        statement: oneLine(`${field} in ${c.id}${description ? `: ${description}` : ''}`),
      })
    }
  }
  for (const op of operations.values()) {
    if (op.provenance === 'INF')
      facts.set(`path ${op.id}`, {
        id: `path ${op.id}`,
        kind: 'path',
        provider: op.provider,
        operations: [op.id],
        statement: `${op.method} ${op.paths.join(' and ')} is where ${op.summary} lives`,
      })
    for (const c of op.cases.values()) addCase(op.provider, [op.id], c, op.document.$id)
  }
  for (const provider of providers.values()) {
    const ops = [...operations.values()].filter((o) => o.provider === provider.id).map((o) => o.id)
    for (const c of provider.cases.values()) addCase(provider.id, ops, c)
  }
  // Within a kind, the facts of an operation whose very path is inferred come first.
  const risk = (f: InfFact) =>
    RISK[f.kind] * 2 + (f.operations.some((id) => getOperation(id).provenance === 'INF') ? 0 : 1)
  return [...facts.values()].sort(
    (a, b) => risk(a) - risk(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  )
}

/** How one observation reads against the contracts. */
interface Reading {
  readonly observation: LiveObservation
  readonly line: string
  readonly operation: string | undefined
  readonly provider: ProviderId | undefined
  /** The case that validates the response, if one does. */
  readonly matched: ResponseCase | undefined
  /** Otherwise the closest case of that status and its violations. */
  readonly closest: { case: string; violations: readonly ContractViolation[] } | undefined
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname
  } catch {
    return url
  }
}

function read(observation: LiveObservation): Reading {
  const line = `${observation.method} ${observation.url} → HTTP ${observation.status}`
  const response = { status: observation.status, body: observation.body }
  const route = matchRoute(observation.method, livePath(pathOf(observation.url)))
  const operation = route.kind === 'operation' ? route.operation.id : undefined
  const provider = route.kind === 'operation' ? route.operation.provider : route.provider
  let candidates: ResponseCase[] = []
  if (operation !== undefined) {
    const op = getOperation(operation)
    candidates = [...op.cases.values(), ...getProvider(op.provider).cases.values()]
  } else if (provider !== undefined) candidates = [...getProvider(provider).cases.values()]
  candidates = candidates.filter((c) => c.status === observation.status)
  let closest: Reading['closest']
  for (const c of candidates) {
    const violations =
      operation !== undefined
        ? validateResponse(operation, response, c.id)
        : validateProviderResponse(provider!, response, c.id)
    if (violations.length === 0)
      return { observation, line, operation, provider, matched: c, closest: undefined }
    if (!closest || violations.length < closest.violations.length)
      closest = { case: c.id, violations }
  }
  return { observation, line, operation, provider, matched: undefined, closest }
}

/**
 * A live URL's path as the contracts spell it: the live Surepass hosts serve `/api/v1/…` as
 * is; a live Eko base such as `https://staging.eko.in/ekoapi/v3` is already a contract base.
 */
function livePath(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path
}

function valueAt(body: unknown, pointer: string): unknown[] {
  let level: unknown[] = [body]
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    level = level.flatMap((v) =>
      key === '*'
        ? Array.isArray(v)
          ? v
          : []
        : isObject(v) && key in v
          ? [(v as Record<string, unknown>)[key]]
          : [],
    )
  }
  return level
}

function ownCase(reading: Reading, fact: InfFact): boolean {
  return (
    reading.matched !== undefined &&
    reading.operation !== undefined &&
    getOperation(reading.operation).cases.has(reading.matched.id) &&
    fact.operations.includes(reading.operation)
  )
}

function concerns(reading: Reading, fact: InfFact): boolean {
  return (
    reading.provider === fact.provider &&
    (reading.operation === undefined || fact.operations.includes(reading.operation))
  )
}

function violationText(violations: readonly ContractViolation[]): string {
  return violations
    .slice(0, 3)
    .map((v) => `${v.path} ${v.message}`)
    .join('; ')
}

function judge(fact: InfFact, readings: readonly Reading[]): InfFactResult {
  const confirmed: string[] = []
  const contradicted: string[] = []
  for (const r of readings) {
    const probed = r.observation.probe?.fact === fact.id
    if (fact.kind === 'path') {
      if (!fact.operations.includes(r.operation ?? '')) continue
      if (ownCase(r, fact)) confirmed.push(`${r.line}: answered as its case ${r.matched!.id}`)
      else if (r.observation.status === 404 || r.observation.status === 405)
        contradicted.push(
          `${r.line}: no case of the operation matches (${r.matched ? `reads as ${r.matched.id}` : violationText(r.closest?.violations ?? [])})`,
        )
      continue
    }
    if (!concerns(r, fact)) continue
    const sameCase = r.matched !== undefined && r.matched.schemaId === fact.caseSchema
    if (fact.kind === 'case') {
      if (sameCase) confirmed.push(`${r.line}: matches ${fact.caseId}`)
      else if (probed && r.observation.probe?.expectCase === fact.caseId)
        contradicted.push(
          `${r.line}: expected ${fact.caseId}, got ${r.matched ? r.matched.id : oneLine(JSON.stringify(r.observation.body) ?? '', 100)}`,
        )
      else if (r.closest !== undefined && r.closest.case === fact.caseId && !r.matched)
        contradicted.push(
          `${r.line}: closest to ${fact.caseId} but ${violationText(r.closest.violations)}`,
        )
      continue
    }
    if (sameCase && valueAt(r.observation.body, fact.field!).length > 0)
      confirmed.push(`${r.line}: ${fact.field} present and as the contract says`)
    else if (r.matched === undefined && r.closest !== undefined && r.closest.case === fact.caseId) {
      const hits = r.closest.violations.filter((v) =>
        `${v.path}/`.startsWith(`/body${fact.field!.replace(/\/\*(?=\/|$)/g, '/0')}/`),
      )
      if (hits.length > 0) contradicted.push(`${r.line}: ${violationText(hits)}`)
    }
  }
  const verdict: InfVerdict =
    contradicted.length > 0 ? 'contradicted' : confirmed.length > 0 ? 'confirmed' : 'not probed'
  return { fact, verdict, evidence: verdict === 'contradicted' ? contradicted : confirmed }
}

/** Judges every fact (in the order given) against what the live run observed. */
export function judgeInfFacts(
  facts: readonly InfFact[],
  observations: readonly LiveObservation[],
): InfFactResult[] {
  const readings = observations.map(read)
  return facts.map((fact) => judge(fact, readings))
}
