import { findCase, getOperation, signEkoRequest } from '../../contracts/index.js'
import { referenceTidPrefix } from '../eko/eko-checks.js'
import type { Simulator } from '../create-simulator-core.js'
import { encryptAadhaarForTest } from '../eko/aadhaar-cipher.js'
import { aepsTransactionBody, aepsDailyKycBody } from '../eko/aeps-sample-bodies.js'
import { SAMPLE_PID_XML_OK } from '../eko/pid-data.js'
import type { SimRequest, SimResponse } from '../sim-types.js'

/** What applying a preset returns: the ids to use next, the request to send, and a curl line. */
export interface PresetResult {
  preset: string
  description: string
  /** The ids and values the setup produced (client ids, OTPs, refs). */
  state: Record<string, unknown>
  /** The request that now reaches the state the preset sets up, and what it will answer. */
  next: {
    operation: string
    method: string
    path: string
    body: Record<string, unknown>
    expect: string
  }
  curl: string
}

interface PresetDefinition {
  description: string
  run(driver: PresetDriver): Promise<Omit<PresetResult, 'preset' | 'description' | 'curl'>>
}

/** Preset names, as `POST /__sim/presets/:name` takes them. */
export const PRESET_NAMES = [
  'ckyc-otp-sent',
  'ckyc-otp-expired',
  'ckyc-attempts-exhausted',
  'aadhaar-otp-sent',
  'aadhaar-otp-expired',
  'eko-otp-sent',
  'eko-ekyc-ready-for-biometric',
  'eko-daily-kyc-due',
  'eko-agent-ready-to-transact',
  'eko-pending-withdrawal',
] as const
export type PresetName = (typeof PRESET_NAMES)[number]

/**
 * What a next request will answer, in words: the case, its `response_type_id` when the case's
 * example has one (what an Eko client branches on), and any detail.
 */
function expected(operationId: string, caseId: string, detail?: string): string {
  const example = findCase(operationId, caseId)?.examples[0] as
    | { response_type_id?: unknown }
    | undefined
  const type = example?.response_type_id
  return [caseId, type === undefined ? '' : `(${String(type)})`, detail ?? '']
    .filter(Boolean)
    .join(' ')
}

/** A preset asked for by a name that does not exist. */
export class UnknownPresetError extends Error {
  override readonly name = 'UnknownPresetError'
}

/**
 * Named multi-step setups QA applies in one call. Each drives the simulator through its own
 * `handle` — real auth, validation and contract checks — so the state it leaves is exactly the
 * state a client would have reached, and the result says what to send next.
 */
