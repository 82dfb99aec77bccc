import { afterAll, describe, expect, it } from 'vitest'
import downloadContract from '../../contracts/surepass/ckyc-v2-download.json' with { type: 'json' }
import { findCase } from '../../contracts/index.js'
import { LABELLED_CKYC_PERSONAS } from '../fixtures/index.js'
import { createSimulator, type Simulator } from '../index.js'
import { caseBody } from '../pipeline/outcome.js'
import {
  mintSurepassToken,
  SUREPASS_EXPIRED_TOKEN,
  SUREPASS_FIXTURE_TOKEN,
  SUREPASS_SIM_SECRET,
} from './jwt.js'
import {
  SUREPASS_OPS,
  bodyOf,
  ckycFixture,
  createResponseLog,
  downloadRequest,
  envelopeBreaches,
  generateOtpRequest,
  searchId,
  searchRequest,
  startDownload,
  surepassEnvelopeExchanges,
  surepassRequest,
  wrongOtp,
  type SurepassStep,
} from '../../test/support/sim-requests.js'

const log = createResponseLog()
const newSim = (seed?: string): Simulator =>
  createSimulator({ ...(seed ? { seed } : {}), config: { onContractViolation: 'throw' } })

const SEARCH_ID = /^ckyc_[A-Za-z]{20}$/
const DOWNLOAD_ID = /^ckyc_download_[A-Za-z]{20}$/
const TEN_MINUTES = 600_000

/** The documented example body of a case, as the simulator must answer it. */
const example = (operationId: string, caseId: string) => {
  const c = findCase(operationId, caseId)
  if (!c) throw new Error(`no case ${operationId}/${caseId}`)
  return caseBody(c)
}

afterAll(() => {
  const exchanges = surepassEnvelopeExchanges(log)
  expect(exchanges.length).toBeGreaterThan(60)
  expect(envelopeBreaches(exchanges)).toEqual([])
})

