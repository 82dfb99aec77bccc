import { readFile } from 'node:fs/promises'
import { describe, expect, expectTypeOf, it } from 'vitest'
import { contractSchemaNames, sortedOperations, sortedProviders } from './openapi.js'
import { generateTypes, TYPES_FILE_URL } from './tools/generate-types.js'
import type {
  OperationId,
  OperationTypes,
  SurepassCkycV2GenerateOtpMobileNumberNotMatched,
  SurepassCkycV2GenerateOtpRequest,
  SurepassCkycV2GenerateOtpResponse,
  SurepassCkycV2GenerateOtpSuccess,
} from './types.generated.js'

// Rendering runs prettier once per declaration: allow it some time on a slow CI machine.
const RENDER_TIMEOUT_MS = 60_000

describe('generateTypes', () => {
  let rendered: Promise<string> | undefined
  const render = (): Promise<string> => (rendered ??= generateTypes())

  it(
    'is what the committed contracts/types.generated.ts holds',
    async () => {
      const committed = await readFile(TYPES_FILE_URL, 'utf8').catch(() => '')
      const generated = await render()
      expect(
        committed === generated,
        'contracts/types.generated.ts is stale: run npm run contracts:types',
      ).toBe(true)
    },
    RENDER_TIMEOUT_MS,
  )

  it(
    'declares, for every operation, its request, headers, each case, the union and an OperationTypes entry',
    async () => {
      const source = await render()
      const declared = new Set(
        [...source.matchAll(/^export (?:interface|type) (\w+)/gm)].map((m) => m[1]),
      )
      const names = contractSchemaNames()
      for (const op of sortedOperations()) {
        const n = names.operations.get(op.id)!
        for (const name of [n.request, n.headers, n.response, ...n.cases.values()])
          expect(declared, `${op.id}: ${name}`).toContain(name)
        expect(source).toContain(`  '${op.id}': {`)
      }
      for (const provider of sortedProviders()) {
        const n = names.providers.get(provider.id)!
        for (const name of [n.response, ...n.cases.values()])
          expect(declared, `${provider.id}: ${name}`).toContain(name)
      }
      for (const name of ['OperationTypes', 'OperationId', 'ProviderTypes'])
        expect(declared).toContain(name)
    },
    RENDER_TIMEOUT_MS,
  )

  it('names schemas uniquely', () => {
    const all = [...contractSchemaNames().byUri.values()]
    expect(new Set(all).size).toBe(all.length)
    for (const name of all) expect(name).toMatch(/^[A-Z][A-Za-z0-9]*$/)
  })

  it('gives literal, discriminated types (checked by tsc)', () => {
    type Op = OperationTypes['surepass.ckycV2.generateOtp']
    expectTypeOf<'surepass.ckycV2.generateOtp'>().toExtend<OperationId>()
    expectTypeOf<Op['request']>().toEqualTypeOf<SurepassCkycV2GenerateOtpRequest>()
    expectTypeOf<Op['success']>().toEqualTypeOf<SurepassCkycV2GenerateOtpSuccess>()
    expectTypeOf<Op['response']>().toEqualTypeOf<SurepassCkycV2GenerateOtpResponse>()
    expectTypeOf<SurepassCkycV2GenerateOtpRequest>().toEqualTypeOf<{
      client_id: string
      mobile_number: string
    }>()
    expectTypeOf<SurepassCkycV2GenerateOtpSuccess['message_code']>().toEqualTypeOf<'success'>()
    expectTypeOf<SurepassCkycV2GenerateOtpSuccess['data']['otp_sent']>().toEqualTypeOf<true>()
    expectTypeOf<SurepassCkycV2GenerateOtpMobileNumberNotMatched>().toEqualTypeOf<{
      data: null
      status_code: 422
      success: false
      message: 'Mobile Number not matched with CKYC.'
      message_code: 'mobile_number_not_matched'
    }>()
    expectTypeOf<
      Extract<Op['response'], { message_code: 'mobile_number_not_matched' }>
    >().toEqualTypeOf<SurepassCkycV2GenerateOtpMobileNumberNotMatched>()
    expectTypeOf<
      Op['cases']['mobile_number_not_matched']
    >().toEqualTypeOf<SurepassCkycV2GenerateOtpMobileNumberNotMatched>()
  })
})
