import { describe, expect, it } from 'vitest'
import { decryptAadhaar } from './aadhaar-cipher.js'
import { aepsTransactionBody, aepsDailyKycBody } from './aeps-sample-bodies.js'
import { SAMPLE_PID_XML_OK } from './pid-data.js'

const AGENT = {
  initiator_id: '9962981729',
  user_code: '20810200',
  customer_id: '9876543210',
  aadhaar: '234567890123',
  latlong: '28.6139,77.2090',
}
const CUSTOMER = { customer_id: '9812345670', bank_code: 'SBIN', aadhaar: '345678901234' }

describe('AePS sample bodies', () => {
  it("a transaction carries the agent's ids and place, the customer's bank and encrypted Aadhaar, and the extras", () => {
    const body = aepsTransactionBody(AGENT, CUSTOMER, { amount: 500 })
    expect(body).toEqual({
      initiator_id: '9962981729',
      user_code: '20810200',
      customer_id: '9812345670',
      bank_code: 'SBIN',
      aadhar: expect.any(String),
      latlong: '28.6139,77.2090',
      piddata: SAMPLE_PID_XML_OK,
      amount: 500,
    })
    expect(decryptAadhaar(body.aadhar as string)).toEqual({ ok: true, aadhaar: '345678901234' })
  })

  it("Daily KYC carries the agent's own mobile and encrypted Aadhaar at the given bank", () => {
    const body = aepsDailyKycBody('9962981729', AGENT, 'HDFC')
    expect(body).toEqual({
      initiator_id: '9962981729',
      user_code: '20810200',
      customer_id: '9876543210',
      aadhar: expect.any(String),
      latlong: '28.6139,77.2090',
      piddata: SAMPLE_PID_XML_OK,
      bank_code: 'HDFC',
    })
    expect(decryptAadhaar(body.aadhar as string)).toEqual({ ok: true, aadhaar: '234567890123' })
  })
})
