import { describe, expect, it } from 'vitest'
import {
  SUREPASS_EXPIRED_TOKEN,
  SUREPASS_EXPIRED_TOKEN_CLAIMS,
  SUREPASS_FIXTURE_TOKEN,
  SUREPASS_FIXTURE_TOKEN_CLAIMS,
  SUREPASS_SIM_SECRET,
  mintSurepassToken,
  signSurepassJwt,
  verifySurepassJwt,
} from './jwt.js'

const at = (iso: string): number => Date.parse(iso)
const b64url = (text: string): string =>
  btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')

describe('fixed tokens', () => {
  it('re-minting the fixture token reproduces the constant exactly', async () => {
    const minted = await mintSurepassToken({
      secret: SUREPASS_SIM_SECRET,
      iatSec: Date.UTC(2026, 0, 1) / 1000,
      expSec: Date.UTC(2036, 0, 1) / 1000,
      jti: SUREPASS_FIXTURE_TOKEN_CLAIMS.jti,
    })
    expect(minted).toBe(SUREPASS_FIXTURE_TOKEN)
  })

  it('re-minting the expired token reproduces the constant exactly', async () => {
    const minted = await mintSurepassToken({
      secret: SUREPASS_SIM_SECRET,
      iatSec: Date.UTC(2025, 0, 1) / 1000,
      expSec: Date.UTC(2025, 0, 16) / 1000,
      jti: SUREPASS_EXPIRED_TOKEN_CLAIMS.jti,
    })
    expect(minted).toBe(SUREPASS_EXPIRED_TOKEN)
  })

  it('the fixture token carries flask-jwt-extended claims and a PyJWT-style header', () => {
    const [header, payload] = SUREPASS_FIXTURE_TOKEN.split('.') as [string, string, string]
    expect(atob(header.replace(/-/g, '+').replace(/_/g, '/'))).toBe('{"typ":"JWT","alg":"HS256"}')
    const claims = JSON.parse(
      atob(
        payload.replace(/-/g, '+').replace(/_/g, '/') +
          '=='.slice(0, (4 - (payload.length % 4)) % 4),
      ),
    )
    expect(claims).toEqual({
      fresh: false,
      iat: 1767225600,
      jti: SUREPASS_FIXTURE_TOKEN_CLAIMS.jti,
      type: 'access',
      identity: 'dev.fintwin@surepass.io',
      nbf: 1767225600,
      exp: 2082758400,
      user_claims: { scopes: ['user'] },
    })
    expect(claims.jti).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    )
    expect(SUREPASS_FIXTURE_TOKEN).not.toContain('=')
  })

  it('the fixture token verifies through 2035, and the expired one fails with expired at 2026-06-01', async () => {
    const ok = await verifySurepassJwt(
      SUREPASS_FIXTURE_TOKEN,
      SUREPASS_SIM_SECRET,
      at('2026-06-01T00:00:00Z'),
    )
    expect(ok).toMatchObject({ ok: true, claims: { identity: 'dev.fintwin@surepass.io' } })
    expect(
      await verifySurepassJwt(
        SUREPASS_FIXTURE_TOKEN,
        SUREPASS_SIM_SECRET,
        at('2035-12-31T23:59:59Z'),
      ),
    ).toMatchObject({ ok: true })
    expect(
      await verifySurepassJwt(
        SUREPASS_EXPIRED_TOKEN,
        SUREPASS_SIM_SECRET,
        at('2026-06-01T00:00:00Z'),
      ),
    ).toEqual({
      ok: false,
      reason: 'expired',
    })
    expect(
      await verifySurepassJwt(
        SUREPASS_EXPIRED_TOKEN,
        SUREPASS_SIM_SECRET,
        at('2025-01-10T00:00:00Z'),
      ),
    ).toMatchObject({ ok: true })
  })
})