export function createPresets(sim: Simulator) {
  const driver = createDriver(sim)
  const definitions: Record<PresetName, PresetDefinition> = {
    'ckyc-otp-sent': {
      description: 'Surepass: the `happy` persona is searched and an OTP sent; download is next.',
      run: async (d) => {
        const s = await d.ckycOtpSent()
        return { state: s, next: d.download(s.client_id, s.otp, 'success (the full CKYC record)') }
      },
    },
    'ckyc-otp-expired': {
      description:
        'Surepass: an OTP was sent, then the clock moved past its validity; download answers otp_expired.',
      run: async (d) => {
        const s = await d.ckycOtpSent()
        return {
          state: d.pastValidity(s, sim.config.otp.surepass.ttlMs),
          next: d.download(s.client_id, s.otp, 'otp_expired'),
        }
      },
    },
    'ckyc-attempts-exhausted': {
      description:
        'Surepass: an OTP was sent and every attempt used with wrong OTPs; even the right OTP now answers otp_attempts_exceeded.',
      run: async (d) => {
        const s = await d.ckycOtpSent()
        const wrong = s.otp === '000000' ? '111111' : '000000'
        for (let i = 0; i < sim.config.otp.surepass.maxAttempts; i++)
          await d.surepass('surepass.ckycV2.download', { client_id: s.client_id, otp: wrong })
        return { state: s, next: d.download(s.client_id, s.otp, 'otp_attempts_exceeded') }
      },
    },
    'aadhaar-otp-sent': {
      description:
        "Surepass: an Aadhaar OKYC OTP was sent to the `happy` person's linked mobile; submit-otp is next.",
      run: async (d) => {
        const s = await d.aadhaarOtpSent()
        return {
          state: s,
          next: d.submitAadhaarOtp(s.client_id, s.otp, 'success (the offline e-KYC record)'),
        }
      },
    },
    'aadhaar-otp-expired': {
      description:
        'Surepass: an Aadhaar OKYC OTP was sent, then the clock moved past its validity; submit-otp answers otp_expired.',
      run: async (d) => {
        const s = await d.aadhaarOtpSent()
        return {
          state: d.pastValidity(s, sim.config.otp.aadhaar.ttlMs),
          next: d.submitAadhaarOtp(s.client_id, s.otp, 'otp_expired'),
        }
      },
    },
    'eko-otp-sent': {
      description: 'Eko: Send OTP done for the `ekyc_pending` agent; Verify OTP is next.',
      run: async (d) => {
        const s = await d.ekoOtpSent()
        return {
          state: s,
          next: d.eko(
            'eko.aepsKyc.verifyOtp',
            { ...s.base, otp: s.otp, otp_ref_id: s.otp_ref_id, reference_tid: s.reference_tid },
            expected(
              'eko.aepsKyc.verifyOtp',
              'success',
              `with a new otp_ref_id and ${referenceTidPrefix('eko.aepsKyc.verifyOtp')} reference_tid`,
            ),
          ),
        }
      },
    },
    'eko-ekyc-ready-for-biometric': {
      description:
        'Eko: Send OTP and Verify OTP done for the `ekyc_pending` agent; Biometric eKYC is next.',
      run: async (d) => {
        const s = await d.ekoOtpVerified()
        return {
          state: s,
          next: d.eko(
            'eko.aepsKyc.biometric',
            {
              ...s.base,
              piddata: SAMPLE_PID_XML_OK,
              bank_code: 'HDFC',
              otp_ref_id: s.otp_ref_id,
              reference_tid: s.reference_tid,
            },
            expected('eko.aepsKyc.biometric', 'success'),
          ),
        }
      },
    },
    'eko-daily-kyc-due': {
      description: 'Eko: the `ekyc_pending` agent finished its one-time eKYC; Daily KYC is due.',
      run: async (d) => {
        const s = await d.ekoOtpVerified()
        await d.ekoCall('eko.aepsKyc.biometric', {
          ...s.base,
          piddata: SAMPLE_PID_XML_OK,
          bank_code: 'HDFC',
          otp_ref_id: s.otp_ref_id,
          reference_tid: s.reference_tid,
        })
        return {
          state: { user_code: s.user_code },
          next: d.eko(
            'eko.aepsKyc.dailyKyc',
            { ...s.base, piddata: SAMPLE_PID_XML_OK, bank_code: 'HDFC' },
            expected('eko.aepsKyc.dailyKyc', 'success'),
          ),
        }
      },
    },
    'eko-agent-ready-to-transact': {
      description:
        'Eko: the `ekyc_done` agent did its Daily KYC for today (IST); a cash withdrawal for the `happy` customer is next.',
      run: async (d) => {
        const agent = await d.ekoDailyKycDone()
        const withdrawal = d.ekoWithdrawal(agent, 'happy', 1000)
        return {
          state: {
            user_code: agent.user_code,
            daily_kyc_at: new Date(sim.clock.now()).toISOString(),
          },
          next: d.ekoAt(withdrawal.operation, withdrawal.path, withdrawal.body, 'success (1463)'),
        }
      },
    },
    'eko-pending-withdrawal': {
      description:
        'Eko: a ₹1,000 withdrawal from the `bank_pending` customer is pending (1465); Transaction Inquiry shows tx_status 2 until it settles on the simulator clock, then 0.',
      run: async (d) => {
        const agent = await d.ekoDailyKycDone()
        const withdrawal = d.ekoWithdrawal(agent, 'bank_pending', 1000)
        const answer = await d.ekoCall(withdrawal.operation, withdrawal.body, withdrawal.path)
        const tid = (answer.data as { tid: string }).tid
        const settlesAt = sim.clock.now() + sim.config.eko.aepsPendingSettleMs
        const inquiry = `${getOperation('eko.transactions.inquiry').paths[0]?.replace('{transaction_ref}', tid)}?initiator_id=${agent.initiator_id}&user_code=${agent.user_code}`
        return {
          state: { tid, user_code: agent.user_code, settles_at: new Date(settlesAt).toISOString() },
          next: d.ekoAt(
            'eko.transactions.inquiry',
            inquiry,
            {},
            `success (1472) with tx_status "2"; after POST /__sim/clock {"advance_ms":${sim.config.eko.aepsPendingSettleMs}}, tx_status "0"`,
          ),
        }
      },
    },
  }

  return {
    list: () => PRESET_NAMES.map((name) => ({ name, description: definitions[name].description })),
    async apply(name: string, baseUrl: string): Promise<PresetResult> {
      const definition = (definitions as Record<string, PresetDefinition | undefined>)[name]
      if (!definition)
        throw new UnknownPresetError(`unknown preset "${name}"; known: ${PRESET_NAMES.join(', ')}`)
      const result = await definition.run(driver)
      return {
        preset: name,
        description: definition.description,
        ...result,
        curl: curlOf(sim, baseUrl, result.next),
      }
    },
  }
}

