import { isValidAadhaar } from '../../fixtures/index.js'
import { SimulatorError, defineOperation } from '../../pipeline/index.js'
import { issueSurepassOtp } from '../surepass-otp.js'
import { surepassPeopleOf } from '../surepass-personas.js'
import { aadhaarSessions } from '../surepass-tables.js'

/**
 * Aadhaar OKYC generate OTP: "sends" an OTP to the mobile linked to the Aadhaar number (readable
 * in `GET /__sim/otps` under that mobile) and opens the session submit-otp completes. A number
 * failing the Verhoeff check or held by no person, and one with no linked mobile, answer 422 with
 * the partial `data` integrators see; a repeat within the cool-down answers 429.
 */
export const aadhaarV2GenerateOtp = defineOperation('surepass.aadhaarV2.generateOtp', {
  handle(call) {
    const { body, sim, table, outcome } = call
    const aadhaar = body.id_number as string
    const clientId = sim.ids.surepass('aadhaar_v2')
    const person = isValidAadhaar(aadhaar)
      ? surepassPeopleOf(sim, table).byAadhaar(aadhaar)
      : undefined
    const refused = { client_id: clientId, otp_sent: false, if_number: false }
    if (!person)
      throw new SimulatorError('invalid_aadhaar', {
        data: { ...refused, valid_aadhaar: false, status: 'invalid_aadhaar' },
      })
    if (person.mobile_number === null)
      throw new SimulatorError('mobile_not_linked', {
        data: { ...refused, valid_aadhaar: true, status: 'mobile_not_linked' },
      })
    issueSurepassOtp(call, {
      ref: clientId,
      phone: person.mobile_number,
      subject: `aadhaar:${aadhaar}`,
      policy: sim.config.otp.aadhaar,
    })
    table(aadhaarSessions).insert({
      client_id: clientId,
      aadhaar_number: aadhaar,
      status: 'otp_sent',
      created_at: sim.clock.now(),
    })
    return outcome('success', {
      data: {
        client_id: clientId,
        otp_sent: true,
        if_number: true,
        valid_aadhaar: true,
        status: 'generate_otp_success',
      },
    })
  },
})
