import { defineOperation } from '../../pipeline/index.js'
import { panHolder, panIdentity } from '../pan-holder.js'

/** PAN with details v2: name, split name, date of birth, gender; status `valid` (the one documented). */
export const panWithDetailsV2 = defineOperation('surepass.pan.withDetailsV2', {
  handle(call) {
    const person = panHolder(call)
    return call.outcome('success', {
      data: {
        client_id: call.sim.ids.surepass('pan_with_details_v2'),
        ...panIdentity(person),
        status: 'valid',
      },
    })
  },
})
