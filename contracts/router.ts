import type { HttpMethod, ProviderId } from './contract-document.js'
import { PATH_PARAMETER } from './path-template.js'
import { operations, providers, type Operation } from './registry.js'

/** What a method + path is, by the contracts. */
export type RouteMatch =
  | {
      readonly kind: 'operation'
      readonly operation: Operation
      /** The `{name}` path parameters, percent-decoded (empty for a static path). */
      readonly params: Readonly<Record<string, string>>
    }
  | {
      readonly kind: 'method_not_allowed'
      readonly provider: ProviderId
      readonly allowed: readonly HttpMethod[]
    }
  | { readonly kind: 'not_found'; readonly provider: ProviderId | undefined }

/** Full path → method → operation; built once, so a static lookup is two Map reads. */
const routeTable = new Map<string, Map<string, Operation>>()

/** A path with `{name}` parameters, compiled once to an anchored pattern. */
interface TemplateRoute {
  readonly template: string
  readonly pattern: RegExp
  readonly names: readonly string[]
  readonly byMethod: Map<string, Operation>
}

/** Templated paths, tried in contract order only when no static path matches. */
const templateRoutes: TemplateRoute[] = []

/**
 * `…/cash-withdrawl/{customer_id}` → `^…/cash-withdrawl/([^/]+)$`. A parameter matches one
 * non-empty segment part, so `user_code:{user_code}` takes what follows the literal prefix.
 */
function compileTemplate(template: string): { pattern: RegExp; names: string[] } {
  const names: string[] = []
  let source = ''
  let last = 0
  for (const match of template.matchAll(PATH_PARAMETER)) {
    source += `${escapeRegExp(template.slice(last, match.index))}([^/]+)`
    names.push(match[1] as string)
    last = match.index + match[0].length
  }
  source += escapeRegExp(template.slice(last))
  return { pattern: new RegExp(`^${source}$`), names }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function methodsOf(path: string): Map<string, Operation> {
  if (!path.includes('{')) {
    let byMethod = routeTable.get(path)
    if (!byMethod) {
      byMethod = new Map()
      routeTable.set(path, byMethod)
    }
    return byMethod
  }
  let route = templateRoutes.find((r) => r.template === path)
  if (!route) {
    route = { template: path, ...compileTemplate(path), byMethod: new Map() }
    templateRoutes.push(route)
  }
  return route.byMethod
}

for (const operation of operations.values()) {
  for (const path of operation.paths) {
    const byMethod = methodsOf(path)
    if (byMethod.has(operation.method)) {
      throw new Error(
        `Two operations share ${operation.method} ${path}: ${byMethod.get(operation.method)?.id} and ${operation.id}`,
      )
    }
    byMethod.set(operation.method, operation)
  }
}

/** Provider path prefixes, longest first, to name the provider of an unknown path. */
const providerPrefixes = [...providers.values()]
  .flatMap((p) => p.pathPrefixes.map((prefix) => ({ prefix, id: p.id })))
  .sort((a, b) => b.prefix.length - a.prefix.length)

/** Which provider a path belongs to by its prefix, if any (for provider-shaped 404s). */
export function providerOfPath(pathname: string): ProviderId | undefined {
  return providerPrefixes.find(({ prefix }) => pathname.startsWith(prefix))?.id
}

/**
 * Routes a request by the contracts alone: the one routing table both doors use. A single
 * trailing slash is ignored (clients are seen calling `/bank-verification/`).
 */
export function matchRoute(method: string, pathname: string): RouteMatch {
  const path = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname
  let byMethod = routeTable.get(path)
  let params: Record<string, string> = NO_PARAMS
  if (!byMethod) {
    const found = matchTemplate(path)
    if (!found) return { kind: 'not_found', provider: providerOfPath(path) }
    ;({ byMethod, params } = found)
  }
  const operation = byMethod.get(method.toUpperCase())
  if (operation) return { kind: 'operation', operation, params }
  const first = byMethod.values().next().value as Operation
  return {
    kind: 'method_not_allowed',
    provider: first.provider,
    allowed: [...byMethod.keys()] as HttpMethod[],
  }
}

const NO_PARAMS: Readonly<Record<string, string>> = Object.freeze({})

function matchTemplate(
  path: string,
): { byMethod: Map<string, Operation>; params: Record<string, string> } | undefined {
  for (const route of templateRoutes) {
    const match = route.pattern.exec(path)
    if (!match) continue
    const params: Record<string, string> = {}
    for (const [i, name] of route.names.entries()) {
      const raw = match[i + 1] as string
      try {
        params[name] = decodeURIComponent(raw)
      } catch {
        return undefined
      }
    }
    return { byMethod: route.byMethod, params }
  }
  // A client that escapes the literal part of a segment (`ifsc%3AKKBK…`) means `ifsc:KKBK…`:
  // matched again segment by segment decoded (a segment that decodes to a `/` matches nothing).
  const decoded = decodedSegments(path)
  if (decoded === undefined || decoded === path) return undefined
  for (const route of templateRoutes) {
    const match = route.pattern.exec(decoded)
    if (!match) continue
    const params: Record<string, string> = {}
    for (const [i, name] of route.names.entries()) params[name] = match[i + 1] as string
    return { byMethod: route.byMethod, params }
  }
  return undefined
}

/** The path with each segment percent-decoded, or undefined when one cannot be or holds a `/`. */
function decodedSegments(path: string): string | undefined {
  const parts: string[] = []
  for (const segment of path.split('/')) {
    let text: string
    try {
      text = decodeURIComponent(segment)
    } catch {
      return undefined
    }
    if (text.includes('/')) return undefined
    parts.push(text)
  }
  return parts.join('/')
}

/** Every (method, full path, operation) the contracts serve, for generating handlers. */
export function listRoutes(): { method: HttpMethod; path: string; operation: Operation }[] {
  return [...operations.values()].flatMap((operation) =>
    operation.paths.map((path) => ({ method: operation.method, path, operation })),
  )
}
