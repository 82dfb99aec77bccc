/**
 * The OpenAPI description of fintwin's own admin API (`/__sim/…`, `simulator/admin/admin-api.ts`),
 * tagged `fintwin-admin`, published beside the providers' operations the way WireMock
 * publishes its admin API: so that QA tools, client generators and Prism see the control
 * surface too. It describes fintwin, not a provider, so it lives here as data rather than as a
 * provider contract; `test/openapi/admin-api-description.test.ts` holds it to the real routes
 * (every route described, every described answer what the admin API returns).
 * Browser-safe: no Node built-ins.
 */

import { AGENT_EXAMPLE, AGENT_SCHEMA, PERSONA_EXAMPLE, PERSONA_SCHEMA } from './fixture-schemas.js'

type JsonObject = Record<string, unknown>

/** The tag of every admin operation. */
export const ADMIN_TAG = 'fintwin-admin'

/** Component names of the admin schemas all start so, apart from the providers'. */
const PREFIX = 'FintwinAdmin'

const ref = (name: string) => ({ $ref: `#/components/schemas/${PREFIX}${name}` })
const str = { type: 'string' }
const int = { type: 'integer' }
const dateTime = { type: 'string', format: 'date-time' }

/** A published schema as a component: its own `$id` and `$schema` are the document's business. */
function withoutSchemaId({ $id: _id, $schema: _schema, ...rest }: JsonObject): JsonObject {
  return rest
}

/** A closed-enough object: the listed fields required, others allowed (the admin API grows). */
function object(properties: Record<string, unknown>, required = Object.keys(properties)) {
  return { type: 'object', required, properties }
}

