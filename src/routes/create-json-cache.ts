import type { MemoryBudget } from '../memory/create-memory-budget.js'

/** Records as JSON text, made once per record object while it is read. */
export interface JsonCache {
  /** `JSON.stringify(record)`, from the cache when the same object was serialized lately. */
  json(record: object): string
  /** Empties the cache and stops counting against the budget (the instance closed). */
  close(): void
}

export const DEFAULT_JSON_CACHE_ENTRIES = 10_000

interface Entry {
  readonly text: string
  readonly bytes: number
  stamp: number
  used: number
}

// The Map entry and its object, beside the string.
const ENTRY_BYTES = 120

/**
 * The JSON of the records most read lately. Records are immutable — a write stores a new object —
 * so an entry never goes stale: a written record is a new key, and the old one ages out. Bounded
 * twice: at most `capacity` entries, least recently used out first, and, with a `budget`, in bytes
 * (when it is full the oldest entries go, as the journal's do).
 *
 * @example
 * const cache = createJsonCache(2)
 * cache.json(record) // JSON.stringify(record), kept
 * cache.json(record) // the same text, not serialized again
 */
export function createJsonCache(
  capacity = DEFAULT_JSON_CACHE_ENTRIES,
  budget?: MemoryBudget,
): JsonCache {
  const entries = new Map<object, Entry>()
  let uses = 0
  let stamps = 0
  const dropOldest = () => {
    const oldest = entries.keys().next()
    if (oldest.done === true) return
    const entry = entries.get(oldest.value)
    entries.delete(oldest.value)
    if (entry !== undefined) account?.release(entry.bytes)
  }
  const account = budget?.register({
    oldest: () => entries.values().next().value?.stamp,
    dropOldest,
  })

  return {
    json(record) {
      uses += 1
      const hit = entries.get(record)
      if (hit !== undefined) {
        // Moved to the newest end only once it has aged half the cache: most reads cost nothing.
        if (uses - hit.used > capacity / 2) {
          entries.delete(record)
          entries.set(record, hit)
          hit.stamp = account?.stamp() ?? ++stamps
        }
        hit.used = uses
        return hit.text
      }
      const text = JSON.stringify(record)
      if (capacity === 0) return text
      if (entries.size >= capacity) dropOldest()
      const bytes = ENTRY_BYTES + 2 * text.length
      entries.set(record, { text, bytes, stamp: account?.stamp() ?? ++stamps, used: uses })
      account?.charge(bytes)
      return text
    },
    close() {
      entries.clear()
      account?.close()
    },
  }
}
