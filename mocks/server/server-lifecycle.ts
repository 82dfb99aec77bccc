/**
 * What a graceful close needs to reach inside the request path: a flag that makes every answer
 * from now on close its connection (so keep-alive sockets drain instead of lingering), and the
 * fault holds in progress, which a close cuts short instead of waiting up to `timeoutHoldMs`.
 */
export interface ServerLifecycle {
  closing: boolean
  /** Each cuts one held `timeout` fault now (destroys its socket). */
  readonly holds: Set<() => void>
}

/** A fresh lifecycle: open, nothing held. One per server. */
export function createServerLifecycle(): ServerLifecycle {
  return { closing: false, holds: new Set() }
}
