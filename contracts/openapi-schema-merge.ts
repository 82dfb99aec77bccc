/**
 * Exact `allOf` merging for the OpenAPI export, so that the tools people point at the document
 * see one plain object schema per case instead of "envelope + specifics" layers.
 *
 * Why: the contracts write each case as `allOf: [envelope]` plus the case's own `properties`,
 * and the envelope leaves fields open (`"data": true`) or forbids them (`"invalid_params": false`).
 * JSON-Schema fakers (json-schema-faker, which Prism's dynamic mode uses) generate from the
 * layers and combine the values, which yields bodies such as `"data": true` that the document's
 * own schema refuses; openapi-typescript turns the layers into intersections where the
 * envelope's required `data: unknown` meets the case's optional `data?: {…}`, so
 * `res.data.client_id` is a strict-mode error. Merged, the case says `required: [data]` and
 * `data: {…}` itself.
 *
 * The merge is exact: an instance is valid against the result if and only if it is valid
 * against every member. What cannot be merged exactly (two different `pattern`s that are not a
 * literal prefix plus a character class, two `oneOf`s…) is kept as a small `allOf` residue, so
 * meaning never changes; the export's tests (faker samples checked against the contracts) show
 * when a residue makes a schema hard for tools. Browser-safe: no Node built-ins.
 */
import { isObject, type JsonObject } from './schema-lookup.js'

/** The schema nothing satisfies, as an object (the export carries no boolean schemas). */
export const NEVER_SCHEMA: Readonly<JsonObject> = Object.freeze({ not: {} })

/** True for `{ not: {} }`, the object form of the `false` schema. */
export function isNever(schema: unknown): boolean {
  return (
    isObject(schema) &&
    Object.keys(schema).length === 1 &&
    isObject(schema.not) &&
    Object.keys(schema.not).length === 0
  )
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** Keywords that only describe; on a clash the second (more specific) schema's value wins. */
function isAnnotation(key: string): boolean {
  return (
    key.startsWith('x-') ||
    key === 'description' ||
    key === 'title' ||
    key === 'examples' ||
    key === 'example' ||
    key === 'default' ||
    key === 'deprecated' ||
    key === '$comment' ||
    key === 'readOnly' ||
    key === 'writeOnly'
  )
}

const LOWER_BOUNDS = new Set([
  'minimum',
  'exclusiveMinimum',
  'minLength',
  'minItems',
  'minProperties',
])
const UPPER_BOUNDS = new Set([
  'maximum',
  'exclusiveMaximum',
  'maxLength',
  'maxItems',
  'maxProperties',
])

function typesOf(type: unknown): string[] {
  return Array.isArray(type) ? (type as string[]) : [type as string]
}

/** The types both sides allow (`integer` is within `number`). */
function intersectTypes(a: unknown, b: unknown): string[] {
  const right = typesOf(b)
  const out = new Set<string>()
  for (const t of typesOf(a)) {
    if (right.includes(t)) out.add(t)
    else if (t === 'integer' && right.includes('number')) out.add('integer')
    else if (t === 'number' && right.includes('integer')) out.add('integer')
  }
  return [...out]
}

/**
 * `^LITERAL` and `^[class]{m,n}$` as ONE pattern (`^LITERAL[class]{m-L,n-L}$`), exactly: the
 * common "reference with a known prefix" shape (`^EKYKF` on top of `^[A-Za-z0-9]{1,64}$`),
 * which a faker cannot satisfy when the two patterns stay separate.
 */
export function intersectPatterns(a: string, b: string): string | undefined {
  if (a === b) return a
  for (const [prefix, bounded] of [
    [a, b],
    [b, a],
  ] as const) {
    const literal = /^\^([A-Za-z0-9_-]+)$/.exec(prefix)?.[1]
    const shape = /^\^(\[[^\]\\]+\])\{(\d+),(\d+)\}\$$/.exec(bounded)
    if (literal === undefined || !shape) continue
    const [, charClass, min, max] = shape
    if (!new RegExp(`^${charClass}+$`).test(literal)) continue
    const low = Math.max(0, Number(min) - literal.length)
    const high = Number(max) - literal.length
    if (high < low) continue
    return `^${literal}${charClass}{${low},${high}}$`
  }
  return undefined
}

/**
 * Keywords whose meaning depends on what sibling keywords evaluated: merging next to them could
 * change what they see, so a schema using one is combined as `allOf` instead.
 */
const UNMERGEABLE = [
  'patternProperties',
  'unevaluatedProperties',
  'unevaluatedItems',
  'dependentSchemas',
  '$dynamicRef',
]

/** The schema a property not listed in `properties` must satisfy, if the schema says. */
function additionalOf(schema: JsonObject): JsonObject | undefined {
  const extra = schema.additionalProperties
  if (extra === undefined) return undefined
  if (extra === false) return { ...NEVER_SCHEMA }
  if (extra === true) return {}
  return extra as JsonObject
}

/**
 * Merges two object-form schemas into one that accepts exactly what both accept. The second
 * schema's annotations win (it is the more specific: the case over its envelope).
 */
