import { HttpError } from '../errors/http-error.js'

/** Options of `X-Mockapi-Session` sessions. */
export interface SessionOptions {
  /** Most sessions held at once; when full, the one idle longest is dropped. Default 100. */
  readonly max?: number
  /** A session unused this long (real time, ms) is dropped. Default 10 minutes. */
  readonly idleMs?: number
}

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
  now: () => number = Date.now,
  /** Told of each session dropped (idle, or the oldest when full). */
  onDrop: (id: string, value: T) => void = () => {},
): Sessions<T> {
  const max = options.max ?? 100
  const idleMs = options.idleMs ?? 10 * 60 * 1000
  // Insertion order is recency: a used session is moved to the end.
  const held = new Map<string, { readonly value: T; usedAt: number }>()
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
        held.delete(key)
        onDrop(key, entry.value)
      }
      let entry = held.get(id)
      if (entry === undefined) {
        if (held.size >= max) {
          const [oldest, dropped] = held.entries().next().value as [string, { value: T }]
          held.delete(oldest)
          onDrop(oldest, dropped.value)
        }
        entry = { value: create(id), usedAt: time }
      } else {
        held.delete(id)
        entry.usedAt = time
      }
      held.set(id, entry)
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