/** Schemas of the admin bodies, as `components/schemas` entries (`FintwinAdmin…`). */
export const ADMIN_SCHEMAS: Readonly<Record<string, JsonObject>> = Object.fromEntries(
  Object.entries({
    Error: {
      description: 'Every admin error: a code naming what was wrong and a sentence saying it.',
      ...object({ error: str, message: str }),
    },
    Health: object({
      status: { const: 'ok' },
      name: { const: 'fintwin' },
      version: str,
      seed: str,
      uptime_ms: { type: 'number', minimum: 0 },
      now: dateTime,
      state: {
        description: 'How many records each state table holds now.',
        type: 'object',
        additionalProperties: { type: 'integer', minimum: 0 },
      },
    }),
    Reset: object({ status: { const: 'reset' }, now: dateTime }),
    Fixtures: {
      description:
        'The seeded personas and credentials, stable whatever the seed (Surepass token, Eko UAT keys, the Aadhaar public key clients encrypt with).',
      ...object({
        surepass: object(
          {
            token: str,
            expired_token: str,
            ckyc: {
              type: 'array',
              items: object(
                {
                  label: str,
                  document_type: str,
                  id_number: str,
                  mobile_number: { type: ['string', 'null'] },
                },
                ['label', 'document_type', 'id_number'],
              ),
            },
          },
          ['token', 'expired_token', 'ckyc'],
        ),
        eko: object(
          {
            developer_key: str,
            access_key: str,
            initiator_id: str,
            aadhaar_public_key_pem: str,
            agents: {
              type: 'array',
              items: object({ label: str, user_code: str, customer_id: str, aadhaar: str }, [
                'label',
                'user_code',
              ]),
            },
          },
          ['developer_key', 'access_key', 'initiator_id', 'aadhaar_public_key_pem', 'agents'],
        ),
      }),
    },
    OtpList: object({
      otps: {
        description: 'Newest first.',
        type: 'array',
        items: object(
          {
            provider: str,
            operation: str,
            ref: { description: 'Surepass client_id or Eko otp_ref_id.', ...str },
            phone: str,
            otp: str,
            issued_at: dateTime,
            expires_at: dateTime,
            attempts_left: int,
            status: str,
          },
          ['provider', 'operation', 'ref', 'otp', 'issued_at', 'expires_at', 'status'],
        ),
      },
    }),
    Clock: object({ now: dateTime, now_ms: int, offset_ms: int, frozen: { type: 'boolean' } }),
    ClockChange: {
      description:
        'Any of: move the clock by advance_ms, set it to an instant (ISO text or epoch ms), freeze or unfreeze it. Every field is checked before any is applied.',
      type: 'object',
      minProperties: 1,
      properties: {
        advance_ms: { type: 'number' },
        set: { type: ['string', 'number'] },
        freeze: { type: 'boolean' },
      },
    },
    ScenarioInput: {
      description:
        'Force an outcome of an operation: a case id (Surepass message_code, Eko case id), a fault (timeout, drop, commit_then_fail) or latency:<ms>; optionally only when the body matches, for so many requests.',
      ...object(
        {
          operation: str,
          outcome: str,
          match: { type: 'object' },
          times: { type: 'integer', minimum: 1 },
          latency_ms: { type: 'number', minimum: 0 },
        },
        ['operation', 'outcome'],
      ),
    },
    Scenario: object({
      id: str,
      operation: str,
      outcome: str,
      match: { type: ['object', 'null'] },
      remaining: { type: ['integer', 'null'] },
      latency_ms: { type: ['number', 'null'] },
      created_at: dateTime,
    }),
    ScenarioList: object({ scenarios: { type: 'array', items: ref('Scenario') } }),
    Deleted: object({ deleted: str }),
    Journal: object({
      entries: {
        description:
          'Recent provider requests, newest last: operation, status, case, contract check.',
        type: 'array',
        items: object(
          {
            id: int,
            at: dateTime,
            method: str,
            path: str,
            status: int,
            contract: object({ ok: { type: 'boolean' }, violations: { type: 'array' } }),
          },
          ['id', 'at', 'method', 'path', 'status'],
        ),
      },
      size: int,
    }),
    PresetList: object({
      presets: { type: 'array', items: object({ name: str, description: str }) },
    }),
    PresetResult: object({
      preset: str,
      description: str,
      state: { type: 'object' },
      next: object({ operation: str, method: str, path: str, body: { type: 'object' } }, [
        'operation',
        'method',
        'path',
      ]),
      curl: str,
    }),
    Snapshot: {
      description:
        "One sandbox's whole state: every state table's rows, the OTP engine, the seeded streams' positions, the clock's offset (or the instant it is frozen at) and the scenario rules. Versioned: a document of another version is refused. On a restore only format and version are required; a part left out starts as after a reset.",
      ...object(
        {
          format: { const: 'fintwin-snapshot' },
          version: { const: 1 },
          simulator_version: str,
          taken_at: dateTime,
          seed: str,
          clock: object({
            offset_ms: { type: ['number', 'null'] },
            frozen_at: { type: ['number', 'null'] },
          }),
          random: { type: 'object' },
          otp: object({ records: { type: 'array' }, subjects: { type: 'array' } }),
          tables: {
            type: 'object',
            additionalProperties: object({
              rows: { type: 'array', items: { type: 'object' } },
              seeded: { type: 'array', items: str },
            }),
          },
          scenarios: { type: 'array', items: ref('Scenario') },
          test_data: {
            description:
              'Your own test data (POST /__sim/personas, /agents) as the documents, by kind (persona, agent): a restore checks and adds each again; the rows the tables list for them are not loaded.',
            type: 'object',
            additionalProperties: { type: 'array', items: { type: 'object' } },
          },
        },
        ['format', 'version'],
      ),
    },
    Restored: object({ restored: { const: true }, state: { type: 'object' } }),
    Persona: withoutSchemaId(PERSONA_SCHEMA),
    Agent: withoutSchemaId(AGENT_SCHEMA),
    PersonaView: object(
      {
        label: str,
        document_type: str,
        id_number: str,
        full_name: { type: ['string', 'null'] },
        mobile_number: { type: ['string', 'null'] },
        note: { description: 'What it triggers.', ...str },
        custom: { type: 'boolean' },
      },
      ['label', 'document_type', 'id_number', 'note'],
    ),
    PersonaList: object({ personas: { type: 'array', items: ref('PersonaView') } }),
    AgentView: object({ label: str, user_code: str, customer_id: str, note: str }),
    AgentList: object({ agents: { type: 'array', items: ref('AgentView') } }),
    SchemaList: object({ schemas: { type: 'array', items: str } }),
    JsonSchema: { type: 'object', description: 'A JSON Schema 2020-12 document.' },
    Invalid: {
      description: 'A refused document: each bad field by JSON pointer; nothing changed.',
      ...object({
        error: str,
        message: str,
        fields: { type: 'array', items: object({ path: str, message: str }) },
      }),
    },
    OpenApi: {
      description: 'This document.',
      ...object({ openapi: str, info: { type: 'object' }, paths: { type: 'object' } }),
    },
    ConsolePage: {
      description: 'The QA console: one self-contained HTML page that calls this admin API.',
      type: 'string',
    },
    CurlLine: { description: 'One shell line, ready to paste.', type: 'string' },
    EventStream: {
      description:
        'Server-sent events, each data one JSON line: clock (as GET /__sim/clock), otps (as GET /__sim/otps), scenarios (as GET /__sim/scenarios) and journal ({restart, entries}, newest first: the new entries, or with restart the newest 200 replacing what the client holds) — all four on open, then each when it changes; gone when the sandbox is deleted (the stream ends). A comment heartbeat comes every eventHeartbeatMs (15 s).',
      type: 'string',
    },
    Catalogue: object({
      operations: {
        description: 'Every contract operation with its example body and every case.',
        type: 'array',
        items: object(
          {
            id: str,
            provider: str,
            method: str,
            path: str,
            summary: str,
            provenance: str,
            example: { type: 'object' },
            cases: {
              type: 'array',
              items: object(
                {
                  case: str,
                  status: int,
                  provenance: str,
                  when: str,
                  trigger: { type: ['string', 'null'] },
                  media_type: {
                    description:
                      "The case's media type: application/json, or a gateway's plain text (text/plain; charset=us-ascii).",
                    ...str,
                  },
                },
                ['case', 'status', 'provenance', 'when'],
              ),
            },
          },
          ['id', 'provider', 'method', 'path', 'cases'],
        ),
      },
      faults: { type: 'array', items: str },
      scenario_header: str,
    }),
    EkoSignInput: {
      description:
        "All optional: sign with the simulator's first Eko credential for now on its clock, or with another key or timestamp; request_hash_parts (e.g. aadhaar, amount, user_code) are concatenated after the timestamp for a request_hash; or operation and body, for the request_hash that operation's contract declares.",
      type: 'object',
      additionalProperties: false,
      properties: {
        developer_key: str,
        access_key: str,
        timestamp: { description: 'Epoch milliseconds.', type: ['string', 'integer'] },
        request_hash_parts: { type: 'array', items: { type: ['string', 'number'] } },
        operation: {
          description:
            'An operation id: the request_hash, if its contract asks for one, is over the fields it names, read from body.',
          ...str,
        },
        body: { description: 'The request body that operation will send.', type: 'object' },
      },
    },
    EkoSignature: object(
      {
        developer_key: str,
        'secret-key': str,
        'secret-key-timestamp': str,
        request_hash: str,
      },
      ['developer_key', 'secret-key', 'secret-key-timestamp'],
    ),
    EkoEncryptInput: object({ aadhaar: { description: 'The plain 12-digit number.', ...str } }),
    EkoEncrypted: object({
      aadhar: { description: 'base64 of RSA PKCS#1 v1.5 under the simulator key.', ...str },
    }),
    SandboxInput: {
      description:
        'All optional: a name to find it by, its own seed (fixtures, ids and OTPs), one fixed OTP (or null for random ones) and its Eko timestamp tolerance.',
      type: 'object',
      additionalProperties: false,
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 100 },
        seed: { type: ['string', 'integer'] },
        otp: { type: ['string', 'null'], pattern: '^[0-9]{6}$' },
        eko_skew_ms: { type: 'integer', minimum: 0 },
      },
    },
    Sandbox: object({
      id: {
        description:
          'sbx_ and 22 base64url characters: 128 bits from a CSPRNG (default: "default").',
        ...str,
      },
      name: str,
      default: { type: 'boolean' },
      base_path: { description: 'The prefix of every route of this sandbox.', ...str },
      base_url: { description: 'Where to point a client (from the request Host).', ...str },
      created_at: dateTime,
      last_used_at: dateTime,
      expires_at: {
        description: 'Deleted if unused until then; null for the default.',
        type: ['string', 'null'],
      },
      seed: str,
      otp: { type: ['string', 'null'] },
      eko_skew_ms: int,
      now: { description: "The sandbox's own clock.", ...dateTime },
      state: { type: 'object', additionalProperties: { type: 'integer', minimum: 0 } },
    }),
    SandboxList: object({
      sandboxes: {
        description: 'The default sandbox first, then by creation.',
        type: 'array',
        items: ref('Sandbox'),
      },
      max_sandboxes: int,
      idle_ms: int,
    }),
    PostmanCollection: {
      description: 'A Postman v2.1 collection whose baseUrl variable is the server that served it.',
      ...object({
        info: { type: 'object' },
        variable: { type: 'array' },
        event: { type: 'array' },
        item: { type: 'array' },
      }),
    },
  }).map(([name, schema]) => [PREFIX + name, schema]),
)