describe('verifySurepassJwt', () => {
  const secret = 'test-secret'
  const iat = 1_700_000_000
  const mint = (over: Partial<{ iatSec: number; expSec: number }> = {}): Promise<string> =>
    mintSurepassToken({
      secret,
      iatSec: iat,
      expSec: iat + 100,
      jti: '00000000-0000-4000-8000-000000000000',
      ...over,
    })

  it('treats exp as exclusive and nbf as inclusive, at whole seconds', async () => {
    const token = await mint()
    expect(await verifySurepassJwt(token, secret, (iat + 99) * 1000 + 999)).toMatchObject({
      ok: true,
    })
    expect(await verifySurepassJwt(token, secret, (iat + 100) * 1000)).toEqual({
      ok: false,
      reason: 'expired',
    })
    expect(await verifySurepassJwt(token, secret, iat * 1000)).toMatchObject({ ok: true })
    expect(await verifySurepassJwt(token, secret, iat * 1000 - 1)).toEqual({
      ok: false,
      reason: 'not_yet_valid',
    })
  })

  it('honours a decode leeway both ways', async () => {
    const token = await mint()
    expect(
      await verifySurepassJwt(token, secret, (iat - 5) * 1000, { leewaySec: 10 }),
    ).toMatchObject({ ok: true })
    expect(
      await verifySurepassJwt(token, secret, (iat + 105) * 1000, { leewaySec: 10 }),
    ).toMatchObject({ ok: true })
    expect(await verifySurepassJwt(token, secret, (iat + 111) * 1000, { leewaySec: 10 })).toEqual({
      ok: false,
      reason: 'expired',
    })
  })

  it('rejects a wrong secret and any tampered segment as bad_signature', async () => {
    const token = await mint()
    const now = (iat + 1) * 1000
    expect(await verifySurepassJwt(token, 'other', now)).toEqual({
      ok: false,
      reason: 'bad_signature',
    })

    const [h, p, s] = token.split('.') as [string, string, string]
    const forgedClaims = b64url(
      JSON.stringify({
        ...JSON.parse(
          atob(p.replace(/-/g, '+').replace(/_/g, '/') + '=='.slice(0, (4 - (p.length % 4)) % 4)),
        ),
        exp: iat + 1e6,
      }),
    )
    expect(await verifySurepassJwt(`${h}.${forgedClaims}.${s}`, secret, now)).toEqual({
      ok: false,
      reason: 'bad_signature',
    })

    const flipped = s.slice(0, 10) + (s[10] === 'A' ? 'B' : 'A') + s.slice(11)
    expect(await verifySurepassJwt(`${h}.${p}.${flipped}`, secret, now)).toEqual({
      ok: false,
      reason: 'bad_signature',
    })
    expect(await verifySurepassJwt(`${h}.${p}.${s.slice(0, -4)}`, secret, now)).toEqual({
      ok: false,
      reason: 'bad_signature',
    })
  })

  it('accepts a padded signature segment too', async () => {
    const token = await mint()
    expect(await verifySurepassJwt(`${token}=`, secret, (iat + 1) * 1000)).toMatchObject({
      ok: true,
    })
  })

  it('rejects alg none and other algorithms as malformed, even with a valid HS256 signature', async () => {
    const payload = b64url(JSON.stringify({ exp: iat + 100 }))
    const none = `${b64url('{"alg":"none","typ":"JWT"}')}.${payload}.`
    expect(await verifySurepassJwt(none, secret, iat * 1000)).toEqual({
      ok: false,
      reason: 'malformed',
    })

    const hs512Header = b64url('{"alg":"HS512","typ":"JWT"}')
    const signedAnyway = await signSurepassJwt({ exp: iat + 100 }, secret)
    const [, , sig] = signedAnyway.split('.') as [string, string, string]
    expect(await verifySurepassJwt(`${hs512Header}.${payload}.${sig}`, secret, iat * 1000)).toEqual(
      { ok: false, reason: 'malformed' },
    )
  })

  it.each([
    ['empty', ''],
    ['two segments', 'a.b'],
    ['four segments', 'a.b.c.d'],
    ['non-base64url', 'e!.e.e'],
    ['header not JSON', `${b64url('nope')}.${b64url('{}')}.AAAA`],
    ['header a JSON array', `${b64url('[1]')}.${b64url('{}')}.AAAA`],
    ['standard base64 characters', 'eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJ+IjoxfQ.AAAA'],
  ])('rejects %s as malformed', async (_, token) => {
    expect(await verifySurepassJwt(token, secret, iat * 1000)).toEqual({
      ok: false,
      reason: 'malformed',
    })
  })

  it('rejects a correctly signed token whose exp is not a number as malformed', async () => {
    const token = await signSurepassJwt({ exp: 'tomorrow' }, secret)
    expect(await verifySurepassJwt(token, secret, iat * 1000)).toEqual({
      ok: false,
      reason: 'malformed',
    })
  })

  it('accepts a correctly signed token without exp (no expiry), as PyJWT does', async () => {
    const token = await signSurepassJwt({ identity: 'x' }, secret)
    expect(await verifySurepassJwt(token, secret, iat * 1000)).toEqual({
      ok: true,
      claims: { identity: 'x' },
    })
  })

  it('handles non-ASCII claims (UTF-8 in, UTF-8 out)', async () => {
    const token = await signSurepassJwt({ identity: 'देव@surepass.io', exp: iat + 100 }, secret)
    expect(await verifySurepassJwt(token, secret, iat * 1000)).toMatchObject({
      ok: true,
      claims: { identity: 'देव@surepass.io' },
    })
  })
})

describe('mintSurepassToken', () => {
  it('refuses non-integer or inverted lifetimes and defaults a fresh UUID jti', async () => {
    await expect(async () =>
      mintSurepassToken({ secret: 's', iatSec: 1.5, expSec: 10 }),
    ).rejects.toThrow(RangeError)
    await expect(async () =>
      mintSurepassToken({ secret: 's', iatSec: 10, expSec: 10 }),
    ).rejects.toThrow(RangeError)
    const a = await mintSurepassToken({ secret: 's', iatSec: 1, expSec: 10 })
    const b = await mintSurepassToken({ secret: 's', iatSec: 1, expSec: 10 })
    expect(a).not.toBe(b)
  })
})
