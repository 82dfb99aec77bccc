import { validatorAt } from '../../../contracts/index.js'
import { defineOperation } from '../../pipeline/index.js'
import { FIELD_MESSAGE, invalidParams, requireInitiatorId } from '../eko-checks.js'
import { existingAgent, requestService } from '../eko-services.js'
import { ekoAgents } from '../eko-tables.js'

/**
 * Activate AePS Fingpay (v3): the multipart upload's `form-data` JSON part is read and checked
 * against the contract's fields schema (its fields named in `invalid_params`, as Eko keys them),
 * the documents were already checked by the request schema (JPEG/JPG/PDF under 1 MB). The service
 * is then PENDING Eko's review. Source: ekoindia/eps-platform api-specs.ts activate-aeps-fingpay.
 */
export const aepsFingpayActivate = defineOperation('eko.aepsFingpay.activate', {
  handle(call) {
    const { params, table, outcome } = call
    const fields = readFields(call.body['form-data'], call.operation.document.$id)
    if (fields.user_code !== params.user_code) throw invalidParams({ user_code: FIELD_MESSAGE })
    requireInitiatorId(call, fields.initiator_id as string)
    const agent = existingAgent(call, params.user_code as string)
    if (agent.aadhaar !== '' && agent.aadhaar !== fields.aadhar)
      throw invalidParams({ aadhar: FIELD_MESSAGE })
    requestService(call, agent, '43', 'service_already_exists')
    if (agent.aadhaar === '')
      table(ekoAgents).update(agent.user_code, { aadhaar: fields.aadhar as string })
    return outcome('success', {
      data: {
        service_status_desc: 'Activated',
        balance: '',
        user_code: agent.user_code,
        initiator_id: fields.initiator_id,
        service_status: '1',
        service_code: '43',
        remarks: '',
      },
    })
  },
})

/** The `form-data` part: JSON text (or an object), valid against the contract's `fields`. */
function readFields(part: unknown, documentId: string): Record<string, unknown> {
  let fields: unknown = part
  if (typeof part === 'string') {
    try {
      fields = JSON.parse(part)
    } catch {
      throw invalidParams({ 'form-data': FIELD_MESSAGE })
    }
  }
  const validate = validatorAt(`${documentId}#/$defs/fields`)
  if (validate(fields)) return fields as Record<string, unknown>
  const params: Record<string, string> = {}
  for (const error of validate.errors ?? []) {
    const field =
      error.instancePath.split('/')[1] ??
      (error.params as { missingProperty?: string; additionalProperty?: string }).missingProperty ??
      (error.params as { additionalProperty?: string }).additionalProperty ??
      'form-data'
    params[field] = FIELD_MESSAGE
  }
  throw invalidParams(params)
}