const json = (schema: JsonObject, description: string) => ({
  description,
  content: { 'application/json': { schema } },
})
const limit = (fallback: number) => ({
  name: 'limit',
  in: 'query',
  required: false,
  description: `How many entries at most (default ${fallback}).`,
  schema: { type: 'integer', minimum: 1 },
})
const pathId = (name: string, description: string, example: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: str,
  example,
})
const text = (media: string, schema: JsonObject, description: string) => ({
  description,
  content: { [media]: { schema } },
})
const format = (value: string, gives: string) => ({
  name: 'format',
  in: 'query',
  required: false,
  description: `"${value}": ${gives}, as text/plain; absent: JSON.`,
  schema: { enum: [value] },
})
const body = (name: string, example: JsonObject) => ({
  required: true,
  content: { 'application/json': { schema: ref(name), examples: { example: { value: example } } } },
})
/** JSON, or one line of text (`?format=`), the same answer. */
const jsonOrText = (schema: string, description: string) => ({
  description,
  content: {
    'application/json': { schema: ref(schema) },
    'text/plain': { schema: ref('CurlLine') },
  },
})

/**
 * Every refusal of the admin API, once, by HTTP status: its code and when it happens.
 * Routes name theirs; {@link adminPaths} adds those every route shares (`invalid_body`,
 * `admin_token_required`, `unknown_sandbox` under `/sbx/{sandbox}`) and joins the ones that
 * share a status into one response.
 */
