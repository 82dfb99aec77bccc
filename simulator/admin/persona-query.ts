import { factory, nullable, primaryKey } from '@mswjs/data'
import type { FieldProblem } from './admin-response.js'

/** A persona as `/__sim/fixtures` lists it (the fields a query may filter on). */
export interface PersonaView {
  label: string
  document_type: string
  id_number: string
  full_name: string | null
  dob: string | null
  mobile_number: string | null
  mobile_registered: boolean
  exists: boolean
  note: string
  custom?: boolean
}

const TEXT = ['label', 'document_type', 'id_number', 'dob', 'mobile_number'] as const
const FLAGS = ['exists', 'mobile_registered', 'custom'] as const

/**
 * `GET /__sim/personas?…`: the persona registry (seeded and yours) queried through
 * `@mswjs/data`'s public API (the data library that serves user-facing queries): a model per registry,
 * `findMany` with `equals` on each given field and `contains` on `full_name`. The registry is a
 * few dozen people; hot lookups by search key never come here (they are one `Map` read).
 * An unknown parameter or a flag that is not `true`/`false` is returned as a problem.
 */
export function queryPersonas(
  personas: readonly PersonaView[],
  query: Readonly<Record<string, string>>,
): { personas: PersonaView[] } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = []
  const where: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(query)) {
    if (name === 'full_name') where.full_name = { contains: value.toUpperCase() }
    else if ((TEXT as readonly string[]).includes(name)) where[name] = { equals: value }
    else if ((FLAGS as readonly string[]).includes(name)) {
      if (value !== 'true' && value !== 'false')
        problems.push({ path: `/query/${name}`, message: 'must be true or false' })
      where[name] = { equals: value === 'true' }
    } else
      problems.push({
        path: `/query/${name}`,
        message: `not a persona field; filter by ${[...TEXT, 'full_name', ...FLAGS].join(', ')}`,
      })
  }
  if (problems.length > 0) return { problems }
  const db = factory({
    persona: {
      label: primaryKey(String),
      document_type: String,
      id_number: String,
      full_name: nullable(String),
      dob: nullable(String),
      mobile_number: nullable(String),
      mobile_registered: Boolean,
      exists: Boolean,
      custom: Boolean,
      note: String,
    },
  })
  for (const p of personas) db.persona.create({ ...p, custom: p.custom === true })
  const found =
    Object.keys(where).length === 0 ? db.persona.getAll() : db.persona.findMany({ where })
  return { personas: found.map((p) => ({ ...p })) as PersonaView[] }
}
