import { describe, expect, it } from 'vitest'
import { bodyOf, surepassRequest } from '../../../test/support/sim-requests.js'
import {
  LABELLED_CKYC_PERSONAS,
  getLabelledSurepassPerson,
  type SurepassPerson,
} from '../../fixtures/index.js'
import { createSimulator } from '../../index.js'

const sim = createSimulator({ seed: 'pan', config: { onContractViolation: 'throw' } })
const person = (label: 'happy' | 'pan_not_linked') =>
  getLabelledSurepassPerson(label) as SurepassPerson
const ask = async (step: 'panLite' | 'panComprehensive' | 'panWithDetailsV2', body: object) => {
  const res = await sim.handle(surepassRequest(step, body))
  return { status: res.status, body: bodyOf(res) as Record<string, unknown> }
}

describe('the PAN operations, over one persona graph', () => {
  it('PAN lite names the holder, with no message_code in its envelope', async () => {
    const happy = person('happy')
    const { status, body } = await ask('panLite', { id_number: happy.pan.toLowerCase() })
    expect(status).toBe(200)
    expect(body).not.toHaveProperty('message_code')
    expect(body.data).toMatchObject({ pan_number: happy.pan, full_name: happy.full_name })
  })

  it('PAN comprehensive agrees with the CKYC record and masks the Aadhaar to its last digits', async () => {
    const happy = person('happy')
    const { body } = await ask('panComprehensive', { id_number: happy.pan, get_address: true })
    const data = body.data as Record<string, unknown>
    const ckyc = LABELLED_CKYC_PERSONAS.find((p) => p.label === happy.ckyc_label)!
    const details = ckyc.record!.personal_identifiable_data.personal_details
    expect(data).toMatchObject({
      full_name: `${details.first_name} ${details.last_name}`,
      dob: details.dob,
      gender: details.gender?.[0],
      aadhaar_linked: true,
      masked_aadhaar: `XXXXXXXX${happy.aadhaar_number.slice(-4)}`,
    })
    expect(data.address).toMatchObject({ line_1: details.perm_line1, zip: details.perm_pin })
  })

  it('leaves the address empty without get_address, and says when the PAN is not linked', async () => {
    const { body } = await ask('panComprehensive', { id_number: person('pan_not_linked').pan })
    const data = body.data as { address: Record<string, string>; masked_aadhaar: unknown }
    expect(Object.values(data.address).every((v) => v === '')).toBe(true)
    expect(data).toMatchObject({ aadhaar_linked: false, masked_aadhaar: null })
  })

  it('PAN with details v2 reports status valid, and 422 with message_code null otherwise', async () => {
    const ok = await ask('panWithDetailsV2', { id_number: person('happy').pan })
    expect((ok.body.data as { status: string }).status).toBe('valid')
    const bad = await ask('panWithDetailsV2', { id_number: 'ZZZPZ9999Z' })
    expect(bad).toMatchObject({ status: 422, body: { message: 'Invalid PAN', message_code: null } })
  })

  it('answers a malformed PAN as Invalid PAN (422), not a 400', async () => {
    for (const step of ['panLite', 'panComprehensive', 'panWithDetailsV2'] as const) {
      const { status, body } = await ask(step, { id_number: 'EKRPR1234' })
      expect(status, step).toBe(422)
      expect(body.message, step).toBe('Invalid PAN')
    }
  })
})
