/**
 * `GET /__sim/postman.json`: a Postman v2.1 collection generated from the contracts, for QA who
 * work in Postman or run `newman`. Its base URL is the server (and sandbox) that served it, so
 * `newman run <base>/__sim/postman.json` works as it is. Eko's signature and the encrypted
 * Aadhaar come from the simulator's helpers (`POST /__sim/eko/sign`, `/__sim/eko/encrypt`),
 * called by the collection's pre-request script: Postman's sandbox has HMAC but no RSA.
 * Format: https://schema.getpostman.com/json/collection/v2.1.0/collection.json
 */
import {
  exampleParams,
  exampleQuery,
  fillPath,
  getOperation,
  operations,
  providers,
  schemaAt,
  type Operation,
} from '../../contracts/index.js'
import type { Simulator } from '../create-simulator-core.js'
import { SCENARIO_HEADER } from '../pipeline/pipeline.js'

/** The collection schema Postman and newman read. */
const POSTMAN_SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json'

interface PostmanRequestItem {
  name: string
  request: {
    method: string
    header: { key: string; value: string }[]
    body?:
      | { mode: 'raw'; raw: string; options: { raw: { language: 'json' } } }
      | { mode: 'formdata'; formdata: { key: string; value: string; type: 'text' }[] }
    url: { raw: string; host: string[]; path: string[]; query?: { key: string; value: string }[] }
    description?: string
  }
  event: { listen: 'test'; script: { type: 'text/javascript'; exec: string[] } }[]
}

interface PostmanFolder {
  name: string
  description: string
  item: PostmanRequestItem[]
}

/** A Postman v2.1 collection (the parts fintwin writes). */
export interface PostmanCollection {
  info: { name: string; description: string; schema: string }
  variable: { key: string; value: string; type: 'string' }[]
  event: { listen: 'prerequest'; script: { type: 'text/javascript'; exec: string[] } }[]
  item: PostmanFolder[]
}

/** Where an Eko body carries the encrypted Aadhaar; the pre-request script fills it per request. */
const ENCRYPTED_AADHAAR = '{{ekoAadharEncrypted}}'

/** Body fields replaced by collection variables, so the credentials and personas live in one place. */
const FIELD_VARIABLES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  surepass: {
    id_number: '{{ckycIdNumber}}',
    document_type: '{{ckycDocumentType}}',
    mobile_number: '{{ckycMobile}}',
  },
  eko: {
    initiator_id: '{{ekoInitiatorId}}',
    user_code: '{{ekoUserCode}}',
    customer_id: '{{ekoCustomerId}}',
    aadhar: ENCRYPTED_AADHAAR,
    aadhaar: ENCRYPTED_AADHAAR,
    latlong: '{{ekoLatlong}}',
  },
}

/**
 * The collection-level pre-request script: admin token on `/__sim` calls when one is set; on an
 * Eko call, the encrypted Aadhaar (when the body asks for it) and then a fresh signature on the
 * simulator's clock. Errors of the helpers fail the request loudly.
 */
function preRequestScript(ekoBasePaths: readonly string[]): string[] {
  return [
    '// fintwin: Eko requests are signed, and their Aadhaar encrypted, by the simulator itself',
    '// (POST /__sim/eko/sign and /__sim/eko/encrypt): Postman has no RSA PKCS#1 v1.5.',
    `const EKO_BASE_PATHS = ${JSON.stringify(ekoBasePaths)};`,
    '// Calls that carry a request_hash: the sign helper computes it from the operation and body.',
    `const HASHED = ${JSON.stringify(hashedOperations())};`,
    "const base = pm.variables.get('baseUrl');",
    "const adminToken = pm.variables.get('fintwinAdminToken');",
    "const adminHeaders = adminToken ? [{ key: 'x-fintwin-admin-token', value: adminToken }] : [];",
    "const path = '/' + pm.request.url.path.join('/');",
    "if (adminToken && path.startsWith('/__sim/')) pm.request.headers.upsert(adminHeaders[0]);",
    "if (EKO_BASE_PATHS.some((p) => path.startsWith(p + '/'))) {",
    '  const helper = (route, body, then) =>',
    '    pm.sendRequest(',
    '      {',
    "        url: base + '/__sim/eko/' + route,",
    "        method: 'POST',",
    "        header: [{ key: 'Content-Type', value: 'application/json' }].concat(adminHeaders),",
    "        body: { mode: 'raw', raw: JSON.stringify(body) },",
    '      },',
    '      (error, response) => {',
    '        if (error) throw error;',
    "        if (response.code !== 200) throw new Error('fintwin /__sim/eko/' + route + ' answered ' + response.code + ': ' + response.text());",
    '        then(response.json());',
    '      },',
    '    );',
    '  const hashed = HASHED.find((h) => h.method === pm.request.method && h.paths.some((p) => new RegExp(p).test(path)));',
    "  const signInput = () => hashed ? { operation: hashed.operation, body: JSON.parse(pm.variables.replaceIn((pm.request.body && pm.request.body.raw) || '{}')) } : {};",
    "  const sign = () => helper('sign', signInput(), (headers) => {",
    '    for (const name of Object.keys(headers)) pm.request.headers.upsert({ key: name, value: headers[name] });',
    '  });',
    "  const raw = (pm.request.body && pm.request.body.raw) || '';",
    `  if (raw.includes(${JSON.stringify(ENCRYPTED_AADHAAR)}))`,
    "    helper('encrypt', { aadhaar: pm.variables.get('ekoAadhaar') }, (answer) => {",
    "      pm.variables.set('ekoAadharEncrypted', answer.aadhar);",
    '      sign();',
    '    });',
    '  else sign();',
    '}',
  ]
}

