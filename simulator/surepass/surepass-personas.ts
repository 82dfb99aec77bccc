import { checkFixtureDocument, type FixtureProblem } from '../../contracts/index.js'
import { createRandom } from '../core/index.js'
import {
  buildCkycPersona,
  generateCkycNumber,
  generatePincode,
  INDIAN_PLACES,
  normalizeCkycIdNumber,
  placeByCity,
  toFixtureView,
  type CkycDocumentType,
  type CkycExistingPersona,
  type CkycPersonaSpec,
} from '../fixtures/index.js'
import { defineTable, TestDataError, type Table, type TestDataKind } from '../pipeline/index.js'
import type { SimContext } from '../sim-context.js'
import { ckycRegistry } from './surepass-tables.js'

/** A person you added (`POST /__sim/personas`, `--fixtures`): the document, and its search keys. */
export interface CustomPersonaRow {
  readonly label: string
  /** Normalised search keys, one per document type CKYC searches by (`''` when it has none). */
  readonly pan: string
  readonly ckyc_no: string
  readonly aadhaar_key: string
  readonly document: Readonly<Record<string, unknown>>
}

/** Most people one sandbox takes besides those of `--fixtures`. */
const MAX_CUSTOM_PERSONAS = 1000

/**
 * Your own CKYC people: looked up by search key like the seeded ones, listed in
 * `/__sim/fixtures`, saved in snapshots. Those of `--fixtures` are seeded (reset keeps them).
 */
export const customPersonas = defineTable('customPersonas').of<CustomPersonaRow>({
  key: 'label',
  indexes: ['pan', 'ckyc_no', 'aadhaar_key'],
  limit: () => MAX_CUSTOM_PERSONAS,
  seed: ({ config }) => config.fixtures.personas.map((document) => rowOf(readPersona(document))),
})

const built = new WeakMap<CustomPersonaRow, CkycExistingPersona>()

/** The persona a custom row stands for (built once per row). */
export function customPersonaOf(row: CustomPersonaRow): CkycExistingPersona {
  let persona = built.get(row)
  if (!persona) {
    persona = buildCkycPersona(specOf(row.document))
    built.set(row, persona)
  }
  return persona
}

/** The column of {@link CustomPersonaRow} a search by `documentType` looks in. */
const KEY_COLUMN: Partial<Record<CkycDocumentType, 'pan' | 'ckyc_no' | 'aadhaar_key'>> = {
  PAN: 'pan',
  CKYC_NUMBER: 'ckyc_no',
  AADHAAR: 'aadhaar_key',
}

/** The persona a search key finds: a seeded one, else one of yours. */
export function findPersona(
  sim: SimContext,
  people: Table<CustomPersonaRow>,
  documentType: CkycDocumentType,
  idNumber: string,
): CkycExistingPersona | undefined {
  const seeded = ckycRegistry(sim.seed).find(documentType, idNumber)
  if (seeded) return seeded
  const column = KEY_COLUMN[documentType]
  const row = column && people.findBy(column, normalizeCkycIdNumber(documentType, idNumber))
  return row ? customPersonaOf(row) : undefined
}

/** The persona a search found, by its label: one of yours, else a seeded one. */
export function personaByLabel(
  sim: SimContext,
  people: Table<CustomPersonaRow>,
  label: string,
): CkycExistingPersona {
  const row = people.get(label)
  return row ? customPersonaOf(row) : ckycRegistry(sim.seed).byLabel(label)
}

/** `POST /__sim/personas`: checked against the schema and CKYC's rules, then stored. */
export const personaTestData: TestDataKind = {
  add(document, { sim, table }) {
    const read = readPersona(document)
    const { persona } = read
    const people = table(customPersonas)
    const fields: FixtureProblem[] = []
    const label = persona.label
    if (people.get(label) || ckycRegistry(sim.seed).personas.some((p) => p.label === label))
      fields.push({ path: '/label', message: `"${label}" is taken; labels are unique` })
    const pan = String((document as { pan: string }).pan)
    if (findPersona(sim, people, 'PAN', pan))
      fields.push({ path: '/pan', message: `a persona with PAN ${pan} exists already` })
    if (fields.length > 0) throw new TestDataError(fields)
    people.insert(rowOf(read))
    return { ...toFixtureView(persona), custom: true }
  },
}

