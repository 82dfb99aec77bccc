/**
 * Deterministic randomness for the simulator — and the one place that explains its layers.
 *
 * Everything the simulator invents comes from the seed, so that a run with `--seed 42` replays
 * byte for byte: a failing CI run can be reproduced locally, and documentation examples stay
 * stable. `Math.random` is never used. Three layers, each with one job:
 *
 * 1. **Runtime streams** (this file): a seeded {@link SimRandom} per simulator, forked into
 *    independent named streams (`ids`, `otp`) so drawing one more id never shifts the OTPs; the
 *    {@link IdFactory} on top shapes client ids, `otp_ref_id`s and reference tids. Rebuilt on
 *    reset, so a reset simulator replays its first run.
 * 2. **Fixture data** (`fixtures/seeded-faker.ts`): a private seeded faker per fixture family
 *    (`FIXTURE_STREAMS`) with a fixed reference date, for the seeded personas and agents: the same
 *    seed gives the same people on any machine, on any day, whatever the runtime streams drew.
 * 3. **Generators** (`fixtures/random.ts`): pure helpers over an injected `() => number`, so
 *    every generator of ids and names is a function of its source (a faker, or a test's script).
 */

const UPPER_AND_LOWER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
const TWO_POW_32 = 4294967296

/**
 * A seeded pseudo-random stream.
 *
 * Not cryptographic: OTPs in a simulator must be *reproducible*, not secret.
 */
export interface SimRandom {
  /** The seed path of this stream (`"42"`, `"42/otp"`), for diagnostics. */
  readonly seed: string
  /** Uniform float in [0, 1) with 32 bits of resolution. */
  next(): number
  /** Uniform integer in [min, max], both inclusive. Throws `RangeError` if the span exceeds 2^32. */
  int(min: number, max: number): number
  /** `n` decimal digits; leading zeros allowed (it is a string). */
  digits(n: number): string
  /** `n` ASCII letters from [A-Za-z]. */
  letters(n: number): string
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T
  /**
   * An independent stream derived from this stream's seed and `label` only — not from how much
   * of this stream was consumed. So `fork('otp')` yields the same OTPs whether 0 or 1,000 ids
   * were generated first, and adding a new id type never changes existing OTP sequences.
   */
  fork(label: string): SimRandom
  /** Where the stream is: its four 32-bit words (a snapshot saves them). */
  state(): [number, number, number, number]
  /** Moves the stream to a saved {@link state}, so ids drawn after a restore do not repeat. */
  restore(state: readonly number[]): void
}

/** Whether `value` is a stream state {@link SimRandom.restore} accepts: four 32-bit unsigned words. */
export function isRandomState(value: unknown): value is [number, number, number, number] {
  return (
    Array.isArray(value) &&
    value.length === 4 &&
    value.every((word) => Number.isInteger(word) && word >= 0 && word <= 0xffffffff)
  )
}

/**
 * cyrb128: a fast 128-bit string hash, used to spread a short seed ("42") over sfc32's 128 bits
 * of state, so that nearby seeds produce unrelated streams.
 */
function hashSeed(text: string): [number, number, number, number] {
  let h1 = 1779033703
  let h2 = 3144134277
  let h3 = 1013904242
  let h4 = 2773480762
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i)
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067)
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233)
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213)
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179)
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067)
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233)
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213)
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179)
  h1 ^= h2 ^ h3 ^ h4
  h2 ^= h1
  h3 ^= h1
  h4 ^= h1
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0]
}

/** A sfc32 generator and access to its state. */
interface Sfc32 {
  next: () => number
  get(): [number, number, number, number]
  set(state: readonly number[]): void
}

/** sfc32 (Small Fast Counter): 128-bit state, passes PractRand, a few ns per number. */
function sfc32(seed: [number, number, number, number]): Sfc32 {
  let [a, b, c, d] = seed
  const nextUint32 = (): number => {
    a |= 0
    b |= 0
    c |= 0
    d |= 0
    const t = (((a + b) | 0) + d) | 0
    d = (d + 1) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) | 0
    return t >>> 0
  }
  // Discard the first outputs: sfc32 mixes weakly until its counter has run a few rounds.
  for (let i = 0; i < 12; i++) nextUint32()
  return {
    next: nextUint32,
    get: () => [a >>> 0, b >>> 0, c >>> 0, d >>> 0],
    set(state) {
      if (!isRandomState(state)) throw new RangeError('a random state is four 32-bit words')
      ;[a, b, c, d] = state
    },
  }
}

function assertCount(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`${what}: expected a non-negative integer, got ${String(n)}`)
  }
}

/**
 * Creates a deterministic stream. `createRandom(42)` and `createRandom('42')` are the same
 * stream (the seed is used as text), so a CLI `--seed 42` and a config `{ seed: 42 }` agree.
 */