/**
 * The operations whose calls carry a `request_hash` (an HMAC over the timestamp and body fields,
 * per the contract's rule): method, path patterns (anchored at the end, so a sandbox prefix
 * matches) and the id `POST /__sim/eko/sign` takes to compute the hash for a given body.
 */
function hashedOperations(): { method: string; paths: string[]; operation: string }[] {
  const pattern = (template: string) =>
    `${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`
  return [...operations.values()]
    .filter((op) => op.requestHash !== undefined)
    .map((op) => ({ method: op.method, paths: op.paths.map(pattern), operation: op.id }))
}

/** What a step of a flow sends and what it keeps for the next step. */
interface FlowStep {
  name: string
  operation?: string
  /** For an inbox read: the collection variable holding the ref. */
  inboxRef?: string
  body?: Record<string, string>
  /** Collection variable ← JSON path in the answer (`data.client_id`, `otps.0.otp`). */
  keep?: Record<string, string>
}

/** The happy flows, step by step: each chains the ids and the OTP (read from the inbox) it got. */
const FLOWS: readonly { name: string; description: string; steps: readonly FlowStep[] }[] = [
  {
    name: 'Surepass CKYC: search → generate OTP → read the OTP → download',
    description: 'The `happy` persona, end to end; the OTP comes from the simulator inbox.',
    steps: [
      {
        name: 'CKYC search',
        operation: 'surepass.ckyc.search',
        body: { id_number: '{{ckycIdNumber}}', document_type: '{{ckycDocumentType}}' },
        keep: { ckycSearchClientId: 'data.client_id' },
      },
      {
        name: 'CKYC v2 generate OTP',
        operation: 'surepass.ckycV2.generateOtp',
        body: { client_id: '{{ckycSearchClientId}}', mobile_number: '{{ckycMobile}}' },
        keep: { ckycDownloadClientId: 'data.client_id' },
      },
      {
        name: 'Read the OTP "sent" to the phone',
        inboxRef: 'ckycDownloadClientId',
        keep: { ckycOtp: 'otps.0.otp' },
      },
      {
        name: 'CKYC v2 download',
        operation: 'surepass.ckycV2.download',
        body: { client_id: '{{ckycDownloadClientId}}', otp: '{{ckycOtp}}' },
      },
    ],
  },
  {
    name: 'Eko AePS eKYC: send OTP → read the OTP → verify → biometric → daily KYC',
    description:
      'The `ekyc_pending` agent, end to end: signed and with its Aadhaar encrypted by the pre-request script.',
    steps: [
      {
        name: 'Send OTP',
        operation: 'eko.aepsKyc.sendOtp',
        body: ekoAgentBody(),
        keep: { ekoOtpRefId: 'data.otp_ref_id', ekoReferenceTid: 'data.reference_tid' },
      },
      {
        name: 'Read the OTP "sent" to the agent',
        inboxRef: 'ekoOtpRefId',
        keep: { ekoOtp: 'otps.0.otp' },
      },
      {
        name: 'Verify OTP',
        operation: 'eko.aepsKyc.verifyOtp',
        body: {
          ...ekoAgentBody(),
          otp: '{{ekoOtp}}',
          otp_ref_id: '{{ekoOtpRefId}}',
          reference_tid: '{{ekoReferenceTid}}',
        },
        keep: { ekoOtpRefId: 'data.otp_ref_id', ekoReferenceTid: 'data.reference_tid' },
      },
      {
        name: 'Biometric eKYC',
        operation: 'eko.aepsKyc.biometric',
        body: {
          ...ekoAgentBody(),
          piddata: '{{ekoPidData}}',
          bank_code: 'HDFC',
          otp_ref_id: '{{ekoOtpRefId}}',
          reference_tid: '{{ekoReferenceTid}}',
        },
      },
      {
        name: 'Daily KYC',
        operation: 'eko.aepsKyc.dailyKyc',
        body: { ...ekoAgentBody(), piddata: '{{ekoPidData}}', bank_code: 'HDFC' },
      },
    ],
  },
]

