/**
 * Generative tests driven by the contracts: every operation's request body schema is turned into
 * fast-check arbitraries (see schema-arbitrary.ts), and the simulator — which throws on any
 * contract violation here — must answer every valid request without a 5xx, every single-fault
 * invalid request with the provider's own validation error naming the field, and anything at all
 * (arbitrary JSON, arbitrary text under any content type) without throwing.
 */
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { getOperation, operations, type Operation } from '../../contracts/index.js'
import {
  createSimulator,
  SAMPLE_PID_XML_BAD_FINGER,
  SAMPLE_PID_XML_OK,
  type SimRequest,
  type SimResponse,
  type Simulator,
} from '../../simulator/index.js'
import { parseRequestBody } from '../../mocks/index.js'
import { EKO_UAT_CREDENTIALS } from '../../simulator/fixtures/index.js'
import {
  contractRequest,
  ekoRequest,
  encryptedAadhaar,
  handleEko,
  signedRequest,
  type EkoOperationName,
} from '../support/eko-requests.js'
import {
  bodyOf,
  ckycFixture,
  createResponseLog,
  envelopeBreaches,
  startDownload,
  surepassRequest,
  type SurepassStep,
} from '../support/sim-requests.js'
import { mutationsOf, validBodyArbitrary, type FieldHints } from './schema-arbitrary.js'

const RUNS = Number(process.env.FINTWIN_FC_RUNS ?? 150)
const fcOptions = { numRuns: RUNS, seed: Number(process.env.FINTWIN_FC_SEED ?? 20_250_101) }

const SUREPASS_STEPS: Record<string, SurepassStep> = {
  'surepass.ckyc.search': 'search',
  'surepass.ckycV2.generateOtp': 'generateOtp',
  'surepass.ckycV2.download': 'download',
}
const EKO_STEPS: Record<string, EkoOperationName> = {
  'eko.users.onboard': 'onboard',
  'eko.aepsKyc.sendOtp': 'sendOtp',
  'eko.aepsKyc.verifyOtp': 'verifyOtp',
  'eko.aepsKyc.biometric': 'biometric',
  'eko.aepsKyc.dailyKyc': 'dailyKyc',
}
/** Eko operations built from their contract alone (path parameters, query, request_hash). */
const EKO_CONTRACT_OPERATIONS = [
  'eko.bbps.operators',
  'eko.bbps.operatorCategories',
  'eko.bbps.operatorLocations',
  'eko.bbps.operatorParameters',
  'eko.bbps.fetchBill',
  'eko.bbps.payBill',
  'eko.bankAccount.verifyByIfsc',
  'eko.bankAccount.verifyByBankCode',
]

/** What generated values stand for: a GET's query string (it has no body), else the body. */
function generatedSchemaId(operation: Operation): string {
  return operation.method === 'GET' && operation.querySchemaId !== undefined
    ? operation.querySchemaId
    : operation.bodySchemaId
}

interface EkoAgentView {
  label: string
  user_code: string
  customer_id: string
  aadhaar: string
  pan_number: string
  latlong: string
  aeps_status: string
}

/** An authenticated request for one operation, the way the provider's clients send it. */
async function requestFor(
  sim: Simulator,
  operation: Operation,
  body: unknown,
  contentType?: string,
): Promise<SimRequest> {
  if (operation.provider === 'surepass') {
    return surepassRequest(
      SUREPASS_STEPS[operation.id]!,
      body,
      contentType === undefined ? {} : { headers: { 'content-type': contentType } },
    )
  }
  const step = EKO_STEPS[operation.id]
  const type = contentType === undefined ? {} : { contentType }
  if (step !== undefined) return ekoRequest(sim, step, body, type)
  if (operation.method === 'GET')
    return contractRequest(sim, operation.id, undefined, {
      ...type,
      query: body as Record<string, string>,
    })
  return contractRequest(sim, operation.id, body, type)
}