const ERRORS = {
  400: {
    invalid_body: 'The request body could not be read (invalid_body).',
    invalid_limit: 'limit is not a positive integer (invalid_query).',
    invalid_clock: 'A field has the wrong type or the instant is invalid (invalid_body).',
    invalid_scenario:
      'Unknown operation or outcome, a malformed field, or the sandbox holds the most scenarios it takes (invalid_scenario).',
    invalid_preset_format: 'format is not "curl" (invalid_query).',
    invalid_sign_input:
      'A field is wrong (invalid_body, with field) or format is not "headers" (invalid_query).',
    invalid_aadhaar: 'aadhaar is missing, not text or too long (invalid_body, with field).',
    invalid_persona_query: 'An unknown filter or a flag not true/false (invalid_query).',
    invalid_persona:
      'A bad or clashing document (invalid_persona, each field named); nothing added.',
    invalid_agent: 'A bad or clashing document (invalid_agent, each field named); nothing added.',
    invalid_snapshot:
      'Malformed, of another version, or inconsistent (invalid_snapshot; `fields` names each bad one); nothing changed.',
    invalid_sandbox: 'A bad or unknown field (invalid_sandbox, each field named); nothing created.',
  },
  401: {
    admin_token_required:
      'The server has an admin token and it was not sent (admin_token_required).',
  },
  404: {
    no_scenario: 'No such scenario (not_found).',
    no_preset: 'No such preset (unknown_preset).',
    no_schema: 'No such schema (not_found).',
    unknown_sandbox:
      'No such sandbox: never created, deleted or expired (unknown_sandbox, with sandbox).',
  },
  409: {
    default_sandbox: 'The default sandbox cannot be deleted (default_sandbox).',
  },
  429: {
    too_many_sandboxes: 'The server holds the most sandboxes it takes (too_many_sandboxes).',
  },
  500: {
    preset_failed: 'A step of the preset failed (preset_failed).',
  },
  503: {
    too_many_streams:
      'As many streams as the sandbox serves are open (too_many_streams); Retry-After says when to try again.',
  },
} as const satisfies Record<number, Record<string, string>>

