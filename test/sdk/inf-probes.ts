/**
 * Dedicated live probes of the riskiest inferred facts, in the order {@link infFacts} ranks
 * them: an inferred PATH is probed by calling it (any answer that reads as one of the
 * operation's own cases, a refusal included, shows the route exists; the Surepass
 * CKYC v2 download path comes first), and the provider-level cases a client can provoke on
 * purpose (unknown path, wrong method, wrong Content-Type) by provoking them, always with an
 * empty body. Every other fact is judged from the SDK suite's own traffic. Used by `sdk.live.ts`; tested against fintwin.
 */
import { getOperation, operations, type Operation, type ProviderId } from '../../contracts/index.js'
import { ekoAuthHeaders, ekoHmacKey } from '../../sdk/eko-secret-key.js'
import type { FetchLike, InfFact, LiveObservation } from '../../sdk/index.js'

/** Where and how to reach each live provider. */
export interface ProbeTarget {
  /** Surepass origin (`https://sandbox.surepass.io`) and its token. */
  readonly surepass?: { readonly baseUrl: string; readonly token: string }
  /** Eko base including its base path (`https://staging.eko.in/ekoapi/v3`) and its keys. */
  readonly eko?: {
    readonly baseUrl: string
    readonly developerKey: string
    readonly accessKey: string
    /** The provider's clock (ms); default the host's. */
    readonly now?: () => number
  }
}

/** One probe: the fact it is for, what it sends, and the case it expects (if any). */
export interface Probe {
  readonly fact: string
  readonly provider: ProviderId
  readonly method: string
  /** Relative to the provider's base URL, like an operation's contract `path`. */
  readonly path: string
  readonly contentType: string
  readonly body: string | undefined
  readonly expectCase?: string
}

/** The provider cases a client can provoke on purpose, and how. */
const PROVOKE: Readonly<Record<string, (op: Operation) => Omit<Probe, 'fact' | 'provider'>>> = {
  not_found: (op) => ({
    ...emptyRequest(op),
    path: `${op.path.slice(0, op.path.lastIndexOf('/'))}/fintwin-drift-probe-unknown`,
    expectCase: 'not_found',
  }),
  method_not_allowed: (op) => ({
    ...emptyRequest(op),
    method: op.method === 'DELETE' ? 'PATCH' : 'DELETE',
    expectCase: 'method_not_allowed',
  }),
  unsupported_media_type: (op) => ({
    ...emptyRequest(op),
    contentType: 'text/plain',
    body: 'fintwin drift probe',
    expectCase: 'unsupported_media_type',
  }),
}

/**
 * The operation's method and path with an EMPTY JSON body: every probe is free of side effects
 * on a real provider (an empty body can only be refused), and a refusal in the operation's own
 * words (invalid_input, invalid_params…) already shows that the route exists.
 */
function emptyRequest(op: Operation): Omit<Probe, 'fact' | 'provider'> {
  return {
    method: op.method,
    path: op.path,
    contentType: 'application/json',
    body: op.method === 'GET' ? undefined : '{}',
  }
}

/** The probes for these facts, in their order; facts no probe can provoke get none. */
export function probesFor(facts: readonly InfFact[]): Probe[] {
  return facts.flatMap((fact): Probe[] => {
    if (fact.kind === 'path') {
      const op = getOperation(fact.operations[0]!)
      return [{ fact: fact.id, provider: op.provider, ...emptyRequest(op) }]
    }
    const provoke = fact.kind === 'case' ? PROVOKE[fact.caseId ?? ''] : undefined
    if (!provoke || fact.id !== `case ${fact.provider} ${fact.caseId}`) return []
    // A literal path under the provider's default base: a path parameter would swallow the
    // unknown segment, and the target's base URL is the default version's.
    const op = [...operations.values()].find(
      (o) =>
        o.provider === fact.provider &&
        o.method !== 'GET' &&
        o.paramsSchemaId === undefined &&
        o.apiVersion === undefined,
    )
    return op ? [{ fact: fact.id, provider: fact.provider, ...provoke(op) }] : []
  })
}

/** Reads a response body as JSON when it is JSON, as text otherwise. */
export async function bodyOf(response: Response): Promise<unknown> {
  const text = await response.text()
  try {
    return text.length > 0 ? JSON.parse(text) : undefined
  } catch {
    return text
  }
}

/** Sends one probe; `undefined` when the target has no credentials for its provider. */
export async function runProbe(
  probe: Probe,
  target: ProbeTarget,
  fetch: FetchLike = globalThis.fetch,
): Promise<LiveObservation | undefined> {
  let url: string
  let headers: Record<string, string>
  if (probe.provider === 'surepass') {
    if (!target.surepass) return undefined
    url = `${target.surepass.baseUrl}${probe.path}`
    headers = { authorization: `Bearer ${target.surepass.token}` }
  } else {
    if (!target.eko) return undefined
    url = `${target.eko.baseUrl}${probe.path}`
    headers = ekoAuthHeaders({
      developerKey: target.eko.developerKey,
      hmacKey: ekoHmacKey(target.eko.accessKey),
      nowMs: (target.eko.now ?? Date.now)(),
    })
  }
  if (probe.body !== undefined) headers['content-type'] = probe.contentType
  const response = await fetch(url, { method: probe.method, headers, body: probe.body })
  return {
    method: probe.method,
    url,
    status: response.status,
    body: await bodyOf(response),
    probe: {
      fact: probe.fact,
      ...(probe.expectCase === undefined ? {} : { expectCase: probe.expectCase }),
    },
  }
}

/**
 * A fetch that records every response it sees (method, URL, status, body), so the INF report
 * can confirm what the SDK suite's traffic bore out, not only list what differed.
 */
export function recordingFetch(
  into: LiveObservation[],
  fetch: FetchLike = globalThis.fetch,
): FetchLike {
  return async (input, init) => {
    const response = await fetch(input, init)
    into.push({
      method: (init.method ?? 'GET').toUpperCase(),
      url: input,
      status: response.status,
      body: await bodyOf(response.clone()),
    })
    return response
  }
}