function ekoAgentBody(): Record<string, string> {
  return {
    initiator_id: '{{ekoInitiatorId}}',
    user_code: '{{ekoUserCode}}',
    customer_id: '{{ekoCustomerId}}',
    aadhar: ENCRYPTED_AADHAAR,
    latlong: '{{ekoLatlong}}',
  }
}

/**
 * Builds the collection for a simulator reached at `baseUrl`: a reset, the happy flows (with
 * tests derived from each operation's success case), and every operation with its contract
 * example (tests: authenticated, and the answer kept its contract).
 */
export function buildPostmanCollection(sim: Simulator, baseUrl: string): PostmanCollection {
  const fixtures = sim.fixtures()
  const happy = fixtures.surepass.ckyc.find((p) => p.label === 'happy')
  const agent = fixtures.eko.agents.find((a) => a.label === 'ekyc_pending')
  const pid = (fixtures.eko.piddata as Record<string, string>).pid_ok ?? ''
  const variables: Record<string, string> = {
    baseUrl,
    fintwinAdminToken: '',
    surepassToken: fixtures.surepass.token,
    ckycIdNumber: happy?.id_number ?? '',
    ckycDocumentType: happy?.document_type ?? '',
    ckycMobile: happy?.mobile_number ?? '',
    ekoDeveloperKey: fixtures.eko.developer_key,
    ekoInitiatorId: fixtures.eko.initiator_id,
    ekoUserCode: agent?.user_code ?? '',
    ekoCustomerId: agent?.customer_id ?? '',
    ekoAadhaar: agent?.aadhaar ?? '',
    ekoLatlong: agent?.latlong ?? '',
    // Inserted inside a JSON string in the bodies, so it is kept JSON-escaped.
    ekoPidData: JSON.stringify(pid).slice(1, -1),
  }
  const eko = providers.get('eko')
  // Every base path Eko is served under, the legacy v1/v2 ones too: all are signed.
  const ekoBasePaths = eko ? [...eko.basePaths, ...Object.values(eko.versionBasePaths).flat()] : []
  return {
    info: {
      name: `fintwin (${baseUrl})`,
      description:
        'Surepass (KYC) and Eko (AePS eKYC) as the fintwin simulator serves them, generated from its contracts. Run the folders in order; the first request resets the simulator (use your own sandbox on a shared server). Eko requests are signed and their Aadhaar encrypted by the collection pre-request script through POST /__sim/eko/sign and /__sim/eko/encrypt.',
      schema: POSTMAN_SCHEMA,
    },
    variable: Object.entries(variables).map(([key, value]) => ({ key, value, type: 'string' })),
    event: [
      {
        listen: 'prerequest',
        script: { type: 'text/javascript', exec: preRequestScript(ekoBasePaths) },
      },
    ],
    item: [
      {
        name: 'Start',
        description: 'Back to the seeded state, so the flows below start where they expect.',
        item: [
          {
            name: 'Reset the simulator',
            request: {
              method: 'POST',
              header: [],
              url: urlOf('/__sim/reset'),
            },
            event: [testEvent(['pm.expect(pm.response.code).to.equal(200);'], 'reset')],
          },
        ],
      },
      ...FLOWS.map((flow) => ({
        name: flow.name,
        description: flow.description,
        item: flow.steps.map(flowItem),
      })),
      ...gatewayErrorFolders(),
      ...[...providers.values()].map((provider) => ({
        name: `${provider.name}: every operation (contract examples)`,
        description: `Each operation with its contract's example body. The answer may be an error case (the example ids are not live); the tests check that the request was authenticated and the answer kept its contract.`,
        item: [...operations.values()]
          .filter((op) => op.provider === provider.id)
          .map((op) => referenceItem(op.id)),
      })),
    ],
  }
}

