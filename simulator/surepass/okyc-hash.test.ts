import { describe, expect, it } from 'vitest'
import { okycHashReference } from '../../test/support/okyc-hash-reference.js'
import { okycHash, okycHashRounds, okycUniquenessId } from './okyc-hash.js'

describe('okycHash', () => {
  it('hashes as many rounds as the last Aadhaar digit, at least one', () => {
    expect(okycHashRounds('542130987616')).toBe(6)
    expect(okycHashRounds('542130987611')).toBe(1)
    expect(okycHashRounds('542130987610')).toBe(1)
    expect(okycHashRounds('542130987619')).toBe(9)
  })

  it('matches an independent SHA-256 of mobile + share code, repeated', async () => {
    expect(await okycHash('8939809876', '7187', '542130987616')).toBe(
      okycHashReference('8939809876', '7187', '542130987616'),
    )
    expect(await okycHash('rahul.ranjan@example.com', '0042', '542130987610')).toBe(
      okycHashReference('rahul.ranjan@example.com', '0042', '542130987610'),
    )
  })

  it('changes with the share code and the value', async () => {
    const base = await okycHash('8939809876', '7187', '542130987616')
    expect(await okycHash('8939809876', '7188', '542130987616')).not.toBe(base)
    expect(await okycHash('8939809877', '7187', '542130987616')).not.toBe(base)
    expect(base).toMatch(/^[0-9a-f]{64}$/)
  })

  it('gives each Aadhaar number its own stable uniqueness id', async () => {
    const a = await okycUniquenessId('542130987616')
    expect(a).toMatch(/^[0-9a-f]{64}$/)
    expect(await okycUniquenessId('542130987616')).toBe(a)
    expect(await okycUniquenessId('627391048554')).not.toBe(a)
  })
})
