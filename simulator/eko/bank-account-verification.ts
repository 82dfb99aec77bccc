import { validatorAt } from '../../contracts/index.js'
import { findEkoBankAccount, type EkoBank } from '../fixtures/index.js'
import { SimulatorError, type OperationCall, type Outcome } from '../pipeline/index.js'
import { requireInitiator } from './eko-checks.js'
import { existingAgent } from './eko-services.js'

const CONTRACT = 'https://fintwin.dev/contracts/eko/bank-account-verify-ifsc.json'
/** The formats Eko answers its own codes for, from the contract (never a regex kept here). */
const isIfsc = validatorAt(`${CONTRACT}#/$defs/ifscFormat`)
const isAccountNumber = validatorAt(`${CONTRACT}#/$defs/accountFormat`)

/** Throws Eko's 136 unless `ifsc` is an IFSC. */
export function requireIfscFormat(ifsc: string): void {
  if (!isIfsc(ifsc)) throw new SimulatorError('invalid_ifsc_format')
}

const IST_OFFSET_MS = 330 * 60_000

/** `AVS` + the IST time to the millisecond, the form of Eko's sample `AVS20181123194719311`. */
function verificationRef(at: number): string {
  return `AVS${new Date(at + IST_OFFSET_MS).toISOString().replace(/\D/g, '').slice(0, 17)}`
}

/**
 * Bank account verification, whichever way the bank is named: the initiator, the agent, the bank
 * (`resolveBank` throws the code of its own path's failures and gives the `ifsc` to answer), the
 * account number's form (102), the bank's support for verification (1796), then the seeded
 * account (46 when the bank has no such account). The name comes from the seeded account;
 * "Unknown" with Eko's "did not share" message when the bank shares none.
 */
export function verifyBankAccount(
  call: OperationCall,
  resolveBank: (params: Readonly<Record<string, string>>) => { bank: EkoBank; ifsc: string },
): Outcome {
  const { operation, body, params, sim, outcome } = call
  requireInitiator(call)
  const agent = existingAgent(call, call.body.user_code as string)
  const { bank, ifsc } = resolveBank(params)
  const account = params.account ?? ''
  if (!isAccountNumber(account)) throw new SimulatorError('invalid_account_length')
  if (!bank.verification) throw new SimulatorError('bank_not_supported')
  const found = findEkoBankAccount(bank.bank_code, account)
  if (!found) throw new SimulatorError('account_invalid')
  const named = found.recipient_name !== null
  const c = operation.cases.get('success')
  const messages = (c?.schema.properties as { message?: { enum?: string[] } } | undefined)?.message
    ?.enum
  const message = messages?.[named ? 0 : 1]
  if (message === undefined) throw new Error('the 61 case lists no messages')
  return outcome('success', {
    message,
    data: {
      amount: '1.0',
      fee: '7.00',
      verification_failure_refund: '7.00',
      is_Ifsc_required: '0',
      tid: sim.ids.numeric(2_000_000_000, 4_000_000_000),
      client_ref_id:
        typeof body.client_ref_id === 'string'
          ? body.client_ref_id
          : verificationRef(sim.clock.now()),
      bank: bank.name,
      is_name_editable: named ? '0' : '1',
      user_code: agent.user_code,
      aadhar: '',
      recipient_name: found.recipient_name ?? 'Unknown',
      ifsc,
      account,
    },
  })
}
