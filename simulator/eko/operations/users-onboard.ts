import { SimulatorError, defineOperation } from '../../pipeline/index.js'
import { requireInitiator } from '../eko-checks.js'
import { ekoAgents } from '../eko-tables.js'

/**
 * Onboard User: creates an agent under the partner's initiator. Onboarded agents wait for AePS
 * activation (Eko: 2–3 business days of ops review), so their Send OTP answers 346 until then.
 */
export const usersOnboard = defineOperation('eko.users.onboard', {
  handle(call) {
    const { body, sim, table, outcome } = call
    requireInitiator(call)
    const agents = table(ekoAgents)
    const pan = (body.pan_number as string).toUpperCase()
    const mobile = body.mobile as string
    if (agents.findBy('pan_number', pan) || agents.findBy('customer_id', mobile))
      throw new SimulatorError('user_already_exists')
    const userCode = sim.ids.unique(
      () => sim.ids.numeric(20_000_000, 99_999_999),
      (id) => agents.get(id) !== undefined,
    )
    agents.insert({
      user_code: userCode,
      customer_id: mobile,
      aeps_status: 'not_activated',
      ekyc_status: 'pending',
      daily_kyc_at: null,
      aadhaar: '',
      pan_number: pan,
      label: null,
    })
    return outcome('success', { data: { user_code: userCode, initiator_id: body.initiator_id } })
  },
})
