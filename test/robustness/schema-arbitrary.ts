/**
 * A small JSON-Schema → fast-check converter for the subset the request contracts use, so the
 * generative suites are driven by the contracts themselves: when a contract changes, the requests
 * the tests throw at the simulator change with it. An unsupported keyword throws, so a contract
 * that outgrows this subset fails loudly instead of silently generating the wrong thing.
 *
 * Supported: `$ref` (resolved through the contract registry), `true`, `const`, `enum`,
 * `anyOf`/`oneOf` of value schemas, `type: string` with `pattern`, `minLength`, `maxLength`,
 * `format: email | date | ipv4`; `type: integer | number` with `minimum`, `maximum`,
 * `exclusiveMinimum`; `type: object` with `properties`, `required`, `additionalProperties:
 * false`, a body-level `oneOf` of `required` groups ("exactly one of aadhar / aadhaar"), and an
 * `allOf` of `if`/`then` conditionals keyed on one `const` property (Surepass search's
 * document_type → id_number format).
 */
import fc from 'fast-check'
import { schemaAt, validatorAt } from '../../contracts/index.js'

type Schema = Readonly<Record<string, unknown>> | boolean

/** Per-field extra values mixed into a field's arbitrary (e.g. ids the simulator really issued). */
export type FieldHints = Readonly<Record<string, fc.Arbitrary<unknown>>>

/** A schema with the URI its relative `$ref`s resolve against. */
interface Located {
  schema: Schema
  base: string
}

/** Follows `$ref`s until a schema without one. */
export function resolve(schema: Schema, base: string): Located {
  let current: Located = { schema, base }
  for (
    let hops = 0;
    typeof current.schema === 'object' && typeof current.schema.$ref === 'string';
    hops++
  ) {
    if (hops > 20) throw new Error(`$ref loop at ${base}`)
    const uri = new URL(current.schema.$ref, current.base).href
    current = { schema: schemaAt(uri), base: uri }
  }
  return current
}

const IGNORED = new Set([
  'description',
  'x-provenance',
  'x-eko-alias',
  'x-invalid-message',
  'x-multipart-file',
  'examples',
  'title',
  '$comment',
])

function unsupported(schema: Readonly<Record<string, unknown>>, handled: readonly string[]): void {
  for (const key of Object.keys(schema)) {
    if (!IGNORED.has(key) && !handled.includes(key))
      throw new Error(
        `schema-arbitrary: unsupported keyword "${key}" in ${JSON.stringify(schema).slice(0, 200)}`,
      )
  }
}

/** An arbitrary of values valid against `schema` (mostly; callers filter with the real validator). */
export function arbitraryOf(
  schema: Schema,
  base: string,
  hints: FieldHints = {},
): fc.Arbitrary<unknown> {
  const { schema: s, base: b } = resolve(schema, base)
  if (s === true) return fc.jsonValue({ maxDepth: 2 })
  if (s === false) throw new Error('schema-arbitrary: false schema has no values')
  if ('const' in s) return fc.constant(s.const)
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]))
  if (s.type === 'object' || s.properties !== undefined) return objectArbitrary(s, b, hints)
  const union = (s.anyOf ?? s.oneOf) as Schema[] | undefined
  if (union) {
    unsupported(s, ['anyOf', 'oneOf'])
    return fc.oneof(...union.map((branch) => arbitraryOf(branch, b)))
  }
  if (s.type === 'string') return stringArbitrary(s)
  if (s.type === 'integer' || s.type === 'number') return numberArbitrary(s)
  if (s.type === 'null') return fc.constant(null)
  if (s.type === 'boolean') return fc.boolean()
  throw new Error(`schema-arbitrary: unsupported schema ${JSON.stringify(s).slice(0, 200)}`)
}

/** `type: integer | number` with `minimum`, `maximum`, `exclusiveMinimum`. */
function numberArbitrary(s: Readonly<Record<string, unknown>>): fc.Arbitrary<number> {
  unsupported(s, ['type', 'minimum', 'maximum', 'exclusiveMinimum'])
  const exclusive = s.exclusiveMinimum as number | undefined
  const min = (s.minimum as number | undefined) ?? exclusive ?? -1_000_000
  const max = (s.maximum as number | undefined) ?? 1_000_000_000
  const arb =
    s.type === 'integer'
      ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
      : fc.double({ min, max, noNaN: true, noDefaultInfinity: true })
  return exclusive === undefined ? arb : arb.filter((n) => n > exclusive)
}

