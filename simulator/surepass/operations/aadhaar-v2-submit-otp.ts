import type { SurepassAadhaarV2SubmitOtpSuccess } from '../../../contracts/types.generated.js'
import type { OtpVerifyFailure } from '../../core/index.js'
import { SAMPLE_JPEG_BASE64, maskAadhaar, type SurepassPerson } from '../../fixtures/index.js'
import { SimulatorError, defineOperation } from '../../pipeline/index.js'
import { okycHash, okycUniquenessId } from '../okyc-hash.js'
import { aadhaarSessions, surepassPeople } from '../surepass-tables.js'

/** How each OTP refusal reads on submit-otp. */
const OTP_REFUSALS: Readonly<Record<OtpVerifyFailure, string>> = {
  mismatch: 'invalid_otp',
  expired: 'otp_expired',
  locked: 'otp_attempts_exceeded',
  used: 'already_submitted',
  superseded: 'client_not_found',
  not_found: 'client_not_found',
}

/**
 * Aadhaar OKYC submit OTP: spends the OTP and answers the person's offline e-KYC record, once.
 * The session and the person are resolved before the OTP is checked, so a refusal never
 * consumes it.
 */
export const aadhaarV2SubmitOtp = defineOperation('surepass.aadhaarV2.submitOtp', {
  async handle({ body, sim, table, outcome }) {
    const clientId = body.client_id as string
    const sessions = table(aadhaarSessions)
    const session = sessions.get(clientId)
    if (!session) throw new SimulatorError('client_not_found')
    if (session.status === 'submitted') throw new SimulatorError('already_submitted')
    const person = surepassPeople(sim.seed).byAadhaar(session.aadhaar_number)
    if (!person) throw new SimulatorError('client_not_found')
    const verdict = sim.otp.verify(clientId, body.otp as string)
    if (!verdict.ok) throw new SimulatorError(OTP_REFUSALS[verdict.reason])
    sessions.update(clientId, { status: 'submitted' })
    const data = await okycRecord({
      person,
      clientId,
      shareCode: sim.ids.digits(4),
      at: sim.clock.now(),
      pdf: body.aadhaar_pdf_generate === true,
      mobileNumber: body.mobile_number as string | undefined,
    })
    return outcome('success', { data })
  },
})

/** The `data` of an Aadhaar v2 submit-otp success. */
type OkycRecord = SurepassAadhaarV2SubmitOtpSuccess['data']

/** Where the simulator's (unserved) document links point: the host real records use. */
const DOCS_BASE = 'https://aadhaar-kyc-docs.s3.amazonaws.com/fintwin-sandbox/aadhaar_xml'

const IST_OFFSET_MS = 330 * 60_000

/** `YYYYMMDDHHMMSSmmm` of an instant in India Standard Time. */
function istDigits(at: number): string {
  return new Date(at + IST_OFFSET_MS).toISOString().replace(/\D/g, '')
}

/**
 * The offline e-KYC record of a person: the Aadhaar number masked, the hashes computed from the
 * person's own mobile and e-mail with the share code, the reference id built from the Aadhaar's
 * last four digits and the generation time, as real records are; `mobile_verified` says whether
 * a `mobile_number` sent along is the holder's.
 */
async function okycRecord(input: {
  person: SurepassPerson
  clientId: string
  shareCode: string
  at: number
  pdf: boolean
  mobileNumber: string | undefined
}): Promise<OkycRecord> {
  const { person, clientId, shareCode } = input
  const aadhaar = person.aadhaar_number
  const last4 = aadhaar.slice(-4)
  const link = (name: string) => `${DOCS_BASE}/${last4}/${clientId}/${name}`
  return {
    client_id: clientId,
    full_name: person.full_name,
    aadhaar_number: maskAadhaar(aadhaar),
    dob: person.dob,
    gender: person.gender,
    address: { ...person.okyc_address },
    face_status: false,
    face_score: -1,
    zip: person.pincode,
    profile_image: SAMPLE_JPEG_BASE64,
    has_image: true,
    email_hash: person.email ? await okycHash(person.email, shareCode, aadhaar) : '',
    mobile_hash: await okycHash(person.mobile_number ?? '', shareCode, aadhaar),
    raw_xml: link('offline-kyc.xml'),
    zip_data: link('offline-kyc.zip'),
    care_of: person.care_of,
    share_code: shareCode,
    mobile_verified:
      input.mobileNumber !== undefined && input.mobileNumber === person.mobile_number,
    reference_id: `${last4}${istDigits(input.at)}`,
    aadhaar_pdf: input.pdf ? link('e-aadhaar.pdf') : null,
    status: 'success',
    uniqueness_id: await okycUniquenessId(aadhaar),
  }
}