describe('Surepass auth', () => {
  const validBodies: Record<SurepassStep, unknown> = {
    search: { document_type: 'PAN', id_number: 'EKRPR1234F' },
    generateOtp: { client_id: 'ckyc_AAAAAAAAAAAAAAAAAAAA', mobile_number: '8939809876' },
    download: { client_id: 'ckyc_download_AAAAAAAAAAAAAAAAAAAA', otp: '123456' },
  }

  it('accepts the fixture token (the one /__sim/fixtures shows)', async () => {
    const sim = newSim()
    expect((sim.fixtures().surepass as { token: string }).token).toBe(SUREPASS_FIXTURE_TOKEN)
    const res = await log.send(sim, searchRequest(validBodies.search))
    expect(res.status).toBe(200)
  })

  const foreignToken = () =>
    mintSurepassToken({
      secret: 'someone-elses-secret',
      iatSec: Date.UTC(2026, 0, 1) / 1000,
      expSec: Date.UTC(2036, 0, 1) / 1000,
    })

  const refusals: [string, () => Promise<{ token?: string | null; authorization?: string }>][] = [
    ['no Authorization header', async () => ({ token: null })],
    ['a non-Bearer scheme (Token x)', async () => ({ authorization: 'Token x' })],
    ['Bearer with garbage', async () => ({ authorization: 'Bearer garbage' })],
    ['Bearer with a three-part non-JWT', async () => ({ authorization: 'Bearer a.b.c' })],
    ['bare "Bearer"', async () => ({ authorization: 'Bearer' })],
    ['lower-case "bearer"', async () => ({ authorization: `bearer ${SUREPASS_FIXTURE_TOKEN}` })],
    ['a JWT signed with another secret', async () => ({ token: await foreignToken() })],
    ['the fixture expired_token', async () => ({ token: SUREPASS_EXPIRED_TOKEN })],
    [
      'a fixture token with one signature character changed',
      async () => ({ token: SUREPASS_FIXTURE_TOKEN.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) }),
    ],
  ]

  for (const step of Object.keys(validBodies) as SurepassStep[]) {
    for (const [name, auth] of refusals) {
      it(`${step}: ${name} → 401 unauthorized envelope`, async () => {
        const sim = newSim()
        const res = await log.send(sim, surepassRequest(step, validBodies[step], await auth()))
        expect(res.status).toBe(401)
        expect(res.body).toEqual({
          data: null,
          status_code: 401,
          success: false,
          message: 'Invalid authentication token',
          message_code: 'unauthorized',
        })
        expect(sim.journal.list(1)[0]).toMatchObject({
          operation: SUREPASS_OPS[step],
          status: 401,
          case: 'unauthorized',
        })
      })
    }
  }

  it('the foreign-secret token is well-formed: only the signature makes it fail', async () => {
    const sim = newSim()
    const good = await mintSurepassToken({
      secret: SUREPASS_SIM_SECRET,
      iatSec: Date.UTC(2026, 0, 1) / 1000,
      expSec: Date.UTC(2036, 0, 1) / 1000,
    })
    expect((await log.send(sim, searchRequest(validBodies.search, { token: good }))).status).toBe(
      200,
    )
    expect(
      (await log.send(sim, searchRequest(validBodies.search, { token: await foreignToken() })))
        .status,
    ).toBe(401)
  })

  it('the fixture token expires by the simulator clock (2036-01-01), not the host clock', async () => {
    const sim = newSim()
    sim.clock.set('2035-12-31T23:59:58Z')
    expect((await log.send(sim, searchRequest(validBodies.search))).status).toBe(200)
    sim.clock.set('2036-06-01T00:00:00Z')
    const res = await log.send(sim, searchRequest(validBodies.search))
    expect(res.status).toBe(401)
    expect(bodyOf(res).message_code).toBe('unauthorized')
  })

  it('a token issued after the simulator clock (iat/nbf in the future) is refused', async () => {
    const sim = newSim()
    sim.clock.set('2025-06-01T00:00:00Z')
    const res = await log.send(sim, searchRequest(validBodies.search))
    expect(res.status).toBe(401)
  })

  it('a refused token changes no state: no search session is created', async () => {
    const sim = newSim()
    await log.send(sim, searchRequest(validBodies.search, { token: null }))
    // the first id a fresh simulator hands out is still the first one
    const fresh = newSim()
    expect(await searchId(log, sim, 'happy')).toBe(await searchId(log, fresh, 'happy'))
  })
})