/** What every answer must be, whatever was asked. */
function expectSane(operation: Operation, request: SimRequest, response: SimResponse): void {
  expect(response.status, JSON.stringify(response.body)).toBeLessThan(500)
  expect(response.status).toBeGreaterThanOrEqual(200)
  expect(() => JSON.stringify(response.body)).not.toThrow()
  if (operation.provider === 'surepass' && response.status !== 404 && response.status !== 405) {
    expect(envelopeBreaches([{ request, response }])).toEqual([])
  }
}

function newSim(seed: string): Simulator {
  return createSimulator({ seed, config: { onContractViolation: 'throw' } })
}

/** Real ids and values the simulator issued, mixed into the generated fields so flows go deep. */
async function seedHints(sim: Simulator): Promise<Record<string, FieldHints>> {
  const log = createResponseLog()
  const ckyc = (
    sim.fixtures().surepass as {
      ckyc: {
        label: string
        document_type: string
        id_number: string
        mobile_number: string | null
        exists?: boolean
      }[]
    }
  ).ckyc
  const searchIds: string[] = []
  for (const p of ckyc) {
    const r = await sim.handle(
      surepassRequest('search', { document_type: p.document_type, id_number: p.id_number }),
    )
    if (r.status === 200) searchIds.push(bodyOf(r).data.client_id as string)
  }
  const downloads = [
    await startDownload(log, sim),
    await startDownload(log, sim),
    await startDownload(log, sim),
  ]
  const mobiles = ckyc.map((p) => p.mobile_number).filter((m): m is string => m !== null)

  const agents = (sim.fixtures().eko as { agents: EkoAgentView[] }).agents
  const pending = agents.find((a) => a.label === 'ekyc_pending')!
  const sendBody = {
    initiator_id: EKO_UAT_CREDENTIALS.initiator_id,
    user_code: pending.user_code,
    customer_id: pending.customer_id,
    aadhar: encryptedAadhaar(pending.aadhaar),
    latlong: pending.latlong,
  }
  const sent = await sim.handle(await ekoRequest(sim, 'sendOtp', sendBody))
  const sentData = bodyOf(sent).data as { otp_ref_id: string; reference_tid: string }
  const sentOtp = sim.otps({ ref: sentData.otp_ref_id })[0]!.otp

  const ekoCommon: FieldHints = {
    initiator_id: fc.constant(EKO_UAT_CREDENTIALS.initiator_id),
    user_code: fc.constantFrom(...agents.map((a) => a.user_code)),
    customer_id: fc.constantFrom(...agents.map((a) => a.customer_id)),
    aadhar: fc.constantFrom(...agents.slice(0, 4).map((a) => encryptedAadhaar(a.aadhaar))),
    aadhaar: fc.constantFrom(...agents.slice(0, 4).map((a) => encryptedAadhaar(a.aadhaar))),
    latlong: fc.constantFrom(...agents.map((a) => a.latlong)),
    otp_ref_id: fc.constant(sentData.otp_ref_id),
    reference_tid: fc.constantFrom(
      sentData.reference_tid,
      `BEKYF${sentData.reference_tid.slice(5)}`,
    ),
    otp: fc.constantFrom(sentOtp, '000000'),
    piddata: fc.constantFrom(SAMPLE_PID_XML_OK, SAMPLE_PID_XML_BAD_FINGER),
    bank_code: fc.constantFrom('HDFC', 'SBIN'),
  }
  return {
    'surepass.ckyc.search': {
      document_type: fc.constantFrom(...new Set(ckyc.map((p) => p.document_type))),
    },
    'surepass.ckycV2.generateOtp': {
      client_id: fc.constantFrom(...searchIds),
      mobile_number: fc.constantFrom(...mobiles),
    },
    'surepass.ckycV2.download': {
      client_id: fc.constantFrom(...downloads.map((d) => d.downloadId)),
      otp: fc.constantFrom(...downloads.map((d) => d.otp)),
    },
    'eko.users.onboard': {
      initiator_id: fc.constant(EKO_UAT_CREDENTIALS.initiator_id),
      pan_number: fc.constantFrom(...agents.map((a) => a.pan_number)),
      mobile: fc.constantFrom(...agents.map((a) => a.customer_id)),
    },
    'eko.aepsKyc.sendOtp': ekoCommon,
    'eko.aepsKyc.verifyOtp': ekoCommon,
    'eko.aepsKyc.biometric': ekoCommon,
    'eko.aepsKyc.dailyKyc': ekoCommon,
    ...contractOperationHints(agents),
  }
}

