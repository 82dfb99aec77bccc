/**
 * How QA reaches each error case by VALUE — a labelled fixture or a magic value, like Stripe's
 * test cards — keyed by operation and case id. Every contract case must have an entry: the
 * reachability suite walks the contracts and fails on a case missing here, and
 * `docs/error-cases.md` is generated from this table and the contracts.
 *
 * (The two other ways, a scenario rule and the `x-fintwin-scenario` header, work for every case
 * by construction.)
 */
export const TRIGGERS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'surepass.ckyc.search': {
    unauthorized: "Send the fixtures' `expired_token`, or no `Authorization` header.",
    invalid_input: 'Send `document_type: "PAN"` with `id_number: "ABCDE12345"` (not a PAN).',
    verification_failed: 'Search the `not_found` fixture (`PAN` `ZZZPZ9999Z`).',
  },
  'surepass.ckycV2.generateOtp': {
    unauthorized: "Send the fixtures' `expired_token`.",
    invalid_input: 'Send a 9-digit `mobile_number`.',
    mobile_number_not_matched:
      'Search `happy`, then send any mobile other than its `mobile_number`.',
    mobile_does_not_exist_ckyc:
      'Search the `no_mobile` fixture, then generate an OTP with any mobile.',
    mobile_not_registered: 'Search `mobile_unregistered`, then send its own `mobile_number`.',
    client_not_found:
      'Send a `client_id` the simulator never issued, e.g. `ckyc_AAAAAAAAAAAAAAAAAAAA`.',
    rate_limit_exceeded: 'Call generate-otp twice for the same search within 90 s.',
  },
  'surepass.ckycV2.download': {
    unauthorized: "Send the fixtures' `expired_token`.",
    invalid_input: 'Send a 5-digit `otp`.',
    invalid_otp: 'Send any OTP other than the one in `GET /__sim/otps?ref=<client_id>`.',
    otp_expired:
      'Advance the clock 10 minutes (`POST /__sim/clock {"advance_ms":600000}`) before downloading, or apply preset `ckyc-otp-expired`.',
    otp_attempts_exceeded:
      'Send 3 wrong OTPs, then any OTP; or apply preset `ckyc-attempts-exhausted`.',
    client_not_found:
      'Send a `client_id` the simulator never issued, e.g. `ckyc_download_AAAAAAAAAAAAAAAAAAAA`.',
    already_downloaded: 'Download the same `client_id` twice with the right OTP.',
  },
  'eko.users.onboard': {
    auth_failed:
      'Sign with a wrong access key, or send a 10-digit (seconds) `secret-key-timestamp`.',
    invalid_params: 'Leave out `first_name`.',
    invalid_initiator: 'Send `initiator_id: "9000000000"` (not the fixtures\' initiator).',
    user_already_exists:
      'Onboard with the `pan_number` or `mobile` of a fixture agent (e.g. `ekyc_pending`).',
  },
  'eko.aepsKyc.sendOtp': {
    auth_failed: 'Sign with a wrong access key.',
    invalid_params: 'Send the plain 12-digit Aadhaar instead of its RSA ciphertext.',
    invalid_initiator: 'Send `initiator_id: "9000000000"`.',
    agent_not_allowed: 'Use the `not_activated` agent.',
  },
  'eko.aepsKyc.verifyOtp': {
    auth_failed: 'Sign with a wrong access key.',
    invalid_params: 'Send a 5-digit `otp`.',
    invalid_initiator: 'Send `initiator_id: "9000000000"`.',
    agent_not_allowed: 'Use the `not_activated` agent.',
    otp_invalid_or_expired:
      'Send any OTP other than the one in `GET /__sim/otps?ref=<otp_ref_id>`, or advance the clock 10 minutes first.',
  },
  'eko.aepsKyc.biometric': {
    auth_failed: 'Sign with a wrong access key.',
    invalid_params: 'Send a `piddata` that is not PID XML, e.g. `"hello"`.',
    invalid_initiator: 'Send `initiator_id: "9000000000"`.',
    agent_not_allowed: 'Use the `not_activated` agent.',
    otp_not_verified:
      'Skip Verify OTP: send the `otp_ref_id` / `reference_tid` that Send OTP returned.',
    invalid_biometric:
      "Send a PID whose `<Resp errCode>` is not 0 (the fixtures' `pid_bad_finger`).",
  },
  'eko.aepsKyc.dailyKyc': {
    auth_failed: 'Sign with a wrong access key.',
    invalid_params: 'Add a parameter Daily KYC does not take, e.g. `client_ref_id`.',
    invalid_initiator: 'Send `initiator_id: "9000000000"`.',
    agent_not_allowed: 'Use the `not_activated` agent.',
    ekyc_not_done: 'Use the `ekyc_pending` agent (one-time eKYC not done).',
    invalid_biometric:
      'Use the `ekyc_done` agent with a PID whose `<Resp errCode>` is not 0 (`pid_bad_finger`).',
  },
  'eko.bbps.operators': {
    auth_failed: 'Sign with a wrong access key.',
    invalid_params: 'Add a query parameter the list does not take, e.g. `?page=1`.',
    invalid_initiator: 'Send `?initiator_id=9000000000`.',
  },
  'eko.bbps.operatorCategories': {
    auth_failed: 'Sign with a wrong access key.',
    invalid_params: 'Add a query parameter the list does not take, e.g. `?page=1`.',
    invalid_initiator: 'Send `?initiator_id=9000000000`.',
  },
  'eko.bbps.operatorLocations': {
    auth_failed: 'Sign with a wrong access key.',
    invalid_params: 'Add a query parameter the list does not take, e.g. `?page=1`.',
    invalid_initiator: 'Send `?initiator_id=9000000000`.',
  },
  'eko.bbps.operatorParameters': {
    auth_failed: 'Sign with a wrong access key.',
    invalid_params: 'Ask for an operator no biller has, e.g. `/billpayments/operators/777`.',
    invalid_initiator: 'Send `?initiator_id=9000000000`.',
  },
  'eko.bbps.fetchBill': {
    auth_failed: 'Sign with a wrong access key.',
    invalid_params:
      "Send a `utility_acc_no` that fails the biller's regex, e.g. `151627591` to operator 51.",
    invalid_initiator: 'Send `?initiator_id=9000000000`.',
    user_not_found: 'Send `user_code: "99999999"` (no such agent).',
    bill_fetch_failed:
      'Fetch the `already_paid` bill (operator 1, `151627599`), or any account operator 1 has no bill for.',
  },
  'eko.bbps.payBill': {
    auth_failed:
      'Leave out `request_hash`, or key it with the developer key (as Eko’s Node SDK does).',
    invalid_params: 'Send `amount: "50.001"`.',
    invalid_initiator: 'Send `?initiator_id=9000000000`.',
    user_not_found: 'Send `user_code: "99999999"` (no such agent).',
    bill_fetch_failed: 'Pay operator 1 for an account it has no bill for, e.g. `151627000`.',
    amount_mismatch:
      'Pay the `electricity_due` bill any amount but 50 — or pay it twice: a paid bill is due 0.',
    insufficient_balance:
      'Pay the `exceeds_wallet` bill (₹7,50,000.00, operator 159, `ACTBLR0042`).',
  },
  'eko.bankAccount.verifyByIfsc': {
    auth_failed: 'Sign with a wrong access key.',
    invalid_params: 'Leave out `customer_id`.',
    invalid_initiator: 'Send `initiator_id: "9000000000"`.',
    user_not_found: 'Send `user_code: "99999999"` (no such agent).',
    invalid_ifsc_format: 'Verify at `ifsc:KKBK000026` (10 characters).',
    ifsc_not_found: 'Verify at `ifsc:ABCD0000261` (no bank ABCD).',
    invalid_account_length: 'Verify account `17116` (5 digits).',
    account_invalid:
      'Verify an account the bank does not have, e.g. `1711654121` at `ifsc:SBIN0000691`.',
    bank_not_supported:
      'Verify the `unsupported_bank` account (`400012345678` at `ifsc:DEUT0784PBC`).',
  },
  'eko.bankAccount.verifyByBankCode': {
    auth_failed: 'Sign with a wrong access key.',
    invalid_params: 'Leave out `customer_id`.',
    invalid_initiator: 'Send `initiator_id: "9000000000"`.',
    user_not_found: 'Send `user_code: "99999999"` (no such agent).',
    bank_not_found: 'Verify at `bank_code:ZZZZ`.',
    invalid_account_length: 'Verify account `17116` (5 digits).',
    account_invalid:
      'Verify an account the bank does not have, e.g. `1711654121` at `bank_code:SBIN`.',
    bank_not_supported: 'Verify at `bank_code:DEUT`, account `400012345678`.',
  },
}
