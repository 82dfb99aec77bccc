/**
 * Every contract file, imported statically so that bundlers (msw's `setupWorker` in a browser)
 * and Node load the same bytes with no file-system access. Adding an operation = adding its
 * file here; the registry, the doors, the OpenAPI export and the generated types follow.
 */
import common from './shared/common.json' with { type: 'json' }
import surepassEnvelope from './shared/surepass-envelope.json' with { type: 'json' }
import surepassProvider from './surepass/provider.json' with { type: 'json' }
import surepassCkycSearch from './surepass/ckyc-search.json' with { type: 'json' }
import surepassCkycV2Download from './surepass/ckyc-v2-download.json' with { type: 'json' }
import surepassCkycV2GenerateOtp from './surepass/ckyc-v2-generate-otp.json' with { type: 'json' }
import ekoEnvelope from './shared/eko-envelope.json' with { type: 'json' }
import ekoProvider from './eko/provider.json' with { type: 'json' }
import ekoUsersOnboard from './eko/users-onboard.json' with { type: 'json' }
import ekoAepsKycSendOtp from './eko/aeps-kyc-send-otp.json' with { type: 'json' }
import ekoAepsKycVerifyOtp from './eko/aeps-kyc-verify-otp.json' with { type: 'json' }
import ekoAepsKycBiometric from './eko/aeps-kyc-biometric.json' with { type: 'json' }
import ekoAepsKycDailyKyc from './eko/aeps-kyc-daily-kyc.json' with { type: 'json' }
import ekoBbpsOperators from './eko/bbps-operators.json' with { type: 'json' }
import ekoBbpsOperatorCategories from './eko/bbps-operator-categories.json' with { type: 'json' }
import ekoBbpsOperatorLocations from './eko/bbps-operator-locations.json' with { type: 'json' }
import ekoBbpsOperatorParameters from './eko/bbps-operator-parameters.json' with { type: 'json' }
import ekoBbpsFetchBill from './eko/bbps-fetch-bill.json' with { type: 'json' }
import ekoBbpsPayBill from './eko/bbps-pay-bill.json' with { type: 'json' }
import ekoBankAccountVerifyIfsc from './eko/bank-account-verify-ifsc.json' with { type: 'json' }
import ekoBankAccountVerifyBankCode from './eko/bank-account-verify-bank-code.json' with {
  type: 'json',
}
import type { OperationDocument, ProviderDocument } from './contract-document.js'

/** Schema files referenced by operations but describing no operation themselves. */
export const sharedDocuments: readonly { $id: string }[] = [common, surepassEnvelope, ekoEnvelope]

export const providerDocuments = [
  surepassProvider,
  ekoProvider,
] as unknown as readonly ProviderDocument[]

export const operationDocuments = [
  surepassCkycSearch,
  surepassCkycV2GenerateOtp,
  surepassCkycV2Download,
  ekoUsersOnboard,
  ekoAepsKycSendOtp,
  ekoAepsKycVerifyOtp,
  ekoAepsKycBiometric,
  ekoAepsKycDailyKyc,
  ekoBbpsOperators,
  ekoBbpsOperatorCategories,
  ekoBbpsOperatorLocations,
  ekoBbpsOperatorParameters,
  ekoBbpsFetchBill,
  ekoBbpsPayBill,
  ekoBankAccountVerifyIfsc,
  ekoBankAccountVerifyBankCode,
] as unknown as readonly OperationDocument[]
