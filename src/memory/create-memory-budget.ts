/**
 * A table of per-client state that counts against a memory budget: the rate limiter's keys, the
 * journal, sessions — and later conduct and idempotency state. Each entry it holds carries the
 * budget's `stamp()` from when it was stored, so the budget can tell which state is oldest.
 */
export interface BudgetTable {
  /** The stamp of the oldest entry held; undefined when empty. */
  oldest(): number | undefined
  /** Drops the oldest entry, releasing its bytes through `release`. */
  dropOldest(): void
}

/** One table's account with the budget. */
export interface BudgetAccount {
  /** The table stored `bytes` more: the oldest state anywhere is dropped until the sum fits. */
  charge(bytes: number): void
  /** The table let go of `bytes`. */
  release(bytes: number): void
  /** A stamp for an entry stored now: later entries get higher stamps. */
  stamp(): number
  /** Releases all the table's bytes and stops counting it (its owner was dropped or closed). */
  close(): void
}

export interface MemoryBudget {
  readonly maxBytes: number
  /** Bytes held by every table now. */
  readonly usedBytes: number
  /** Tables registered now. */
  readonly tables: number
  register(table: BudgetTable): BudgetAccount
}

/** `--max-memory`'s default: 256 MB for every per-client table together. */
export const DEFAULT_MAX_MEMORY_BYTES = 256 * 1024 * 1024

/** A stored idempotent replay larger than this is not kept (for the idempotency state to come). */
export const MAX_IDEMPOTENT_REPLAY_BYTES = 64 * 1024

/**
 * One budget in bytes for all per-client state of an instance and its sessions. When a charge
 * takes the sum past `maxBytes`, the oldest entry of all tables is dropped, then the next oldest,
 * until it fits: memory is bounded by the budget, and state is lost oldest first, never the process.
 * Bytes are estimates of what each entry holds (strings at 2 bytes a character plus a fixed cost),
 * made by each table.
 *
 * @example
 * const budget = createMemoryBudget(1024)
 * const account = budget.register({ oldest, dropOldest })
 * account.charge(600) // fits
 * account.charge(600) // over: dropOldest() runs until the sum is 1024 or less
 */
export function createMemoryBudget(maxBytes = DEFAULT_MAX_MEMORY_BYTES): MemoryBudget {
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) {
    throw new RangeError(`the memory budget must be a whole number of bytes ≥ 1, got ${maxBytes}`)
  }
  const tables = new Map<BudgetTable, { bytes: number }>()
  let used = 0
  let stamps = 0

  function shrinkToFit(): void {
    while (used > maxBytes) {
      const table = oldestTable()
      if (table === undefined) return
      const before = used
      table.dropOldest()
      // A table that frees nothing when asked would loop forever: stop, and let the next charge try.
      if (used >= before) return
    }
  }

  function oldestTable(): BudgetTable | undefined {
    let found: BudgetTable | undefined
    let stamp = Number.POSITIVE_INFINITY
    for (const table of tables.keys()) {
      const oldest = table.oldest()
      if (oldest !== undefined && oldest < stamp) {
        stamp = oldest
        found = table
      }
    }
    return found
  }

  return {
    maxBytes,
    get usedBytes() {
      return used
    },
    get tables() {
      return tables.size
    },
    register(table) {
      const account = { bytes: 0 }
      tables.set(table, account)
      return {
        charge(bytes) {
          if (!tables.has(table)) return
          account.bytes += bytes
          used += bytes
          shrinkToFit()
        },
        release(bytes) {
          if (!tables.has(table)) return
          const freed = Math.min(bytes, account.bytes)
          account.bytes -= freed
          used -= freed
        },
        stamp: () => ++stamps,
        close() {
          if (!tables.delete(table)) return
          used -= account.bytes
          account.bytes = 0
        },
      }
    },
  }
}

/** What a string costs in the heap, roughly: two bytes a character at most. */
export function stringBytes(text: string): number {
  return text.length * 2
}
