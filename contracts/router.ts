import type { HttpMethod, ProviderId } from './contract-document.js'
import { operations, providers, type Operation } from './registry.js'

/** What a method + path is, by the contracts. */
export type RouteMatch =
  | { readonly kind: 'operation'; readonly operation: Operation }
  | {
      readonly kind: 'method_not_allowed'
      readonly provider: ProviderId
      readonly allowed: readonly HttpMethod[]
    }
  | { readonly kind: 'not_found'; readonly provider: ProviderId | undefined }

/** Full path → method → operation; built once, so a lookup is two Map reads. */
const routeTable = new Map<string, Map<string, Operation>>()
for (const operation of operations.values()) {
  for (const path of operation.paths) {
    let byMethod = routeTable.get(path)
    if (!byMethod) {
      byMethod = new Map()
      routeTable.set(path, byMethod)
    }
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
  const byMethod = routeTable.get(path)
  if (!byMethod) return { kind: 'not_found', provider: providerOfPath(path) }
  const operation = byMethod.get(method.toUpperCase())
  if (operation) return { kind: 'operation', operation }
  const first = byMethod.values().next().value as Operation
  return {
    kind: 'method_not_allowed',
    provider: first.provider,
    allowed: [...byMethod.keys()] as HttpMethod[],
  }
}

/** Every (method, full path, operation) the contracts serve, for generating handlers. */
export function listRoutes(): { method: HttpMethod; path: string; operation: Operation }[] {
  return [...operations.values()].flatMap((operation) =>
    operation.paths.map((path) => ({ method: operation.method, path, operation })),
  )
}