/** Hints for the bill payment and bank verification operations: seeded bills, accounts, agents. */
function contractOperationHints(agents: EkoAgentView[]): Record<string, FieldHints> {
  const initiator = fc.constantFrom(EKO_UAT_CREDENTIALS.initiator_id, '9000000000')
  const lookup: FieldHints = {
    initiator_id: initiator,
    category: fc.constantFrom('2', '8', '99'),
    location: fc.constantFrom('24', '27', '07'),
  }
  const bill: FieldHints = {
    operator_id: fc.constantFrom('1', '51', '159', '5', 28),
    utility_acc_no: fc.constantFrom('151627591', '151627599', '1000111336', 'ACTBLR0042'),
    user_code: fc.constantFrom(...agents.map((a) => a.user_code), '99999999'),
    amount: fc.constantFrom('50', '673.00', '750000.00', 10),
  }
  const verification: FieldHints = {
    initiator_id: initiator,
    user_code: fc.constantFrom(...agents.map((a) => a.user_code), '99999999'),
  }
  return {
    'eko.bbps.operators': lookup,
    'eko.bbps.operatorCategories': lookup,
    'eko.bbps.operatorLocations': lookup,
    'eko.bbps.operatorParameters': lookup,
    'eko.bbps.fetchBill': bill,
    'eko.bbps.payBill': bill,
    'eko.bankAccount.verifyByIfsc': verification,
    'eko.bankAccount.verifyByBankCode': verification,
  }
}

const operationIds = [...operations.keys()]

describe('contract-driven generation: valid requests', () => {
  let sim: Simulator
  let hints: Record<string, FieldHints>
  beforeAll(async () => {
    sim = newSim('gen-valid')
    hints = await seedHints(sim)
  })

  it('covers every operation of the contracts', () => {
    expect(operationIds.sort()).toEqual(
      [
        ...Object.keys(SUREPASS_STEPS),
        ...Object.keys(EKO_STEPS),
        ...EKO_CONTRACT_OPERATIONS,
      ].sort(),
    )
  })

  it.each(operationIds)(
    '%s: random valid authenticated requests never give a 5xx nor a contract violation',
    async (id) => {
      const operation = getOperation(id)
      const cases = new Map<string, number>()
      const ckyc = id === 'surepass.ckyc.search' ? ckycFixture(sim, 'happy') : undefined
      let arb = validBodyArbitrary(generatedSchemaId(operation), hints[id])
      if (ckyc)
        arb = fc.oneof(
          arb,
          fc.constant({ document_type: ckyc.document_type, id_number: ckyc.id_number }),
        )
      await fc.assert(
        fc.asyncProperty(arb, async (body) => {
          const request = await requestFor(sim, operation, body)
          // onContractViolation: 'throw' — a response breaking its contract rejects here.
          const response =
            operation.provider === 'eko' ? await handleEko(sim, request) : await sim.handle(request)
          expectSane(operation, request, response)
          const entry = sim.journal.list(1)[0]!
          expect(entry.contract.ok).toBe(true)
          // A valid body never comes back as the provider's validation error. (Eko's invalid_params
          // also covers what only behaviour can check: an aadhar that does not decrypt to the
          // agent's own, a piddata that is not PID XML, an operator no biller has, an account
          // number that fails the biller's own regex.)
          if (operation.provider === 'surepass') expect(entry.case).not.toBe('invalid_input')
          else if (entry.case === 'invalid_params') {
            for (const field of Object.keys(bodyOf(response).invalid_params as object))
              expect(['aadhar', 'aadhaar', 'piddata', 'operator_id', 'utility_acc_no']).toContain(
                field,
              )
          }
          cases.set(entry.case ?? '', (cases.get(entry.case ?? '') ?? 0) + 1)
        }),
        fcOptions,
      )
      // The hints make the runs reach past "not found" into the flows' own cases.
      if (process.env.FINTWIN_FC_DEBUG) console.log(id, Object.fromEntries(cases))
      expect(cases.size, [...cases.keys()].join(', ')).toBeGreaterThan(1)
    },
  )
})

