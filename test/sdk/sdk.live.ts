/**
 * The SDK against the REAL sandboxes (Surepass sandbox, Eko UAT): `npm run test:live`. Not a
 * `*.test.ts` file, so `npm test` never runs it. Configured from the environment (see
 * `test/support/sdk-live-env.ts` for every variable); without credentials it prints what it
 * skipped and why, and exits 0.
 *
 * Every response is checked against the contracts; differences do not stop the run but are
 * collected and printed at the end as a drift report (field, expected, got, provenance), which
 * is how the [INF] parts of the contracts get confirmed or corrected.
 */
import { afterAll, describe } from 'vitest'
import {
  EkoClient,
  SurepassClient,
  formatDriftReport,
  type ContractDriftReport,
  type FetchLike,
} from '../../sdk/index.js'
import { readLiveConfig } from '../support/sdk-live-env.js'
import { defineSdkSuite } from './sdk-suite.js'

const live = readLiveConfig()
const drift: ContractDriftReport[] = []
let checked = 0

/** Counts the responses so the drift report can say "N of M". */
const countingFetch: FetchLike = async (input, init) => {
  const response = await globalThis.fetch(input, init)
  checked++
  return response
}

for (const line of live.skipped) console.log(`[test:live] ${line}`)
const nothing = !live.surepass && !live.eko
if (nothing)
  console.log(
    '[test:live] nothing to run against the live sandboxes: set the variables above (see test/support/sdk-live-env.ts). Exiting 0.',
  )

describe.skipIf(nothing)('live sandboxes', () => {
  afterAll(() => {
    console.log(
      `\n${formatDriftReport(drift, { checked, title: '[test:live] contract drift report' })}\n`,
    )
  })

  const unsupported = (what: string) => () =>
    Promise.reject(new Error(`the live target cannot ${what}`))

  defineSdkSuite({
    name: 'live sandboxes',
    can: {
      readOtp: false, // the OTP goes to a real phone
      advanceClock: false,
      forceFaults: false,
      authReason: false, // real Eko does not say which check failed
      samplePidData: false, // needs a real fingerprint capture from an RD device
      billsAndAccounts: false, // UAT has no documented test bills or accounts
      surepass: live.surepass !== undefined,
      eko: live.eko !== undefined,
      ckyc: live.ckyc,
      agents: live.agents,
    },
    async setup() {
      console.log(
        `[test:live] Surepass: ${live.surepass?.baseUrl ?? 'skipped'}; Eko: ${live.eko?.baseUrl ?? 'skipped'}`,
      )
    },
    async teardown() {},
    async reset() {},
    fixtures: () => live.fixtures,
    surepass: (overrides) =>
      new SurepassClient({
        baseUrl: live.surepass!.baseUrl,
        token: live.fixtures.surepass.token,
        fetch: countingFetch,
        validateResponses: true,
        onContractViolation: (report) => drift.push(report),
        ...overrides,
      }),
    eko: (overrides) =>
      new EkoClient({
        baseUrl: live.eko!.baseUrl,
        developerKey: live.fixtures.eko.developer_key,
        accessKey: live.fixtures.eko.access_key,
        initiatorId: live.fixtures.eko.initiator_id,
        aadhaarPublicKey: live.eko!.aadhaarPublicKey,
        fetch: countingFetch,
        validateResponses: true,
        onContractViolation: (report) => drift.push(report),
        ...overrides,
      }),
    readOtp: unsupported('read an OTP sent to a real phone'),
    advanceClock: unsupported('move the provider clock'),
    forceFault: unsupported('force a fault'),
  })
})
