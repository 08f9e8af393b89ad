import { HttpError } from '../errors/http-error.js'
import type { MemoryBudget } from '../memory/create-memory-budget.js'

/** Options of `X-Mockapi-Session` sessions. */
export interface SessionOptions {
  /** Most sessions held at once; when full, the one idle longest is dropped. Default 100. */
  readonly max?: number
  /** A session unused this long (real time, ms) is dropped. Default 10 minutes. */
  readonly idleMs?: number
}

/** What the sessions of an instance need besides their options. */
export interface SessionHooks<T> {
  /** Called with a session's instance when it is dropped (full, idle, or over the budget). */
  readonly onDrop?: (id: string, value: T) => void
  /** The budget every session counts against, at `SESSION_BYTES` each. */
  readonly budget?: MemoryBudget
  readonly now?: () => number
}

/** What one session's instance costs beside the data it changes: its app, limiter, engine. */
export const SESSION_BYTES = 64 * 1024

export interface Sessions<T> {
  /** The session's instance, made on first use. @throws HttpError 400 for a malformed id. */
  get(id: string): T
  /** The ids held now, least recently used first. */
  ids(): string[]
  /** The instances held now, without touching their recency (for closing them). */
  all(): T[]
  /** Each held id and its instance, least recently used first, recency untouched. */
  entries(): [string, T][]
  readonly size: number
}

export const SESSION_HEADER = 'x-mockapi-session'
const ID_PATTERN = /^[A-Za-z0-9._-]{1,100}$/

/**
 * Sessions, each with an instance of its own made by `create` on first use: data, scenarios,
 * counters, limiter, clock and journal apart, so parallel test workers share one server without
 * seeing each other. Memory stays bounded: at most `max` are held (the least recently used goes
 * first), and any idle for `idleMs` is dropped on the next use of any session.
 *
 * @example
 * const sessions = createSessions((id) => createMockApi(options), { max: 50 })
 * sessions.get('worker-1').fetch(request)
 */
export function createSessions<T>(
  create: (id: string) => T,
  options: SessionOptions = {},
  hooks: SessionHooks<T> = {},
): Sessions<T> {
  const max = options.max ?? 100
  const idleMs = options.idleMs ?? 10 * 60 * 1000
  const now = hooks.now ?? Date.now
  // Insertion order is recency: a used session is moved to the end.
  const held = new Map<string, { readonly value: T; usedAt: number; stamp: number }>()
  let stamps = 0
  const drop = (id: string) => {
    const entry = held.get(id)
    if (entry === undefined) return
    held.delete(id)
    account?.release(SESSION_BYTES)
    hooks.onDrop?.(id, entry.value)
  }
  const least = () => held.keys().next().value
  const account = hooks.budget?.register({
    oldest: () => held.values().next().value?.stamp,
    dropOldest: () => {
      const id = least()
      if (id !== undefined) drop(id)
    },
  })
  return {
    get(id) {
      if (!ID_PATTERN.test(id)) {
        throw new HttpError(400, {
          code: 'invalid_session',
          detail: `X-Mockapi-Session must be 1 to 100 letters, digits, ".", "_" or "-", got "${id.slice(0, 100)}".`,
        })
      }
      const time = now()
      for (const [key, entry] of held) {
        if (time - entry.usedAt < idleMs) break
        drop(key)
      }
      const stamp = account?.stamp() ?? ++stamps
      let entry = held.get(id)
      if (entry === undefined) {
        const full = least()
        if (held.size >= max && full !== undefined) drop(full)
        entry = { value: create(id), usedAt: time, stamp }
        held.set(id, entry)
        account?.charge(SESSION_BYTES)
      } else {
        held.delete(id)
        entry.usedAt = time
        entry.stamp = stamp
        held.set(id, entry)
      }
      return entry.value
    },
    ids: () => [...held.keys()],
    all: () => [...held.values()].map((entry) => entry.value),
    entries: () => [...held].map(([id, entry]) => [id, entry.value]),
    get size() {
      return held.size
    },
  }
}
