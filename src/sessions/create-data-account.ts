import type { MemoryBudget } from '../memory/create-memory-budget.js'

/**
 * A session's data as a table of the memory budget: the bytes its writes hold, stamped by its
 * first write. When the budget is full and this session's data is the oldest state, its writes
 * are dropped all at once — the session goes back to the seed data, as after `reset()` — rather
 * than one record at a time, which would leave data no test could reason about.
 */
export function createDataAccount(budget: MemoryBudget) {
  let reset: () => void = () => {}
  let since: number | undefined
  let held = 0
  const account = budget.register({ oldest: () => since, dropOldest: () => reset() })
  return {
    /** For the store's `onWrite`. */
    onWrite(bytes: number): void {
      held = Math.max(0, held + bytes)
      if (bytes > 0) {
        since ??= account.stamp()
        account.charge(bytes)
      } else account.release(-bytes)
      if (held === 0) since = undefined
    },
    /** How to drop the session's writes (its store's `reset`), known once the store is made. */
    dropWith(drop: () => void): void {
      reset = drop
    },
    close: () => account.close(),
  }
}