describe('contract-driven generation: single-fault invalid requests', () => {
  let sim: Simulator
  let hints: Record<string, FieldHints>
  beforeAll(async () => {
    sim = newSim('gen-invalid')
    hints = await seedHints(sim)
  })

  it.each(operationIds)(
    "%s: a dropped field, wrong type, broken pattern or unknown field gets the provider's validation error naming it",
    async (id) => {
      const operation = getOperation(id)
      const kinds = new Set<string>()
      await fc.assert(
        fc.asyncProperty(
          validBodyArbitrary(generatedSchemaId(operation), hints[id]),
          mutationsOf(generatedSchemaId(operation)),
          async (body, mutation) => {
            kinds.add(mutation.kind)
            const request = await requestFor(sim, operation, mutation.apply(body))
            const response = await sim.handle(request)
            expectSane(operation, request, response)
            if (operation.provider === 'surepass') {
              expect(response.status).toBe(400)
              expect(response.body).toMatchObject({
                success: false,
                status_code: 400,
                message_code: 'invalid_input',
                data: null,
              })
              expect(bodyOf(response).message).toContain(mutation.field)
            } else {
              expect(response.status).toBe(200)
              const body = bodyOf(response)
              expect(body).toMatchObject({
                status: 97,
                response_type_id: -1,
                response_status_id: 1,
              })
              expect(Object.keys(body.invalid_params as object)).toContain(mutation.field)
            }
          },
        ),
        fcOptions,
      )
      expect([...kinds]).toEqual(expect.arrayContaining(['wrong_type', 'unknown_field']))
    },
  )
})

