/**
 * The SDK against the REAL sandboxes (Surepass sandbox, Eko UAT): `npm run test:live`. Not a
 * `*.test.ts` file, so `npm test` never runs it. Configured from the environment (see
 * `test/support/sdk-live-env.ts` for every variable); without credentials it prints what it
 * skipped and why, and exits 0.
 *
 * First, the inferred ([INF]) facts of the contracts are probed in order of risk: inferred
 * paths first (the Surepass CKYC v2 download path before anything), then the provider cases a
 * client can provoke (unknown path, wrong method, wrong Content-Type), always with empty bodies
 * (`inf-probes.ts`). Then the SDK suite runs. Every response is checked against the contracts;
 * differences do not stop the run but are collected and printed at the end as a drift report
 * (field, expected, got, provenance), followed by the INF report: each inferred fact, riskiest
 * first, named with its verdict (confirmed, CONTRADICTED, not probed) and the evidence.
 */
import { afterAll, describe, expect, it } from 'vitest'
import {
  EkoClient,
  SurepassClient,
  formatDriftReport,
  formatInfReport,
  infFacts,
  judgeInfFacts,
  type ContractDriftReport,
  type LiveObservation,
} from '../../sdk/index.js'
import { readLiveConfig } from '../support/sdk-live-env.js'
import { probesFor, recordingFetch, runProbe, type ProbeTarget } from './inf-probes.js'
import { defineSdkSuite } from './sdk-suite.js'

const live = readLiveConfig()
const drift: ContractDriftReport[] = []
/** Every live response, probes and SDK traffic alike: the INF report judges the facts on them. */
const observations: LiveObservation[] = []

/** Records the responses so the reports can say "N of M" and confirm what matched. */
const countingFetch = recordingFetch(observations)

const probeTarget: ProbeTarget = {
  ...(live.surepass
    ? { surepass: { baseUrl: live.surepass.baseUrl, token: live.fixtures.surepass.token } }
    : {}),
  ...(live.eko
    ? {
        eko: {
          baseUrl: live.eko.baseUrl,
          developerKey: live.fixtures.eko.developer_key,
          accessKey: live.fixtures.eko.access_key,
        },
      }
    : {}),
}

for (const line of live.skipped) console.log(`[test:live] ${line}`)
const nothing = !live.surepass && !live.eko
if (nothing)
  console.log(
    '[test:live] nothing to run against the live sandboxes: set the variables above (see test/support/sdk-live-env.ts). Exiting 0.',
  )

describe.skipIf(nothing)('live sandboxes', () => {
  afterAll(() => {
    const checked = observations.filter((o) => o.probe === undefined).length
    console.log(
      `\n${formatDriftReport(drift, { checked, title: '[test:live] contract drift report' })}\n`,
    )
    console.log(
      `${formatInfReport(judgeInfFacts(infFacts(), observations), { title: '[test:live] inferred facts' })}\n`,
    )
  })

  describe('inferred facts, riskiest first (probes with empty bodies)', () => {
    for (const probe of probesFor(infFacts())) {
      it(`${probe.fact}: ${probe.method} ${probe.path}`, async () => {
        const seen = await runProbe(probe, probeTarget)
        if (seen) observations.push(seen)
        // A verdict, not an assertion: the report says confirmed or contradicted.
        if (seen) expect(seen.status).toBeGreaterThan(0)
      })
    }
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
      people: false, // the persona graph is fintwin's own
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
