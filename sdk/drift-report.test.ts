import { describe, expect, it } from 'vitest'
import { validateResponse } from '../contracts/index.js'
import type { ContractDriftReport } from './contract-check.js'
import { driftLines, formatDriftReport } from './drift-report.js'

/** A report built the way the clients build it: the real validator on a drifted live body. */
function report(
  operation: string,
  method: string,
  url: string,
  status: number,
  body: unknown,
): ContractDriftReport {
  return {
    operation,
    method,
    url,
    status,
    body,
    violations: validateResponse(operation, { status, body }),
  }
}

const GENERATE_OTP = 'https://sandbox.surepass.io/api/v1/ckyc-v2/generate-otp'

describe('driftLines', () => {
  it('names field, expected, got and the provenance (the field’s own tag before its case’s)', () => {
    // Live said a different message for a code whose text the contract inferred.
    const r = report('surepass.ckycV2.generateOtp', 'POST', GENERATE_OTP, 422, {
      data: null,
      status_code: 422,
      success: false,
      message: 'Mobile number is not registered with CKYC',
      message_code: 'mobile_not_registered',
    })
    expect(driftLines(r)).toEqual([
      {
        field: '/body/message',
        expected: '"Mobile Number not registered."',
        got: '"Mobile number is not registered with CKYC"',
        case: 'mobile_not_registered',
        provenance: 'INF',
      },
    ])
  })

  it('reports missing and unexpected fields by name', () => {
    const r = report(
      'eko.aepsKyc.sendOtp',
      'POST',
      'https://staging.eko.in/ekoapi/v3/user/collection/aeps-fingpay/kyc/otp',
      200,
      {
        status: 0,
        message: 'OTP request has been sent',
        response_status_id: 0,
        response_type_id: 1600,
        data: { reference_tid: 'EKYKF1', otp_ref_id: '1', mobile_hint: 'XXXXXX1234' },
      },
    )
    const lines = driftLines(r)
    expect(lines).toContainEqual({
      field: '/body/data/mobile_hint',
      expected: '(absent: not in contract)',
      got: '"XXXXXX1234"',
      case: 'success',
      provenance: 'EKO-REPO',
    })

    const missing = driftLines(
      report(
        'surepass.ckyc.search',
        'POST',
        'https://sandbox.surepass.io/api/v1/ckyc/search',
        422,
        { data: null, status_code: 422, success: false, message: 'No record found' },
      ),
    )
    expect(missing).toContainEqual({
      field: '/body/message_code',
      expected: 'present',
      got: '(missing)',
      case: 'verification_failed',
      provenance: 'INF',
    })
  })

  it('reports an undocumented HTTP status', () => {
    const lines = driftLines(
      report(
        'eko.aepsKyc.sendOtp',
        'POST',
        'https://staging.eko.in/ekoapi/v3/user/collection/aeps-fingpay/kyc/otp',
        402,
        { message: 'Authentication parameters missing' },
      ),
    )
    expect(lines).toEqual([
      {
        field: '/status',
        expected: 'a documented HTTP status',
        got: 'HTTP 402',
        case: undefined,
        provenance: undefined,
      },
    ])
  })
})

describe('formatDriftReport', () => {
  it('prints one aligned block per response', () => {
    const r = report('surepass.ckycV2.generateOtp', 'POST', GENERATE_OTP, 422, {
      data: null,
      status_code: 422,
      success: false,
      message: 'Mobile number is not registered with CKYC',
      message_code: 'mobile_not_registered',
    })
    expect(formatDriftReport([r], { checked: 7, title: 'Live drift' })).toBe(
      [
        'Live drift: 1 of 7 response(s) differ from the contracts',
        '',
        `POST ${GENERATE_OTP} → HTTP 422  [surepass.ckycV2.generateOtp, closest case mobile_not_registered]`,
        '  field          expected                         got                                          provenance',
        '  /body/message  "Mobile Number not registered."  "Mobile number is not registered with CKYC"  INF',
      ].join('\n'),
    )
  })

  it('says so when nothing drifted', () => {
    expect(formatDriftReport([], { checked: 12 })).toBe(
      'Contract drift report: no drift — all 12 checked response(s) matched the contracts.',
    )
  })

  it('truncates long values', () => {
    const r = report('surepass.ckycV2.generateOtp', 'POST', GENERATE_OTP, 422, {
      data: null,
      status_code: 422,
      success: false,
      message: 'x'.repeat(200),
      message_code: 'mobile_not_registered',
    })
    const [line] = driftLines(r)
    expect(line!.got.length).toBe(60)
    expect(line!.got.endsWith('…')).toBe(true)
  })
})