function stringArbitrary(s: Readonly<Record<string, unknown>>): fc.Arbitrary<string> {
  unsupported(s, ['type', 'pattern', 'minLength', 'maxLength', 'format'])
  const minLength = (s.minLength as number | undefined) ?? 0
  const maxLength = (s.maxLength as number | undefined) ?? 64
  let arb: fc.Arbitrary<string>
  if (typeof s.pattern === 'string') {
    const re = new RegExp(s.pattern)
    // A pattern with an open quantifier (`+`) and a large minLength: size 'large' reaches it often enough.
    arb = fc.stringMatching(re, { maxLength, size: minLength > 8 ? 'large' : undefined })
  } else if (s.format === 'email') {
    arb = fc.emailAddress()
  } else if (s.format === 'ipv4') {
    arb = fc.ipV4()
  } else if (s.format === 'date') {
    arb = fc
      .date({
        min: new Date('1940-01-01T00:00:00Z'),
        max: new Date('2030-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10))
  } else if (s.format !== undefined) {
    throw new Error(`schema-arbitrary: unsupported format ${String(s.format)}`)
  } else {
    arb = fc.string({ minLength, maxLength: Math.min(maxLength, minLength + 40), unit: 'grapheme' })
  }
  return arb.filter((v) => v.length >= minLength && v.length <= maxLength)
}

interface Conditional {
  key: string
  value: unknown
  thenSchema: Readonly<Record<string, unknown>>
}

function objectArbitrary(
  s: Readonly<Record<string, unknown>>,
  base: string,
  hints: FieldHints,
): fc.Arbitrary<Record<string, unknown>> {
  unsupported(s, ['type', 'properties', 'required', 'additionalProperties', 'oneOf', 'allOf'])
  if (s.additionalProperties !== undefined && s.additionalProperties !== false) {
    throw new Error('schema-arbitrary: only additionalProperties: false is supported')
  }
  const properties = (s.properties ?? {}) as Record<string, Schema>
  const required = new Set((s.required ?? []) as string[])

  // Body-level oneOf: each branch requires one group of fields; the others' fields are left out.
  const groups = ((s.oneOf ?? [{}]) as Readonly<Record<string, unknown>>[]).map((branch) => {
    unsupported(branch, ['required', 'properties'])
    return (branch.required ?? []) as string[]
  })
  const grouped = new Set(groups.flat())

  // allOf of if/then on one const-valued key.
  const conditionals: Conditional[] = ((s.allOf ?? []) as Readonly<Record<string, unknown>>[]).map(
    (part) => {
      unsupported(part, ['if', 'then'])
      const cond = part.if as Readonly<Record<string, unknown>>
      const condProps = (cond.properties ?? {}) as Record<string, { const?: unknown }>
      const [key, ...more] = Object.keys(condProps)
      if (key === undefined || more.length > 0 || !('const' in (condProps[key] ?? {}))) {
        throw new Error('schema-arbitrary: allOf/if must test one property against a const')
      }
      return {
        key,
        value: condProps[key]!.const,
        thenSchema: part.then as Readonly<Record<string, unknown>>,
      }
    },
  )

  const fieldArb = (name: string, schema: Schema): fc.Arbitrary<unknown> => {
    const own = arbitraryOf(schema, base)
    const hint = hints[name]
    return hint ? fc.oneof({ arbitrary: hint, weight: 3 }, { arbitrary: own, weight: 1 }) : own
  }

  const build = (
    props: Record<string, Schema>,
    group: readonly string[],
  ): fc.Arbitrary<Record<string, unknown>> => {
    const model: Record<string, fc.Arbitrary<unknown>> = {}
    for (const [name, schema] of Object.entries(props)) {
      if (grouped.has(name) && !group.includes(name)) continue
      model[name] = fieldArb(name, schema)
    }
    const requiredKeys = Object.keys(model).filter(
      (name) => required.has(name) || group.includes(name),
    )
    return fc.record(model, { requiredKeys })
  }

  const variants = groups.map((group) => {
    if (conditionals.length === 0) return build(properties, group)
    const key = conditionals[0]!.key
    if (conditionals.some((c) => c.key !== key))
      throw new Error('schema-arbitrary: conditionals on several keys')
    // Draw the key first, then the rest with the matching `then` laid over the properties.
    return fieldArb(key, properties[key] ?? true).chain((value) => {
      const overlay = conditionals
        .filter((c) => c.value === value)
        .map((c) => (c.thenSchema.properties ?? {}) as Record<string, Schema>)
      const props: Record<string, Schema> = { ...properties }
      for (const extra of overlay) Object.assign(props, extra)
      delete props[key]
      return build(props, group).map((rest) => ({ [key]: value, ...rest }))
    })
  })
  return variants.length === 1 ? variants[0]! : fc.oneof(...variants)
}

/**
 * Valid request bodies of an operation: generated from its body schema, then checked with the
 * contract's own compiled validator (so the converter's approximations never leak an invalid
 * body into a "valid" property).
 */
export function validBodyArbitrary(
  bodySchemaId: string,
  hints: FieldHints = {},
): fc.Arbitrary<Record<string, unknown>> {
  const validate = validatorAt(bodySchemaId)
  return (
    arbitraryOf(schemaAt(bodySchemaId), bodySchemaId, hints) as fc.Arbitrary<
      Record<string, unknown>
    >
  ).filter((body) => validate(body) === true)
}

/** One way of breaking a valid body, and the field a provider's error must name. */
export interface Mutation {
  kind: 'drop_required' | 'wrong_type' | 'break_pattern' | 'too_long' | 'unknown_field'
  field: string
  apply(body: Record<string, unknown>): Record<string, unknown>
}

const WRONG_TYPES: readonly unknown[] = [12345, true, null, [], { nested: 'x' }, 1.5]

/** The top-level fields of a body schema with their resolved schemas. */
function topLevelFields(bodySchemaId: string): {
  name: string
  schema: Readonly<Record<string, unknown>> | boolean
  required: boolean
  /** The field's own validator (to tell a wrong value from one the field also accepts). */
  accepts: (value: unknown) => boolean
}[] {
  const { schema, base } = resolve(schemaAt(bodySchemaId), bodySchemaId)
  if (typeof schema !== 'object') return []
  const required = new Set((schema.required ?? []) as string[])
  return Object.entries((schema.properties ?? {}) as Record<string, Schema>).map(([name, s]) => ({
    name,
    schema: resolve(s, bodySchemaId).schema,
    required: required.has(name),
    accepts: (value: unknown) =>
      validatorAt(`${base}/properties/${encodeURIComponent(name)}`)(value) === true,
  }))
}

/**
 * Every single-fault mutation the body schema suggests: drop each required field, give each field
 * a value of another JSON type, break each field's pattern, overflow each maxLength, add an unknown
 * field. Each leaves the rest of the body valid, so the provider's error has one field to name.
 */
export function mutationsOf(bodySchemaId: string): fc.Arbitrary<Mutation> {
  const fields = topLevelFields(bodySchemaId)
  const options: fc.Arbitrary<Mutation>[] = []
  for (const { name, schema, required, accepts } of fields) {
    if (required)
      options.push(fc.constant({ kind: 'drop_required', field: name, apply: (b) => omit(b, name) }))
    if (typeof schema !== 'object') continue
    // 12345 is no wrong type for a field that also takes a number (Eko's operator_id, amount).
    const wrong = WRONG_TYPES.filter((value) => !accepts(value))
    options.push(
      fc.constantFrom(...wrong).map(
        (value) =>
          ({
            kind: 'wrong_type',
            field: name,
            apply: (b) => ({ ...b, [name]: value }),
          }) satisfies Mutation,
      ),
    )
    if (typeof schema.pattern === 'string') {
      const re = new RegExp(schema.pattern)
      const maxLength = (schema.maxLength as number | undefined) ?? 64
      options.push(
        fc
          .string({ maxLength: Math.min(maxLength, 40) })
          .filter((v) => !re.test(v))
          .map(
            (value) =>
              ({
                kind: 'break_pattern',
                field: name,
                apply: (b) => ({ ...b, [name]: value }),
              }) satisfies Mutation,
          ),
      )
    }
    if (typeof schema.maxLength === 'number') {
      const length = schema.maxLength + 1
      options.push(
        fc.constant({
          kind: 'too_long',
          field: name,
          apply: (b) => ({ ...b, [name]: 'A'.repeat(length) }),
        }),
      )
    }
  }
  options.push(
    fc
      .stringMatching(/^[a-z][a-z_]{2,15}$/)
      .filter((name) => !fields.some((f) => f.name === name))
      .map(
        (name) =>
          ({
            kind: 'unknown_field',
            field: name,
            apply: (b) => ({ ...b, [name]: 'x' }),
          }) satisfies Mutation,
      ),
  )
  return fc.oneof(...options)
}

function omit(body: Record<string, unknown>, name: string): Record<string, unknown> {
  const { [name]: _dropped, ...rest } = body
  return rest
}
