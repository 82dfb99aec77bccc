import type { OtpVerifyFailure } from '../../core/index.js'
import { SimulatorError, defineOperation } from '../../pipeline/index.js'
import { ckycDownloads, ckycRegistry, ckycSearches } from '../surepass-tables.js'

/** How each OTP refusal reads on the download. */
const OTP_REFUSALS: Readonly<Record<OtpVerifyFailure, string>> = {
  mismatch: 'invalid_otp',
  expired: 'otp_expired',
  locked: 'otp_attempts_exceeded',
  used: 'already_downloaded',
  superseded: 'client_not_found',
  not_found: 'client_not_found',
}

/** CKYC v2 download: spends the OTP and answers the full record, once. */
export const ckycV2Download = defineOperation('surepass.ckycV2.download', {
  handle({ body, sim, table, outcome }) {
    const downloadId = body.client_id as string
    const downloads = table(ckycDownloads)
    const download = downloads.get(downloadId)
    if (!download) throw new SimulatorError('client_not_found')
    if (download.status === 'downloaded') throw new SimulatorError('already_downloaded')
    // Resolved before the OTP is checked, so a refusal never consumes the OTP.
    const label = table(ckycSearches).get(download.search_client_id)?.persona_label
    if (!label) throw new SimulatorError('client_not_found')
    const verdict = sim.otp.verify(downloadId, body.otp as string)
    if (!verdict.ok) throw new SimulatorError(OTP_REFUSALS[verdict.reason])
    downloads.update(downloadId, { status: 'downloaded' })
    const persona = ckycRegistry(sim.seed).byLabel(label)
    return outcome('success', {
      data: {
        client_id: downloadId,
        ckyc_search_client_id: download.search_client_id,
        id_number: persona.id_number,
        dob: null,
        ckyc_download_data: {
          personal_identifiable_data: persona.record.personal_identifiable_data,
        },
      },
    })
  },
})
