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
import type { OperationDocument, ProviderDocument } from './contract-document.js'

/** Schema files referenced by operations but describing no operation themselves. */
export const sharedDocuments: readonly { $id: string }[] = [common, surepassEnvelope]

export const providerDocuments = [surepassProvider] as unknown as readonly ProviderDocument[]

export const operationDocuments = [
  surepassCkycSearch,
  surepassCkycV2GenerateOtp,
  surepassCkycV2Download,
] as unknown as readonly OperationDocument[]
