import type { ErrorObject } from 'ajv/dist/2020.js'
import { ajv } from './registry.js'

/**
 * The published JSON Schemas of your own test data: a Surepass person (`POST /__sim/personas`)
 * and an Eko agent (`POST /__sim/agents`), the same documents a `--fixtures FILE` holds. Served
 * at `/__sim/schemas/persona.json` and `/__sim/schemas/agent.json` and exported from
 * `fintwin/contracts`, so an editor or a CI step can check a fixtures file before a server
 * reads it. Formats follow the issuers: PAN (Income Tax Department: 5 letters, 4 digits, a
 * letter; 4th letter `P` for an individual), Aadhaar (UIDAI: 12 digits, Verhoeff check digit,
 * checked by the simulator), Indian mobile (10 digits, 6-9 first), IFSC (RBI: 4 letters, a zero,
 * 6 letters or digits), UPI id (NPCI: handle@provider). Bank `status` values are the `data.status`
 * values of the Surepass bank verification docs (page bank-verification-16301795e0).
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
const TEXT_LINE = { type: 'string', minLength: 1, maxLength: 60, pattern: '^[^\\u0000-\\u001f]*$' }

/** One account of a persona: what Surepass bank verification (penny drop) answers for it. */
const BANK_ACCOUNT = {
  type: 'object',
  additionalProperties: false,
  required: ['account_number', 'ifsc'],
  properties: {
    account_number: { type: 'string', pattern: '^[0-9]{9,18}$' },
    ifsc: {
      type: 'string',
      pattern: '^[A-Z]{4}0[A-Z0-9]{6}$',
      description:
        'A branch of the simulator’s IFSC table (its ifsc_details); a branch without IMPS answers imps_not_enabled.',
    },
    holder_name: {
      ...NAME,
      description:
        'The name the bank returns (default: the PAN name); set it to test a name mismatch.',
    },
    status: {
      enum: ['success', 'nre_account', 'account_closed', 'account_blocked_frozen', 'backend_down'],
      description: 'What bank verification answers in data.status (default success).',
    },
    upi_id: {
      anyOf: [
        { type: 'string', pattern: '^[A-Za-z0-9._-]{2,64}@[A-Za-z]{2,32}$' },
        { type: 'null' },
      ],
    },
  },
}

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
    email: { type: 'string', format: 'email', maxLength: 100 },
    city: { type: 'string', description: 'A city of the simulator’s places (default MUMBAI).' },
    address_lines: {
      description:
        'House, street or locality, landmark: the CKYC address, the Aadhaar OKYC address (house, loc, landmark) and the PAN comprehensive address (line_1, line_2, street_name). Default FLAT 1, MAIN ROAD, the city.',
      type: 'array',
      items: TEXT_LINE,
      minItems: 3,
      maxItems: 3,
    },
    pincode: {
      type: 'string',
      pattern: '^[1-9][0-9]{5}$',
      description: 'In the city (its first digits); drawn when left out.',
    },
    aadhaar_mobile_linked: {
      type: 'boolean',
      description:
        'A mobile is linked to the Aadhaar, so Aadhaar generate-otp sends the OTP to mobile_number (default: whether mobile_number is set; false → mobile_not_linked).',
    },
    pan_aadhaar_linked: {
      type: 'boolean',
      description:
        'The PAN is linked to the Aadhaar (default true; false → PAN comprehensive aadhaar_linked false, masked_aadhaar null).',
    },
    bank_accounts: {
      description: 'The accounts bank verification finds for this person (default none).',
      type: 'array',
      maxItems: 5,
      items: BANK_ACCOUNT,
    },
    note: { type: 'string', maxLength: 200 },
  },
})

/** A persona document, the example the admin API's description and tests post. */
export const PERSONA_EXAMPLE = Object.freeze({
  label: 'asha_qa',
  first_name: 'Asha',
  last_name: 'Verma',
  gender: 'FEMALE',
  dob: '1991-04-12',
  pan: 'ABCPV1234K',
  aadhaar_number: '234567890124',
  mobile_number: '9876501234',
  bank_accounts: [{ account_number: '50100076543210', ifsc: 'HDFC0000240' }],
})

/** An agent document, the example the admin API's description and tests post. */
export const AGENT_EXAMPLE = Object.freeze({
  label: 'shop_42',
  customer_id: '9123400042',
  aadhaar: '234567890124',
  pan_number: 'ABCPV1234K',
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
