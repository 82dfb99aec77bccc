import { createClock } from '../core/index.js'
import { createSimulator, type Simulator } from '../create-simulator.js'
import type { SimPlatform } from '../sim-platform.js'
import { DEFAULT_SANDBOX_ID, newSandboxId, SANDBOX_ID_PATTERN } from './sandbox-id.js'
import { SandboxError } from './sandbox-error.js'
import { readSandboxInput, type SandboxSettings } from './sandbox-input.js'

/** Most sandboxes a manager holds besides the default one, unless told otherwise. */
export const DEFAULT_MAX_SANDBOXES = 100
/** How long a sandbox may go unused (real time) before it is deleted, unless told otherwise: 24 h. */
export const DEFAULT_SANDBOX_IDLE_MS = 86_400_000

/** One isolated simulator of a manager: its own state, clock, OTP inbox, scenarios and journal. */
export interface Sandbox {
  readonly id: string
  readonly name: string
  readonly isDefault: boolean
  readonly simulator: Simulator
  /** What it was created with (the defaults filled in), so it can be re-created on restart. */
  readonly settings: SandboxSettings
  /** Real epoch ms. */
  readonly createdAt: number
  /** Real epoch ms of the last request it served (or of its creation). */
  readonly lastUsedAt: number
}

/** The bounds of a manager. */
export interface SandboxLimits {
  /** Most sandboxes besides the default one; creating one more is refused (429). */
  readonly maxSandboxes: number
  /** Real-time ms a sandbox may go unused before it is deleted; the default one never is. */
  readonly idleMs: number
}

/** Options of {@link createSandboxManager}. */
export interface SandboxManagerOptions {
  /** The default sandbox: what a request with no sandbox prefix or header reaches. */
  simulator: Simulator
  /** Host primitives for the sandboxes' simulators (the Node server passes native ones). */
  platform?: SimPlatform
  maxSandboxes?: number
  idleMs?: number
  /** Real time, epoch ms (idle expiry is by real time, not any sandbox's clock). Injected in tests. */
  now?: () => number
}

/** How a sandbox is being brought back (from a state dir): its id and age as they were. */
export interface SandboxIdentity {
  readonly id: string
  readonly createdAt: number
}

/**
 * The sandboxes of one server: create, list, get, delete, bounded by count and idle time. The
 * default sandbox is the simulator the manager was given (today's behaviour); every other is a
 * fresh `createSimulator` with the default's config, and its own seed, OTP and skew if asked.
 * Idle sandboxes are deleted lazily (on every lookup of that sandbox and every create or list)
 * and by {@link SandboxManager.sweep}, which a server runs on a timer.
 */
export interface SandboxManager {
  readonly default: Sandbox
  readonly limits: SandboxLimits
  /**
   * Creates a sandbox from a request body (`{name?, seed?, otp?, eko_skew_ms?}`). Throws a
   * {@link SandboxError}: `invalid_sandbox` naming each bad field, `too_many_sandboxes`.
   */
  create(input?: unknown, identity?: SandboxIdentity): Sandbox
  /** The sandbox with this id (`default` included), or undefined (never existed, deleted, idle). */
  get(id: string): Sandbox | undefined
  /** Marks a sandbox used now: a request reached it. */
  touch(sandbox: Sandbox): void
  /** Every live sandbox, the default one first, then by creation. */
  list(): Sandbox[]
  /** Deletes a sandbox; false when there was none. The default one cannot be deleted. */
  delete(id: string): boolean
  /** Deletes the idle sandboxes now; returns how many. */
  sweep(): number
  /** When a sandbox stops being used for this long, it goes: epoch ms, or null for the default. */
  expiresAt(sandbox: Sandbox): number | null
}

interface MutableSandbox extends Sandbox {
  lastUsedAt: number
}