/** The refusals that name each bad field (`Invalid`: an `Error` with `fields`). */
const WITH_FIELDS: ReadonlySet<string> = new Set([
  'invalid_persona_query',
  'invalid_persona',
  'invalid_agent',
  'invalid_snapshot',
  'invalid_sandbox',
])

type AdminErrorCode = { [S in keyof typeof ERRORS]: keyof (typeof ERRORS)[S] }[keyof typeof ERRORS]

/** Each refusal's status and sentence, by its code. */
const ERROR_BY_CODE = new Map<string, readonly [number, string]>(
  Object.entries(ERRORS).flatMap(([status, codes]) =>
    Object.entries(codes).map(([code, when]) => [code, [Number(status), when]] as const),
  ),
)

interface AdminOperation {
  readonly summary: string
  readonly description?: string
  readonly parameters?: readonly JsonObject[]
  readonly requestBody?: JsonObject
  /** The answers that are not refusals (2xx, 3xx), by status. */
  readonly responses: Record<string, JsonObject>
  /** The refusals of this route besides those every route shares. */
  readonly errors?: readonly AdminErrorCode[]
  /** Health and the console answer without the admin token: they hold no state and no secret. */
  readonly open?: boolean
}

/** A route that only reads: one answer, of one schema. */
const reads = (summary: string, schema: string, description: string): AdminOperation => ({
  summary,
  responses: { '200': json(ref(schema), description) },
})

const SCENARIO_ID = pathId('id', 'The id POST /__sim/scenarios returned.', 'scn_1')

/** The admin routes of your own test data, one per kind: the same shape whatever the kind. */
const TEST_DATA_ROUTES = {
  personas: {
    kind: 'persona',
    what: 'person (CKYC record, Aadhaar, PAN link, bank accounts)',
    example: PERSONA_EXAMPLE,
    list: {
      summary: 'The persona registry (seeded and yours), filtered by the query',
      parameters: [
        'label',
        'document_type',
        'id_number',
        'full_name',
        'dob',
        'mobile_number',
        'aadhaar_number',
        'account_number',
        'exists',
        'mobile_registered',
        'custom',
      ].map((name) => ({ name, in: 'query', required: false, schema: str })),
      responses: { '200': json(ref('PersonaList'), 'The matching personas.') },
      errors: ['invalid_persona_query'],
    },
  },
  agents: {
    kind: 'agent',
    what: 'Eko agent',
    example: AGENT_EXAMPLE,
    list: {
      summary: 'The Eko agents (seeded and yours)',
      responses: { '200': json(ref('AgentList'), 'The agents.') },
    },
  },
} as const satisfies Record<
  string,
  { kind: string; what: string; example: JsonObject; list: AdminOperation }
>