export function mergeSchemas(a: JsonObject, second: JsonObject): JsonObject {
  let b = second
  if (isNever(a) || isNever(b)) return { ...NEVER_SCHEMA }
  if (UNMERGEABLE.some((key) => key in a || key in b)) return { allOf: [a, b] }
  const out: JsonObject = {}
  const residue: JsonObject[] = []
  if ('if' in a && 'if' in b) {
    // `if`/`then`/`else` act together: the second conditional stays whole, as a residue.
    const { if: condition, then, else: otherwise, ...others } = b
    residue.push(
      Object.fromEntries(
        Object.entries({ if: condition, then, else: otherwise }).filter(([, v]) => v !== undefined),
      ),
    )
    b = others
  }
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])]
  for (const key of keys) {
    const inA = key in a
    const inB = key in b
    const left = a[key]
    const right = b[key]
    if (key === 'properties' || key === 'additionalProperties' || key === 'allOf') continue
    if (!inA || !inB || same(left, right)) {
      out[key] = structuredClone(inB ? right : left)
      continue
    }
    if (isAnnotation(key)) out[key] = structuredClone(right)
    else if (key === 'type') {
      const types = intersectTypes(left, right)
      if (types.length === 0) return { ...NEVER_SCHEMA }
      out.type = types.length === 1 ? types[0] : types
    } else if (key === 'required')
      out.required = [...new Set([...(left as string[]), ...(right as string[])])]
    else if (key === 'const') return { ...NEVER_SCHEMA }
    else if (key === 'enum') {
      const values = (left as unknown[]).filter((v) => (right as unknown[]).some((w) => same(v, w)))
      if (values.length === 0) return { ...NEVER_SCHEMA }
      out.enum = values
    } else if (LOWER_BOUNDS.has(key)) out[key] = Math.max(left as number, right as number)
    else if (UPPER_BOUNDS.has(key)) out[key] = Math.min(left as number, right as number)
    else if (key === 'pattern') {
      const pattern = intersectPatterns(left as string, right as string)
      if (pattern === undefined) {
        out.pattern = left
        residue.push({ pattern: right })
      } else out.pattern = pattern
    } else if (key === 'items' && isObject(left) && isObject(right))
      out.items = mergeSchemas(left, right)
    else {
      out[key] = structuredClone(left)
      residue.push({ [key]: structuredClone(right) })
    }
  }

  // Properties: a name listed on one side only must still satisfy the other side's
  // `additionalProperties` (a closed envelope forbids what it does not list).
  const propsA = (a.properties ?? {}) as Record<string, JsonObject>
  const propsB = (b.properties ?? {}) as Record<string, JsonObject>
  const extraA = additionalOf(a)
  const extraB = additionalOf(b)
  if (a.properties !== undefined || b.properties !== undefined) {
    const properties: Record<string, JsonObject> = {}
    for (const name of [...new Set([...Object.keys(propsA), ...Object.keys(propsB)])]) {
      const fromA = propsA[name] ?? extraA
      const fromB = propsB[name] ?? extraB
      properties[name] =
        fromA !== undefined && fromB !== undefined
          ? mergeSchemas(fromA, fromB)
          : structuredClone((fromA ?? fromB)!)
    }
    out.properties = properties
  }
  if (extraA !== undefined || extraB !== undefined)
    out.additionalProperties =
      extraA !== undefined && extraB !== undefined
        ? mergeSchemas(extraA, extraB)
        : structuredClone((extraA ?? extraB)!)

  const rest = structuredClone([
    ...((a.allOf as JsonObject[]) ?? []),
    ...((b.allOf as JsonObject[]) ?? []),
  ])
  if (rest.length + residue.length > 0) out.allOf = [...rest, ...residue]
  return tidy(out)
}

/**
 * Final touches that keep the meaning: a closed object drops the properties it forbids and says
 * `additionalProperties: false`; a `const` drops the assertions it already satisfies (a faker
 * then has one clear instruction, and a reader one value).
 */
export function tidy(schema: JsonObject): JsonObject {
  if (isNever(schema.additionalProperties)) {
    schema.additionalProperties = false
    const properties = schema.properties as Record<string, JsonObject> | undefined
    const required = new Set((schema.required as string[] | undefined) ?? [])
    for (const [name, s] of Object.entries(properties ?? {}))
      if (isNever(s) && !required.has(name)) delete properties![name]
  }
  if ('const' in schema) {
    const value = schema.const
    if ('enum' in schema && (schema.enum as unknown[]).some((v) => same(v, value)))
      delete schema.enum
    if ('type' in schema && typesOf(schema.type).some((t) => hasType(value, t))) delete schema.type
    const not = schema.not
    if (isObject(not) && Object.keys(not).length === 1 && 'const' in not && !same(not.const, value))
      delete schema.not
    if (typeof value === 'number') {
      if (typeof schema.minimum === 'number' && value >= schema.minimum) delete schema.minimum
      if (typeof schema.maximum === 'number' && value <= schema.maximum) delete schema.maximum
    }
    if (typeof value === 'string') {
      if (typeof schema.minLength === 'number' && [...value].length >= schema.minLength)
        delete schema.minLength
      if (typeof schema.maxLength === 'number' && [...value].length <= schema.maxLength)
        delete schema.maxLength
      if (typeof schema.pattern === 'string' && new RegExp(schema.pattern, 'u').test(value))
        delete schema.pattern
    }
  }
  return schema
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'null':
      return value === null
    case 'integer':
      return Number.isInteger(value)
    case 'number':
      return typeof value === 'number'
    case 'array':
      return Array.isArray(value)
    case 'object':
      return isObject(value)
    default:
      return typeof value === type
  }
}