function urlOf(path: string, query?: Record<string, string>): PostmanRequestItem['request']['url'] {
  const search = query
    ? `?${Object.entries(query)
        .map(([k, v]) => `${k}=${v}`)
        .join('&')}`
    : ''
  return {
    raw: `{{baseUrl}}${path}${search}`,
    host: ['{{baseUrl}}'],
    path: path.split('/').filter(Boolean),
    ...(query ? { query: Object.entries(query).map(([key, value]) => ({ key, value })) } : {}),
  }
}

function testEvent(lines: string[], what: string): PostmanRequestItem['event'][number] {
  return {
    listen: 'test',
    script: {
      type: 'text/javascript',
      exec: [`pm.test(${JSON.stringify(what)}, () => {`, ...lines.map((l) => `  ${l}`), '});'],
    },
  }
}

/** A collection variable stays `{{name}}` in a path; anything else is percent-encoded. */
const encodeUnlessVariable = (value: string): string =>
  /^\{\{[A-Za-z]+\}\}$/.test(value) ? value : encodeURIComponent(value)

/** A value the collection owns as a variable (`user_code` → `{{ekoUserCode}}`), else `value`. */
function withVariables(op: Operation, values: Record<string, unknown>): Record<string, unknown> {
  const variables = FIELD_VARIABLES[op.provider] ?? {}
  return Object.fromEntries(
    Object.entries(values).map(([field, value]) => [field, variables[field] ?? value]),
  )
}

/**
 * A provider request: method, path and headers from the contract, the body as given. The
 * path's `{name}`s take the collection's variables or the contract's example; a GET sends its
 * query example and no body; a multipart upload sends its `form-data` part alone (Postman
 * reads file parts from disk, and a generated collection has no files to point at: the
 * simulator answers the missing documents with Eko's invalid_params).
 */
function providerRequest(operationId: string, body: unknown): PostmanRequestItem['request'] {
  const op = getOperation(operationId)
  const multipart = op.document['x-request'].mediaType?.startsWith('multipart/') === true
  const header =
    op.method === 'GET' || multipart ? [] : [{ key: 'Content-Type', value: 'application/json' }]
  if (op.provider === 'surepass')
    header.push({ key: 'Authorization', value: 'Bearer {{surepassToken}}' })
  const params = withVariables(op, exampleParams(op)) as Record<string, string>
  const path = fillPath(op.paths[0] ?? op.path, params, encodeUnlessVariable)
  const description = `${op.summary} (${op.id}, provenance ${op.provenance}).`
  if (op.method === 'GET') {
    const query = withVariables(op, exampleQuery(op)) as Record<string, string>
    return {
      method: op.method,
      header,
      url: urlOf(path, Object.keys(query).length > 0 ? query : undefined),
      description,
    }
  }
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>
  return {
    method: op.method,
    header,
    body: multipart
      ? {
          mode: 'formdata',
          formdata: Object.entries(fields)
            .filter(([, value]) => typeof value === 'string')
            .map(([key, value]) => ({ key, value: value as string, type: 'text' })),
        }
      : {
          mode: 'raw',
          raw: JSON.stringify(body, null, 2),
          options: { raw: { language: 'json' } },
        },
    url: urlOf(path),
    description: multipart
      ? `${description} Sent without its document files (Postman reads files from disk; attach pan_card, aadhar_front and aadhar_back to activate for real).`
      : description,
  }
}

/** Lines that store `keep` (variable ← path in the JSON answer) in the collection variables. */
function keepLines(keep: Record<string, string> | undefined): string[] {
  return Object.entries(keep ?? {}).map(
    ([variable, path]) =>
      `pm.collectionVariables.set(${JSON.stringify(variable)}, ${JSON.stringify(path.split('.'))}.reduce((v, k) => v[k], pm.response.json()));`,
  )
}

