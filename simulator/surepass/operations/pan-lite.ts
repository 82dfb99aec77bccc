import { defineOperation } from '../../pipeline/index.js'
import { panHolder } from '../pan-holder.js'

/** PAN lite: the name on the PAN, from the persona graph. */
export const panLite = defineOperation('surepass.pan.lite', {
  handle(call) {
    const person = panHolder(call)
    return call.outcome('success', {
      data: {
        pan_number: person.pan,
        full_name: person.full_name,
        client_id: call.sim.ids.surepass('pan'),
        category: 'person',
      },
    })
  },
})
