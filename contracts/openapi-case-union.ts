/**
 * The schema of one HTTP status that several cases share: a `oneOf` whose branches tools can
 * tell apart by their top-level fields alone.
 *
 * Why: a `oneOf` is exact only when its branches exclude each other, and linters (Redocly's
 * `no-illogical-composition-keywords`) and code generators look for that at the top level: a
 * `const` or `enum` on a property every branch requires (`message_code`, `response_type_id`).
 * Two Eko 461 cases differ only in `data.reason`; as sibling `oneOf` branches they look
 * overlapping. Cases that no top-level field separates are therefore grouped under one branch as
 * an `anyOf` (still exact: they exclude each other deeper down, which the export's tests check
 * with ajv's `oneOf` semantics on every example and faker sample).
 */

type JsonObject = Record<string, unknown>

/** One case as a union branch: its title (the case id), its `$ref`, its merged schema. */
export interface CaseBranch {
  readonly title: string
  readonly ref: { readonly $ref: string }
  readonly schema: JsonObject
}

function valuesOf(schema: JsonObject | undefined): unknown[] | undefined {
  if (schema === undefined) return undefined
  if ('const' in schema) return [schema.const]
  return Array.isArray(schema.enum) ? schema.enum : undefined
}

function typesOf(schema: JsonObject | undefined): string[] | undefined {
  const type = schema?.type
  if (type === undefined) return undefined
  return Array.isArray(type) ? (type as string[]) : [type as string]
}

/**
 * True when a top-level field proves two object schemas exclusive: a property both require
 * whose allowed values (or types) do not meet, or a property one requires that the other, a
 * closed object, does not list.
 */
export function excludeAtTopLevel(a: JsonObject, b: JsonObject): boolean {
  const propsA = (a.properties ?? {}) as Record<string, JsonObject>
  const propsB = (b.properties ?? {}) as Record<string, JsonObject>
  const requiredA = new Set((a.required as string[] | undefined) ?? [])
  const requiredB = new Set((b.required as string[] | undefined) ?? [])
  const closedMissing = (closed: JsonObject, props: JsonObject, required: Set<string>): boolean =>
    closed.additionalProperties === false && [...required].some((name) => !(name in props))
  if (closedMissing(a, propsA, requiredB) || closedMissing(b, propsB, requiredA)) return true
  for (const name of requiredA) {
    if (!requiredB.has(name)) continue
    const left = valuesOf(propsA[name])
    const right = valuesOf(propsB[name])
    if (left && right) {
      const text = new Set(right.map((v) => JSON.stringify(v)))
      if (!left.some((v) => text.has(JSON.stringify(v)))) return true
      continue
    }
    const typesA = typesOf(propsA[name])
    const typesB = typesOf(propsB[name])
    if (typesA && typesB && !typesA.some((t) => typesB.includes(t))) return true
  }
  return false
}

/**
 * The response schema of the cases of one status: the lone case's `$ref`, or a `oneOf` of
 * branches, cases that no top-level field separates sharing one `anyOf` branch. Order kept.
 */
export function caseUnion(branches: readonly CaseBranch[]): JsonObject {
  if (branches.length === 1) return { ...branches[0]!.ref }
  const groups: CaseBranch[][] = []
  for (const branch of branches) {
    const joined = groups.filter((g) => g.some((m) => !excludeAtTopLevel(m.schema, branch.schema)))
    const merged = [...joined.flat(), branch]
    for (const g of joined) groups.splice(groups.indexOf(g), 1)
    groups.push(merged)
  }
  const order = (g: CaseBranch[]) => Math.min(...g.map((m) => branches.indexOf(m)))
  groups.sort((x, y) => order(x) - order(y))
  for (const g of groups) g.sort((x, y) => branches.indexOf(x) - branches.indexOf(y))
  const branchOf = (g: CaseBranch[]): JsonObject =>
    g.length === 1
      ? { title: g[0]!.title, ...g[0]!.ref }
      : {
          title: g.map((m) => m.title).join(' | '),
          anyOf: g.map((m) => ({ title: m.title, ...m.ref })),
        }
  return groups.length === 1 ? branchOf(groups[0]!) : { oneOf: groups.map(branchOf) }
}
