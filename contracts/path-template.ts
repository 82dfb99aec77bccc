/**
 * Path templates of the contracts: `…/cash-withdrawl/{customer_id}`, and Eko's parameters
 * inside a segment (`user_code:{user_code}`, `ifsc:{ifsc}`). One place fills them, so the SDK,
 * the console, the Postman collection and the tests build the same URLs the router matches.
 */

/** A `{name}` path parameter. */
export const PATH_PARAMETER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g

/** The names of a path's `{name}` parameters, in path order. */
export function pathParameterNames(path: string): string[] {
  return [...path.matchAll(PATH_PARAMETER)].map((m) => m[1] as string)
}

/**
 * `path` with each `{name}` replaced by `values[name]` (percent-encoded, unless `encode` says
 * otherwise: a Postman variable must stay `{{…}}`); a missing value leaves an empty segment part.
 */
export function fillPath(
  path: string,
  values: Readonly<Record<string, string | undefined>>,
  encode: (value: string) => string = encodeURIComponent,
): string {
  return path.replace(PATH_PARAMETER, (_, name: string) => encode(values[name] ?? ''))
}