type PresetDriver = ReturnType<typeof createDriver>

function createDriver(sim: Simulator) {
  const fixtures = () => sim.fixtures()

  async function call(request: SimRequest, operationId: string): Promise<SimResponse> {
    const response = await sim.handle(request)
    if (response.status === 0 || typeof response.body !== 'object' || response.body === null) {
      throw new Error(`preset step ${operationId} failed: HTTP ${response.status}`)
    }
    return response
  }

  async function surepass(
    operationId: string,
    body: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    const op = getOperation(operationId)
    const headers = {
      authorization: `Bearer ${fixtures().surepass.token}`,
      'content-type': 'application/json',
    }
    const response = await call(
      { method: op.method, path: op.paths[0] ?? op.path, query: {}, headers, body },
      operationId,
    )
    return response.body as Record<string, unknown>
  }

  async function ekoCall(
    operationId: string,
    body: Record<string, unknown>,
    /** The full path, when the operation's has `{name}` parameters. */
    path?: string,
  ): Promise<Record<string, unknown>> {
    const op = getOperation(operationId)
    const headers = {
      ...(await signEkoRequest(fixtures().eko, sim.clock.now())),
      'content-type': 'application/json',
    }
    const response = await call(
      { method: op.method, path: path ?? op.paths[0] ?? op.path, query: {}, headers, body },
      operationId,
    )
    const result = response.body as Record<string, unknown>
    if (result.status !== 0)
      throw new Error(
        `preset step ${operationId} answered status ${String(result.status)}: ${String(result.message)}`,
      )
    return result
  }

  const dataOf = (body: Record<string, unknown>, step: string) => {
    const data = body.data as Record<string, string> | null
    if (!data) throw new Error(`preset step ${step} failed: ${String(body.message)}`)
    return data
  }

  return {
    surepass,
    ekoCall,
    /** Moves the clock past an OTP's validity; the state, saying by how much. */
    pastValidity<State extends object>(state: State, ttlMs: number) {
      sim.clock.advance(ttlMs)
      return { ...state, clock_advanced_ms: ttlMs }
    },
    async ckycOtpSent() {
      const happy = fixtures().surepass.ckyc.find((p) => p.label === 'happy')
      if (!happy?.mobile_number) throw new Error('the happy persona is missing')
      const search = dataOf(
        await surepass('surepass.ckyc.search', {
          document_type: happy.document_type,
          id_number: happy.id_number,
        }),
        'search',
      )
      const otp = dataOf(
        await surepass('surepass.ckycV2.generateOtp', {
          client_id: search.client_id,
          mobile_number: happy.mobile_number,
        }),
        'generate-otp',
      )
      const inbox = sim.otps({ ref: otp.client_id })[0]
      if (!inbox || otp.client_id === undefined) throw new Error('no OTP in the inbox')
      return {
        search_client_id: search.client_id as string,
        client_id: otp.client_id,
        otp: inbox.otp,
      }
    },
    download: (clientId: string, otp: string, expect: string) =>
      surepassNext('surepass.ckycV2.download', { client_id: clientId, otp }, expect),
    async aadhaarOtpSent() {
      const happy = fixtures().surepass.people.find((p) => p.label === 'happy')
      if (!happy?.aadhaar_number || !happy.mobile_number)
        throw new Error('the happy person is missing')
      const sent = dataOf(
        await surepass('surepass.aadhaarV2.generateOtp', { id_number: happy.aadhaar_number }),
        'aadhaar generate-otp',
      )
      const inbox = sim.otps({ ref: sent.client_id })[0]
      if (!inbox || sent.client_id === undefined) throw new Error('no OTP in the inbox')
      return { client_id: sent.client_id, mobile_number: happy.mobile_number, otp: inbox.otp }
    },
    submitAadhaarOtp: (clientId: string, otp: string, expect: string) =>
      surepassNext('surepass.aadhaarV2.submitOtp', { client_id: clientId, otp }, expect),
    async ekoOtpSent() {
      const { initiator_id, agents } = fixtures().eko
      const agent = agents.find((a) => a.label === 'ekyc_pending')
      if (!agent) throw new Error('the ekyc_pending agent is missing')
      const base = {
        initiator_id,
        user_code: agent.user_code,
        customer_id: agent.customer_id,
        aadhar: encryptAadhaarForTest(agent.aadhaar),
        latlong: '28.6139,77.2090',
      }
      const sent = dataOf(await ekoCall('eko.aepsKyc.sendOtp', base), 'send-otp')
      const otp = sim.otps({ ref: sent.otp_ref_id })[0]?.otp
      if (!otp || !sent.otp_ref_id || !sent.reference_tid) throw new Error('no OTP in the inbox')
      return {
        base,
        user_code: agent.user_code,
        otp_ref_id: sent.otp_ref_id,
        reference_tid: sent.reference_tid,
        otp,
      }
    },
    async ekoOtpVerified() {
      const sent = await this.ekoOtpSent()
      const verified = dataOf(
        await ekoCall('eko.aepsKyc.verifyOtp', {
          ...sent.base,
          otp: sent.otp,
          otp_ref_id: sent.otp_ref_id,
          reference_tid: sent.reference_tid,
        }),
        'verify-otp',
      )
      return {
        base: sent.base,
        user_code: sent.user_code,
        otp_ref_id: verified.otp_ref_id as string,
        reference_tid: verified.reference_tid as string,
      }
    },
    eko: (operationId: string, body: Record<string, unknown>, expect: string) =>
      ekoNext(operationId, body, expect),
    /** The next request at a full path (path parameters filled in, a GET's query added). */
    ekoAt: (operationId: string, path: string, body: Record<string, unknown>, expect: string) => ({
      ...ekoNext(operationId, body, expect),
      path,
    }),
    /** Daily KYC for today done by the `ekyc_done` agent; returns that agent. */
    async ekoDailyKycDone() {
      const { initiator_id, agents } = fixtures().eko
      const agent = agents.find((a) => a.label === 'ekyc_done')
      if (!agent) throw new Error('the ekyc_done agent is missing')
      await ekoCall('eko.aepsKyc.dailyKyc', aepsDailyKycBody(initiator_id, agent, 'HDFC'))
      return { ...agent, initiator_id }
    },
    /** A cash withdrawal by `agent` from a fixture customer: its full path and body. */
    ekoWithdrawal(
      agent: { user_code: string; latlong: string; initiator_id: string },
      customerLabel: string,
      amount: number,
    ) {
      const customer = fixtures().eko.customers.find((c) => c.label === customerLabel)
      if (!customer) throw new Error(`the ${customerLabel} customer is missing`)
      const operation = 'eko.aepsTransactions.cashWithdrawal'
      return {
        operation,
        path:
          getOperation(operation).paths[0]?.replace('{customer_id}', customer.customer_id) ?? '',
        body: aepsTransactionBody(agent, customer, { amount }),
      }
    },
  }
}

