/**
 * Tells watchers (the admin API's event streams, `GET /__sim/events`) that a simulator's state
 * may have changed, so the QA console updates live without polling. It carries no data: each
 * watcher reads what it shows and sends only what differs, so a notification too many costs a
 * comparison, never a wrong screen. Notifications are coalesced (one flush per
 * {@link DEFAULT_COALESCE_MS} at most), so a load test with a console open costs a few reads a
 * second, and with nobody watching `notify` is one size check on the request path.
 */

/** How long notifications gather before the watchers are told once. */
export const DEFAULT_COALESCE_MS = 20

/** A watcher of a {@link ChangeFeed}. */
export interface ChangeListener {
  /** Something may have changed since the last call. */
  changed(): void
  /** The simulator is gone (its sandbox was deleted): nothing will change any more. */
  closed(): void
}

/** The notifier one simulator owns. */
export interface ChangeFeed {
  /** State may have changed: every watcher hears of it once, shortly. */
  notify(): void
  /** Starts telling `listener`; returns the call that stops it. A closed feed closes it at once. */
  subscribe(listener: ChangeListener): () => void
  /** Tells every watcher the simulator is gone, and takes no more. */
  close(): void
  /** How many watchers there are now. */
  readonly size: number
}

/** Creates a feed whose notifications gather for `coalesceMs` before the watchers are told. */
export function createChangeFeed(coalesceMs = DEFAULT_COALESCE_MS): ChangeFeed {
  const listeners = new Set<ChangeListener>()
  let timer: ReturnType<typeof setTimeout> | undefined
  let closed = false
  const flush = () => {
    timer = undefined
    for (const listener of [...listeners]) listener.changed()
  }
  return {
    notify() {
      if (listeners.size === 0 || timer !== undefined) return
      timer = setTimeout(flush, coalesceMs)
    },
    subscribe(listener) {
      if (closed) {
        listener.closed()
        return () => {}
      }
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    close() {
      closed = true
      clearTimeout(timer)
      timer = undefined
      const watching = [...listeners]
      listeners.clear()
      for (const listener of watching) listener.closed()
    },
    get size() {
      return listeners.size
    },
  }
}
