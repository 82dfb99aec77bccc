import { maskAadhaar } from '../../fixtures/index.js'
import { defineOperation } from '../../pipeline/index.js'
import { panHolder, panIdentity } from '../pan-holder.js'

const EMPTY_ADDRESS = {
  line_1: '',
  line_2: '',
  street_name: '',
  zip: '',
  city: '',
  state: '',
  country: '',
  full: '',
} as const

/**
 * PAN comprehensive: the holder as the persona graph knows them. `masked_aadhaar` ends in the
 * person's Aadhaar digits when the PAN is linked and is null when it is not; the address is
 * filled only on `get_address: true` [INF].
 */
export const panComprehensive = defineOperation('surepass.pan.comprehensive', {
  handle(call) {
    const person = panHolder(call)
    return call.outcome('success', {
      data: {
        client_id: call.sim.ids.surepass('pan'),
        ...panIdentity(person),
        masked_aadhaar: person.pan_aadhaar_linked ? maskAadhaar(person.aadhaar_number) : null,
        address: call.body.get_address === true ? { ...person.pan_address } : EMPTY_ADDRESS,
        email: person.email,
        phone_number: person.mobile_number,
        input_dob: null,
        aadhaar_linked: person.pan_aadhaar_linked,
        dob_verified: false,
        dob_check: false,
        category: 'person',
        less_info: false,
      },
    })
  },
})
