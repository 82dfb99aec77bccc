import { branchByIfsc, expectedBankStatus } from '../../fixtures/index.js'
import { SimulatorError, defineOperation } from '../../pipeline/index.js'
import { surepassPeople } from '../surepass-tables.js'

/** The `remarks` a case's example carries (wording lives in the contract, not here). */
function remarksOf(body: unknown): string {
  const data = (body as { data?: { remarks?: unknown } }).data
  return typeof data?.remarks === 'string' ? data.remarks : ''
}

/**
 * Bank verification (penny drop): the branch comes from the IFSC table, the account and the
 * name the bank holds from the persona graph. Every documented `data.status` is its own case:
 * an unknown IFSC, a branch without IMPS, an unknown account, or the account's own status.
 */
export const bankVerification = defineOperation('surepass.bank.verification', {
  handle({ body, sim, outcome }) {
    const ifsc = body.ifsc as string
    const account = body.id_number as string
    const people = surepassPeople(sim.seed)
    const status = expectedBankStatus(people, ifsc, account)
    const branch = branchByIfsc(ifsc)
    const ifscDetails = body.ifsc_details === true && branch ? { ...branch } : null
    const clientId = sim.ids.surepass('bank_verification')
    const person = people.byAccount(ifsc, account)
    if (status !== 'success' || !person)
      throw new SimulatorError(status, {
        data: {
          client_id: clientId,
          account_exists: false,
          upi_id: null,
          full_name: null,
          imps_ref_no: null,
          remarks: remarksOf(outcome(status).body),
          status,
          ifsc_details: ifscDetails,
        },
      })
    return outcome('success', {
      data: {
        client_id: clientId,
        account_number: person.bank.account_number,
        account_exists: true,
        upi_id: person.bank.upi_id,
        full_name: person.bank.holder_name,
        imps_ref_no: sim.ids.digits(12),
        remarks: remarksOf(outcome('success').body),
        status: 'success',
        ifsc_details: ifscDetails,
      },
    })
  },
})
