/**
 * The SDK behaviour suite, written once and run against three targets: the in-process msw door
 * (`sdk-msw.test.ts`), the HTTP server door (`sdk-http.test.ts`) and the live sandboxes
 * (`sdk.live.ts`, `npm run test:live`). Every assertion is about what a caller of the SDK sees:
 * typed envelopes and typed errors with the provider's codes. What a target cannot do (read an
 * OTP off a real phone, move a real clock) is skipped there, by capability, never faked.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  EkoAuthError,
  EkoError,
  NetworkError,
  SurepassError,
  TimeoutError,
  isEkoAuthError,
  isEkoError,
  type EkoClient,
  type EkoClientOptions,
  type SurepassClient,
  type SurepassClientOptions,
} from '../../sdk/index.js'
import { SAMPLE_PID_XML_OK } from '../../simulator/eko/pid-data.js'
import { activationFields } from '../support/eko-aeps.js'
import { SAMPLE_BILL } from '../support/eko-bill-samples.js'
import {
  agent,
  person,
  persona,
  type CkycPersona,
  type EkoAgentFixture,
  type SimFixtures,
} from '../support/sim-fixtures.js'

export type CkycLabel = 'happy' | 'no_mobile' | 'mobile_unregistered' | 'not_found'
export type AgentLabel = 'ekyc_pending' | 'not_activated' | 'ekyc_done'

/** What a target can do; each missing capability skips the tests that need it. */
export interface SdkTargetCapabilities {
  /** Read the OTP a provider "sent" (the simulator's inbox). */
  readOtp: boolean
  /** Move the provider's clock. */
  advanceClock: boolean
  /** Force a transport fault (`timeout`, `drop`) on the next call. */
  forceFaults: boolean
  /** The server names the failed Eko auth check (fintwin's `x-fintwin-auth-error`). */
  authReason: boolean
  /** The provider accepts the sample PID XML as a fingerprint capture. */
  samplePidData: boolean
  /** The simulator's seeded bills and bank accounts (`eko.bbps`, `eko.bank_accounts`) exist. */
  billsAndAccounts: boolean
  /** Surepass exercised at all (live: needs SUREPASS_TOKEN). */
  surepass: boolean
  /** Eko exercised at all (live: needs the EKO_* keys). */
  eko: boolean
  /** The target knows fintwin's persona graph (Aadhaar OKYC, PAN and bank people). */
  people: boolean
  /** Which personas / agents the target has. */
  ckyc: ReadonlySet<CkycLabel>
  agents: ReadonlySet<AgentLabel>
}

/** One place the SDK can be pointed at. Called by {@link defineSdkSuite}; all async for HTTP. */
export interface SdkTarget {
  readonly name: string
  readonly can: SdkTargetCapabilities
  setup(): Promise<void>
  teardown(): Promise<void>
  /** Back to the seeded start before each test (no-op live). */
  reset(): Promise<void>
  /** Personas and credentials (after `setup`). */
  fixtures(): SimFixtures
  /** A Surepass client on the target, `validateResponses` on; overrides for the error cases. */
  surepass(overrides?: Partial<SurepassClientOptions>): SurepassClient
  /** An Eko client on the target, `validateResponses` on, clock following the target's. */
  eko(overrides?: Partial<EkoClientOptions>): EkoClient
  /** The newest OTP issued for a provider reference (Surepass `client_id`, Eko `otp_ref_id`). */
  readOtp(ref: string): Promise<string>
  advanceClock(ms: number): Promise<void>
  /** Makes the next call of `operation` meet `fault`. */
  forceFault(operation: string, fault: 'timeout' | 'drop'): Promise<void>
}

const LATLONG = '28.6139,77.2090'
const BANK_CODE = 'HDFC'
/** CERSAI's 10-minute OTP validity (Surepass's CKYC Download doc page, share.apidog.com/apidoc/docs-site/750756/ckyc-download-18110308e0), plus a margin. */
const SUREPASS_OTP_TTL_MS = 10 * 60_000

