import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../../mocks/index.js'
import { EKO_UAT_CREDENTIALS, getLabelledEkoAgent } from '../../fixtures/index.js'
import { createClock } from '../../core/index.js'
import { createSimulator } from '../../create-simulator.js'
import { encryptAadhaarForTest } from '../aadhaar-cipher.js'
import { activationFields, callAeps } from '../../../test/support/eko-aeps.js'
import { ekoHeaders } from '../../../test/support/eko-signer.js'

/** Tuesday 10 March 2026, 10:30 IST, standing still. */
const newSim = () =>
  createSimulator({
    config: { onContractViolation: 'throw' },
    clock: createClock({ start: '2026-03-10T05:00:00Z', frozen: true }),
  })
type Sim = ReturnType<typeof newSim>

const INITIATOR = '9962981729'
const notActivated = getLabelledEkoAgent('not_activated')

async function services(sim: Sim, userCode: string, version: 'v1' | 'v3' = 'v3') {
  const response =
    version === 'v3'
      ? await callAeps(sim, 'eko.userServices.list', {
          query: { initiator_id: INITIATOR, user_code: userCode },
        })
      : await callAeps(sim, 'eko.userServices.listV1', {
          params: { user_code: userCode },
          query: { initiator_id: INITIATOR },
          contentType: 'application/x-www-form-urlencoded',
        })
  const list = response.body.data?.service_status_list as
    | { service_code: string; status: number; status_desc: string }[]
    | undefined
  return { body: response.body, list: list?.map((s) => `${s.service_code}:${s.status_desc}`) }
}

/** The fields of the v3 AePS Fingpay activation for the `not_activated` agent. */
function activationFieldsFor(extra: Record<string, unknown> = {}) {
  return { initiator_id: INITIATOR, ...activationFields(notActivated), ...extra }
}

const jpeg = (name: string, size = 40_000) => ({ filename: name, content_type: 'image/jpeg', size })

function activate(sim: Sim, fields = activationFieldsFor(), files: Record<string, unknown> = {}) {
  return callAeps(sim, 'eko.aepsFingpay.activate', {
    params: { user_code: fields.user_code as string },
    contentType: 'multipart/form-data; boundary=fintwin',
    body: {
      'form-data': JSON.stringify(fields),
      pan_card: jpeg('pan.jpg'),
      aadhar_front: jpeg('front.jpg'),
      aadhar_back: { filename: 'back.pdf', content_type: 'application/pdf', size: 90_000 },
      ...files,
    },
  })
}

describe('agent services: list (v3 and v1)', () => {
  it('lists what each fixture agent has, the same in both versions', async () => {
    const sim = newSim()
    const done = getLabelledEkoAgent('ekyc_done').user_code
    expect((await services(sim, done)).list).toEqual(['4:ACTIVATED', '43:ACTIVATED'])
    expect((await services(sim, done, 'v1')).list).toEqual(['4:ACTIVATED', '43:ACTIVATED'])
    expect((await services(sim, '20810200')).body).toMatchObject({
      status: 0,
      response_status_id: -1,
      response_type_id: 1299,
      data: { user_code: '20810200', initiator_id: INITIATOR },
    })
    expect((await services(sim, notActivated.user_code)).list).toEqual([])
    expect((await services(sim, '20999999')).body).toMatchObject({
      status: 1297,
      message: 'This user does not exist',
    })
  })
})

describe('agent services: activation (v1) and PAN verification (v1)', () => {
  it('PAN verify needs service 4: refused 346, then 1255 once the v1 activation ran', async () => {
    const sim = newSim()
    const verify = (extra: Record<string, unknown> = {}) =>
      callAeps(sim, 'eko.pan.verifyV1', {
        form: true,
        body: {
          initiator_id: INITIATOR,
          pan_number: getLabelledEkoAgent('ekyc_done').pan_number,
          purpose: '1',
          purpose_desc: 'onboarding',
          ...extra,
        },
      })
    const activatePan = () =>
      callAeps(sim, 'eko.userServices.activateV1', {
        form: true,
        body: {
          service_code: '4',
          initiator_id: INITIATOR,
          user_code: '20810200',
          latlong: '28.6139,77.2090',
        },
      })
    expect((await verify()).body).toMatchObject({ status: 346 })
    const activated = await activatePan()
    expect(activated.body).toMatchObject({
      status: 0,
      data: {
        service_code: '4',
        user_code: '20810200',
        service_status: '1',
        service_status_desc: 'ACTIVATED',
      },
    })
    expect((await verify()).body).toEqual({
      response_status_id: -1,
      data: {
        pan_number: 'CKMPK7314F',
        first_name: 'Irfan',
        middle_name: '',
        last_name: 'Khan',
        title: '',
      },
      response_type_id: 1255,
      message: 'PAN verification successful',
      status: 0,
    })
    expect((await verify({ pan_number: 'ZZZPZ9999Z' })).body).toMatchObject({ status: 350 })
    const again = await activatePan()
    expect(again.body).toMatchObject({
      status: 1,
      response_type_id: 1295,
      message: 'Service already active for the user',
    })
    expect((await services(sim, '20810200')).list).toEqual(['4:ACTIVATED', '43:ACTIVATED'])
  })
})

