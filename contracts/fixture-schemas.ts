import type { ErrorObject } from 'ajv/dist/2020.js'
import { ajv } from './registry.js'

/**
 * The published JSON Schemas of your own test data: a Surepass person (`POST /__sim/personas`)
 * and an Eko agent (`POST /__sim/agents`), the same documents a `--fixtures FILE` holds. Served
 * at `/__sim/schemas/persona.json` and `/__sim/schemas/agent.json` and exported from
 * `fintwin/contracts`, so an editor or a CI step can check a fixtures file before a server
 * reads it. Formats follow the issuers: PAN (Income Tax Department: 5 letters, 4 digits, a
 * letter; 4th letter `P` for an individual), Aadhaar (UIDAI: 12 digits, Verhoeff check digit,
 * checked by the simulator), Indian mobile (10 digits, 6-9 first).
 */

const PAN = { type: 'string', pattern: '^[A-Z]{3}P[A-Z][0-9]{4}[A-Z]$' }
const AADHAAR = { type: 'string', pattern: '^[2-9][0-9]{11}$' }
const MOBILE = { type: 'string', pattern: '^[6-9][0-9]{9}$' }
const LABEL = {
  type: 'string',
  pattern: '^[a-z][a-z0-9_]{2,39}$',
  description: 'How you name it in tests and in /__sim/fixtures; unique in a sandbox.',
}
const NAME = { type: 'string', pattern: "^[A-Za-z][A-Za-z .'-]{0,39}$" }

/** A Surepass person, as CKYC holds them (search by PAN, CKYC number or Aadhaar key). */
export const PERSONA_SCHEMA = Object.freeze({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://fintwin.invalid/schemas/persona.json',
  title: 'fintwin persona',
  type: 'object',
  additionalProperties: false,
  required: ['label', 'first_name', 'last_name', 'gender', 'dob', 'pan', 'aadhaar_number'],
  properties: {
    label: LABEL,
    first_name: NAME,
    last_name: NAME,
    gender: { enum: ['MALE', 'FEMALE'] },
    dob: { type: 'string', format: 'date' },
    pan: { ...PAN, description: "The 5th letter is the surname's initial." },
    aadhaar_number: AADHAAR,
    mobile_number: {
      description:
        'On the CKYC record; null for a record without one (generate-otp → mobile_does_not_exist_ckyc).',
      anyOf: [MOBILE, { type: 'null' }],
    },
    mobile_registered: {
      type: 'boolean',
      description: 'Registered for OTP delivery (default true; false → mobile_not_registered).',
    },
    email: { type: 'string', format: 'email' },
    city: { type: 'string', description: 'A city of the simulator’s places (default MUMBAI).' },
    note: { type: 'string', maxLength: 200 },
  },
})

/** An Eko agent (retailer) and its AePS state. */
export const AGENT_SCHEMA = Object.freeze({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://fintwin.invalid/schemas/agent.json',
  title: 'fintwin agent',
  type: 'object',
  additionalProperties: false,
  required: ['label', 'customer_id', 'aadhaar', 'pan_number'],
  properties: {
    label: LABEL,
    user_code: {
      type: 'string',
      pattern: '^[0-9]{8}$',
      description: 'The 8-digit code AePS calls carry; drawn when left out.',
    },
    customer_id: { ...MOBILE, description: 'The agent’s own mobile.' },
    aadhaar: { ...AADHAAR, description: 'Plain; clients RSA-encrypt it into `aadhar`.' },
    pan_number: PAN,
    aeps_status: { enum: ['active', 'not_activated'], description: 'Default active.' },
    ekyc_status: {
      enum: ['pending', 'done'],
      description: 'One-time eKYC done (Daily KYC allowed) or pending (default).',
    },
    note: { type: 'string', maxLength: 200 },
  },
})

/** The kinds of test data, by the name their schema is served under. */
export const FIXTURE_SCHEMAS = Object.freeze({ persona: PERSONA_SCHEMA, agent: AGENT_SCHEMA })
export type FixtureKind = keyof typeof FIXTURE_SCHEMAS

/** One bad field of a document: its JSON pointer and what is wrong. */
export interface FixtureProblem {
  path: string
  message: string
}

const validators = new Map<FixtureKind, ReturnType<typeof ajv.compile>>()

/** Every way `document` breaks the schema of `kind`, by field path (empty when it is valid). */
export function checkFixtureDocument(kind: FixtureKind, document: unknown): FixtureProblem[] {
  let validate = validators.get(kind)
  if (!validate) {
    validate = ajv.compile(FIXTURE_SCHEMAS[kind])
    validators.set(kind, validate)
  }
  if (validate(document)) return []
  return (validate.errors ?? []).filter((e) => e.keyword !== 'anyOf').map(toProblem)
}

function toProblem(e: ErrorObject): FixtureProblem {
  if (e.keyword === 'required')
    return {
      path: `${e.instancePath}/${(e.params as { missingProperty: string }).missingProperty}`,
      message: 'is required',
    }
  if (e.keyword === 'additionalProperties')
    return {
      path: `${e.instancePath}/${(e.params as { additionalProperty: string }).additionalProperty}`,
      message: 'is not a field of this document',
    }
  return { path: e.instancePath, message: e.message ?? 'is invalid' }
}
