import { TestDataError, type TestDataKind } from '../pipeline/index.js'
import type { EkoAgentFixtureView } from '../fixtures/index.js'
import { ekoAgents, ekoFixtureAgents, readAgent, type EkoAgentRow } from './eko-tables.js'

/** `POST /__sim/agents`: checked against the schema, then refused if it clashes with an agent. */
export const agentTestData: TestDataKind = {
  add(document, { sim, table }) {
    const agents = table(ekoAgents)
    const row = readAgent(document, () =>
      sim.ids.unique(
        () => sim.ids.numeric(20_000_000, 99_999_999),
        (code) => agents.get(code) !== undefined,
      ),
    )
    const fields = []
    if (agents.get(row.user_code))
      fields.push({ path: '/user_code', message: `agent ${row.user_code} exists already` })
    if (agents.findBy('pan_number', row.pan_number))
      fields.push({ path: '/pan_number', message: 'an agent with this PAN exists already' })
    if (agents.findBy('customer_id', row.customer_id))
      fields.push({ path: '/customer_id', message: 'an agent with this mobile exists already' })
    if (agents.values().some((a) => a.label === row.label))
      fields.push({ path: '/label', message: `"${row.label}" is taken; labels are unique` })
    if (fields.length > 0) throw new TestDataError(fields)
    return customAgentView(agents.insert(row))
  },
}

/** Whether an agents row is one of yours (labelled, and not a fixture agent of `seed`). */
export function isTestAgent(row: EkoAgentRow, seed: string): boolean {
  return row.label !== null && !ekoFixtureAgents(seed).some((a) => a.label === row.label)
}

/** Your agent as `/__sim/fixtures` lists it, with what it triggers. */
export function customAgentView(row: EkoAgentRow): EkoAgentFixtureView & { custom: true } {
  const note =
    row.aeps_status !== 'active'
      ? 'Your agent: AePS not active, so Send OTP answers agent_not_allowed (346).'
      : row.ekyc_status === 'done'
        ? 'Your agent: eKYC done, so Daily KYC succeeds.'
        : 'Your agent: eKYC pending: Send OTP → Verify OTP → Biometric, then Daily KYC.'
  return {
    label: row.label as string,
    user_code: row.user_code,
    customer_id: row.customer_id,
    aadhaar: row.aadhaar,
    pan_number: row.pan_number,
    first_name: '',
    last_name: '',
    shop_name: '',
    aeps_status: row.aeps_status as EkoAgentFixtureView['aeps_status'],
    ekyc_done: row.ekyc_status === 'done',
    latlong: '28.6139,77.2090',
    note,
    custom: true,
  }
}
