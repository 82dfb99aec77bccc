import { SimulatorError, type RequestCall } from '../pipeline/index.js'
import {
  EKO_SERVICE_CODES,
  ekoAgentServices,
  serviceKey,
  type EkoServiceRow,
} from './eko-aeps-tables.js'
import { requireQueryInitiator } from './eko-initiator.js'
import { ekoAgents, type EkoAgentRow } from './eko-tables.js'
import { addIstBusinessDays } from './ist-calendar.js'

/**
 * Agent services: requesting one (PAN and BBPS are activated at once; AePS Fingpay and Fino go
 * to Eko's review for `config.eko.aepsReviewBusinessDays` business days), completing a review
 * whose time has come on the simulator clock, and the status list. AePS Fingpay (43) mirrors
 * into the agent's `aeps_status`, which every AePS operation checks.
 */

/** Services that wait for Eko's review before they are ACTIVATED. */
const REVIEWED: ReadonlySet<string> = new Set(['43', '52'])

const STATUS_DESC = { 0: 'DEACTIVATED', 1: 'ACTIVATED', 2: 'PENDING' } as const

/** Activates the agent's reviewed services whose review is over; returns the agent as it is now. */
export function completeReviews(call: RequestCall, agent: EkoAgentRow): EkoAgentRow {
  const services = call.table(ekoAgentServices)
  const now = call.sim.clock.now()
  let current = agent
  for (const code of REVIEWED) {
    const row = services.get(serviceKey(agent.user_code, code))
    if (row?.status !== 2 || row.active_at === null || row.active_at > now) continue
    services.update(row.key, { status: 1, verification_status: 1, updated_at: row.active_at })
    if (code === '43')
      current = call.table(ekoAgents).update(agent.user_code, { aeps_status: 'active' }) ?? current
  }
  return current
}

/** The agent behind `user_code` (reviews completed), or Eko's 1297 "This user does not exist". */
export function existingAgent(call: RequestCall, userCode: string): EkoAgentRow {
  const agent = call.table(ekoAgents).get(userCode)
  if (!agent) throw new SimulatorError('user_not_found')
  return completeReviews(call, agent)
}

/**
 * Get User's Services for `userCode` (v3 takes it from the query, v1 from its path): the
 * initiator checked, reviews that are over completed, the list in service-code order.
 */
export function servicesOutcome(call: RequestCall, userCode: string) {
  const initiator = requireQueryInitiator(call)
  existingAgent(call, userCode)
  return call.outcome('success', {
    data: {
      user_code: userCode,
      initiator_id: initiator,
      service_status_list: serviceStatusList(call, userCode),
    },
  })
}

/** The agent's service status list, in service-code order. */
function serviceStatusList(call: RequestCall, userCode: string) {
  const services = call.table(ekoAgentServices)
  return EKO_SERVICE_CODES.flatMap((code) => {
    const row = services.get(serviceKey(userCode, code))
    return row ? [statusEntry(row)] : []
  })
}

function statusEntry(row: EkoServiceRow) {
  return {
    service_code: row.service_code,
    status: row.status,
    status_desc: STATUS_DESC[row.status],
    verification_status: row.verification_status,
    comments: row.comments,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    city: null,
    user_name: null,
    mobile: null,
    service_provider: null,
    user_code: null,
    state: null,
  }
}

/** Whether the agent has the service ACTIVATED now. */
export function hasActiveService(call: RequestCall, userCode: string, code: string): boolean {
  return call.table(ekoAgentServices).get(serviceKey(userCode, code))?.status === 1
}

/**
 * Requests a service for the agent: refused with `alreadyCase` when it is activated or pending;
 * else activated now, or pending review (AePS), the agent's `aeps_status` following code 43.
 */
export function requestService(
  call: RequestCall,
  agent: EkoAgentRow,
  code: string,
  alreadyCase: string,
): EkoServiceRow {
  const services = call.table(ekoAgentServices)
  const key = serviceKey(agent.user_code, code)
  const existing = services.get(key)
  if (existing && existing.status !== 0) throw new SimulatorError(alreadyCase)
  const now = call.sim.clock.now()
  const reviewed = REVIEWED.has(code)
  const row: EkoServiceRow = {
    key,
    user_code: agent.user_code,
    service_code: code,
    status: reviewed ? 2 : 1,
    verification_status: reviewed ? 3 : 0,
    comments: '',
    created_at: now,
    updated_at: now,
    active_at: reviewed
      ? addIstBusinessDays(now, call.sim.config.eko.aepsReviewBusinessDays)
      : null,
  }
  if (existing) services.delete(key)
  services.insert(row)
  if (code === '43') call.table(ekoAgents).update(agent.user_code, { aeps_status: 'pending' })
  return row
}