/** Every admin route: path → method → operation (without the parts all of them share). */
const ROUTES: Record<string, Record<string, AdminOperation>> = {
  '/__sim/health': {
    get: {
      summary: 'Liveness, version, seed, simulator time and state sizes',
      responses: { '200': json(ref('Health'), 'Up.') },
      open: true,
    },
  },
  '/__sim/reset': {
    post: {
      summary: 'Back to the seeded start: state, clock, OTP inbox, scenarios, journal',
      description:
        'Your own personas and agents are fixtures of the sandbox: they stay, and what was built on them (OTPs, sessions) goes.',
      responses: { '200': json(ref('Reset'), 'Reset.') },
    },
  },
  '/__sim/fixtures': {
    get: reads('The seeded personas and credentials, and yours', 'Fixtures', 'The fixtures.'),
  },
  '/__sim/otps': {
    get: {
      summary: 'The OTP inbox: every OTP the simulator "sent", newest first',
      parameters: [
        {
          name: 'ref',
          in: 'query',
          required: false,
          description: 'The id the provider returned (Surepass client_id, Eko otp_ref_id).',
          schema: str,
        },
        { name: 'phone', in: 'query', required: false, schema: str },
        { name: 'provider', in: 'query', required: false, schema: str },
        limit(50),
      ],
      responses: { '200': json(ref('OtpList'), 'The matching OTPs.') },
      errors: ['invalid_limit'],
    },
  },
  '/__sim/clock': {
    get: reads('The simulator clock', 'Clock', 'Now.'),
    post: {
      summary: 'Move, set or freeze the simulator clock',
      requestBody: body('ClockChange', { advance_ms: 60_000 }),
      responses: { '200': json(ref('Clock'), 'The clock after the change.') },
      errors: ['invalid_clock'],
    },
  },
  '/__sim/scenarios': {
    get: reads('The forced outcomes in force', 'ScenarioList', 'The scenarios.'),
    post: {
      summary: 'Force an outcome of an operation',
      requestBody: body('ScenarioInput', {
        operation: 'surepass.ckyc.search',
        outcome: 'internal_server_error',
        times: 1,
      }),
      responses: { '201': json(ref('Scenario'), 'The scenario, with its id.') },
      errors: ['invalid_scenario'],
    },
    delete: {
      summary: 'Remove every scenario',
      responses: { '200': json(ref('Deleted'), '{"deleted":"all"}.') },
    },
  },
  '/__sim/scenarios/{id}': {
    get: {
      summary: 'One scenario',
      parameters: [SCENARIO_ID],
      responses: { '200': json(ref('Scenario'), 'The scenario.') },
      errors: ['no_scenario'],
    },
    delete: {
      summary: 'Remove one scenario',
      parameters: [SCENARIO_ID],
      responses: { '200': json(ref('Deleted'), 'Its id.') },
      errors: ['no_scenario'],
    },
  },
  '/__sim/journal': {
    get: {
      summary: 'Recent provider requests with their contract check',
      parameters: [limit(100)],
      responses: { '200': json(ref('Journal'), 'The journal.') },
      errors: ['invalid_limit'],
    },
  },
  '/__sim/presets': {
    get: reads('The named states QA can jump to', 'PresetList', 'The presets.'),
  },
  '/__sim/presets/{name}': {
    post: {
      summary: 'Drive the simulator into a named state; returns the next request to send',
      parameters: [
        pathId('name', 'A name from GET /__sim/presets.', 'eko-otp-sent'),
        format('curl', 'only the curl line of the next request'),
      ],
      responses: {
        '200': jsonOrText(
          'PresetResult',
          'The state reached and the next request (or only its curl line).',
        ),
      },
      errors: ['invalid_preset_format', 'no_preset', 'preset_failed'],
    },
  },
  ...Object.fromEntries(
    Object.entries(TEST_DATA_ROUTES).map(([route, { kind, what, example, list }]) => [
      `/__sim/${route}`,
      {
        get: list,
        post: {
          summary: `Add your own ${what} (schema: /__sim/schemas/${kind}.json)`,
          description:
            'Checked against the published schema and the provider’s rules; it is then a fixture of this sandbox: a reset keeps it, a snapshot carries it.',
          requestBody: body(kind === 'persona' ? 'Persona' : 'Agent', example),
          responses: {
            '201': json(
              ref(kind === 'persona' ? 'PersonaView' : 'AgentView'),
              'Added; as /__sim/fixtures now lists it.',
            ),
          },
          errors: [`invalid_${kind}` as AdminErrorCode],
        },
      },
    ]),
  ),
  '/__sim/schemas': {
    get: reads('The published schemas of your own test data', 'SchemaList', 'Their URLs.'),
  },
  '/__sim/schemas/{name}': {
    get: {
      summary: 'One schema: persona.json or agent.json',
      parameters: [pathId('name', 'persona.json or agent.json.', 'persona.json')],
      responses: { '200': json(ref('JsonSchema'), 'The schema.') },
      errors: ['no_schema'],
    },
  },
  '/__sim/snapshot': {
    get: reads("This sandbox's whole state as a versioned document", 'Snapshot', 'The snapshot.'),
    put: {
      summary: 'Replace the state with a snapshot',
      description:
        'Everything is checked before anything changes: a malformed document, one of another version, or one that contradicts itself (another seed, a duplicate key, an OTP subject pointing at no record, an unknown table or outcome, a test-data document its POST would refuse) is refused and the state is left as it was.',
      requestBody: body('Snapshot', {
        format: 'fintwin-snapshot',
        version: 1,
        clock: { offset_ms: 0, frozen_at: null },
        scenarios: [
          {
            id: 'scn_1',
            operation: 'surepass.ckyc.search',
            outcome: 'internal_server_error',
            match: null,
            remaining: 1,
            latency_ms: null,
            created_at: '2026-01-01T00:00:00.000Z',
          },
        ],
      }),
      responses: { '200': json(ref('Restored'), 'Restored; the state sizes after it.') },
      errors: ['invalid_snapshot'],
    },
  },
  '/__sim/sandboxes': {
    get: reads(
      'Every sandbox of this server (the registry is global, whichever sandbox asks)',
      'SandboxList',
      'The sandboxes and the bounds.',
    ),
    post: {
      summary: 'Create an isolated sandbox: its own state, clock, OTP inbox, scenarios, journal',
      description:
        'Every route then also exists under its base_path (/sbx/{id}/…), or with the header x-fintwin-sandbox: {id}.',
      requestBody: { ...body('SandboxInput', { name: 'ci-job-42' }), required: false },
      responses: { '201': json(ref('Sandbox'), 'Created; point a client at base_url.') },
      errors: ['invalid_sandbox', 'too_many_sandboxes'],
    },
  },
  '/__sim/sandboxes/{id}': {
    get: {
      summary: 'One sandbox',
      parameters: [pathId('id', 'The id POST /__sim/sandboxes returned, or "default".', 'default')],
      responses: { '200': json(ref('Sandbox'), 'The sandbox.') },
      errors: ['unknown_sandbox'],
    },
    delete: {
      summary: 'Delete a sandbox and everything in it',
      parameters: [
        pathId('id', 'The id POST /__sim/sandboxes returned.', 'sbx_AAAAAAAAAAAAAAAAAAAAAA'),
      ],
      responses: { '200': json(ref('Deleted'), 'Its id.') },
      errors: ['unknown_sandbox', 'default_sandbox'],
    },
  },
  '/__sim/openapi.json': {
    get: reads('This OpenAPI document, generated from the contracts', 'OpenApi', 'The document.'),
  },
  '/__sim/ui': {
    get: {
      summary: 'The QA console (GET / redirects here)',
      description:
        'Served without the admin token (it holds no state); the page sends the token on its own calls.',
      responses: { '200': text('text/html', ref('ConsolePage'), 'The page.') },
      open: true,
    },
  },
  '/__sim/events': {
    get: {
      summary: "This sandbox's changes, live: OTP inbox, journal, clock, rules (text/event-stream)",
      description:
        "What the console's EventSource reads instead of polling. At most maxEventStreams (32) open at once per sandbox. An EventSource cannot send headers, so this route also takes the admin token as the admin_token query parameter.",
      parameters: [
        {
          name: 'admin_token',
          in: 'query',
          required: false,
          description: 'The admin token, for clients that cannot send a header.',
          schema: str,
        },
      ],
      responses: {
        '200': text(
          'text/event-stream',
          ref('EventStream'),
          'The stream, open until either side ends it.',
        ),
      },
      errors: ['too_many_streams'],
    },
  },
  '/__sim/catalogue': {
    get: reads(
      'Every operation and every case, with provenance and triggers, from the contracts',
      'Catalogue',
      'The catalogue.',
    ),
  },
  '/__sim/eko/sign': {
    post: {
      summary: "Eko's auth headers for now on the simulator clock (and a request_hash)",
      description:
        'A convenience for tools that cannot compute HMAC; the Eko routes verify every request as Eko does.',
      parameters: [format('headers', 'the headers as name: value lines, for curl -H @-')],
      requestBody: { ...body('EkoSignInput', { timestamp: '1700000000000' }), required: false },
      responses: {
        '200': jsonOrText(
          'EkoSignature',
          'The three headers by name (and request_hash when asked for).',
        ),
      },
      errors: ['invalid_sign_input'],
    },
  },
  '/__sim/eko/encrypt': {
    post: {
      summary: "The Aadhaar RSA-encrypted with the simulator's key, as Eko's aadhar field",
      requestBody: body('EkoEncryptInput', { aadhaar: '274839105621' }),
      responses: { '200': json(ref('EkoEncrypted'), 'The ciphertext.') },
      errors: ['invalid_aadhaar'],
    },
  },
  '/__sim/postman.json': {
    get: reads(
      'A Postman v2.1 collection generated from the contracts',
      'PostmanCollection',
      'The collection.',
    ),
  },
}

