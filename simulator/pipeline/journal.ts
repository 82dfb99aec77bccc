import type { ContractViolation } from '../../contracts/index.js'

/** One line of the request journal. */
export interface JournalEntry {
  id: number
  at: string
  method: string
  path: string
  provider: string | null
  operation: string | null
  status: number
  case: string | null
  scenario: string | null
  /**
   * Only on a forced `commit_then_fail`: the case the behaviour committed before the client got
   * the 500 (e.g. `success`). Some commits have no other client-visible trace (Daily KYC).
   */
  committed?: string
  duration_ms: number
  contract: { ok: boolean; violations: ContractViolation[] }
}

/** The request journal: a fixed-size ring, so a server that runs for weeks keeps flat memory. */
export interface Journal {
  record(entry: Omit<JournalEntry, 'id'>): JournalEntry
  /** Newest first. */
  list(limit?: number): JournalEntry[]
  /** Empties the journal and restarts ids at 1, as in a fresh simulator (reset). */
  clear(): void
  readonly size: number
}

/** Creates a journal keeping the last `capacity` entries. */
export function createJournal(capacity = 1000): Journal {
  const ring: (JournalEntry | undefined)[] = new Array<JournalEntry | undefined>(capacity)
  let next = 0
  let count = 0
  let seq = 0
  return {
    record(entry) {
      const full: JournalEntry = { id: ++seq, ...entry }
      ring[next] = full
      next = (next + 1) % capacity
      count = Math.min(count + 1, capacity)
      return full
    },
    list(limit = 100) {
      const n = Math.max(0, Math.min(limit, count))
      const out: JournalEntry[] = []
      for (let i = 1; i <= n; i++) out.push(ring[(next - i + capacity) % capacity] as JournalEntry)
      return out
    },
    clear() {
      ring.fill(undefined)
      next = 0
      count = 0
      seq = 0
    },
    get size() {
      return count
    },
  }
}