function flowItem(step: FlowStep): PostmanRequestItem {
  if (step.inboxRef !== undefined) {
    return {
      name: step.name,
      request: {
        method: 'GET',
        header: [],
        url: urlOf('/__sim/otps', { ref: `{{${step.inboxRef}}}` }),
        description: 'The simulator inbox: the OTP the provider "sent", by the ref it returned.',
      },
      event: [
        testEvent(
          [
            'const otp = pm.response.json().otps[0];',
            "pm.expect(otp, 'an OTP for this ref').to.be.an('object');",
            "pm.expect(otp.status).to.equal('pending');",
            ...keepLines(step.keep),
          ],
          'the inbox holds a pending OTP for the ref',
        ),
      ],
    }
  }
  const op = getOperation(step.operation ?? '')
  const success = op.cases.get('success')
  const example = (success?.examples[0] ?? {}) as Record<string, unknown>
  const checks =
    op.provider === 'eko'
      ? [
          'const body = pm.response.json();',
          'pm.expect(pm.response.code).to.equal(200);',
          'pm.expect(body.status, body.message).to.equal(0);',
          `pm.expect(body.response_type_id).to.equal(${JSON.stringify(example.response_type_id)});`,
        ]
      : [
          'const body = pm.response.json();',
          `pm.expect(pm.response.code, body.message_code).to.equal(${success?.status ?? 200});`,
          'pm.expect(body.success).to.equal(true);',
        ]
  return {
    name: step.name,
    request: providerRequest(op.id, step.body),
    event: [
      testEvent(
        [
          ...checks,
          "pm.expect(pm.response.headers.has('x-fintwin-contract-violation')).to.equal(false);",
          ...keepLines(step.keep),
        ],
        `${op.summary}: success`,
      ),
    ],
  }
}

/**
 * A folder per provider whose cases include plain-text ones (Eko's gateway answers): each such
 * case forced on the provider's first operation, its test reading the body as text (or, when the
 * server runs with the JSON switch, as the case's JSON form), never `pm.response.json()` alone.
 */
function gatewayErrorFolders(): PostmanFolder[] {
  return [...providers.values()].flatMap((provider) => {
    const op = [...operations.values()].find((o) => o.provider === provider.id)
    const cases = op
      ? [...op.cases.values(), ...provider.cases.values()].filter((c) => c.jsonForm)
      : []
    if (!op || cases.length === 0) return []
    const example = (schemaAt(op.bodySchemaId).examples as unknown[] | undefined)?.[0] ?? {}
    return [
      {
        name: `${provider.name}: gateway answers (plain text)`,
        description:
          "Each of the provider's plain-text gateway answers, forced with x-fintwin-scenario: text/plain by default, its JSON form under the server's JSON switch.",
        item: cases.map((c) => {
          const request = providerRequest(op.id, example)
          request.header.push({ key: SCENARIO_HEADER, value: c.id })
          const json = c.jsonForm?.examples[0] as { status?: unknown } | undefined
          return {
            name: `${op.summary} → ${c.id}`,
            request,
            event: [
              testEvent(
                [
                  `pm.expect(pm.response.code).to.equal(${c.status});`,
                  "const type = pm.response.headers.get('Content-Type') || '';",
                  `if (type.includes('json')) pm.expect(pm.response.json().status).to.equal(${JSON.stringify(json?.status)});`,
                  `else pm.expect(${JSON.stringify(c.examples)}).to.include(pm.response.text());`,
                  "pm.expect(pm.response.headers.has('x-fintwin-contract-violation')).to.equal(false);",
                ],
                `${c.id}: HTTP ${c.status}, ${c.mediaType} or its JSON form`,
              ),
            ],
          }
        }),
      },
    ]
  })
}

/** An operation with its contract example, the fields the collection owns as variables. */
function referenceItem(operationId: string): PostmanRequestItem {
  const op = getOperation(operationId)
  const example = (schemaAt(op.bodySchemaId).examples as unknown[] | undefined)?.[0] ?? {}
  const body = withVariables(op, example as Record<string, unknown>)
  const refused = op.provider === 'eko' ? 403 : 401
  return {
    name: op.summary,
    request: providerRequest(op.id, body),
    event: [
      testEvent(
        [
          `pm.expect(pm.response.code, 'authenticated').to.not.equal(${refused});`,
          "pm.expect(pm.response.headers.has('x-fintwin-contract-violation')).to.equal(false);",
          "pm.expect(pm.response.json()).to.be.an('object');",
        ],
        'authenticated, and the answer kept its contract',
      ),
    ],
  }
}
