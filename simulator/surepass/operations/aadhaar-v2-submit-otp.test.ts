import { describe, expect, it } from 'vitest'
import { okycHashReference as expectedHash } from '../../../test/support/okyc-hash-reference.js'
import { bodyOf, surepassRequest } from '../../../test/support/sim-requests.js'
import { getLabelledSurepassPerson, type SurepassPerson } from '../../fixtures/index.js'
import { createSimulator, type SimResponse } from '../../index.js'

const newSim = () => createSimulator({ seed: 'okyc', config: { onContractViolation: 'throw' } })
type Sim = ReturnType<typeof newSim>
const happy = getLabelledSurepassPerson('happy') as SurepassPerson

async function otpSent(sim: Sim): Promise<{ client_id: string; otp: string }> {
  const res = await sim.handle(
    surepassRequest('aadhaarGenerateOtp', { id_number: happy.aadhaar_number }),
  )
  const clientId = (bodyOf(res).data as { client_id: string }).client_id
  return { client_id: clientId, otp: sim.otps({ ref: clientId })[0]!.otp }
}
const submit = (sim: Sim, body: Record<string, unknown>) =>
  sim.handle(surepassRequest('aadhaarSubmitOtp', body))
const codeOf = async (response: Promise<SimResponse>) =>
  (bodyOf(await response) as { message_code: unknown }).message_code
const wrong = (otp: string) => otp.replace(/\d/g, (d) => String((Number(d) + 1) % 10))

describe('surepass.aadhaarV2.submitOtp', () => {
  it("answers the person's offline e-KYC record, with honest hashes and a masked number", async () => {
    const sim = newSim()
    const sent = await otpSent(sim)
    const res = await submit(sim, { ...sent, mobile_number: happy.mobile_number })
    expect(res.status).toBe(200)
    const data = bodyOf(res).data as Record<string, unknown>
    expect(data).toMatchObject({
      client_id: sent.client_id,
      full_name: happy.full_name,
      dob: happy.dob,
      gender: happy.gender,
      zip: happy.pincode,
      aadhaar_number: `XXXXXXXX${happy.aadhaar_number.slice(-4)}`,
      care_of: happy.care_of,
      mobile_verified: true,
      aadhaar_pdf: null,
    })
    const shareCode = data.share_code as string
    expect(shareCode).toMatch(/^\d{4}$/)
    expect(data.mobile_hash).toBe(
      expectedHash(happy.mobile_number!, shareCode, happy.aadhaar_number),
    )
    expect(data.email_hash).toBe(expectedHash(happy.email, shareCode, happy.aadhaar_number))
    expect(data.reference_id).toMatch(new RegExp(`^${happy.aadhaar_number.slice(-4)}\\d{17}$`))
    expect((data.address as Record<string, string>).house).toBe(happy.okyc_address.house)
  })

  it('links the PDF when asked, and does not verify a mobile that is not the holder’s', async () => {
    const sim = newSim()
    const sent = await otpSent(sim)
    const data = bodyOf(
      await submit(sim, { ...sent, aadhaar_pdf_generate: true, mobile_number: '9000000001' }),
    ).data as Record<string, unknown>
    expect(data.aadhaar_pdf).toMatch(/^https:\/\/\S+\.pdf$/)
    expect(data.mobile_verified).toBe(false)
  })

  it('a wrong OTP is invalid_otp and leaves the right one usable; three lock it', async () => {
    const sim = newSim()
    const sent = await otpSent(sim)
    expect(await codeOf(submit(sim, { ...sent, otp: wrong(sent.otp) }))).toBe('invalid_otp')
    expect((await submit(sim, sent)).status).toBe(200)
    const other = newSim()
    const locked = await otpSent(other)
    for (let i = 0; i < 3; i++) await submit(other, { ...locked, otp: wrong(locked.otp) })
    expect(await codeOf(submit(other, locked))).toBe('otp_attempts_exceeded')
  })

  it('expires on the simulator clock, and is single use', async () => {
    const sim = newSim()
    const sent = await otpSent(sim)
    sim.clock.advance(sim.config.otp.aadhaar.ttlMs)
    expect(await codeOf(submit(sim, sent))).toBe('otp_expired')
    const again = newSim()
    const used = await otpSent(again)
    expect((await submit(again, used)).status).toBe(200)
    const res = await submit(again, used)
    expect(res.status).toBe(422)
    expect(bodyOf(res).message_code).toBe('verification_failed')
  })

  it('an unknown or superseded client_id is client_not_found (404)', async () => {
    const sim = newSim()
    const unknown = await submit(sim, {
      client_id: 'aadhaar_v2_AAAAAAAAAAAAAAAAAAAA',
      otp: '123456',
    })
    expect(unknown.status).toBe(404)
    const first = await otpSent(sim)
    sim.clock.advance(sim.config.otp.aadhaar.resendCooldownMs)
    await otpSent(sim)
    expect(await codeOf(submit(sim, first))).toBe('client_not_found')
  })
})