describe('CKYC search', () => {
  it.each(['happy', 'no_mobile', 'mobile_unregistered'])(
    'finds the %s persona with a ckyc_ + 20 letters id',
    async (label) => {
      const sim = newSim()
      const persona = ckycFixture(sim, label)
      const res = await log.send(
        sim,
        searchRequest({ document_type: persona.document_type, id_number: persona.id_number }),
      )
      expect(res.status).toBe(200)
      const body = bodyOf(res)
      expect(body).toMatchObject({
        status_code: 200,
        success: true,
        message: 'Success',
        message_code: 'success',
      })
      expect(body.data.client_id).toMatch(SEARCH_ID)
      expect(body.data.id_number).toBe(persona.id_number)
      expect(body.data.ckyc_search_data).toMatchObject({
        full_name: persona.full_name,
        ckyc_id: expect.stringMatching(/^X{10}[0-9]{4}$/),
      })
    },
  )

  it('not_found → 422 verification_failed "No record found"', async () => {
    const sim = newSim()
    const persona = ckycFixture(sim, 'not_found')
    expect(persona.exists).toBe(false)
    const res = await log.send(
      sim,
      searchRequest({ document_type: persona.document_type, id_number: persona.id_number }),
    )
    expect(res.status).toBe(422)
    expect(res.body).toEqual({
      data: null,
      status_code: 422,
      success: false,
      message: 'No record found',
      message_code: 'verification_failed',
    })
    expect(sim.journal.list(1)[0]).toMatchObject({ case: 'verification_failed', status: 422 })
  })

  it.each(['voter', 'aadhaar', 'driving_license', 'ckyc_number'])(
    'finds the %s persona by its own document type',
    async (label) => {
      const sim = newSim()
      const persona = ckycFixture(sim, label)
      expect(persona.document_type).not.toBe('PAN')
      const res = await log.send(
        sim,
        searchRequest({ document_type: persona.document_type, id_number: persona.id_number }),
      )
      expect(res.status).toBe(200)
      expect(bodyOf(res).data.ckyc_search_data.full_name).toBe(persona.full_name)
    },
  )

  const happy = LABELLED_CKYC_PERSONAS.find((p) => p.label === 'happy')!
  it.each(happy.lookup_keys.map((k) => [k.document_type, k.id_number]))(
    'finds happy by every lookup key: %s %s',
    async (document_type, id_number) => {
      const sim = newSim()
      const res = await log.send(sim, searchRequest({ document_type, id_number }))
      expect(res.status).toBe(200)
      expect(bodyOf(res).data.ckyc_search_data.full_name).toBe('MR RAHUL RANJAN')
      expect(bodyOf(res).data.id_number).toBe(id_number)
    },
  )

  it('a key of one document type does not find the record under another', async () => {
    const sim = newSim()
    // 20087395964123 is happy's CKYC number, not a PAN or a voter id
    const res = await log.send(
      sim,
      searchRequest({ document_type: 'VOTER', id_number: '20087395964123' }),
    )
    expect(res.status).toBe(422)
    expect(bodyOf(res).message_code).toBe('verification_failed')
  })

  it('normalises case, spacing and separators where the contract lets the id through', async () => {
    const sim = newSim()
    const cases: [string, string, string][] = [
      ['VOTER', 'abc1234567', 'voter'],
      ['VOTER', ' ABC 1234567 ', 'voter'],
      ['DRIVING_LICENSE', 'rj13-2012-0123456', 'driving_license'],
      ['AADHAAR', '1234|minal  tomar|01-12-1997|F', 'aadhaar'],
    ]
    for (const [document_type, id_number, label] of cases) {
      const res = await log.send(sim, searchRequest({ document_type, id_number }))
      expect(res.status, `${document_type} ${id_number}`).toBe(200)
      expect(bodyOf(res).data.ckyc_search_data.full_name).toBe(ckycFixture(sim, label).full_name)
      // the id is echoed as sent, not as normalised
      expect(bodyOf(res).data.id_number).toBe(id_number)
    }
  })

  it('a lower-case PAN is refused by the contract (PAN pattern is upper-case) before any lookup', async () => {
    // The behaviour would normalise it (normalizeCkycIdNumber upper-cases PANs), but request
    // validation runs first and the contract's PAN pattern is ^[A-Z]{5}[0-9]{4}[A-Z]$.
    const sim = newSim()
    const res = await log.send(
      sim,
      searchRequest({ document_type: 'PAN', id_number: 'ekrpr1234f' }),
    )
    expect(res.status).toBe(400)
    expect(bodyOf(res).message_code).toBe('invalid_input')
    expect(bodyOf(res).message).toContain('id_number')
  })

  it('every search hands out a new id, even for the same record', async () => {
    const sim = newSim()
    const ids = [
      await searchId(log, sim, 'happy'),
      await searchId(log, sim, 'happy'),
      await searchId(log, sim, 'voter'),
    ]
    for (const id of ids) expect(id).toMatch(SEARCH_ID)
    expect(new Set(ids).size).toBe(3)
  })
})

