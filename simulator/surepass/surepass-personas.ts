import { checkFixtureDocument, type FixtureProblem } from '../../contracts/index.js'
import { createRandom } from '../core/index.js'
import {
  bankAccountKey,
  branchByIfsc,
  buildCkycPersona,
  buildSurepassPerson,
  generateCkycNumber,
  generatePincode,
  INDIAN_PLACES,
  normalizeCkycIdNumber,
  placeByCity,
  toFixtureView,
  toSurepassPersonView,
  type BankAccountSpec,
  type CkycDocumentType,
  type CkycExistingPersona,
  type CkycPersonaSpec,
  type SurepassPeopleIndex,
  type SurepassPerson,
  type SurepassPersonView,
} from '../fixtures/index.js'
import {
  defineTable,
  TestDataError,
  type Table,
  type TableSpec,
  type TestDataKind,
} from '../pipeline/index.js'
import type { SimContext } from '../sim-context.js'
import { ckycRegistry, surepassPeople } from './surepass-tables.js'

/** A person you added (`POST /__sim/personas`, `--fixtures`): the document, and its search keys. */
export interface CustomPersonaRow {
  readonly label: string
  /** Normalised search keys, one per document type CKYC searches by (`''` when it has none). */
  readonly pan: string
  readonly ckyc_no: string
  readonly aadhaar_key: string
  /** The plain 12 digits, as Aadhaar OKYC looks a person up. */
  readonly aadhaar_number: string
  readonly document: Readonly<Record<string, unknown>>
}

/** One of your people's bank accounts, by the key bank verification looks it up with. */
export interface CustomAccountRow {
  /** `IFSC:account number` ({@link bankAccountKey}). */
  readonly account_key: string
  /** The persona holding it. */
  readonly label: string
}

/** Most people one sandbox takes besides those of `--fixtures` (the admin API refuses more). */
const MAX_CUSTOM_PERSONAS = 1000
/** Most accounts one persona holds (the published schema's `maxItems`). */
const MAX_ACCOUNTS_PER_PERSONA = 5

/**
 * Your own people: looked up by search key like the seeded ones, listed in `/__sim/fixtures`.
 * Every row is a fixture (seeded: a reset keeps it), rebuilt from its document on a restore.
 */
export const customPersonas = defineTable('customPersonas').of<CustomPersonaRow>({
  key: 'label',
  indexes: ['pan', 'ckyc_no', 'aadhaar_key', 'aadhaar_number'],
  limit: () => MAX_CUSTOM_PERSONAS,
  fromTestData: true,
  seed: ({ config }) => config.fixtures.personas.map((document) => rowOf(readPersona(document))),
})

/** Your people's bank accounts: one `Map` read per bank verification, like the seeded ones. */
export const customAccounts = defineTable('customAccounts').of<CustomAccountRow>({
  key: 'account_key',
  limit: () => MAX_CUSTOM_PERSONAS * MAX_ACCOUNTS_PER_PERSONA,
  fromTestData: true,
  seed: ({ config }) => config.fixtures.personas.flatMap((document) => accountRowsOf(document)),
})

const built = new WeakMap<CustomPersonaRow, CkycExistingPersona>()
const people = new WeakMap<CustomPersonaRow, SurepassPerson>()

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

/**
 * The person of the Surepass persona graph a custom row stands for (built once per row): its
 * CKYC identity, plus what the document says of its Aadhaar, PAN link and bank accounts.
 */
function customPersonOf(row: CustomPersonaRow): SurepassPerson {
  let person = people.get(row)
  if (!person) {
    const doc = row.document
    person = buildSurepassPerson(customPersonaOf(row), {
      label: row.label,
      note: customPersonaOf(row).note,
      mobile_linked: doc.aadhaar_mobile_linked as boolean | undefined,
      pan_aadhaar_linked: doc.pan_aadhaar_linked as boolean | undefined,
      bank_accounts: accountsIn(doc).map((account) => ({
        ...account,
        holder_name: account.holder_name?.toUpperCase(),
      })),
    })
    people.set(row, person)
  }
  return person
}

/** How an operation or a test-data kind reaches this simulator's tables. */
type TableAccess = <Row>(spec: TableSpec<Row>) => Table<Row>

/**
 * The persona graph of one simulator: the seeded people of its seed first, then yours, looked
 * up the same ways (Aadhaar number, PAN, IFSC and account), each one `Map` read.
 */
export function surepassPeopleOf(sim: SimContext, table: TableAccess): SurepassPeopleIndex {
  const seeded = surepassPeople(sim.seed)
  const rows = table(customPersonas)
  const mine = (row: CustomPersonaRow | undefined) => (row ? customPersonOf(row) : undefined)
  return {
    get entries() {
      return [...seeded.entries, ...rows.values().map(customPersonOf)]
    },
    byAadhaar: (n) => seeded.byAadhaar(n) ?? mine(rows.findBy('aadhaar_number', n.trim())),
    byPan: (n) => seeded.byPan(n) ?? mine(rows.findBy('pan', normalizeCkycIdNumber('PAN', n))),
    byAccount(ifsc, n) {
      const held = seeded.byAccount(ifsc, n)
      if (held) return held
      const key = bankAccountKey(ifsc, n)
      const person = mine(rows.get(table(customAccounts).get(key)?.label ?? ''))
      const account = person?.bank_accounts.find(
        (a) => bankAccountKey(a.ifsc, a.account_number) === key,
      )
      return person && account ? { person, account } : undefined
    },
  }
}

