import { SimulatorError, defineOperation } from '../../pipeline/index.js'
import { issueSurepassOtp } from '../surepass-otp.js'
import { customPersonas, personaByLabel } from '../surepass-personas.js'
import { ckycDownloads, ckycSearches } from '../surepass-tables.js'

/**
 * CKYC v2 generate OTP: checks the mobile against the searched record and "sends" an OTP
 * (readable in `GET /__sim/otps`), opening the download it unlocks.
 */
export const ckycV2GenerateOtp = defineOperation('surepass.ckycV2.generateOtp', {
  handle(call) {
    const { body, sim, table, outcome } = call
    const searchId = body.client_id as string
    const search = table(ckycSearches).get(searchId)
    if (!search || search.created_at + sim.config.surepass.searchTtlMs <= sim.clock.now())
      throw new SimulatorError('client_not_found')
    const persona = personaByLabel(sim, table(customPersonas), search.persona_label)
    if (persona.mobile_number === null) throw new SimulatorError('mobile_does_not_exist_ckyc')
    if (body.mobile_number !== persona.mobile_number)
      throw new SimulatorError('mobile_number_not_matched')
    if (!persona.mobile_registered) throw new SimulatorError('mobile_not_registered')
    const downloadId = sim.ids.surepass('ckyc_download')
    issueSurepassOtp(call, {
      ref: downloadId,
      phone: persona.mobile_number,
      subject: searchId,
      policy: sim.config.otp.surepass,
    })
    table(ckycDownloads).insert({
      client_id: downloadId,
      search_client_id: searchId,
      status: 'otp_sent',
      created_at: sim.clock.now(),
    })
    return outcome('success', { data: { client_id: downloadId, otp_sent: true } })
  },
})