describe('CKYC v2 generate OTP', () => {
  it('sends an OTP to the record mobile: ckyc_download_ + 20 letters, inbox entry pending for 10 min', async () => {
    const sim = newSim()
    const happy = ckycFixture(sim, 'happy')
    const id = await searchId(log, sim, 'happy')
    const before = sim.clock.now()
    const res = await log.send(
      sim,
      generateOtpRequest({ client_id: id, mobile_number: happy.mobile_number }),
    )
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      data: { client_id: expect.stringMatching(DOWNLOAD_ID), otp_sent: true },
      status_code: 200,
      success: true,
      message: 'Success',
      message_code: 'success',
    })
    const downloadId = bodyOf(res).data.client_id as string
    const inbox = sim.otps({ ref: downloadId })
    expect(inbox).toHaveLength(1)
    const entry = inbox[0]!
    expect(entry).toMatchObject({
      provider: 'surepass',
      operation: SUREPASS_OPS.generateOtp,
      ref: downloadId,
      phone: happy.mobile_number,
      status: 'pending',
      attempts_left: 3,
      otp: expect.stringMatching(/^[0-9]{6}$/),
    })
    const issued = Date.parse(entry.issued_at)
    expect(issued).toBeGreaterThanOrEqual(before)
    expect(issued).toBeLessThanOrEqual(sim.clock.now())
    expect(Date.parse(entry.expires_at) - issued).toBe(TEN_MINUTES)
  })

  it('the search id and the download id are different ids', async () => {
    const sim = newSim()
    const flow = await startDownload(log, sim)
    expect(flow.downloadId).not.toBe(flow.searchId)
    expect(flow.downloadId.slice('ckyc_download_'.length)).not.toBe(
      flow.searchId.slice('ckyc_'.length),
    )
  })

  it('happy with another number → 422 mobile_number_not_matched, no OTP sent', async () => {
    const sim = newSim()
    const id = await searchId(log, sim, 'happy')
    const res = await log.send(
      sim,
      generateOtpRequest({ client_id: id, mobile_number: '9000000001' }),
    )
    expect(res.status).toBe(422)
    expect(res.body).toEqual(example(SUREPASS_OPS.generateOtp, 'mobile_number_not_matched'))
    expect(bodyOf(res).message).toBe('Mobile Number not matched with CKYC.')
    expect(sim.otps()).toEqual([])
  })

  it('no_mobile → 422 mobile_does_not_exist_ckyc, whatever number is given', async () => {
    const sim = newSim()
    const id = await searchId(log, sim, 'no_mobile')
    for (const mobile of ['8939809876', '9000000001']) {
      const res = await log.send(sim, generateOtpRequest({ client_id: id, mobile_number: mobile }))
      expect(res.status).toBe(422)
      expect(res.body).toEqual(example(SUREPASS_OPS.generateOtp, 'mobile_does_not_exist_ckyc'))
    }
    expect(sim.otps()).toEqual([])
  })

  it('mobile_unregistered with its own mobile → 422 mobile_not_registered; with another → mobile_number_not_matched', async () => {
    const sim = newSim()
    const persona = ckycFixture(sim, 'mobile_unregistered')
    expect(persona.mobile_number).not.toBeNull()
    const id = await searchId(log, sim, 'mobile_unregistered')
    const own = await log.send(
      sim,
      generateOtpRequest({ client_id: id, mobile_number: persona.mobile_number }),
    )
    expect(own.status).toBe(422)
    expect(own.body).toEqual(example(SUREPASS_OPS.generateOtp, 'mobile_not_registered'))
    const other = await log.send(
      sim,
      generateOtpRequest({ client_id: id, mobile_number: '9000000001' }),
    )
    expect(bodyOf(other).message_code).toBe('mobile_number_not_matched')
    expect(sim.otps()).toEqual([])
  })

  it('an unknown search id → 404 client_not_found', async () => {
    const sim = newSim()
    const res = await log.send(
      sim,
      generateOtpRequest({ client_id: 'ckyc_AbCdEfGhIjKlMnOpQrSt', mobile_number: '8939809876' }),
    )
    expect(res.status).toBe(404)
    expect(res.body).toEqual({
      data: null,
      status_code: 404,
      success: false,
      message: 'Invalid Client ID.',
      message_code: 'client_not_found',
    })
  })

  it('a search id lives searchTtlMs: usable just before, client_not_found from then on', async () => {
    const sim = newSim()
    sim.clock.freeze(true)
    const ttl = sim.config.surepass.searchTtlMs
    const early = await searchId(log, sim, 'happy')
    const late = await searchId(log, sim, 'happy')
    sim.clock.advance(ttl - 1_000)
    const ok = await log.send(
      sim,
      generateOtpRequest({ client_id: early, mobile_number: '8939809876' }),
    )
    expect(ok.status).toBe(200)
    sim.clock.advance(1_000)
    const gone = await log.send(
      sim,
      generateOtpRequest({ client_id: late, mobile_number: '8939809876' }),
    )
    expect(gone.status).toBe(404)
    expect(bodyOf(gone).message_code).toBe('client_not_found')
  })

  it('a resend within 90 s → 429 rate_limit_exceeded and no new OTP', async () => {
    const sim = newSim()
    sim.clock.freeze(true)
    const flow = await startDownload(log, sim)
    const again = () =>
      log.send(sim, generateOtpRequest({ client_id: flow.searchId, mobile_number: flow.mobile }))
    const now = await again()
    expect(now.status).toBe(429)
    expect(bodyOf(now)).toMatchObject({
      data: null,
      status_code: 429,
      success: false,
      message_code: 'rate_limit_exceeded',
    })
    expect(bodyOf(now).message).toBe('Please wait 90 seconds before requesting another OTP.')
    sim.clock.advance(89_000)
    const later = await again()
    expect(later.status).toBe(429)
    expect(bodyOf(later).message).toBe('Please wait 1 seconds before requesting another OTP.')
    expect(sim.otps()).toHaveLength(1)
    expect(sim.otps()[0]).toMatchObject({ ref: flow.downloadId, status: 'pending' })
  })

  it('the cool-down is per search: another search of the same record may send at once', async () => {
    const sim = newSim()
    await startDownload(log, sim)
    const second = await startDownload(log, sim)
    expect(second.downloadId).toMatch(DOWNLOAD_ID)
    expect(sim.otps({ phone: second.mobile })).toHaveLength(2)
  })

  it('a resend after 90 s gives a NEW download id; the old one is superseded', async () => {
    const sim = newSim()
    const first = await startDownload(log, sim)
    sim.clock.advance(90_000)
    const res = await log.send(
      sim,
      generateOtpRequest({ client_id: first.searchId, mobile_number: first.mobile }),
    )
    expect(res.status).toBe(200)
    const secondId = bodyOf(res).data.client_id as string
    expect(secondId).toMatch(DOWNLOAD_ID)
    expect(secondId).not.toBe(first.downloadId)
    expect(sim.otps({ ref: first.downloadId })[0]?.status).toBe('superseded')
    expect(sim.otps({ ref: secondId })[0]?.status).toBe('pending')

    const old = await log.send(
      sim,
      downloadRequest({ client_id: first.downloadId, otp: first.otp }),
    )
    expect(old.status).toBe(404)
    expect(bodyOf(old).message_code).toBe('client_not_found')

    const secondOtp = sim.otps({ ref: secondId })[0]!.otp
    const ok = await log.send(sim, downloadRequest({ client_id: secondId, otp: secondOtp }))
    expect(ok.status).toBe(200)
  })

  it('after a successful download the same search may start again without waiting', async () => {
    const sim = newSim()
    const flow = await startDownload(log, sim)
    expect(
      (await log.send(sim, downloadRequest({ client_id: flow.downloadId, otp: flow.otp }))).status,
    ).toBe(200)
    const res = await log.send(
      sim,
      generateOtpRequest({ client_id: flow.searchId, mobile_number: flow.mobile }),
    )
    expect(res.status).toBe(200)
  })
})

