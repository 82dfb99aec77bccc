/**
 * The OpenAPI description of fintwin's own admin API (`/__sim/…`, `simulator/admin/admin-api.ts`),
 * tagged `fintwin-admin`, published beside the providers' operations the way WireMock
 * publishes its admin API: so that QA tools, client generators and Prism see the control
 * surface too. It describes fintwin, not a provider, so it lives here as data rather than as a
 * provider contract; `test/openapi/admin-api-description.test.ts` holds it to the real routes
 * (every route described, every described answer what the admin API returns).
 * Browser-safe: no Node built-ins.
 */

import { AGENT_SCHEMA, PERSONA_SCHEMA } from './fixture-schemas.js'

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
        "All optional: sign with the simulator's first Eko credential for now on its clock, or with another key or timestamp; request_hash_parts (e.g. aadhaar, amount, user_code) are concatenated after the timestamp for a request_hash.",
      type: 'object',
      additionalProperties: false,
      properties: {
        developer_key: str,
        access_key: str,
        timestamp: { description: 'Epoch milliseconds.', type: ['string', 'integer'] },
        request_hash_parts: { type: 'array', items: { type: ['string', 'number'] } },
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
const error = (description: string) => json(ref('Error'), description)
const UNREADABLE_BODY = 'The request body could not be read (invalid_body).'
const orUnreadable = (description: string) => error(`${description} Or: ${UNREADABLE_BODY}`)
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

interface AdminOperation {
  readonly summary: string
  readonly description?: string
  readonly parameters?: readonly JsonObject[]
  readonly requestBody?: JsonObject
  readonly responses: Record<string, JsonObject>
  /** Health answers without the admin token, so that probes need none. */
  readonly open?: boolean
}

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
      responses: { '200': json(ref('Reset'), 'Reset.') },
    },
  },
  '/__sim/fixtures': {
    get: {
      summary: 'The seeded personas and credentials',
      responses: { '200': json(ref('Fixtures'), 'The fixtures.') },
    },
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
      responses: {
        '200': json(ref('OtpList'), 'The matching OTPs.'),
        '400': orUnreadable('limit is not a positive integer (invalid_query).'),
      },
    },
  },
  '/__sim/clock': {
    get: { summary: 'The simulator clock', responses: { '200': json(ref('Clock'), 'Now.') } },
    post: {
      summary: 'Move, set or freeze the simulator clock',
      requestBody: body('ClockChange', { advance_ms: 60_000 }),
      responses: {
        '200': json(ref('Clock'), 'The clock after the change.'),
        '400': orUnreadable('A field has the wrong type or the instant is invalid (invalid_body).'),
      },
    },
  },
  '/__sim/scenarios': {
    get: {
      summary: 'The forced outcomes in force',
      responses: { '200': json(ref('ScenarioList'), 'The scenarios.') },
    },
    post: {
      summary: 'Force an outcome of an operation',
      requestBody: body('ScenarioInput', {
        operation: 'surepass.ckyc.search',
        outcome: 'internal_server_error',
        times: 1,
      }),
      responses: {
        '201': json(ref('Scenario'), 'The scenario, with its id.'),
        '400': orUnreadable(
          'Unknown operation or outcome, or a malformed field (invalid_scenario).',
        ),
      },
    },
    delete: {
      summary: 'Remove every scenario',
      responses: { '200': json(ref('Deleted'), '{"deleted":"all"}.') },
    },
  },
  '/__sim/scenarios/{id}': {
    get: {
      summary: 'One scenario',
      parameters: [pathId('id', 'The id POST /__sim/scenarios returned.', 'scn_1')],
      responses: {
        '200': json(ref('Scenario'), 'The scenario.'),
        '404': error('No such scenario (not_found).'),
      },
    },
    delete: {
      summary: 'Remove one scenario',
      parameters: [pathId('id', 'The id POST /__sim/scenarios returned.', 'scn_1')],
      responses: {
        '200': json(ref('Deleted'), 'Its id.'),
        '404': error('No such scenario (not_found).'),
      },
    },
  },
  '/__sim/journal': {
    get: {
      summary: 'Recent provider requests with their contract check',
      parameters: [limit(100)],
      responses: {
        '200': json(ref('Journal'), 'The journal.'),
        '400': orUnreadable('limit is not a positive integer (invalid_query).'),
      },
    },
  },
  '/__sim/presets': {
    get: {
      summary: 'The named states QA can jump to',
      responses: { '200': json(ref('PresetList'), 'The presets.') },
    },
  },
  '/__sim/presets/{name}': {
    post: {
      summary: 'Drive the simulator into a named state; returns the next request to send',
      parameters: [
        pathId('name', 'A name from GET /__sim/presets.', 'eko-otp-sent'),
        format('curl', 'only the curl line of the next request'),
      ],
      responses: {
        '200': {
          description: 'The state reached and the next request (or only its curl line).',
          content: {
            'application/json': { schema: ref('PresetResult') },
            'text/plain': { schema: ref('CurlLine') },
          },
        },
        '400': orUnreadable('format is not "curl" (invalid_query).'),
        '404': error('No such preset (unknown_preset).'),
        '500': error('A step of the preset failed (preset_failed).'),
      },
    },
  },
  '/__sim/personas': {
    get: {
      summary: 'The persona registry (seeded and yours), filtered by the query',
      parameters: [
        'label',
        'document_type',
        'id_number',
        'full_name',
        'dob',
        'mobile_number',
        'exists',
        'mobile_registered',
        'custom',
      ].map((name) => ({ name, in: 'query', required: false, schema: str })),
      responses: {
        '200': json(ref('PersonaList'), 'The matching personas.'),
        '400': json(ref('Invalid'), 'An unknown filter or a flag not true/false (invalid_query).'),
      },
    },
    post: {
      summary: 'Add your own person (schema: /__sim/schemas/persona.json)',
      requestBody: body('Persona', {
        label: 'asha_qa',
        first_name: 'Asha',
        last_name: 'Verma',
        gender: 'FEMALE',
        dob: '1991-04-12',
        pan: 'ABCPV1234K',
        aadhaar_number: '234567890124',
        mobile_number: '9876501234',
      }),
      responses: {
        '201': json(ref('PersonaView'), 'Added; as /__sim/fixtures now lists it.'),
        '400': json(ref('Invalid'), 'A bad or clashing document (invalid_persona); nothing added.'),
      },
    },
  },
  '/__sim/agents': {
    get: {
      summary: 'The Eko agents (seeded and yours)',
      responses: { '200': json(ref('AgentList'), 'The agents.') },
    },
    post: {
      summary: 'Add your own Eko agent (schema: /__sim/schemas/agent.json)',
      requestBody: body('Agent', {
        label: 'shop_42',
        customer_id: '9123400042',
        aadhaar: '234567890124',
        pan_number: 'ABCPV1234K',
      }),
      responses: {
        '201': json(ref('AgentView'), 'Added; as /__sim/fixtures now lists it.'),
        '400': json(ref('Invalid'), 'A bad or clashing document (invalid_agent); nothing added.'),
      },
    },
  },
  '/__sim/schemas': {
    get: {
      summary: 'The published schemas of your own test data',
      responses: { '200': json(ref('SchemaList'), 'Their URLs.') },
    },
  },
  '/__sim/schemas/{name}': {
    get: {
      summary: 'One schema: persona.json or agent.json',
      parameters: [pathId('name', 'persona.json or agent.json.', 'persona.json')],
      responses: {
        '200': json(ref('JsonSchema'), 'The schema.'),
        '404': error('No such schema (not_found).'),
      },
    },
  },
  '/__sim/snapshot': {
    get: {
      summary: "This sandbox's whole state as a versioned document",
      responses: { '200': json(ref('Snapshot'), 'The snapshot.') },
    },
    put: {
      summary: 'Replace the state with a snapshot',
      description:
        'Everything is checked before anything changes: a malformed document, one of another version, or one that contradicts itself (another seed, a duplicate key, an OTP subject pointing at no record, an unknown table or outcome) is refused and the state is left as it was.',
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
      responses: {
        '200': json(ref('Restored'), 'Restored; the state sizes after it.'),
        '400': orUnreadable(
          'Malformed, of another version, or inconsistent (invalid_snapshot; `fields` names each bad one).',
        ),
      },
    },
  },
  '/__sim/openapi.json': {
    get: {
      summary: 'This OpenAPI document, generated from the contracts',
      responses: { '200': json(ref('OpenApi'), 'The document.') },
    },
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
  '/__sim/catalogue': {
    get: {
      summary: 'Every operation and every case, with provenance and triggers, from the contracts',
      responses: { '200': json(ref('Catalogue'), 'The catalogue.') },
    },
  },
  '/__sim/eko/sign': {
    post: {
      summary: "Eko's auth headers for now on the simulator clock (and a request_hash)",
      description:
        'A convenience for tools that cannot compute HMAC; the Eko routes verify every request as Eko does.',
      parameters: [format('headers', 'the headers as name: value lines, for curl -H @-')],
      requestBody: { ...body('EkoSignInput', { timestamp: '1700000000000' }), required: false },
      responses: {
        '200': {
          description: 'The three headers by name (and request_hash when asked for).',
          content: {
            'application/json': { schema: ref('EkoSignature') },
            'text/plain': { schema: ref('CurlLine') },
          },
        },
        '400': orUnreadable(
          'A field is wrong (invalid_body, with field) or format is not "headers" (invalid_query).',
        ),
      },
    },
  },
  '/__sim/eko/encrypt': {
    post: {
      summary: "The Aadhaar RSA-encrypted with the simulator's key, as Eko's aadhar field",
      requestBody: body('EkoEncryptInput', { aadhaar: '274839105621' }),
      responses: {
        '200': json(ref('EkoEncrypted'), 'The ciphertext.'),
        '400': orUnreadable('aadhaar is missing, not text or too long (invalid_body, with field).'),
      },
    },
  },
  '/__sim/postman.json': {
    get: {
      summary: 'A Postman v2.1 collection generated from the contracts',
      responses: { '200': json(ref('PostmanCollection'), 'The collection.') },
    },
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

/** The admin paths, sorted, each operation tagged {@link ADMIN_TAG} with its ids and errors. */
export function adminPaths(): Record<string, Record<string, JsonObject>> {
  return Object.fromEntries(
    Object.entries(ROUTES).map(([path, methods]) => [
      path,
      Object.fromEntries(
        Object.entries(methods).map(([method, { open, ...operation }]) => [
          method,
          {
            operationId: `fintwin.admin.${method}${path
              .slice('/__sim'.length)
              .replace(/[{}]/g, '')
              .split(/[/.]/)
              .filter(Boolean)
              .map((s) => s[0]!.toUpperCase() + s.slice(1))
              .join('')}`,
            tags: [ADMIN_TAG],
            ...operation,
            responses: {
              ...operation.responses,
              // Every route refuses a body it cannot read, whatever else it refuses.
              '400': operation.responses['400'] ?? error(UNREADABLE_BODY),
              ...(open
                ? {}
                : { '401': error('The server has an admin token and it was not sent.') }),
            },
            security: open
              ? []
              : [{}, { 'fintwin-admin.bearer': [] }, { 'fintwin-admin.header': [] }],
          },
        ]),
      ),
    ]),
  )
}
