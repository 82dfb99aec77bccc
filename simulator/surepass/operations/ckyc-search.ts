import type { CkycDocumentType } from '../../fixtures/index.js'
import { SimulatorError, defineOperation } from '../../pipeline/index.js'
import { ckycRegistry, ckycSearches } from '../surepass-tables.js'

/** CKYC search: finds the record behind a document id and opens a search the OTP flow carries on. */
export const ckycSearch = defineOperation('surepass.ckyc.search', {
  handle({ body, sim, table, outcome }) {
    const idNumber = body.id_number as string
    const persona = ckycRegistry(sim.seed).find(body.document_type as CkycDocumentType, idNumber)
    if (!persona) throw new SimulatorError('verification_failed')
    const clientId = sim.ids.surepass('ckyc')
    table(ckycSearches).insert({
      client_id: clientId,
      persona_label: persona.label,
      created_at: sim.clock.now(),
    })
    return outcome('success', {
      data: {
        client_id: clientId,
        id_number: idNumber,
        ckyc_search_data: persona.record.ckyc_search_data,
      },
    })
  },
})
