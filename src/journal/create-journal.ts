import type { MemoryBudget } from '../memory/create-memory-budget.js'
import { compactEntry } from './compact-entry.js'
import type { JournalEntry, RawJournalEntry } from './journal-entry.js'
import { type ContentFilter, matchesContent } from './match-entry.js'
import { readable } from './readable-entry.js'

export type { JournalEntry, RawJournalEntry } from './journal-entry.js'

/**
 * What `requests()` can filter on; every given part must hold.
 *
 * @example
 * await api.requests({ method: 'POST', path: '/tasks', body: { status: 'todo' } })
 */
export interface JournalFilter extends ContentFilter {
  readonly method?: string
  /** The exact path, without the query string. */
  readonly path?: string
  readonly status?: number
  /** Only requests that arrived at or after this time (ISO 8601, or ms since the epoch). */
  readonly since?: string | number
  /** At most this many, the most recent ones. */
  readonly limit?: number
}

export interface Journal {
  /** Records a request; returns its id. */
  add(entry: RawJournalEntry): number
  /** Matching entries, oldest first. */
  find(filter?: JournalFilter): JournalEntry[]
  clear(): void
  /** Empties the journal and stops counting against the budget (the instance closed). */
  close(): void
  readonly size: number
  /**
   * Calls `listener` with each request added from now on, made readable; returns the way to stop.
   * With no listener, adding costs nothing more.
   */
  subscribe(listener: (entry: JournalEntry) => void): () => void
}

export const DEFAULT_JOURNAL_SIZE = 1000

interface Slot {
  readonly id: number
  readonly raw: RawJournalEntry
  readonly bytes: number
  readonly stamp: number
}

/**
 * An instance's journal read at once, for matchers that cannot wait (`toHaveReceived`): a symbol
 * of the global registry, so a second copy of the package (ESM and CommonJS) finds it too.
 */
export const FIND_REQUESTS_NOW = Symbol.for('mockapi.findRequestsNow')

/**
 * A bounded ring buffer of requests: the newest `capacity` are kept, so memory stays flat however
 * many requests pass. Each entry is cut on the way in (body to 2 KB, headers to 8 KB) and, with a
 * `budget`, counts its bytes there: when the budget is full the oldest entries go first. The
 * readable entry — path, query, redacted headers — is made when `find` reads it.
 *
 * @example
 * const journal = createJournal(2)
 * journal.add(a); journal.add(b); journal.add(c)
 * journal.find().map((e) => e.id) // [2, 3]
 */
export function createJournal(capacity = DEFAULT_JOURNAL_SIZE, budget?: MemoryBudget): Journal {
  if (!Number.isInteger(capacity) || capacity < 0) {
    throw new RangeError(`journal size must be a whole number ≥ 0, got ${capacity}`)
  }
  const ring: (Slot | undefined)[] = new Array(capacity)
  let next = 0
  let count = 0
  let lastId = 0
  let stamps = 0
  const listeners = new Set<(entry: JournalEntry) => void>()
  const slotAt = (age: number) => (next - count + age + capacity) % capacity
  const dropOldest = () => {
    if (count === 0) return
    const at = slotAt(0)
    const slot = ring[at]
    ring[at] = undefined
    count -= 1
    if (slot) account?.release(slot.bytes)
  }
  const oldest = () => (count === 0 ? undefined : ring[slotAt(0)]?.stamp)
  const account = budget?.register({ oldest, dropOldest })
  return {
    add(entry) {
      lastId += 1
      if (capacity > 0) {
        if (count === capacity) dropOldest()
        const { entry: raw, bytes } = compactEntry(entry)
        ring[next] = { id: lastId, raw, bytes, stamp: account?.stamp() ?? ++stamps }
        next = (next + 1) % capacity
        count += 1
        account?.charge(bytes)
      }
      // After it is stored, so a listener that looks in the journal finds it.
      if (listeners.size > 0) notify(listeners, readable(lastId, entry))
      return lastId
    },
    find(filter = {}) {
      const since = filter.since === undefined ? undefined : timeOf(filter.since)
      const method = filter.method?.toUpperCase()
      const found: JournalEntry[] = []
      for (let i = 0; i < count; i++) {
        const slot = ring[slotAt(i)]
        if (slot === undefined) continue
        const { raw } = slot
        if (method !== undefined && raw.method !== method) continue
        if (filter.status !== undefined && raw.status !== filter.status) continue
        if (since !== undefined && raw.at < since) continue
        if (!matchesContent(raw, filter)) continue
        const entry = readable(slot.id, raw)
        if (filter.path !== undefined && entry.path !== filter.path) continue
        found.push(entry)
      }
      const limit = filter.limit ?? found.length
      return found.slice(Math.max(0, found.length - limit))
    },
    clear() {
      while (count > 0) dropOldest()
      next = 0
    },
    close() {
      ring.fill(undefined)
      count = 0
      account?.close()
    },
    get size() {
      return count
    },
    subscribe(listener) {
      // Each subscription is its own: the same function subscribed twice is called twice.
      const own = (entry: JournalEntry) => listener(entry)
      listeners.add(own)
      return () => {
        listeners.delete(own)
      }
    },
  }
}

// A listener that throws is its own problem: the request was answered and the others still hear.
function notify(listeners: ReadonlySet<(entry: JournalEntry) => void>, entry: JournalEntry): void {
  for (const listener of listeners) {
    try {
      listener(entry)
    } catch {}
  }
}

function timeOf(since: string | number): number {
  const ms = typeof since === 'number' ? since : Date.parse(since)
  if (Number.isNaN(ms)) {
    throw new RangeError(`since must be an ISO 8601 time or ms since the epoch, got ${since}`)
  }
  return ms
}
