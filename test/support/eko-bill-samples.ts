/**
 * Eko's own sample requests for the v2 bill payment and bank verification calls (the
 * `@ekoindia/eko-sdk-node` README and tests), aimed at the simulator's seeded `electricity_due`
 * bill (operator 1, account 151627591, ₹50) and `verified` account — one copy for every suite.
 */
import { findBbpsOperator } from '../../simulator/fixtures/index.js'

/** The fields of fetch bill (and, with `amount`, pay bill), as Eko's SDK README sends them. */
export const SAMPLE_BILL = Object.freeze({
  operator_id: '1',
  user_code: '20810200',
  client_ref_id: '202105311125123456',
  utility_acc_no: '151627591',
  confirmation_mobile_no: '9999999999',
  sender_name: 'Kaushik',
  source_ip: '121.121.1.1',
  latlong: '77.06794760,77.06794760',
  hc_channel: 1 as const,
})

/** A bank account verification body as Eko's SDK sends it (form-encoded). */
export const SAMPLE_VERIFICATION_FORM =
  'initiator_id=9962981729&customer_id=6111111111&user_code=20810200'

/**
 * A seeded biller as `GET …/billpayments/operators` must list it: every field of the fixture but
 * `BBPS` and the parameters (those come from `GET …/operators/{operator_id}`). Written apart from
 * the simulator's own projection, so a list that leaks or drops a field fails.
 */
export function listedBiller(operatorId: number): Record<string, unknown> {
  const biller = findBbpsOperator(operatorId)
  if (!biller) throw new Error(`no seeded biller ${operatorId}`)
  const { BBPS: _bbps, parameters: _parameters, ...listed } = biller
  return listed
}
