import { getOperation } from '../../contracts/index.js'
import type { Simulator } from '../create-simulator-core.js'
import { encryptAadhaarForTest } from '../eko/aadhaar-cipher.js'
import { SAMPLE_PID_XML_OK } from '../eko/pid-data.js'
import { computeSecretKey } from '../eko/secret-key.js'
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
  'eko-otp-sent',
  'eko-ekyc-ready-for-biometric',
  'eko-daily-kyc-due',
] as const
export type PresetName = (typeof PRESET_NAMES)[number]

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
        sim.clock.advance(sim.config.otp.surepass.ttlMs)
        return {
          state: { ...s, clock_advanced_ms: sim.config.otp.surepass.ttlMs },
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
    'eko-otp-sent': {
      description: 'Eko: Send OTP done for the `ekyc_pending` agent; Verify OTP is next.',
      run: async (d) => {
        const s = await d.ekoOtpSent()
        return {
          state: s,
          next: d.eko(
            'eko.aepsKyc.verifyOtp',
            { ...s.base, otp: s.otp, otp_ref_id: s.otp_ref_id, reference_tid: s.reference_tid },
            'success (1604) with a new otp_ref_id and BEKYF reference_tid',
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
            'success (1605)',
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
            'success (1713)',
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
  ): Promise<Record<string, unknown>> {
    const op = getOperation(operationId)
    const { developer_key, access_key } = fixtures().eko
    const ts = String(sim.clock.now())
    const headers = {
      developer_key,
      'secret-key': await computeSecretKey(access_key, ts),
      'secret-key-timestamp': ts,
      'content-type': 'application/json',
    }
    const response = await call(
      { method: op.method, path: op.paths[0] ?? op.path, query: {}, headers, body },
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
  }
}

function surepassNext(operationId: string, body: Record<string, unknown>, expect: string) {
  const op = getOperation(operationId)
  return { operation: operationId, method: op.method, path: op.paths[0] ?? op.path, body, expect }
}
const ekoNext = surepassNext

/** A copy-paste curl for the next request; Eko's needs a fresh signature, computed in the shell. */
function curlOf(sim: Simulator, baseUrl: string, next: PresetResult['next']): string {
  const fixtures = sim.fixtures()
  const body = JSON.stringify(next.body).replace(/'/g, `'\\''`)
  if (next.operation.startsWith('surepass.')) {
    return `curl -s -X ${next.method} '${baseUrl}${next.path}' -H 'Authorization: Bearer ${fixtures.surepass.token}' -H 'Content-Type: application/json' -d '${body}'`
  }
  const { developer_key, access_key } = fixtures.eko
  return [
    // Signed with the simulator's clock, so the line still works after the clock was moved.
    `ts=$(curl -s '${baseUrl}/__sim/clock' | sed -E 's/.*"now_ms":([0-9]+).*/\\1/'); key=$(printf %s '${access_key}' | base64 -w0); sig=$(printf %s "$ts" | openssl dgst -sha256 -hmac "$key" -binary | base64);`,
    `curl -s -X ${next.method} '${baseUrl}${next.path}' -H 'developer_key: ${developer_key}' -H "secret-key: $sig" -H "secret-key-timestamp: $ts" -H 'Content-Type: application/json' -d '${body}'`,
  ].join(' ')
}
