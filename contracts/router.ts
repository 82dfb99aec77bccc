import type { HttpMethod, ProviderId } from './contract-document.js'
import { operations, providers, type Operation } from './registry.js'

/** What a method + path is, by the contracts. */
export type RouteMatch =
  | {
      readonly kind: 'operation'
      readonly operation: Operation
      /** Values of the path's `{name}` templates, percent-decoded; empty for a literal path. */
      readonly params: Readonly<Record<string, string>>
    }
  | {
      readonly kind: 'method_not_allowed'
      readonly provider: ProviderId
      readonly allowed: readonly HttpMethod[]
    }
  | { readonly kind: 'not_found'; readonly provider: ProviderId | undefined }

/**
 * One segment of a templated path: literal text, or `prefix{name}suffix`. Eko puts a literal
 * prefix inside segments (`user_code:{user_code}`, `ifsc:{IFSC}`, `client_ref_id:{ref}`), so a
 * template is matched within its segment, not only as a whole segment.
 */
type Segment =
  | { readonly literal: string }
  | { readonly prefix: string; readonly name: string; readonly suffix: string }

/** A templated path with its operations by method, most specific first in {@link templated}. */
interface TemplateRoute {
  readonly template: string
  readonly segments: readonly Segment[]
  readonly byMethod: Map<string, Operation>
  /** Per segment: 2 literal, 1 template with literal text around it, 0 bare `{name}`. */
  readonly rank: readonly number[]
}

const TEMPLATE_SEGMENT = /^([^{}]*)\{([^{}]+)\}([^{}]*)$/

function parseSegment(text: string, path: string): Segment {
  if (!text.includes('{') && !text.includes('}')) return { literal: text }
  const match = TEMPLATE_SEGMENT.exec(text)
  if (!match)
    throw new Error(`Path ${path}: segment "${text}" is not literal or prefix{name}suffix`)
  return { prefix: match[1]!, name: match[2]!, suffix: match[3]! }
}

function segmentRank(segment: Segment): number {
  if ('literal' in segment) return 2
  return segment.prefix !== '' || segment.suffix !== '' ? 1 : 0
}

/** A compiled routing table: literal paths in a Map, templated ones by segment count. */
export interface Router {
  /** {@link matchRoute} over this table. */
  match(method: string, pathname: string): RouteMatch
}

function addRoute(table: Map<string, Operation>, path: string, operation: Operation): void {
  if (table.has(operation.method)) {
    throw new Error(
      `Two operations share ${operation.method} ${path}: ${table.get(operation.method)?.id} and ${operation.id}`,
    )
  }
  table.set(operation.method, operation)
}

/**
 * Compiles the routing table of a set of operations, once. Exported so the precedence rules can
 * be tested on operations the contracts do not have (yet).
 */
export function createRouter(
  list: Iterable<Operation>,
  providerOf: (path: string) => ProviderId | undefined = providerOfPath,
): Router {
  /** Literal full path → method → operation: a literal lookup is two Map reads. */
  const literalTable = new Map<string, Map<string, Operation>>()
  /** Templated full paths, grouped by segment count, most specific first. */
  const templated = new Map<number, TemplateRoute[]>()
  for (const operation of list) {
    for (const path of operation.paths) {
      if (!path.includes('{')) {
        const byMethod = literalTable.get(path) ?? new Map<string, Operation>()
        literalTable.set(path, byMethod)
        addRoute(byMethod, path, operation)
        continue
      }
      const segments = path.split('/').map((text) => parseSegment(text, path))
      const group = templated.get(segments.length) ?? []
      let route = group.find((r) => r.template === path)
      if (!route) {
        route = { template: path, segments, byMethod: new Map(), rank: segments.map(segmentRank) }
        group.push(route)
        templated.set(segments.length, group)
      }
      addRoute(route.byMethod, path, operation)
    }
  }
  for (const group of templated.values()) group.sort((a, b) => compareRank(b.rank, a.rank))

  return {
    match(method, pathname) {
      const path = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname
      const upper = method.toUpperCase()
      const literal = literalTable.get(path)
      if (literal) return byMethod(literal, upper, NO_PARAMS)
      const parts = path.split('/')
      let mostSpecific: TemplateRoute | undefined
      for (const route of templated.get(parts.length) ?? []) {
        const params = matchTemplate(route, parts)
        if (!params) continue
        const operation = route.byMethod.get(upper)
        if (operation) return { kind: 'operation', operation, params }
        mostSpecific ??= route
      }
      if (mostSpecific) return byMethod(mostSpecific.byMethod, upper, NO_PARAMS)
      return { kind: 'not_found', provider: providerOf(path) }
    },
  }
}

/** Lexicographic: the route whose first differing segment is more literal wins. */
function compareRank(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!
  return 0
}

/** The template's parameter values if `parts` matches it, else undefined. */
function matchTemplate(
  route: TemplateRoute,
  parts: readonly string[],
): Record<string, string> | undefined {
  const params: Record<string, string> = {}
  for (let i = 0; i < parts.length; i++) {
    const segment = route.segments[i]!
    const part = parts[i]!
    if ('literal' in segment) {
      if (segment.literal !== part) return undefined
      continue
    }
    const { prefix, suffix, name } = segment
    // Decoded first, so `ifsc%3AKKBK…` (a client that escapes the colon) is `ifsc:KKBK…`.
    let text: string
    try {
      text = decodeURIComponent(part)
    } catch {
      return undefined
    }
    if (text.length <= prefix.length + suffix.length) return undefined
    if (!text.startsWith(prefix) || !text.endsWith(suffix)) return undefined
    params[name] = text.slice(prefix.length, text.length - suffix.length)
  }
  return params
}

/** Provider path prefixes, longest first, to name the provider of an unknown path. */
const providerPrefixes = [...providers.values()]
  .flatMap((p) => p.pathPrefixes.map((prefix) => ({ prefix, id: p.id })))
  .sort((a, b) => b.prefix.length - a.prefix.length)

/** Which provider a path belongs to by its prefix, if any (for provider-shaped 404s). */
export function providerOfPath(pathname: string): ProviderId | undefined {
  return providerPrefixes.find(({ prefix }) => pathname.startsWith(prefix))?.id
}

const NO_PARAMS: Readonly<Record<string, string>> = Object.freeze({})

/** The contracts' own routing table, compiled once at import. */
const contractRouter = createRouter(operations.values())

/**
 * Routes a request by the contracts alone: the one routing table both doors use. A single
 * trailing slash is ignored (clients are seen calling `/bank-verification/`). Literal paths win
 * over templated ones; among templates, the one more literal at the first segment where they
 * differ wins (`client_ref_id:{ref}` before `{tid}`); a template matches only a non-empty,
 * percent-decodable value.
 */
export function matchRoute(method: string, pathname: string): RouteMatch {
  return contractRouter.match(method, pathname)
}

function byMethod(
  table: Map<string, Operation>,
  method: string,
  params: Readonly<Record<string, string>>,
): RouteMatch {
  const operation = table.get(method)
  if (operation) return { kind: 'operation', operation, params }
  const first = table.values().next().value as Operation
  return {
    kind: 'method_not_allowed',
    provider: first.provider,
    allowed: [...table.keys()] as HttpMethod[],
  }
}

/** Every (method, full path, operation) the contracts serve, for generating handlers. */
export function listRoutes(): { method: HttpMethod; path: string; operation: Operation }[] {
  return [...operations.values()].flatMap((operation) =>
    operation.paths.map((path) => ({ method: operation.method, path, operation })),
  )
}
