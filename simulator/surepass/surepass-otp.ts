import type { OtpIssueRequest } from '../core/index.js'
import { SimulatorError, type OperationCall } from '../pipeline/index.js'

/**
 * Issues a Surepass OTP for the calling operation ("sent" to `phone`, readable in
 * `GET /__sim/otps`); a repeat within the cool-down is Surepass's 429 `rate_limit_exceeded`,
 * its message naming the seconds to wait. One rule for every Surepass operation that sends an
 * OTP (CKYC v2 download, Aadhaar OKYC).
 */
export function issueSurepassOtp(
  { sim, operation }: OperationCall,
  request: Pick<OtpIssueRequest, 'ref' | 'phone' | 'subject' | 'policy'>,
): void {
  const issued = sim.otp.issue({ provider: 'surepass', operation: operation.id, ...request })
  if (!issued.ok)
    throw new SimulatorError('rate_limit_exceeded').withMessage('retry_after', {
      seconds: Math.ceil(issued.retryAfterMs / 1000),
    })
}