/** `surepass.people` of `/__sim/fixtures`: the graph, yours last and marked `custom`. */
export function surepassPeopleViews(sim: SimContext, table: TableAccess): SurepassPersonView[] {
  const index = surepassPeopleOf(sim, table)
  const custom = new Set(
    table(customPersonas)
      .values()
      .map((row) => row.label),
  )
  return index.entries.map((entry) => {
    const view = toSurepassPersonView(entry, index)
    return custom.has(entry.label) ? { ...view, custom: true } : view
  })
}

/** `POST /__sim/personas`: checked against the schema, CKYC's rules and the graph, then stored. */
export const personaTestData: TestDataKind = {
  add(document, { sim, table }) {
    const read = readPersona(document)
    const { persona } = read
    const rows = table(customPersonas)
    const graph = surepassPeopleOf(sim, table)
    const fields: FixtureProblem[] = []
    const label = persona.label
    if (rows.size >= MAX_CUSTOM_PERSONAS)
      fields.push({
        path: '',
        message: `this sandbox holds the most personas it takes (${MAX_CUSTOM_PERSONAS}); create another sandbox`,
      })
    if (rows.get(label) || ckycRegistry(sim.seed).personas.some((p) => p.label === label))
      fields.push({ path: '/label', message: `"${label}" is taken; labels are unique` })
    const pan = String(read.document.pan)
    if (findPersona(sim, rows, 'PAN', pan) || graph.byPan(pan))
      fields.push({ path: '/pan', message: `a persona with PAN ${pan} exists already` })
    const aadhaar = String(read.document.aadhaar_number)
    if (graph.byAadhaar(aadhaar))
      fields.push({
        path: '/aadhaar_number',
        message: 'a persona with this Aadhaar exists already',
      })
    for (const [i, account] of accountsIn(read.document).entries())
      if (graph.byAccount(account.ifsc, account.account_number))
        fields.push({
          path: `/bank_accounts/${i}/account_number`,
          message: `another persona holds account ${account.account_number} at ${account.ifsc}`,
        })
    if (fields.length > 0) throw new TestDataError(fields)
    const row = rows.insert(rowOf(read), { seeded: true })
    for (const account of accountRowsOf(read.document))
      table(customAccounts).insert(account, { seeded: true })
    built.set(row, persona)
    return { view: { ...toFixtureView(persona), custom: true }, fixture: read.document }
  },
}

/** The bank accounts a (checked) document gives. */
function accountsIn(doc: Readonly<Record<string, unknown>>): readonly BankAccountSpec[] {
  return (doc.bank_accounts as readonly BankAccountSpec[] | undefined) ?? []
}

/** The account rows of a (checked) document. */
function accountRowsOf(document: unknown): CustomAccountRow[] {
  const doc = document as Record<string, unknown>
  return accountsIn(doc).map((a) => ({
    account_key: bankAccountKey(a.ifsc, a.account_number),
    label: String(doc.label),
  }))
}

/** A document as a persona, or a {@link TestDataError} naming each bad field. */
function readPersona(document: unknown): ReadPersona {
  const problems = checkFixtureDocument('persona', document)
  const doc = document as Record<string, unknown>
  if (problems.length === 0) problems.push(...graphProblems(doc))
  if (problems.length > 0) throw new TestDataError(problems)
  let persona: CkycExistingPersona
  try {
    persona = buildCkycPersona(specOf(doc))
  } catch (error) {
    throw new TestDataError([fieldOfSpecError(error)])
  }
  return { persona, document: doc }
}

/** What the schema cannot say of a persona: its city, branches and links must exist. */
function graphProblems(doc: Readonly<Record<string, unknown>>): FixtureProblem[] {
  const problems: FixtureProblem[] = []
  if (doc.city !== undefined && !INDIAN_PLACES.some((p) => p.city === doc.city))
    problems.push({
      path: '/city',
      message: `unknown city; known: ${INDIAN_PLACES.map((p) => p.city).join(', ')}`,
    })
  if (doc.aadhaar_mobile_linked === true && (doc.mobile_number ?? null) === null)
    problems.push({
      path: '/aadhaar_mobile_linked',
      message: 'a mobile linked to the Aadhaar needs a mobile_number',
    })
  const seen = new Set<string>()
  for (const [i, account] of accountsIn(doc).entries()) {
    if (!branchByIfsc(account.ifsc))
      problems.push({
        path: `/bank_accounts/${i}/ifsc`,
        message: 'no branch of the simulator has this IFSC (see ifsc_details in bank verification)',
      })
    const key = bankAccountKey(account.ifsc, account.account_number)
    if (seen.has(key))
      problems.push({ path: `/bank_accounts/${i}`, message: 'the same account twice' })
    seen.add(key)
  }
  return problems
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
    aadhaar_number: persona.spec.aadhaar,
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
    address_lines: ((doc.address_lines as [string, string, string] | undefined)?.map((line) =>
      line.toUpperCase(),
    ) as [string, string, string] | undefined) ?? ['FLAT 1', 'MAIN ROAD', place.city],
    pincode: (doc.pincode as string | undefined) ?? generatePincode(rand, place.pin_prefix),
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
          : /pincode/.test(message)
            ? '/pincode'
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
  return 'Your persona: search by its PAN, generate-otp to its mobile_number, download with the OTP from the inbox; Aadhaar OKYC by its aadhaar_number, the PAN endpoints by its PAN, bank verification by its bank_accounts.'
}
