import { SimulatorError, defineOperation } from '../../pipeline/index.js'
import { ckycDownloads, ckycRegistry, ckycSearches } from '../surepass-tables.js'

/**
 * CKYC v2 generate OTP: checks the mobile against the searched record and "sends" an OTP
 * (readable in `GET /__sim/otps`), opening the download it unlocks.
 */
export const ckycV2GenerateOtp = defineOperation('surepass.ckycV2.generateOtp', {
  handle({ body, sim, table, operation, outcome }) {
    const searchId = body.client_id as string
    const search = table(ckycSearches).get(searchId)
    if (!search || search.created_at + sim.config.surepass.searchTtlMs <= sim.clock.now())
      throw new SimulatorError('client_not_found')
    const persona = ckycRegistry(sim.seed).byLabel(search.persona_label)
    if (persona.mobile_number === null) throw new SimulatorError('mobile_does_not_exist_ckyc')
    if (body.mobile_number !== persona.mobile_number)
      throw new SimulatorError('mobile_number_not_matched')
    if (!persona.mobile_registered) throw new SimulatorError('mobile_not_registered')
    const downloadId = sim.ids.surepass('ckyc_download')
    const policy = sim.config.otp.surepass
    const issued = sim.otp.issue({
      provider: 'surepass',
      operation: operation.id,
      ref: downloadId,
      phone: persona.mobile_number,
      subject: searchId,
      policy,
    })
    if (!issued.ok) {
      const waitMs = issued.reason === 'cooldown' ? issued.retryAfterMs : policy.resendCooldownMs
      throw new SimulatorError('rate_limit_exceeded', {
        message: `Please wait ${Math.ceil(waitMs / 1000)} seconds before requesting another OTP.`,
      })
    }
    table(ckycDownloads).insert({
      client_id: downloadId,
      search_client_id: searchId,
      status: 'otp_sent',
      created_at: sim.clock.now(),
    })
    return outcome('success', { data: { client_id: downloadId, otp_sent: true } })
  },
})