/** An OTP that is surely wrong: the real one with its first digit changed. */
function otherOtp(otp: string): string {
  return `${(Number(otp[0]) + 1) % 10}${otp.slice(1)}`
}

/** Awaits a promise that must reject and returns the rejection. */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected the call to fail, but it resolved')
}

/** The error, checked to be a SurepassError with this code and HTTP status. */
async function expectSurepassError(
  promise: Promise<unknown>,
  status: number,
  messageCode: string,
): Promise<SurepassError> {
  const error = await rejectionOf(promise)
  expect(error, String(error)).toBeInstanceOf(SurepassError)
  const e = error as SurepassError
  expect({ status: e.status, messageCode: e.messageCode }).toEqual({ status, messageCode })
  expect(e.message).toMatch(
    new RegExp(`^POST https?://\\S+/api/v1/\\S+ → ${status} ${messageCode}`),
  )
  return e
}

/** The error, checked to be an EkoError with this Eko status / response_type_id. */
async function expectEkoError(
  promise: Promise<unknown>,
  status: number,
  responseTypeId: number,
): Promise<EkoError> {
  const error = await rejectionOf(promise)
  expect(error, String(error)).toBeInstanceOf(EkoError)
  const e = error as EkoError
  expect({
    status: e.status,
    responseTypeId: e.responseTypeId,
    responseStatusId: e.responseStatusId,
  }).toEqual({ status, responseTypeId, responseStatusId: 1 })
  expect(e.message).toMatch(
    new RegExp(
      `^(POST|PUT) https?://\\S+ → status ${status} \\(response_type_id ${responseTypeId}\\)`,
    ),
  )
  return e
}