describe('CKYC v2 download', () => {
  const personalDetailFields = downloadContract.$defs.personalDetails.required

  it('the right OTP returns the full record: every personal_details field present', async () => {
    const sim = newSim()
    const flow = await startDownload(log, sim)
    const res = await log.send(sim, downloadRequest({ client_id: flow.downloadId, otp: flow.otp }))
    expect(res.status).toBe(200)
    const body = bodyOf(res)
    expect(body).toMatchObject({
      status_code: 200,
      success: true,
      message: 'Success',
      message_code: 'success',
    })
    expect(body.data).toMatchObject({
      client_id: flow.downloadId,
      ckyc_search_client_id: flow.searchId,
      id_number: 'EKRPR1234F',
      dob: null,
    })
    const pid = body.data.ckyc_download_data.personal_identifiable_data
    const details = pid.personal_details as Record<string, unknown>
    expect(personalDetailFields.length).toBeGreaterThan(50)
    for (const field of personalDetailFields) expect(details[field], field).not.toBeUndefined()
    expect(details).toMatchObject({
      pan: 'EKRPR1234F',
      mob_num: '8939809876',
      dob: '1991-08-15',
      gender: 'MALE',
      full_name: 'MR RAHUL RANJAN',
      first_name: 'RAHUL',
      last_name: 'RANJAN',
      ckyc_no: '20087395964123',
    })
    expect(pid.identity_details.identity.length).toBeGreaterThan(0)
    expect(pid.image_details.image.length).toBeGreaterThan(0)
    expect(sim.otps({ ref: flow.downloadId })[0]?.status).toBe('used')
  })

  it('downloads the persona the search found (voter)', async () => {
    const sim = newSim()
    const flow = await startDownload(log, sim, 'voter')
    const res = await log.send(sim, downloadRequest({ client_id: flow.downloadId, otp: flow.otp }))
    expect(res.status).toBe(200)
    expect(
      bodyOf(res).data.ckyc_download_data.personal_identifiable_data.personal_details,
    ).toMatchObject({
      full_name: ckycFixture(sim, 'voter').full_name,
      mob_num: ckycFixture(sim, 'voter').mobile_number,
    })
  })

  it('a wrong OTP → 422 invalid_otp and costs an attempt', async () => {
    const sim = newSim()
    const flow = await startDownload(log, sim)
    const res = await log.send(
      sim,
      downloadRequest({ client_id: flow.downloadId, otp: wrongOtp(flow.otp) }),
    )
    expect(res.status).toBe(422)
    expect(res.body).toEqual(example(SUREPASS_OPS.download, 'invalid_otp'))
    expect(sim.otps({ ref: flow.downloadId })[0]).toMatchObject({
      attempts_left: 2,
      status: 'pending',
    })
    // still downloadable with the right one
    expect(
      (await log.send(sim, downloadRequest({ client_id: flow.downloadId, otp: flow.otp }))).status,
    ).toBe(200)
  })

  it('three wrong OTPs lock the id: the right OTP then → otp_attempts_exceeded', async () => {
    const sim = newSim()
    const flow = await startDownload(log, sim)
    for (let i = 0; i < 3; i++) {
      const res = await log.send(
        sim,
        downloadRequest({ client_id: flow.downloadId, otp: wrongOtp(flow.otp) }),
      )
      expect(bodyOf(res).message_code).toBe('invalid_otp')
    }
    const res = await log.send(sim, downloadRequest({ client_id: flow.downloadId, otp: flow.otp }))
    expect(res.status).toBe(422)
    expect(res.body).toEqual(example(SUREPASS_OPS.download, 'otp_attempts_exceeded'))
    expect(sim.otps({ ref: flow.downloadId })[0]).toMatchObject({
      attempts_left: 0,
      status: 'locked',
    })
  })

  it('the OTP expires 10 minutes after issue → otp_expired', async () => {
    const sim = newSim()
    const flow = await startDownload(log, sim)
    sim.clock.advance(TEN_MINUTES)
    expect(sim.otps({ ref: flow.downloadId })[0]?.status).toBe('expired')
    const res = await log.send(sim, downloadRequest({ client_id: flow.downloadId, otp: flow.otp }))
    expect(res.status).toBe(422)
    expect(res.body).toEqual(example(SUREPASS_OPS.download, 'otp_expired'))
  })

  it('the OTP still works just before the 10 minutes are up', async () => {
    const sim = newSim()
    sim.clock.freeze(true)
    const flow = await startDownload(log, sim)
    sim.clock.advance(TEN_MINUTES - 1)
    expect(
      (await log.send(sim, downloadRequest({ client_id: flow.downloadId, otp: flow.otp }))).status,
    ).toBe(200)
  })

  it('a used download id → already_downloaded, even with the right OTP', async () => {
    const sim = newSim()
    const flow = await startDownload(log, sim)
    expect(
      (await log.send(sim, downloadRequest({ client_id: flow.downloadId, otp: flow.otp }))).status,
    ).toBe(200)
    for (const otp of [flow.otp, wrongOtp(flow.otp)]) {
      const res = await log.send(sim, downloadRequest({ client_id: flow.downloadId, otp }))
      expect(res.status).toBe(422)
      expect(res.body).toEqual(example(SUREPASS_OPS.download, 'already_downloaded'))
    }
  })

  it('an unknown download id → 404 client_not_found', async () => {
    const sim = newSim()
    const res = await log.send(
      sim,
      downloadRequest({ client_id: 'ckyc_download_AbCdEfGhIjKlMnOpQrSt', otp: '123456' }),
    )
    expect(res.status).toBe(404)
    expect(res.body).toEqual(example(SUREPASS_OPS.download, 'client_not_found'))
  })

  it('a search id where a download id belongs → 400 (the contract wants ckyc_download_)', async () => {
    const sim = newSim()
    const id = await searchId(log, sim, 'happy')
    const res = await log.send(sim, downloadRequest({ client_id: id, otp: '123456' }))
    expect(res.status).toBe(400)
    expect(bodyOf(res).message).toContain('client_id')
  })
})