/** Security schemes of the admin token (needed only when the simulator was given one). */
export const ADMIN_SECURITY_SCHEMES: Readonly<Record<string, JsonObject>> = {
  'fintwin-admin.bearer': {
    type: 'http',
    scheme: 'bearer',
    description:
      'The admin token (`--admin-token` / FINTWIN_ADMIN_TOKEN); required only when the server has one, which it always has beyond loopback.',
  },
  'fintwin-admin.header': {
    type: 'apiKey',
    in: 'header',
    name: 'x-fintwin-admin-token',
    description: 'The admin token, as a header instead of Authorization.',
  },
}

/** Where every admin route also exists: in the sandbox named by the path (`/sbx/{sandbox}/…`). */
export const SANDBOX_PREFIX = '/sbx/{sandbox}'

const SANDBOX_PARAMETER = pathId(
  'sandbox',
  'The id POST /__sim/sandboxes returned ("default" is the server’s own); the route then acts on that sandbox only.',
  'default',
)

/** The error responses of an operation: each code's status, sentences joined per status. */
function errorResponses(codes: readonly AdminErrorCode[]): Record<string, JsonObject> {
  const byStatus = new Map<number, { schemas: Set<string>; sentences: string[] }>()
  for (const code of codes) {
    const [status, when] = ERROR_BY_CODE.get(code)!
    const schema = WITH_FIELDS.has(code) ? 'Invalid' : 'Error'
    const entry = byStatus.get(status) ?? { schemas: new Set(), sentences: [] }
    entry.schemas.add(schema)
    entry.sentences.push(when)
    byStatus.set(status, entry)
  }
  return Object.fromEntries(
    [...byStatus].map(([status, { schemas, sentences }]) => {
      const refs = [...schemas].map(ref)
      return [
        String(status),
        json(refs.length === 1 ? refs[0]! : { anyOf: refs }, sentences.join(' Or: ')),
      ]
    }),
  )
}