/** Registers the whole SDK behaviour suite for one target. */
export function defineSdkSuite(target: SdkTarget): void {
  const can = target.can
  const search = (p: CkycPersona) => ({
    id_number: p.id_number,
    document_type: p.document_type as 'PAN',
  })
  const ekycFields = (a: EkoAgentFixture) => ({
    user_code: a.user_code,
    customer_id: a.customer_id,
    aadhaar: a.aadhaar,
    latlong: a.latlong ?? LATLONG,
  })

  describe(`SDK × ${target.name}`, () => {
    beforeAll(() => target.setup(), 30_000)
    afterAll(() => target.teardown(), 30_000)
    beforeEach(() => target.reset())

    describe.skipIf(!can.surepass)('Surepass CKYC', () => {
      const sp = () => target.surepass()
      const happy = () => persona(target.fixtures(), 'happy')

      /** search → generate-otp for the happy persona; returns the download client_id. */
      async function happyOtpSession(): Promise<string> {
        const found = await sp().ckyc.search(search(happy()))
        const sent = await sp().ckyc.generateOtp({
          client_id: found.data.client_id,
          mobile_number: happy().mobile_number!,
        })
        return sent.data.client_id
      }

      it.skipIf(!can.ckyc.has('happy') || !can.readOtp)(
        'search → generate OTP → OTP from the inbox → download',
        async () => {
          const client = sp()
          const found = await client.ckyc.search(search(happy()))
          expect(found).toMatchObject({ success: true, status_code: 200, message_code: 'success' })
          expect(found.data.client_id).toMatch(/^ckyc_[A-Za-z]+$/)
          expect(found.data.id_number).toBe(happy().id_number)

          const sent = await client.ckyc.generateOtp({
            client_id: found.data.client_id,
            mobile_number: happy().mobile_number!,
          })
          expect(sent.data).toEqual({
            client_id: expect.stringMatching(/^ckyc_download_[A-Za-z]+$/),
            otp_sent: true,
          })

          const otp = await target.readOtp(sent.data.client_id)
          const record = await client.ckyc.download({ client_id: sent.data.client_id, otp })
          expect(record).toMatchObject({ success: true, status_code: 200, message_code: 'success' })
          expect(record.data.client_id).toBe(sent.data.client_id)
          expect(record.data.ckyc_search_client_id).toBe(found.data.client_id)
          expect(
            record.data.ckyc_download_data.personal_identifiable_data.personal_details,
          ).toBeTypeOf('object')
        },
      )

      it.skipIf(!can.ckyc.has('happy'))(
        'generate OTP with another number → mobile_number_not_matched',
        async () => {
          const found = await sp().ckyc.search(search(happy()))
          const other = happy().mobile_number === '9000000001' ? '9000000002' : '9000000001'
          const e = await expectSurepassError(
            sp().ckyc.generateOtp({ client_id: found.data.client_id, mobile_number: other }),
            422,
            'mobile_number_not_matched',
          )
          expect(e.message).toMatch(
            / → 422 mobile_number_not_matched: Mobile Number not matched with CKYC\.$/,
          )
          expect(e.body).toMatchObject({ success: false, data: null, status_code: 422 })
        },
      )

      it.skipIf(!can.ckyc.has('no_mobile'))(
        'a record without a mobile → mobile_does_not_exist_ckyc',
        async () => {
          const p = persona(target.fixtures(), 'no_mobile')
          const found = await sp().ckyc.search(search(p))
          await expectSurepassError(
            sp().ckyc.generateOtp({
              client_id: found.data.client_id,
              mobile_number: p.mobile_number ?? '9876543210',
            }),
            422,
            'mobile_does_not_exist_ckyc',
          )
        },
      )

      it.skipIf(!can.ckyc.has('mobile_unregistered'))(
        'a mobile not registered for OTP → mobile_not_registered',
        async () => {
          const p = persona(target.fixtures(), 'mobile_unregistered')
          const found = await sp().ckyc.search(search(p))
          await expectSurepassError(
            sp().ckyc.generateOtp({
              client_id: found.data.client_id,
              mobile_number: p.mobile_number!,
            }),
            422,
            'mobile_not_registered',
          )
        },
      )

      it.skipIf(!can.ckyc.has('not_found'))(
        'a search that finds nothing → verification_failed',
        async () => {
          await expectSurepassError(
            sp().ckyc.search(search(persona(target.fixtures(), 'not_found'))),
            422,
            'verification_failed',
          )
        },
      )

      it.skipIf(!can.ckyc.has('happy') || !can.readOtp)(
        'a wrong OTP → invalid_otp, and the right one still works',
        async () => {
          const downloadId = await happyOtpSession()
          const otp = await target.readOtp(downloadId)
          await expectSurepassError(
            sp().ckyc.download({ client_id: downloadId, otp: otherOtp(otp) }),
            422,
            'invalid_otp',
          )
          await expect(sp().ckyc.download({ client_id: downloadId, otp })).resolves.toMatchObject({
            success: true,
          })
        },
      )

      it.skipIf(!can.ckyc.has('happy') || !can.readOtp)(
        '3 wrong OTPs → otp_attempts_exceeded, even for the right OTP',
        async () => {
          const downloadId = await happyOtpSession()
          const otp = await target.readOtp(downloadId)
          for (let i = 0; i < 3; i++)
            await expectSurepassError(
              sp().ckyc.download({ client_id: downloadId, otp: otherOtp(otp) }),
              422,
              'invalid_otp',
            )
          await expectSurepassError(
            sp().ckyc.download({ client_id: downloadId, otp }),
            422,
            'otp_attempts_exceeded',
          )
        },
      )

      it.skipIf(!can.ckyc.has('happy') || !can.readOtp || !can.advanceClock)(
        'an OTP used after its 10 minutes → otp_expired',
        async () => {
          const downloadId = await happyOtpSession()
          const otp = await target.readOtp(downloadId)
          await target.advanceClock(SUREPASS_OTP_TTL_MS + 1_000)
          await expectSurepassError(
            sp().ckyc.download({ client_id: downloadId, otp }),
            422,
            'otp_expired',
          )
        },
      )

      it.skipIf(!can.ckyc.has('happy'))('an expired token → 401 unauthorized', async () => {
        const client = target.surepass({ token: target.fixtures().surepass.expired_token })
        const e = await expectSurepassError(
          client.ckyc.search(search(happy())),
          401,
          'unauthorized',
        )
        expect(e.message).not.toContain(target.fixtures().surepass.expired_token)
      })

      it.skipIf(!can.forceFaults)(
        'a provider that never answers → TimeoutError; a dropped connection → NetworkError',
        async () => {
          await target.forceFault('surepass.ckyc.search', 'timeout')
          const timedOut = await rejectionOf(
            target.surepass({ timeoutMs: 300 }).ckyc.search(search(happy())),
          )
          expect(timedOut, String(timedOut)).toBeInstanceOf(TimeoutError)
          expect((timedOut as Error).message).toMatch(
            /^POST \S+\/api\/v1\/ckyc\/search timed out after 300 ms$/,
          )

          await target.forceFault('surepass.ckyc.search', 'drop')
          const dropped = await rejectionOf(sp().ckyc.search(search(happy())))
          expect(dropped, String(dropped)).toBeInstanceOf(NetworkError)
        },
      )
    })

    describe.skipIf(!can.surepass || !can.people)('Surepass Aadhaar OKYC, PAN and bank', () => {
      const sp = () => target.surepass()
      const happy = () => person(target.fixtures(), 'happy')

      it.skipIf(!can.readOtp)(
        'Aadhaar OKYC: generate OTP → OTP from the inbox → submit OTP → the record',
        async () => {
          const client = sp()
          const sent = await client.aadhaar.generateOtp({ id_number: happy().aadhaar_number! })
          expect(sent).toMatchObject({ status_code: 200, message: 'OTP Sent.' })
          expect(sent.data).toMatchObject({ otp_sent: true, if_number: true, valid_aadhaar: true })
          const otp = await target.readOtp(sent.data.client_id)
          const record = await client.aadhaar.submitOtp({ client_id: sent.data.client_id, otp })
          expect(record).toMatchObject({ success: true, message_code: 'success', message: null })
          expect(record.data).toMatchObject({
            client_id: sent.data.client_id,
            full_name: happy().full_name,
            dob: happy().dob,
            aadhaar_number: happy().masked_aadhaar,
          })
          expect(record.data.mobile_hash).toMatch(/^[0-9a-f]{64}$/)
        },
      )

      it('an Aadhaar failing the Verhoeff check → 422 with the partial data', async () => {
        const invalid = person(target.fixtures(), 'invalid_aadhaar')
        const e = await expectSurepassError(
          sp().aadhaar.generateOtp({ id_number: invalid.aadhaar_number! }),
          422,
          'verification_failed',
        )
        expect(e.body.data).toMatchObject({ valid_aadhaar: false, status: 'invalid_aadhaar' })
      })

      it.skipIf(!can.readOtp)('a wrong Aadhaar OTP → invalid_otp', async () => {
        const sent = await sp().aadhaar.generateOtp({ id_number: happy().aadhaar_number! })
        const otp = await target.readOtp(sent.data.client_id)
        await expectSurepassError(
          sp().aadhaar.submitOtp({ client_id: sent.data.client_id, otp: otherOtp(otp) }),
          422,
          'invalid_otp',
        )
      })

      it('the three PAN answers name the same person', async () => {
        const pan = happy().pan!
        const lite = await sp().pan.lite({ id_number: pan })
        expect(lite).not.toHaveProperty('message_code')
        const full = await sp().pan.comprehensive({ id_number: pan, get_address: true })
        const details = await sp().pan.withDetailsV2({ id_number: pan })
        expect([lite.data.full_name, full.data.full_name, details.data.full_name]).toEqual([
          happy().full_name,
          happy().full_name,
          happy().full_name,
        ])
        expect(full.data.masked_aadhaar).toBe(happy().masked_aadhaar)
        expect(details.data.status).toBe('valid')
      })

      it('an unknown PAN → 422 Invalid PAN, with no message_code on PAN lite', async () => {
        const pan = person(target.fixtures(), 'invalid_pan').pan!
        const error = await rejectionOf(sp().pan.lite({ id_number: pan }))
        expect(error).toBeInstanceOf(SurepassError)
        expect(error).toMatchObject({
          status: 422,
          messageCode: null,
          providerMessage: 'Invalid PAN',
        })
      })

      it('bank verify: the holder name on success, data.status on a failure', async () => {
        const bank = happy().bank!
        const ok = await sp().bank.verify({ id_number: bank.account_number, ifsc: bank.ifsc })
        expect(ok.data).toMatchObject({ status: 'success', full_name: happy().full_name })
        const closed = person(target.fixtures(), 'bank_account_closed').bank!
        const e = await expectSurepassError(
          sp().bank.verify({ id_number: closed.account_number, ifsc: closed.ifsc }),
          422,
          'verification_failed',
        )
        expect(e.body.data).toMatchObject({ status: 'account_closed', account_exists: false })
      })
    })

    describe.skipIf(!can.eko)('Eko AePS Fingpay eKYC', () => {
      const ek = () => target.eko()
      const pending = () => agent(target.fixtures(), 'ekyc_pending')

      it.skipIf(!can.agents.has('ekyc_pending') || !can.readOtp || !can.samplePidData)(
        'send OTP → verify OTP → biometric → daily KYC',
        async () => {
          const client = ek()
          const a = ekycFields(pending())
          const sent = await client.aepsKyc.sendOtp(a)
          expect(sent).toMatchObject({
            status: 0,
            response_status_id: 0,
            response_type_id: 1600,
            message: 'OTP request has been sent',
          })
          expect(sent.data.reference_tid).toMatch(/^EKYKF/)

          const otp = await target.readOtp(sent.data.otp_ref_id)
          const verified = await client.aepsKyc.verifyOtp({
            ...a,
            otp,
            otp_ref_id: sent.data.otp_ref_id,
            reference_tid: sent.data.reference_tid,
          })
          expect(verified).toMatchObject({
            status: 0,
            response_type_id: 1604,
            message: 'Validation successful',
          })
          expect(verified.data.otp_ref_id).not.toBe(sent.data.otp_ref_id)
          expect(verified.data.reference_tid).toMatch(/^BEKYF/)

          const ekyc = await client.aepsKyc.biometric({
            ...a,
            piddata: SAMPLE_PID_XML_OK,
            bank_code: BANK_CODE,
            otp_ref_id: verified.data.otp_ref_id,
            reference_tid: verified.data.reference_tid,
          })
          expect(ekyc).toMatchObject({
            status: 0,
            response_type_id: 1605,
            message: 'Congratulations! eKYC successful',
            data: { user_code: a.user_code },
          })

          const daily = await client.aepsKyc.dailyKyc({
            ...a,
            piddata: SAMPLE_PID_XML_OK,
            bank_code: BANK_CODE,
          })
          expect(daily).toMatchObject({
            status: 0,
            response_type_id: 1713,
            message: 'KYC sucess',
            data: { user_code: a.user_code },
          })
        },
      )

      it.skipIf(!can.agents.has('ekyc_done') || !can.samplePidData)(
        'an agent with eKYC done → daily KYC straight away',
        async () => {
          const done = agent(target.fixtures(), 'ekyc_done')
          await expect(
            ek().aepsKyc.dailyKyc({
              ...ekycFields(done),
              piddata: SAMPLE_PID_XML_OK,
              bank_code: BANK_CODE,
            }),
          ).resolves.toMatchObject({ status: 0, response_type_id: 1713 })
        },
      )

      it.skipIf(!can.agents.has('ekyc_pending'))(
        'a wrong access key → 403 EkoAuthError',
        async () => {
          const wrongKey = `${target.fixtures().eko.access_key}-wrong`
          const error = await rejectionOf(
            target.eko({ accessKey: wrongKey }).aepsKyc.sendOtp(ekycFields(pending())),
          )
          expect(error, String(error)).toBeInstanceOf(EkoAuthError)
          expect(isEkoAuthError(error)).toBe(true)
          const e = error as EkoAuthError
          expect(e.status).toBe(403)
          if (can.authReason) {
            // fintwin answers as Eko's gateway (3scale APIcast) does by default: plain text.
            expect(e.reason).toBe('signature_mismatch')
            expect(e.text).toBe('Authentication failed')
            expect(e.message).toContain('→ 403 Authentication failed (signature_mismatch)')
          }
          expect(e.message).toMatch(
            /^POST https?:\/\/\S+\/user\/collection\/aeps-fingpay\/kyc\/otp → 403 /,
          )
          expect(e.message).not.toContain(wrongKey)
          expect(e.message).not.toContain(pending().aadhaar)
        },
      )

      it.skipIf(!can.agents.has('not_activated'))(
        'an agent without AePS activated → 346',
        async () => {
          const e = await expectEkoError(
            ek().aepsKyc.sendOtp(ekycFields(agent(target.fixtures(), 'not_activated'))),
            346,
            346,
          )
          expect(e.body.message).toBe('Agent not allowed to this transaction')
        },
      )

      it.skipIf(!can.agents.has('ekyc_pending'))('a wrong OTP → 461 with the reason', async () => {
        const a = ekycFields(pending())
        const sent = await ek().aepsKyc.sendOtp(a)
        const wrong = can.readOtp ? otherOtp(await target.readOtp(sent.data.otp_ref_id)) : '000000'
        const e = await expectEkoError(
          ek().aepsKyc.verifyOtp({
            ...a,
            otp: wrong,
            otp_ref_id: sent.data.otp_ref_id,
            reference_tid: sent.data.reference_tid,
          }),
          461,
          461,
        )
        expect(e.reason).toBe(
          'The details entered are incorrect or the OTP has expired. Kindly request a new OTP.',
        )
      })

      it.skipIf(!can.agents.has('ekyc_pending'))(
        'daily KYC before the one-time eKYC → 1714',
        async () => {
          const e = await expectEkoError(
            ek().aepsKyc.dailyKyc({
              ...ekycFields(pending()),
              piddata: SAMPLE_PID_XML_OK,
              bank_code: BANK_CODE,
            }),
            1714,
            1714,
          )
          expect(e.reason).toBe('Please complete bank eKYC to process the transaction.')
        },
      )

      it.skipIf(!can.agents.has('ekyc_pending'))(
        'a malformed field → invalid_params (97)',
        async () => {
          const error = await rejectionOf(
            ek().aepsKyc.sendOtp({ ...ekycFields(pending()), latlong: 'north-east' }),
          )
          expect(isEkoError(error), String(error)).toBe(true)
          const e = error as EkoError
          expect({ status: e.status, responseTypeId: e.responseTypeId }).toEqual({
            status: 97,
            responseTypeId: -1,
          })
          expect(Object.keys(e.invalidParams ?? {})).toContain('latlong')
          expect(e.message).toContain('[invalid_params: latlong]')
        },
      )

      it.skipIf(!can.agents.has('ekyc_pending') || !can.forceFaults)(
        'a provider that never answers → TimeoutError',
        async () => {
          await target.forceFault('eko.aepsKyc.sendOtp', 'timeout')
          const e = await rejectionOf(
            target.eko({ timeoutMs: 300 }).aepsKyc.sendOtp(ekycFields(pending())),
          )
          expect(e, String(e)).toBeInstanceOf(TimeoutError)
        },
      )
    })

    describe.skipIf(!can.eko || !can.samplePidData || !can.advanceClock)(
      'Eko agent services and AePS money',
      () => {
        const ek = () => target.eko()
        const customer = (label: string) => {
          const found = target.fixtures().eko.customers?.find((c) => c.label === label)
          if (!found) throw new Error(`no Eko customer ${label}`)
          return found
        }
        /** A transaction by the `ekyc_done` agent for a fixture customer (its Aadhaar in clear). */
        const transaction = (label: string) => {
          const done = agent(target.fixtures(), 'ekyc_done')
          const c = customer(label)
          return {
            user_code: done.user_code,
            customer_id: c.customer_id,
            aadhaar: c.aadhaar,
            bank_code: c.bank_code,
            latlong: LATLONG,
            piddata: SAMPLE_PID_XML_OK,
          }
        }
        const dailyKyc = () =>
          ek().aepsKyc.dailyKyc({
            ...ekycFields(agent(target.fixtures(), 'ekyc_done')),
            piddata: SAMPLE_PID_XML_OK,
            bank_code: BANK_CODE,
          })

        it('service lists (v3 and v1), PAN activation (v1) and PAN verification (v1)', async () => {
          const client = ek()
          const done = agent(target.fixtures(), 'ekyc_done')
          const list = await client.services.list(done.user_code)
          expect(list.response_type_id).toBe(1299)
          expect(list.data.service_status_list.map((s) => s.service_code)).toEqual(['4', '43'])
          const v1 = await client.services.listV1(done.user_code)
          expect(v1.data.service_status_list).toEqual(list.data.service_status_list)
          const pending = agent(target.fixtures(), 'ekyc_pending')
          const refused = await rejectionOf(
            client.pan.verifyV1({ pan_number: 'CKMPK7314F', purpose: '1', purpose_desc: 'kyc' }),
          )
          expect((refused as EkoError).status).toBe(346)
          const activated = await client.services.activateV1({
            service_code: '4',
            user_code: pending.user_code,
            latlong: LATLONG,
          })
          expect(activated.data.service_status_desc).toBe('ACTIVATED')
          await expect(
            client.pan.verifyV1({ pan_number: 'CKMPK7314F', purpose: '1', purpose_desc: 'kyc' }),
          ).resolves.toMatchObject({
            response_type_id: 1255,
            data: { first_name: 'Irfan', last_name: 'Khan' },
          })
        })

        it('Daily KYC, then a withdrawal: the money shows in balance, statement and inquiry', async () => {
          const client = ek()
          await dailyKyc()
          const cw = await client.aepsTransactions.cashWithdrawal({
            ...transaction('happy'),
            amount: 2500,
            client_ref_id: 'sdk-cw-00000001',
          })
          expect(cw).toMatchObject({
            status: 0,
            response_type_id: 1463,
            data: { tx_status: '0', amount: '2500.00', customer_balance: '22500.00' },
          })
          const balance = await client.aepsTransactions.balanceEnquiry(transaction('happy'))
          expect(balance.data.customer_balance).toBe('22500.00')
          const statement = await client.aepsTransactions.miniStatement(transaction('happy'))
          expect(statement.data.mini_statement_list[0]).toMatchObject({
            amount: '2500.00',
            txnType: 'Dr',
          })
          const inquiry = await client.transactions.inquiry(
            { client_ref_id: 'sdk-cw-00000001' },
            transaction('happy').user_code,
          )
          expect(inquiry.data).toMatchObject({ tx_status: '0', tid: cw.data.tid })
          const odd = await rejectionOf(
            client.aepsTransactions.cashWithdrawal({ ...transaction('happy'), amount: 1025 }),
          )
          expect(isEkoError(odd)).toBe(true)
          expect((odd as EkoError).status).toBe(1960)
        })

        it('a pending withdrawal resolves (1465) and settles on the clock', async () => {
          const client = ek()
          await dailyKyc()
          const cw = await client.aepsTransactions.cashWithdrawal({
            ...transaction('bank_pending'),
            amount: 1000,
          })
          expect(cw).toMatchObject({ status: 0, response_status_id: 2, response_type_id: 1465 })
          const userCode = transaction('bank_pending').user_code
          const before = await client.transactions.inquiry({ tid: cw.data.tid }, userCode)
          expect(before.data.tx_status).toBe('2')
          await target.advanceClock(5 * 60_000)
          const after = await client.transactions.inquiry({ tid: cw.data.tid }, userCode)
          expect(after.data).toMatchObject({ tx_status: '0', txstatus_desc: 'Success' })
        })

        it('AePS Fingpay activation uploads its documents (multipart): 1259, then PENDING', async () => {
          const client = ek()
          const agentToActivate = agent(target.fixtures(), 'not_activated')
          const jpeg = { data: new Uint8Array(4096).fill(0xd8), type: 'image/jpeg' }
          const answer = await client.aepsFingpay.activate({
            fields: activationFields(agentToActivate),
            documents: {
              pan_card: { ...jpeg, filename: 'pan.jpg' },
              aadhar_front: { ...jpeg, filename: 'front.jpg' },
              aadhar_back: {
                data: new Blob(['%PDF-1.4'], { type: 'application/pdf' }),
                filename: 'back.pdf',
              },
            },
          })
          expect(answer).toMatchObject({ status: 0, response_type_id: 1259 })
          const list = await client.services.list(agentToActivate.user_code)
          expect(list.data.service_status_list).toEqual([
            expect.objectContaining({ service_code: '43', status_desc: 'PENDING' }),
          ])
        })
      },
    )

    describe.skipIf(!can.eko || !can.billsAndAccounts)(
      'Eko bill payments and bank accounts (v2)',
      () => {
        const eko = () => target.eko()
        const bill = SAMPLE_BILL

        it("lists operators (filtered), categories, locations and one operator's parameters", async () => {
          const all = await eko().billPayments.operators()
          expect(all).toMatchObject({ status: 0, response_type_id: 2461 })
          const gas = await eko().billPayments.operators({ category: '2', location: '27' })
          expect(gas.data.map((o) => o.name)).toEqual(['Mahanagar Gas'])
          expect((await eko().billPayments.operatorCategories()).data.length).toBeGreaterThan(5)
          expect((await eko().billPayments.operatorLocations()).data).toContainEqual(
            expect.objectContaining({ operator_location_id: '35' }),
          )
          const adani = await eko().billPayments.operatorParameters(51)
          expect(adani).toMatchObject({ operator_name: 'Adani Gas', fetchBill: 1 })
        })

        it('fetches a bill, pays it with a right request_hash, and cannot pay it twice', async () => {
          const fetched = await eko().billPayments.fetchBill(bill)
          expect(fetched.data.amount).toBe('50.00')
          const paid = await eko().billPayments.payBill({ ...bill, amount: fetched.data.amount })
          expect(paid).toMatchObject({ status: 0, response_type_id: 333 })
          expect(paid.data).toMatchObject({ tx_status: '0', amount: '50.00', account: '151627591' })
          const again = await rejectionOf(eko().billPayments.payBill({ ...bill, amount: '50' }))
          expect(isEkoError(again), String(again)).toBe(true)
          expect(again).toMatchObject({ status: 208, responseTypeId: 208 })
        })

        it('verifies a bank account by IFSC and by bank code', async () => {
          const byIfsc = await eko().bankAccounts.verifyByIfsc({
            ifsc: 'KKBK0000261',
            account: '1711654121',
            customer_id: '6111111111',
            user_code: '20810200',
          })
          expect(byIfsc).toMatchObject({
            response_type_id: 61,
            data: { recipient_name: 'Priya Nair' },
          })
          const byCode = await eko()
            .bankAccounts.verifyByBankCode({
              bank_code: 'DEUT',
              account: '400012345678',
              customer_id: '6111111111',
              user_code: '20810200',
            })
            .catch((e: unknown) => e)
          expect(byCode).toBeInstanceOf(EkoError)
          expect(byCode).toMatchObject({ status: 1796 })
        })
      },
    )

    it('keeps secrets out of what it prints', () => {
      const fx = target.fixtures()
      const views: string[] = []
      if (can.surepass) views.push(JSON.stringify(target.surepass()), String(target.surepass()))
      if (can.eko) views.push(JSON.stringify(target.eko()), String(target.eko()))
      for (const view of views) {
        if (fx.surepass.token) expect(view).not.toContain(fx.surepass.token)
        if (fx.eko.access_key) expect(view).not.toContain(fx.eko.access_key)
      }
    })
  })
}