describe('bounded state', () => {
  it('a download started just before its search expired still works after the search is forgotten', async () => {
    const sim = createSimulator({ config: { onContractViolation: 'throw', sessionRetentionMs: 0 } })
    sim.clock.freeze(true)
    const ttl = sim.config.surepass.searchTtlMs
    const id = await searchId(log, sim, 'happy')
    sim.clock.advance(ttl - 60_000)
    const gen = await log.send(
      sim,
      generateOtpRequest({ client_id: id, mobile_number: '8939809876' }),
    )
    const downloadId = bodyOf(gen).data.client_id as string
    const otp = sim.otps({ ref: downloadId })[0]!.otp
    sim.clock.advance(120_000)
    // another search sweeps expired sessions; the OTP has 8 minutes left
    await searchId(log, sim, 'voter')
    expect(
      bodyOf(
        await log.send(sim, generateOtpRequest({ client_id: id, mobile_number: '8939809876' })),
      ).message_code,
    ).toBe('client_not_found')
    const res = await log.send(sim, downloadRequest({ client_id: downloadId, otp }))
    expect(res.status).toBe(200)
    expect(bodyOf(res).data.ckyc_search_client_id).toBe(id)
  })

  it('a download whose search was evicted by the session cap is refused without consuming the OTP', async () => {
    const sim = createSimulator({ config: { onContractViolation: 'throw', maxSessions: 1 } })
    const flow = await startDownload(log, sim)
    await searchId(log, sim, 'voter') // evicts the happy search (cap 1)
    const res = await log.send(sim, downloadRequest({ client_id: flow.downloadId, otp: flow.otp }))
    expect(res.status).toBe(404)
    expect(bodyOf(res).message_code).toBe('client_not_found')
    expect(sim.otps({ ref: flow.downloadId })[0]).toMatchObject({
      status: 'pending',
      attempts_left: 3,
    })
  })
})

