import { describe, expect, it } from 'vitest'
import { bodyOf, surepassRequest } from '../../../test/support/sim-requests.js'
import { LABELLED_SUREPASS_PEOPLE, getLabelledSurepassPerson } from '../../fixtures/index.js'
import { createSimulator } from '../../index.js'

const sim = createSimulator({ seed: 'bank', config: { onContractViolation: 'throw' } })
const verify = async (body: object) => {
  const res = await sim.handle(surepassRequest('bankVerification', body))
  return { status: res.status, body: bodyOf(res) as Record<string, unknown> }
}

describe('surepass.bank.verification', () => {
  it('answers every labelled account with the data.status its fixture view promises', async () => {
    const seen = new Set<string>()
    for (const entry of LABELLED_SUREPASS_PEOPLE) {
      if (!entry.bank) continue
      const view = sim.fixtures().surepass.people.find((p) => p.label === entry.label)!.bank!
      const { status, body } = await verify({
        id_number: entry.bank.account_number,
        ifsc: entry.bank.ifsc,
      })
      const data = body.data as { status: string; account_exists: boolean }
      expect(data.status, entry.label).toBe(view.expected_status)
      expect(status, entry.label).toBe(data.status === 'success' ? 200 : 422)
      expect(data.account_exists, entry.label).toBe(data.status === 'success')
      seen.add(data.status)
    }
    expect(seen.size).toBe(8)
  })

  it('returns the name the bank holds: the PAN name, or the labelled variant', async () => {
    for (const label of ['happy', 'bank_name_misspelt', 'bank_name_initial'] as const) {
      const person = getLabelledSurepassPerson(label)
      if (!person.exists) throw new Error(label)
      const { body } = await verify({
        id_number: person.bank.account_number,
        ifsc: person.bank.ifsc,
      })
      expect((body.data as { full_name: string }).full_name, label).toBe(person.bank.holder_name)
    }
  })

  it('describes the branch only on ifsc_details: true, also on a failure at a known branch', async () => {
    const without = await verify({ id_number: '50100012345678', ifsc: 'HDFC0000240' })
    expect((without.body.data as { ifsc_details: unknown }).ifsc_details).toBeNull()
    const unknownAccount = await verify({
      id_number: '000123456789',
      ifsc: 'BARB0DAMOHA',
      ifsc_details: true,
    })
    expect(unknownAccount.body.data).toMatchObject({
      status: 'invalid_account',
      ifsc_details: { ifsc: 'BARB0DAMOHA', bank: 'Bank of Baroda', imps: true },
    })
  })
})