describe('AePS Fingpay activation (v3, multipart): pending review on the simulator clock', () => {
  it('1259, PENDING for two business days (Send OTP still 346), then ACTIVATED', async () => {
    const sim = newSim() // a Tuesday: the review is over on Thursday, same time
    const response = await activate(sim)
    expect(response.body).toMatchObject({
      status: 0,
      response_type_id: 1259,
      message: 'AePS Registration Successful',
      data: { service_code: '43', user_code: notActivated.user_code, initiator_id: INITIATOR },
    })
    expect((await services(sim, notActivated.user_code)).list).toEqual(['43:PENDING'])
    const sendOtp = () =>
      callAeps(sim, 'eko.aepsKyc.sendOtp', {
        body: {
          initiator_id: INITIATOR,
          user_code: notActivated.user_code,
          customer_id: notActivated.customer_id,
          aadhar: encryptAadhaarForTest(notActivated.aadhaar),
          latlong: notActivated.latlong,
        },
      })
    expect((await sendOtp()).body.status).toBe(346)
    sim.clock.advance(2 * 86_400_000 - 1)
    expect((await services(sim, notActivated.user_code)).list).toEqual(['43:PENDING'])
    sim.clock.advance(1)
    expect((await services(sim, notActivated.user_code)).list).toEqual(['43:ACTIVATED'])
    expect((await sendOtp()).body).toMatchObject({ status: 0, response_type_id: 1600 })
    expect((await activate(sim)).body).toMatchObject({ status: 1295 })
  })

  it('a Friday activation is reviewed over the weekend: ACTIVATED on Tuesday', async () => {
    const sim = newSim()
    sim.clock.set('2026-03-13T05:00:00Z') // Friday 10:30 IST
    await activate(sim)
    sim.clock.set('2026-03-17T04:59:59Z')
    expect((await services(sim, notActivated.user_code)).list).toEqual(['43:PENDING'])
    sim.clock.set('2026-03-17T05:00:00Z')
    expect((await services(sim, notActivated.user_code)).list).toEqual(['43:ACTIVATED'])
  })

  it('with aepsReviewBusinessDays 0 (the shortcut) the activation is ACTIVATED at once', async () => {
    const sim = createSimulator({
      config: { onContractViolation: 'throw', eko: { aepsReviewBusinessDays: 0 } },
      clock: createClock({ start: '2026-03-10T05:00:00Z', frozen: true }),
    })
    expect((await activate(sim)).body.status).toBe(0)
    expect((await services(sim, notActivated.user_code)).list).toEqual(['43:ACTIVATED'])
  })

  it('refuses a PNG, a 1 MiB file, a user_code that differs from the path, an unknown agent', async () => {
    const sim = newSim()
    const png = await activate(sim, activationFieldsFor(), {
      pan_card: { filename: 'pan.png', content_type: 'image/png', size: 1000 },
    })
    expect(png.body).toMatchObject({ status: 97, invalid_params: { pan_card: expect.any(String) } })
    const big = await activate(sim, activationFieldsFor(), {
      aadhar_back: jpeg('b.jpg', 1_048_576),
    })
    expect(big.body).toMatchObject({
      status: 97,
      invalid_params: { aadhar_back: expect.any(String) },
    })
    const noDevice = await activate(sim, activationFieldsFor({ devicenumber: undefined }))
    expect(noDevice.body).toMatchObject({
      status: 97,
      invalid_params: { devicenumber: expect.any(String) },
    })
    const unknown = await activate(sim, activationFieldsFor({ user_code: '20999999' }))
    expect(unknown.body).toMatchObject({ status: 1297, data: { initiator_id: '' } })
    expect((await services(sim, notActivated.user_code)).list).toEqual([])
  })
})

describe('AePS Fingpay activation over HTTP: a real multipart upload', () => {
  let server: RunningServer
  let sim: Sim
  beforeAll(async () => {
    sim = newSim()
    server = await startServer({ simulator: sim, port: 0, quiet: true })
  })
  afterAll(() => server.close())

  it('the door reads the form-data part and the files (exact sizes, types): 1259, or 97 for a PNG', async () => {
    const url = `${server.url}/ekoapi/v3/admin/network/agent/${notActivated.user_code}/aeps-fingpay/activate`
    const upload = async (panType: string, panName: string) => {
      const form = new FormData()
      form.append('form-data', JSON.stringify(activationFieldsFor()))
      form.append(
        'pan_card',
        new Blob([new Uint8Array(2048).fill(0xff)], { type: panType }),
        panName,
      )
      form.append('aadhar_front', new Blob([new Uint8Array(1024)], { type: 'image/jpeg' }), 'f.jpg')
      form.append('aadhar_back', new Blob(['%PDF-1.4 …'], { type: 'application/pdf' }), 'b.pdf')
      const { 'content-type': _json, ...auth } = await ekoHeaders(
        EKO_UAT_CREDENTIALS,
        sim.clock.now(),
      )
      const response = await fetch(url, { method: 'PUT', headers: auth, body: form })
      return (await response.json()) as Record<string, unknown>
    }
    expect(await upload('image/png', 'pan.png')).toMatchObject({
      status: 97,
      invalid_params: { pan_card: expect.any(String) },
    })
    expect(await upload('image/jpeg', 'pan.jpg')).toMatchObject({
      status: 0,
      response_type_id: 1259,
    })
  })
})