describe('Surepass request validation', () => {
  it('a malformed body → 400 invalid_input', async () => {
    const sim = newSim()
    const res = await log.send(sim, searchRequest(undefined, { bodyError: 'malformed' }))
    expect(res.status).toBe(400)
    expect(res.body).toEqual({
      data: null,
      status_code: 400,
      success: false,
      message: 'Invalid input: the request body is not valid JSON.',
      message_code: 'invalid_input',
    })
  })

  it('a 9-digit mobile → 400 naming mobile_number', async () => {
    const sim = newSim()
    const id = await searchId(log, sim, 'happy')
    const res = await log.send(
      sim,
      generateOtpRequest({ client_id: id, mobile_number: '893980987' }),
    )
    expect(res.status).toBe(400)
    expect(bodyOf(res).message_code).toBe('invalid_input')
    expect(bodyOf(res).message).toMatch(/^Invalid input: mobile_number /)
    expect(sim.otps()).toEqual([])
  })

  it.each([
    ['generateOtp', { mobile_number: '8939809876' }, 'client_id'],
    ['download', { otp: '123456' }, 'client_id'],
    ['download', { client_id: 'ckyc_download_AbCdEfGhIjKlMnOpQrSt' }, 'otp'],
    ['search', { document_type: 'PAN' }, 'id_number'],
  ] as const)('%s without a required field → 400 "%s … is required"', async (step, body, field) => {
    const sim = newSim()
    const res = await log.send(sim, surepassRequest(step, body))
    expect(res.status).toBe(400)
    expect(bodyOf(res).message).toBe(`Invalid input: ${field} is required.`)
  })

  it.each([
    ['an array', [{ document_type: 'PAN', id_number: 'EKRPR1234F' }]],
    ['a string', 'EKRPR1234F'],
    ['null', null],
    ['a number', 42],
    ['no body at all', undefined],
  ])('a body that is %s → 400 "must be a JSON object"', async (_name, body) => {
    const sim = newSim()
    const res = await log.send(sim, searchRequest(body))
    expect(res.status).toBe(400)
    expect(bodyOf(res)).toMatchObject({
      message_code: 'invalid_input',
      message: 'Invalid input: the request body must be a JSON object.',
    })
  })

  it('an unknown field, a bad enum and a 5-digit OTP are refused', async () => {
    const sim = newSim()
    const extra = await log.send(
      sim,
      searchRequest({ document_type: 'PAN', id_number: 'EKRPR1234F', extra: 1 }),
    )
    const badEnum = await log.send(
      sim,
      searchRequest({ document_type: 'PASSPORT', id_number: 'X1234567' }),
    )
    const shortOtp = await log.send(
      sim,
      downloadRequest({ client_id: 'ckyc_download_AbCdEfGhIjKlMnOpQrSt', otp: '12345' }),
    )
    for (const res of [extra, badEnum, shortOtp]) expect(res.status).toBe(400)
    expect(bodyOf(badEnum).message).toContain('document_type')
    expect(bodyOf(shortOtp).message).toContain('otp')
  })

  it('an oversized body → 413 payload_too_large', async () => {
    const sim = newSim()
    const res = await log.send(sim, generateOtpRequest(undefined, { bodyError: 'too_large' }))
    expect(res.status).toBe(413)
    expect(res.body).toEqual({
      data: null,
      status_code: 413,
      success: false,
      message: 'Request body is too large.',
      message_code: 'payload_too_large',
    })
  })

  it('a non-JSON content type and a too-deep body → 400 invalid_input', async () => {
    const sim = newSim()
    const media = await log.send(
      sim,
      searchRequest(undefined, { bodyError: 'unsupported_media_type' }),
    )
    expect(bodyOf(media)).toMatchObject({
      status_code: 400,
      message: 'Invalid input: Content-Type must be application/json.',
    })
    const deep = await log.send(sim, searchRequest(undefined, { bodyError: 'too_deep' }))
    expect(bodyOf(deep)).toMatchObject({ status_code: 400, message_code: 'invalid_input' })
  })

  it('auth is checked before validation: a bad body with no token is 401', async () => {
    const sim = newSim()
    const res = await log.send(sim, searchRequest({ nonsense: true }, { token: null }))
    expect(res.status).toBe(401)
  })

  it('an oversized body is refused before auth, as a gateway would: 413 even with no token', async () => {
    const sim = newSim()
    const tooLarge = await log.send(
      sim,
      searchRequest(undefined, { token: null, bodyError: 'too_large' }),
    )
    expect(tooLarge.status).toBe(413)
    expect(bodyOf(tooLarge)).toMatchObject({ status_code: 413, message_code: 'payload_too_large' })
  })
})