/** The operation id of a route: `fintwin.admin.<method><Path>` (and `InSandbox` under /sbx). */
function operationIdOf(method: string, path: string, inSandbox: boolean): string {
  const name = path
    .slice('/__sim'.length)
    .replace(/[{}]/g, '')
    .split(/[/.]/)
    .filter(Boolean)
    .map((s) => s[0]!.toUpperCase() + s.slice(1))
    .join('')
  return `fintwin.admin.${method}${name}${inSandbox ? 'InSandbox' : ''}`
}

/** One route's operation with the parts every route shares: tag, id, errors, security. */
function describeOperation(
  method: string,
  path: string,
  { open, errors = [], parameters = [], ...operation }: AdminOperation,
  inSandbox: boolean,
): JsonObject {
  // Every route refuses a body it cannot read; every guarded one a missing token; every one
  // under /sbx/{sandbox} an unknown sandbox.
  const shared: AdminErrorCode[] = ['invalid_body']
  if (!open) shared.push('admin_token_required')
  if (inSandbox) shared.push('unknown_sandbox')
  const all = [...new Set<AdminErrorCode>([...errors, ...shared])]
  return {
    operationId: operationIdOf(method, path, inSandbox),
    tags: [ADMIN_TAG],
    ...operation,
    ...(inSandbox || parameters.length > 0
      ? { parameters: [...(inSandbox ? [SANDBOX_PARAMETER] : []), ...parameters] }
      : {}),
    responses: { ...operation.responses, ...errorResponses(all) },
    security: open ? [] : [{}, { 'fintwin-admin.bearer': [] }, { 'fintwin-admin.header': [] }],
  }
}

/**
 * The admin paths, sorted: every route of {@link ROUTES}, and each again under
 * {@link SANDBOX_PREFIX}, each operation tagged {@link ADMIN_TAG} with its ids and errors.
 */
export function adminPaths(): Record<string, Record<string, JsonObject>> {
  return Object.fromEntries(
    [false, true].flatMap((inSandbox) =>
      Object.entries(ROUTES).map(([path, methods]) => [
        `${inSandbox ? SANDBOX_PREFIX : ''}${path}`,
        Object.fromEntries(
          Object.entries(methods).map(([method, operation]) => [
            method,
            describeOperation(method, path, operation, inSandbox),
          ]),
        ),
      ]),
    ),
  )
}
