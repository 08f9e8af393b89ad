/** One rule's match counts, one per key (a token, an IP, a route, or `''` for global). */
export interface MatchCounter {
  /** Counts one match for `key` and returns its count (1 for the first) in `period`. */
  next(key: string, period: number): number
  /** Forgets every key. */
  clear(): void
  /** Keys currently held. */
  readonly size: number
}

/** Keys a rule holds at most before it forgets the oldest. */
export const DEFAULT_MAX_COUNTER_KEYS = 10_000

/**
 * Creates a rule's match counter. A count starts over when the `period` passed in changes (the
 * rule's `reset` period), and at most `maxKeys` keys are held: when full, the key seen first is
 * forgotten, and starts over from 1 if it comes back.
 *
 * @throws RangeError when `maxKeys` is not a positive integer.
 * @example
 * const counter = createMatchCounter()
 * counter.next('token-a', 0) // 1
 * counter.next('token-a', 0) // 2
 * counter.next('token-b', 0) // 1
 * counter.next('token-a', 1) // 1 — a new period
 */
export function createMatchCounter(maxKeys = DEFAULT_MAX_COUNTER_KEYS): MatchCounter {
  if (!Number.isInteger(maxKeys) || maxKeys < 1) {
    throw new RangeError(`maxCounterKeys must be a positive integer; got ${maxKeys}`)
  }
  const counts = new Map<string, { count: number; period: number }>()
  return {
    next(key, period) {
      let entry = counts.get(key)
      if (entry === undefined) {
        if (counts.size >= maxKeys) {
          const oldest = counts.keys().next()
          if (oldest.done !== true) counts.delete(oldest.value)
        }
        entry = { count: 0, period }
        counts.set(key, entry)
      } else if (entry.period !== period) {
        entry.count = 0
        entry.period = period
      }
      entry.count += 1
      return entry.count
    },
    clear: () => counts.clear(),
    get size() {
      return counts.size
    },
  }
}