export function createSandboxManager(options: SandboxManagerOptions): SandboxManager {
  const realTime = createClock()
  const now = options.now ?? (() => realTime.now())
  const limits: SandboxLimits = {
    maxSandboxes: options.maxSandboxes ?? DEFAULT_MAX_SANDBOXES,
    idleMs: options.idleMs ?? DEFAULT_SANDBOX_IDLE_MS,
  }
  if (!(Number.isSafeInteger(limits.maxSandboxes) && limits.maxSandboxes >= 0))
    throw new RangeError(`maxSandboxes must be an integer >= 0, got ${limits.maxSandboxes}`)
  if (!(limits.idleMs > 0)) throw new RangeError(`idleMs must be > 0, got ${limits.idleMs}`)

  const base = options.simulator
  const started = now()
  const defaultSandbox: MutableSandbox = {
    id: DEFAULT_SANDBOX_ID,
    name: DEFAULT_SANDBOX_ID,
    isDefault: true,
    simulator: base,
    // Read when asked (a create, a view), not at construction: the default simulator owns them.
    get settings(): SandboxSettings {
      return {
        seed: base.seed,
        otp: base.config.fixedOtp ?? null,
        eko_skew_ms: base.config.ekoSkewMs,
      }
    },
    createdAt: started,
    lastUsedAt: started,
  }
  /** Live sandboxes besides the default, in creation order. */
  const sandboxes = new Map<string, MutableSandbox>()

  const idle = (sandbox: MutableSandbox, at: number): boolean =>
    !sandbox.isDefault && at - sandbox.lastUsedAt >= limits.idleMs

  const sweep = (): number => {
    const at = now()
    let deleted = 0
    for (const sandbox of sandboxes.values())
      if (idle(sandbox, at)) {
        sandboxes.delete(sandbox.id)
        deleted += 1
      }
    return deleted
  }

  return {
    default: defaultSandbox,
    limits,
    create(input, identity) {
      const settings = readSandboxInput(input, defaultSandbox.settings)
      if (identity !== undefined && !SANDBOX_ID_PATTERN.test(identity.id))
        throw new SandboxError('invalid_sandbox', `"${identity.id}" is not a sandbox id`)
      sweep()
      if (sandboxes.size >= limits.maxSandboxes)
        throw new SandboxError(
          'too_many_sandboxes',
          `this server holds at most ${limits.maxSandboxes} sandboxes; delete one (DELETE /__sim/sandboxes/{id}) or wait for an idle one to expire (after ${limits.idleMs} ms unused)`,
        )
      let id = identity?.id ?? newSandboxId()
      while (sandboxes.has(id)) {
        if (identity) throw new SandboxError('invalid_sandbox', `sandbox ${id} already exists`)
        id = newSandboxId()
      }
      const simulator = createSimulator({
        seed: settings.seed,
        config: {
          ...base.config,
          fixedOtp: settings.otp ?? undefined,
          ekoSkewMs: settings.eko_skew_ms,
        },
        platform: options.platform,
      })
      const at = now()
      const sandbox: MutableSandbox = {
        id,
        name: settings.name ?? id,
        isDefault: false,
        simulator,
        settings: { seed: settings.seed, otp: settings.otp, eko_skew_ms: settings.eko_skew_ms },
        createdAt: identity?.createdAt ?? at,
        lastUsedAt: at,
      }
      sandboxes.set(id, sandbox)
      return sandbox
    },
    get(id) {
      if (id === DEFAULT_SANDBOX_ID) return defaultSandbox
      const sandbox = sandboxes.get(id)
      if (sandbox === undefined) return undefined
      if (idle(sandbox, now())) {
        sandboxes.delete(id)
        return undefined
      }
      return sandbox
    },
    touch(sandbox) {
      ;(sandbox as MutableSandbox).lastUsedAt = now()
    },
    list() {
      sweep()
      return [defaultSandbox, ...sandboxes.values()]
    },
    delete(id) {
      if (id === DEFAULT_SANDBOX_ID)
        throw new SandboxError(
          'default_sandbox',
          'the default sandbox cannot be deleted; POST /__sim/reset starts it afresh',
        )
      return sandboxes.delete(id)
    },
    sweep,
    expiresAt: (sandbox) => (sandbox.isDefault ? null : sandbox.lastUsedAt + limits.idleMs),
  }
}