export function createRandom(seed: number | string): SimRandom {
  const seedKey = String(seed)
  const generator = sfc32(hashSeed(seedKey))
  const nextUint32 = generator.next
  const next = (): number => nextUint32() / TWO_POW_32

  const int = (min: number, max: number): number => {
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min > max) {
      throw new RangeError(
        `int(${String(min)}, ${String(max)}): expected safe integers with min <= max`,
      )
    }
    const span = max - min + 1
    if (span > TWO_POW_32) {
      throw new RangeError(`int(${min}, ${max}): span ${span} exceeds 2^32`)
    }
    return min + Math.floor(next() * span)
  }

  const fromAlphabet = (alphabet: string, n: number): string => {
    let out = ''
    for (let i = 0; i < n; i++) out += alphabet.charAt(Math.floor(next() * alphabet.length))
    return out
  }

  return {
    seed: seedKey,
    next,
    int,
    digits(n) {
      assertCount(n, 'digits(n)')
      return fromAlphabet('0123456789', n)
    },
    letters(n) {
      assertCount(n, 'letters(n)')
      return fromAlphabet(UPPER_AND_LOWER, n)
    },
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new RangeError('pick(items): items is empty')
      return items[Math.floor(next() * items.length)] as T
    },
    fork(label) {
      // Length-prefixed so that fork('a/b') and fork('a').fork('b') cannot collide.
      return createRandom(`${seedKey}/${label.length}:${label}`)
    },
    state: generator.get,
    restore: generator.set,
  }
}

/**
 * Provider-shaped identifiers drawn from one {@link SimRandom}.
 *
 * Ids look like the provider's own so that client code with format checks (regexes, lengths)
 * behaves the same against the simulator as against production.
 */
export interface IdFactory {
  /**
   * Surepass `client_id`: `<prefix>_` + 20 ASCII letters, e.g. `ckyc_YWECGljIfgTrlCaijVKf`,
   * `ckyc_download_nNfWARdhysddWFiXddXF` (the Surepass API docs, share.apidog.com/apidoc/docs-site/750756).
   */
  surepass(prefix: string): string
  /** `n` random decimal digits (leading zeros allowed). */
  digits(n: number): string
  /** Decimal string of a random integer in [min, max]: no leading zeros, variable length. */
  numeric(min: number, max: number): string
  /** Eko `otp_ref_id`: 6 or 7 digits without a leading zero, like `2465238` and `815031`. */
  ekoOtpRefId(): string
  /**
   * Eko `reference_tid`: `prefix` + 22 digits + `I`, e.g. `EKYKF4719702240123152147525I`.
   *
   * The documented sample reads as 7 digits then a `yyMMddHHmmssSSS` timestamp (24-01-23
   * 15:21:47.525) [INF], so the 22 digits are 7 random digits followed by `at` formatted in IST.
   * Verify OTP answers `BEKYF` + the *same* 22 digits + `I` (developers.eko.in/v3/reference/aeps-fingpay-kyc-verify-otp), which callers get by
   * swapping the first five characters.
   */
  ekoReferenceTid(prefix: string, at: number): string
  /**
   * Draws from `generate` until `taken` says no, for id spaces small enough to collide (a 7-digit
   * `otp_ref_id` collides after a few thousand issues). Throws after `maxTries` draws.
   */
  unique(generate: () => string, taken: (id: string) => boolean, maxTries?: number): string
}

const IST_OFFSET_MS = 330 * 60_000

/** `yyMMddHHmmssSSS` of an instant in India Standard Time (UTC+05:30, no DST). */
function istCompactTimestamp(at: number): string {
  const iso = new Date(at + IST_OFFSET_MS).toISOString() // 2024-01-23T15:21:47.525Z
  return (
    iso.slice(2, 4) +
    iso.slice(5, 7) +
    iso.slice(8, 10) +
    iso.slice(11, 13) +
    iso.slice(14, 16) +
    iso.slice(17, 19) +
    iso.slice(20, 23)
  )
}

/**
 * Creates an {@link IdFactory}. Pass a dedicated fork (`random.fork('ids')`) so that id
 * generation never shifts other streams such as OTP codes.
 */
export function createIdFactory(random: SimRandom): IdFactory {
  return {
    surepass: (prefix) => `${prefix}_${random.letters(20)}`,
    digits: (n) => random.digits(n),
    numeric: (min, max) => String(random.int(min, max)),
    ekoOtpRefId: () => String(random.int(100_000, 9_999_999)),
    ekoReferenceTid: (prefix, at) => `${prefix}${random.digits(7)}${istCompactTimestamp(at)}I`,
    unique(generate, taken, maxTries = 100) {
      for (let i = 0; i < maxTries; i++) {
        const id = generate()
        if (!taken(id)) return id
      }
      throw new Error(`unique(): no free id after ${maxTries} draws; the id space is exhausted`)
    },
  }
}