/** A document as a persona, or a {@link TestDataError} naming each bad field. */
function readPersona(document: unknown): ReadPersona {
  const problems = checkFixtureDocument('persona', document)
  const doc = document as Record<string, unknown>
  if (
    problems.length === 0 &&
    doc.city !== undefined &&
    !INDIAN_PLACES.some((p) => p.city === doc.city)
  )
    problems.push({
      path: '/city',
      message: `unknown city; known: ${INDIAN_PLACES.map((p) => p.city).join(', ')}`,
    })
  if (problems.length > 0) throw new TestDataError(problems)
  let persona: CkycExistingPersona
  try {
    persona = buildCkycPersona(specOf(doc))
  } catch (error) {
    throw new TestDataError([fieldOfSpecError(error)])
  }
  return { persona, document: doc }
}

/** A document read: the persona it builds, and the document as given. */
interface ReadPersona {
  readonly persona: CkycExistingPersona
  readonly document: Record<string, unknown>
}

function rowOf({ persona, document }: ReadPersona): CustomPersonaRow {
  const key = (type: CkycDocumentType) =>
    persona.lookup_keys.find((k) => k.document_type === type)?.id_number ?? ''
  const row: CustomPersonaRow = {
    label: persona.label,
    pan: normalizeCkycIdNumber('PAN', key('PAN')),
    ckyc_no: normalizeCkycIdNumber('CKYC_NUMBER', key('CKYC_NUMBER')),
    aadhaar_key: normalizeCkycIdNumber('AADHAAR', key('AADHAAR')),
    document,
  }
  built.set(row, persona)
  return row
}

/**
 * The CKYC spec of a document: the person's own fields, the rest (CKYC number, parents' names,
 * address, KYC dates) drawn from a stream seeded by the label, so a document always builds the
 * same record.
 */
function specOf(doc: Readonly<Record<string, unknown>>): CkycPersonaSpec {
  const stream = createRandom(`persona/${String(doc.label)}`)
  const rand = () => stream.next()
  const place = placeByCity((doc.city as string | undefined) ?? 'MUMBAI')
  const first = String(doc.first_name).toUpperCase()
  const last = String(doc.last_name).toUpperCase()
  const mobile = (doc.mobile_number as string | null | undefined) ?? null
  return {
    label: String(doc.label),
    note: (doc.note as string | undefined) ?? triggersOf(mobile, doc.mobile_registered),
    document_type: 'PAN',
    prefix: doc.gender === 'FEMALE' ? 'MS' : 'MR',
    first_name: first,
    last_name: last,
    gender: doc.gender as 'MALE' | 'FEMALE',
    dob: String(doc.dob),
    father_first_name: 'RAMESH',
    mother_first_name: 'SUNITA',
    pan: String(doc.pan),
    aadhaar: String(doc.aadhaar_number),
    ckyc_no: generateCkycNumber(rand),
    mobile_number: mobile,
    mobile_registered: (doc.mobile_registered as boolean | undefined) ?? mobile !== null,
    email: (doc.email as string | undefined) ?? `${first}.${last}@example.com`.toLowerCase(),
    city: place.city,
    address_lines: ['FLAT 1', 'MAIN ROAD', place.city],
    pincode: generatePincode(rand, place.pin_prefix),
    kyc_date: '2020-01-15',
    updated_date: '2024-01-15',
  }
}

/** CKYC's own rules a schema cannot say (a PAN of the surname, the Aadhaar check digit…), by field. */
function fieldOfSpecError(error: unknown): FixtureProblem {
  const message =
    error instanceof Error ? error.message.replace(/^CKYC persona [^:]*: /, '') : String(error)
  const path = /PAN/.test(message)
    ? '/pan'
    : /Aadhaar/.test(message)
      ? '/aadhaar_number'
      : /mobile/.test(message)
        ? /registered/.test(message)
          ? '/mobile_registered'
          : '/mobile_number'
        : /date/.test(message)
          ? '/dob'
          : ''
  const why =
    path === '/pan'
      ? `${message} (a PAN's 5th letter is the surname's initial, its 4th P)`
      : path === '/aadhaar_number'
        ? `${message} (the Verhoeff check digit fails)`
        : message
  return { path, message: why }
}

/** What your persona triggers, said the way the seeded personas' notes say it. */
function triggersOf(mobile: string | null, registered: unknown): string {
  if (mobile === null)
    return 'Your persona: search by its PAN; its record has no mobile, so generate-otp answers mobile_does_not_exist_ckyc.'
  if (registered === false)
    return 'Your persona: search by its PAN; its mobile is not registered, so generate-otp with it answers mobile_not_registered.'
  return 'Your persona: search by its PAN, generate-otp to its mobile_number, download with the OTP from the inbox.'
}
