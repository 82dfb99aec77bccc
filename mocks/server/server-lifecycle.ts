/**
 * What a graceful close needs to reach inside the request path: a flag that makes every answer
 * from now on close its connection (so keep-alive sockets drain instead of lingering), and the
 * answers held open — fault holds, which a close cuts short instead of waiting up to
 * `timeoutHoldMs`, and live event streams, which would never end on their own.
 */
export interface ServerLifecycle {
  closing: boolean
  /** Each cuts one held answer now (a `timeout` fault's socket, an event stream's response). */
  readonly holds: Set<() => void>
}

/** A fresh lifecycle: open, nothing held. One per server. */
export function createServerLifecycle(): ServerLifecycle {
  return { closing: false, holds: new Set() }
}
