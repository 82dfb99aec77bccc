import type { OtpPolicy } from '../core/index.js'
import { SimulatorError, type OperationCall } from '../pipeline/index.js'

/**
 * "Sends" a Surepass OTP through the simulator's OTP engine (it lands in the QA inbox under
 * `phone`), or throws `rate_limit_exceeded` when the subject is inside its resend cool-down,
 * with the wait in whole seconds in the message.
 */
export function sendOtpOrRateLimit(
  { sim, operation }: OperationCall,
  request: { ref: string; phone: string; subject: string; policy: OtpPolicy },
  waitMessage: (seconds: number) => string,
): void {
  const issued = sim.otp.issue({ provider: 'surepass', operation: operation.id, ...request })
  if (issued.ok) return
  const waitMs =
    issued.reason === 'cooldown' ? issued.retryAfterMs : request.policy.resendCooldownMs
  throw new SimulatorError('rate_limit_exceeded', {
    message: waitMessage(Math.ceil(waitMs / 1000)),
  })
}