describe('anything at all', () => {
  let sim: Simulator
  beforeAll(() => {
    sim = newSim('gen-anything')
  })

  it.each(operationIds)(
    '%s: arbitrary JSON values as bodies never throw and never give a 5xx',
    async (id) => {
      const operation = getOperation(id)
      await fc.assert(
        fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (body) => {
          const request = await requestFor(sim, operation, body)
          const response = await sim.handle(request)
          expectSane(operation, request, response)
          if (operation.provider === 'surepass')
            expect([200, 400, 404, 422, 429]).toContain(response.status)
          else expect(response.status).toBe(200)
        }),
        { ...fcOptions, numRuns: Math.ceil(RUNS / 2) },
      )
    },
  )

  const CONTENT_TYPES = [
    undefined,
    'application/json',
    'application/json; charset=utf-8',
    'application/x-www-form-urlencoded',
    'text/plain',
    'application/xml',
    'multipart/form-data; boundary=x',
    'application/vnd.fintwin+json',
    '',
    ';;;',
  ]
  const TEXTS = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.json({ maxDepth: 3 }),
    fc.string({ maxLength: 50 }),
    fc.constantFrom('{', '[]', 'null', '"', '{"a":', '\u0000', '%%%', 'a=1&a=2&__proto__=x'),
  )

  it.each(operationIds)(
    '%s: arbitrary text under any content type, parsed as a door parses it, never throws nor 5xx',
    async (id) => {
      const operation = getOperation(id)
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...CONTENT_TYPES), TEXTS, async (contentType, text) => {
          const parsed = parseRequestBody(contentType, text)
          const request = await requestFor(
            sim,
            operation,
            parsed.ok ? parsed.body : undefined,
            contentType,
          )
          if (!parsed.ok) request.bodyError = parsed.error
          const response = await sim.handle(request)
          expectSane(operation, request, response)
        }),
        { ...fcOptions, numRuns: Math.ceil(RUNS / 2) },
      )
    },
  )

  it('arbitrary methods and paths answer JSON, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'PROPFIND'),
        fc.oneof(
          fc.webPath(),
          fc.constantFrom(
            '/api/v1/',
            '/api/v1/ckyc',
            '/ekoapi/v3/',
            '/ekoicici/v3/user',
            '/__sim',
            '/__sim/',
            '/__sim//',
            '/__sim/scenarios/x/y',
            '/__sim/presets/../reset',
          ),
          fc.webPath().map((p) => `/api/v1${p}`),
          fc.webPath().map((p) => `/ekoapi/v3${p}`),
        ),
        fc.jsonValue({ maxDepth: 2 }),
        async (method, path, body) => {
          if (path === '/__sim/reset' || path.startsWith('/__sim/presets/')) return
          const response = await sim.handle({ method, path, query: {}, headers: {}, body })
          expect(response.status).toBeLessThan(500)
          expect(() => JSON.stringify(response.body)).not.toThrow()
        },
      ),
      fcOptions,
    )
  })

  it('admin routes take arbitrary bodies and queries without a 5xx', async () => {
    const admin = newSim('gen-admin')
    const query = fc.dictionary(
      fc.constantFrom('limit', 'ref', 'phone', 'provider'),
      fc.oneof(
        fc.string({ maxLength: 12 }),
        fc.constantFrom('0', '-1', '1e309', 'NaN', '1.5', '999999999999'),
      ),
    )
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          'clock',
          'scenarios',
          'otps',
          'journal',
          'fixtures',
          'health',
          'openapi.json',
        ),
        fc.constantFrom('GET', 'POST', 'DELETE'),
        fc.oneof(
          fc.jsonValue({ maxDepth: 3 }),
          fc.record(
            { set: fc.oneof(fc.string(), fc.double(), fc.integer()) },
            { requiredKeys: [] },
          ),
          fc.record(
            {
              advance_ms: fc.oneof(fc.double(), fc.integer(), fc.constant(Number.MAX_SAFE_INTEGER)),
              freeze: fc.jsonValue(),
            },
            { requiredKeys: [] },
          ),
          fc.record(
            {
              operation: fc.constantFrom(...operationIds, 'x'),
              outcome: fc.string(),
              match: fc.jsonValue(),
              times: fc.jsonValue(),
              latency_ms: fc.jsonValue(),
            },
            { requiredKeys: [] },
          ),
        ),
        query,
        async (route, method, body, q) => {
          const response = await admin.handle({
            method,
            path: `/__sim/${route}`,
            query: q,
            headers: { 'content-type': 'application/json' },
            body,
          })
          expect(response.status, JSON.stringify(response.body)).toBeLessThan(500)
          expect(() => JSON.stringify(response.body)).not.toThrow()
          admin.clock.set(Date.parse('2025-01-01T00:00:00Z'))
        },
      ),
      fcOptions,
    )
  })

  it('an Eko request signed for a random body and odd header values never throws', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(EKO_STEPS)),
        fc.record(
          {
            developer_key: fc.string(),
            'secret-key': fc.string(),
            'secret-key-timestamp': fc.oneof(fc.string(), fc.stringMatching(/^[0-9]{13}$/)),
            'content-type': fc.string(),
          },
          { requiredKeys: [] },
        ),
        fc.jsonValue({ maxDepth: 2 }),
        async (id, headers, body) => {
          const operation = getOperation(id)
          const request = await signedRequest(sim, operation.method, operation.paths[0]!, body)
          Object.assign(request.headers, headers)
          const response = await sim.handle(request)
          expectSane(operation, request, response)
        },
      ),
      fcOptions,
    )
  })
})
