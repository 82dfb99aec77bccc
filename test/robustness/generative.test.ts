/**
 * Generative tests driven by the contracts: every operation's request body schema is turned into
 * fast-check arbitraries (see schema-arbitrary.ts), and the simulator — which throws on any
 * contract violation here — must answer every valid request without a 5xx, every single-fault
 * invalid request with the provider's own validation error naming the field, and anything at all
 * (arbitrary JSON, arbitrary text under any content type) without throwing.
 */
import { fieldsSchemaOf } from '../support/contract-checks.js'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  exampleQuery,
  getOperation,
  operations,
  schemaAt,
  validateRequestBody,
  type Operation,
} from '../../contracts/index.js'
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
import { ekoRequest, encryptedAadhaar, handleEko, signedRequest } from '../support/eko-requests.js'
import { ekoOperationRequest, pathValuesOf } from '../support/eko-aeps.js'
import {
  SUREPASS_OPS,
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

/** Operation id → its Surepass step, from the support module's own table. */
const SUREPASS_STEPS: Record<string, SurepassStep> = Object.fromEntries(
  Object.entries(SUREPASS_OPS).map(([step, id]) => [id, step as SurepassStep]),
)

interface EkoCustomerView {
  label: string
  customer_id: string
  aadhaar: string
  bank_code: string
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
  generatedParams: Record<string, string> = {},
): Promise<SimRequest> {
  if (operation.provider === 'surepass') {
    return surepassRequest(
      SUREPASS_STEPS[operation.id]!,
      body,
      contentType === undefined ? {} : { headers: { 'content-type': contentType } },
    )
  }
  // A GET's generated fields are its query; a path parameter is the body's non-empty field of
  // that name (a withdrawal's customer_id, an activation's user_code in its form-data), else
  // generated.
  // (An empty value would leave an empty path segment: a 404 before any field check.)
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>
  const params = { ...generatedParams, ...pathValuesOf(operation, body) }
  const get = operation.method === 'GET'
  return ekoOperationRequest(sim, operation.id, {
    body: get ? undefined : (body as Record<string, unknown>),
    params,
    // A POST that also takes a query (Eko v2's `?initiator_id=`) sends its contract example.
    query: get ? (fields as Record<string, string>) : exampleQuery(operation),
    ...(contentType === undefined
      ? operation.document['x-request'].mediaType === undefined
        ? {}
        : { contentType: `${operation.document['x-request'].mediaType}; boundary=x` }
      : { contentType }),
  })
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

  const people = (
    sim.fixtures().surepass as {
      people: {
        aadhaar_number: string | null
        pan: string | null
        bank: { account_number: string; ifsc: string } | null
      }[]
    }
  ).people
  const aadhaars = people.flatMap((p) => (p.aadhaar_number ? [p.aadhaar_number] : []))
  const pans = people.flatMap((p) => (p.pan ? [p.pan] : []))
  const banks = people.flatMap((p) => (p.bank ? [p.bank] : []))
  const okyc = bodyOf(
    await sim.handle(surepassRequest('aadhaarGenerateOtp', { id_number: aadhaars[0] })),
  ).data as { client_id: string }
  const okycOtp = sim.otps({ ref: okyc.client_id })[0]!.otp
  const panHints: FieldHints = { id_number: fc.constantFrom(...pans, 'EKRPR1234', 'ZZZPZ9999Z') }

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
  // A customer's transaction, once the `ekyc_done` agent did its Daily KYC: real customers,
  // banks and a real tid for the generated requests to reach.
  const done = agents.find((a) => a.label === 'ekyc_done')!
  const customers = (sim.fixtures().eko as { customers: EkoCustomerView[] }).customers
  const daily = await sim.handle(
    await ekoRequest(sim, 'dailyKyc', {
      initiator_id: EKO_UAT_CREDENTIALS.initiator_id,
      user_code: done.user_code,
      customer_id: done.customer_id,
      aadhar: encryptedAadhaar(done.aadhaar),
      latlong: done.latlong,
      piddata: SAMPLE_PID_XML_OK,
      bank_code: 'HDFC',
    }),
  )
  expect(bodyOf(daily).status).toBe(0)
  const happy = customers.find((c) => c.label === 'happy')!
  const ref = 'gen-seed-0000001'
  const withdrawal = await sim.handle(
    await ekoOperationRequest(sim, 'eko.aepsTransactions.cashWithdrawal', {
      params: { customer_id: happy.customer_id },
      body: {
        initiator_id: EKO_UAT_CREDENTIALS.initiator_id,
        user_code: done.user_code,
        customer_id: happy.customer_id,
        bank_code: happy.bank_code,
        aadhar: encryptedAadhaar(happy.aadhaar),
        latlong: done.latlong,
        piddata: SAMPLE_PID_XML_OK,
        amount: 100,
        client_ref_id: ref,
      },
    }),
  )
  const tid = (bodyOf(withdrawal).data as { tid: string }).tid
  const aepsCommon: FieldHints = {
    ...ekoCommon,
    user_code: fc.constantFrom(done.user_code, ...agents.map((a) => a.user_code)),
    customer_id: fc.constantFrom(...customers.map((c) => c.customer_id)),
    aadhar: fc.constantFrom(...customers.slice(0, 4).map((c) => encryptedAadhaar(c.aadhaar))),
    aadhaar: fc.constantFrom(...customers.slice(0, 4).map((c) => encryptedAadhaar(c.aadhaar))),
    bank_code: fc.constantFrom(...new Set(customers.map((c) => c.bank_code)), 'ZZZZ'),
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
    'surepass.aadhaarV2.generateOtp': { id_number: fc.constantFrom(...aadhaars) },
    'surepass.aadhaarV2.submitOtp': {
      client_id: fc.constant(okyc.client_id),
      otp: fc.constantFrom(okycOtp, '000000'),
    },
    'surepass.pan.lite': panHints,
    'surepass.pan.comprehensive': panHints,
    'surepass.pan.withDetailsV2': panHints,
    'surepass.bank.verification': {
      id_number: fc.constantFrom(...banks.map((b) => b.account_number)),
      ifsc: fc.constantFrom(...banks.map((b) => b.ifsc)),
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
    'eko.userServices.list': ekoCommon,
    'eko.userServices.listV1': ekoCommon,
    'eko.userServices.activateV1': ekoCommon,
    'eko.pan.verifyV1': {
      ...ekoCommon,
      pan_number: fc.constantFrom(...agents.map((a) => a.pan_number)),
    },
    'eko.aepsFingpay.activate': {},
    'eko.aepsTransactions.cashWithdrawal': {
      ...aepsCommon,
      amount: fc.constantFrom(500, 1000, '2050', 30_000_000, 1025),
    },
    'eko.aepsTransactions.balanceEnquiry': aepsCommon,
    'eko.aepsTransactions.miniStatement': aepsCommon,
    'eko.transactions.inquiry': {
      ...ekoCommon,
      transaction_ref: fc.constantFrom(tid, `client_ref_id:${ref}`),
    },
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

/** A reference already used by another kind of AePS transaction is refused naming it too. */
const AEPS_CHECKED = ['aadhar', 'aadhaar', 'piddata', 'customer_id', 'client_ref_id']

/**
 * Fields behaviour checks beyond the contract's schema, so a schema-valid request may still be
 * answered `invalid_params` naming them: an `aadhar` that does not decrypt to the agent's own, a
 * `piddata` that is not PID XML, a path `customer_id` / `user_code` that is not the body's, and
 * an activation's `form-data` JSON (text the schema can only shape-check), field by field.
 */
const BEHAVIOUR_CHECKED: Readonly<Record<string, readonly string[]>> = {
  'eko.aepsFingpay.activate': [
    'form-data',
    'user_code',
    'aadhar',
    ...Object.keys(
      (
        schemaAt(`${getOperation('eko.aepsFingpay.activate').document.$id}#/$defs/fields`) as {
          properties: object
        }
      ).properties,
    ),
  ],
  'eko.aepsTransactions.cashWithdrawal': AEPS_CHECKED,
  'eko.aepsTransactions.balanceEnquiry': AEPS_CHECKED,
  'eko.aepsTransactions.miniStatement': AEPS_CHECKED,
}

/** Valid path parameters of an operation (none for a static path). */
function paramsArbitrary(
  operation: Operation,
  hints: FieldHints = {},
): fc.Arbitrary<Record<string, string>> {
  if (operation.paramsSchemaId === undefined) return fc.constant({})
  return validBodyArbitrary(operation.paramsSchemaId, hints) as fc.Arbitrary<Record<string, string>>
}

describe('contract-driven generation: valid requests', () => {
  let sim: Simulator
  let hints: Record<string, FieldHints>
  beforeAll(async () => {
    sim = newSim('gen-valid')
    hints = await seedHints(sim)
  })

  it('covers every operation of the contracts (Eko ones by their contract paths)', () => {
    expect(operationIds.filter((id) => id.startsWith('surepass.')).sort()).toEqual(
      Object.keys(SUREPASS_STEPS).sort(),
    )
    expect(
      operationIds.filter((id) => !id.startsWith('surepass.')).every((id) => id.startsWith('eko.')),
    ).toBe(true)
  })

  it.each(operationIds)(
    '%s: random valid authenticated requests never give a 5xx nor a contract violation',
    async (id) => {
      const operation = getOperation(id)
      const cases = new Map<string, number>()
      const ckyc = id === 'surepass.ckyc.search' ? ckycFixture(sim, 'happy') : undefined
      let arb = validBodyArbitrary(fieldsSchemaOf(operation), hints[id])
      if (ckyc)
        arb = fc.oneof(
          arb,
          fc.constant({ document_type: ckyc.document_type, id_number: ckyc.id_number }),
        )
      await fc.assert(
        fc.asyncProperty(arb, paramsArbitrary(operation, hints[id]), async (body, params) => {
          const request = await requestFor(sim, operation, body, undefined, params)
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
              expect(
                BEHAVIOUR_CHECKED[id] ?? [
                  'aadhar',
                  'aadhaar',
                  'piddata',
                  'operator_id',
                  'utility_acc_no',
                ],
              ).toContain(field)
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

/** The case of an Eko operation that answers an unknown field outside the envelope. */
const NO_KEY = 'no_key_for_response'

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
          validBodyArbitrary(fieldsSchemaOf(operation), hints[id]),
          mutationsOf(fieldsSchemaOf(operation)),
          paramsArbitrary(operation, hints[id]),
          async (body, mutation, params) => {
            const mutated = mutation.apply(body)
            // A "wrong type" the field also takes (an integer amount) is no fault at all.
            fc.pre(operation.method === 'GET' || validateRequestBody(id, mutated).length > 0)
            kinds.add(mutation.kind)
            const request = await requestFor(sim, operation, mutated, undefined, params)
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
              expect(bodyOf(response).message).toEqual(
                mutation.kind === 'drop_required'
                  ? `Invalid input: ${mutation.field} is required.`
                  : mutation.kind === 'unknown_field'
                    ? `Invalid input: ${mutation.field} is not a recognised parameter.`
                    : expect.toBeOneOf(fieldSentences(operation.bodySchemaId, mutation.field)),
              )
            } else if (mutation.kind === 'unknown_field' && operation.cases.has(NO_KEY)) {
              // Daily KYC answers an unknown field with Eko's bare "No key for Response".
              expect(response.status).toBe(200)
              expect(response.body).toEqual(operation.cases.get(NO_KEY)?.examples[0])
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
        fc.constantFrom(...operationIds.filter((id) => id.startsWith('eko.'))),
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

/**
 * Every sentence the contract words for a refused `field` (its `x-invalid-message`, on the
 * property and on each conditional branch over it): a Surepass refusal must be one of them.
 */
function fieldSentences(bodySchemaId: string, field: string): string[] {
  const body = schemaAt(bodySchemaId) as {
    properties?: Record<string, unknown>
    allOf?: { then?: { properties?: Record<string, unknown> } }[]
  }
  return [body.properties?.[field], ...(body.allOf ?? []).map((b) => b.then?.properties?.[field])]
    .map(
      (s) =>
        (s as { 'x-invalid-message'?: { message: string } } | undefined)?.['x-invalid-message'],
    )
    .flatMap((m) => (m === undefined ? [] : [m.message]))
}