function surepassNext(operationId: string, body: Record<string, unknown>, expect: string) {
  const op = getOperation(operationId)
  return { operation: operationId, method: op.method, path: op.paths[0] ?? op.path, body, expect }
}
const ekoNext = surepassNext

/**
 * A copy-paste curl for the next request. Eko's takes a fresh signature on the simulator's clock
 * from `POST /__sim/eko/sign?format=headers` (`curl -H @-` reads the header lines), so it still
 * works after the clock was moved and needs no openssl.
 */
function curlOf(sim: Simulator, baseUrl: string, next: PresetResult['next']): string {
  const fixtures = sim.fixtures()
  const body = JSON.stringify(next.body).replace(/'/g, `'\\''`)
  if (next.operation.startsWith('surepass.')) {
    return `curl -s -X ${next.method} '${baseUrl}${next.path}' -H 'Authorization: Bearer ${fixtures.surepass.token}' -H 'Content-Type: application/json' -d '${body}'`
  }
  const token =
    sim.config.adminToken === undefined
      ? ''
      : ` -H 'x-fintwin-admin-token: ${sim.config.adminToken}'`
  return `curl -s -X POST '${baseUrl}/__sim/eko/sign?format=headers'${token} | curl -s -X ${next.method} '${baseUrl}${next.path}' -H @- -H 'Content-Type: application/json' -d '${body}'`
}
