import { describe, expect, it } from 'vitest'
import { bodyOf, surepassRequest } from '../../../test/support/sim-requests.js'
import { getLabelledSurepassPerson } from '../../fixtures/index.js'
import { createSimulator } from '../../index.js'

const newSim = () => createSimulator({ seed: 'okyc', config: { onContractViolation: 'throw' } })
const aadhaarOf = (label: 'happy' | 'aadhaar_no_mobile' | 'invalid_aadhaar') =>
  getLabelledSurepassPerson(label).aadhaar_number!
const generate = (sim: ReturnType<typeof newSim>, idNumber: string) =>
  sim.handle(surepassRequest('aadhaarGenerateOtp', { id_number: idNumber }))

describe('surepass.aadhaarV2.generateOtp', () => {
  it('sends the OTP to the mobile linked to the Aadhaar, into the inbox, and opens a session', async () => {
    const sim = newSim()
    const res = await generate(sim, aadhaarOf('happy'))
    expect(res.status).toBe(200)
    const data = bodyOf(res).data as Record<string, unknown>
    expect(data).toEqual({
      client_id: expect.stringMatching(/^aadhaar_v2_[A-Za-z]{20}$/),
      otp_sent: true,
      if_number: true,
      valid_aadhaar: true,
      status: 'generate_otp_success',
    })
    const [sent] = sim.otps({ ref: data.client_id as string })
    const happy = getLabelledSurepassPerson('happy')
    expect(sent).toMatchObject({
      provider: 'surepass',
      phone: happy.exists ? happy.mobile_number : null,
    })
    expect(sim.stats().aadhaarSessions).toBe(1)
  })

  it('answers a Verhoeff failure and an unknown valid number with partial data, no OTP', async () => {
    const sim = newSim()
    for (const idNumber of [aadhaarOf('invalid_aadhaar'), '999999990019']) {
      const res = await generate(sim, idNumber)
      expect(res.status).toBe(422)
      expect(bodyOf(res)).toMatchObject({
        success: false,
        message_code: 'verification_failed',
        data: {
          otp_sent: false,
          valid_aadhaar: false,
          if_number: false,
          status: 'invalid_aadhaar',
        },
      })
    }
    expect(sim.otps()).toEqual([])
    expect(sim.stats().aadhaarSessions).toBe(0)
  })

  it('says if_number false for an Aadhaar with no linked mobile', async () => {
    const res = await generate(newSim(), aadhaarOf('aadhaar_no_mobile'))
    expect(res.status).toBe(422)
    expect(bodyOf(res).data).toMatchObject({ valid_aadhaar: true, if_number: false })
  })

  it('refuses a repeat within the 45 s cool-down, by the simulator clock, then sends again', async () => {
    const sim = newSim()
    expect((await generate(sim, aadhaarOf('happy'))).status).toBe(200)
    sim.clock.advance(44_000)
    const refused = await generate(sim, aadhaarOf('happy'))
    expect(refused.status).toBe(429)
    expect(bodyOf(refused).message).toBe(
      'Please wait 1 seconds before requesting another OTP for this Aadhaar number.',
    )
    sim.clock.advance(1_000)
    expect((await generate(sim, aadhaarOf('happy'))).status).toBe(200)
    expect(sim.otps({ provider: 'surepass' }).map((o) => o.status)).toEqual([
      'pending',
      'superseded',
    ])
  })
})
