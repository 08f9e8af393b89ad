import type { Clock } from '../clock/clock.js'
import {
  type BudgetAccount,
  type MemoryBudget,
  stringBytes,
} from '../memory/create-memory-budget.js'
import { createOldestEntry } from './create-oldest-entry.js'
import { keyOf } from './limiter-key.js'
import { checkRateLimitPolicy, type RateLimitPolicy } from './parse-rate-limit.js'

/** What the limiter decided for one request. */
export interface RateLimitDecision {
  readonly allowed: boolean
  readonly limit: number
  /** Requests left in the key's window after this one; never below 0. */
  readonly remaining: number
  /** Milliseconds until the key's window ends; always > 0. */
  readonly resetMs: number
  /** What a 429 sends as `Retry-After`: the contract promises clients at least 60 s. */
  readonly retryAfterSeconds: number
  readonly policy: RateLimitPolicy
}

export interface RateLimiter {
  /** Counts one request for `key` under `policy` (default: the limiter's policy) and decides. */
  hit(key: string, policy?: RateLimitPolicy): RateLimitDecision
  /**
   * Decides as `hit` would, without counting: for answers that come before the limit (a 503), so
   * they still carry the key's rate-limit headers. A key with no live window shows a fresh one.
   */
  inspect(key: string, policy?: RateLimitPolicy): RateLimitDecision
  /** Forgets every key (used by reset). */
  clear(): void
  /** Forgets every key and stops counting against the budget (the instance closed). */
  close(): void
  /** Keys currently held (for tests, the bench and a later status page). */
  readonly size: number
  /** Current state of one key without counting a request (undefined when not tracked or expired). */
  peek(key: string): { readonly used: number; readonly resetMs: number } | undefined
  /** The keys with a live window, the `max` whose windows started last, oldest first. */
  list(max: number): RateLimitWindow[]
}

/** One key's live window, as `list` shows it. */
export interface RateLimitWindow {
  readonly key: string
  readonly used: number
  readonly limit: number
  readonly resetMs: number
}

export interface RateLimiterOptions {
  readonly policy: RateLimitPolicy
  readonly clock: Clock
  /** Most keys held at once; when full, the key whose window started first is forgotten. */
  readonly maxKeys?: number
  /**
   * `--retry-after`: a refusal ends the key's window this many seconds later and says so in
   * `Retry-After`, so a client that waits as told gets through. Unset: `Retry-After` is the
   * window's end, at least the contract's 60 s, and a refusal leaves the window as it is.
   */
  readonly retryAfterSeconds?: number | undefined
  /** The budget the held keys count against; when it is full, the oldest keys go first. */
  readonly budget?: MemoryBudget
}

interface Window {
  readonly policy: RateLimitPolicy
  readonly endsAt: number
  /** The budget's stamp when the window opened. */
  readonly stamp: number
  used: number
}

// A Map entry, its window object and the policy reference, beside the key itself.
const WINDOW_BYTES = 120

const DEFAULT_MAX_KEYS = 100_000
/** The contract's `Retry-After` for every 429 and 503 unless `--retry-after` lowers it. */
export const DEFAULT_RETRY_AFTER_SECONDS = 60
/** The longest `--retry-after`: one day. */
export const MAX_RETRY_AFTER_SECONDS = 86_400
const MIN_RETRY_AFTER_SECONDS = DEFAULT_RETRY_AFTER_SECONDS

/**
 * Creates a per-key rate limiter using a **fixed window per key, started by that key's first
 * request**: the first request of a key opens a window of `windowMs`; up to `limit` requests in
 * it are allowed; further ones are refused until the window ends (a refused request does not
 * extend it); the next request after that opens a new window. A key may carry its own policy
 * (a token with its own limit); a key whose policy changes starts a fresh window.
 *
 * Memory stays bounded: keys are held in window-start order, each `hit` drops expired keys from
 * the oldest end, and at most `maxKeys` (default 100,000) are held — when full, the oldest key is
 * forgotten and simply starts over on its next request. Time comes only from `clock.now()`.
 *
 * @throws RangeError when the policy or `maxKeys` is out of range.
 * @example
 * const limiter = createRateLimiter({ policy: { limit: 2, windowMs: 60_000 }, clock: systemClock })
 * limiter.hit('token-a') // { allowed: true, remaining: 1, … }
 * limiter.hit('token-a') // { allowed: true, remaining: 0, … }
 * limiter.hit('token-a') // { allowed: false, remaining: 0, retryAfterSeconds: 60, … }
 * limiter.hit('token-b') // { allowed: true, remaining: 1, … } — keys are independent
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { clock } = options
  const defaultPolicy = checkRateLimitPolicy(options.policy)
  const maxKeys = checkMaxKeys(options.maxKeys ?? DEFAULT_MAX_KEYS)
  // Insertion order is window-start order: a key re-inserted on a new window moves to the end.
  const windows = new Map<string, Window>()

  const oldest = createOldestEntry(windows)
  const retryAfter = options.retryAfterSeconds
  const floor = retryAfter ?? MIN_RETRY_AFTER_SECONDS

  /** The refused key's window, ending `retryAfter` seconds from now (kept in start order). */
  function endWindowIn(key: string, window: Window, now: number): Window {
    const ended: Window = {
      policy: window.policy,
      endsAt: now + (retryAfter ?? 0) * 1000,
      stamp: window.stamp,
      used: window.used,
    }
    windows.set(key, ended)
    return ended
  }

  const account: BudgetAccount | undefined = options.budget?.register({
    oldest: () => oldest()?.[1].stamp,
    dropOldest: () => {
      const head = oldest()
      if (head !== undefined) forget(head[0])
    },
  })
  let stamps = 0

  function forget(key: string): void {
    if (windows.delete(key)) account?.release(bytesOf(key))
  }

  function dropExpired(now: number): void {
    // Windows of different lengths may end out of order, so an expired key behind a live head
    // waits for a later sweep (or eviction); that keeps each sweep amortised O(1).
    for (let head = oldest(); head !== undefined && head[1].endsAt <= now; head = oldest()) {
      forget(head[0])
    }
  }

  function openWindow(key: string, policy: RateLimitPolicy, now: number): Window {
    forget(key)
    if (windows.size >= maxKeys) {
      const head = oldest()
      if (head !== undefined) forget(head[0])
    }
    const stamp = account?.stamp() ?? ++stamps
    const window: Window = { policy, endsAt: now + policy.windowMs, stamp, used: 0 }
    windows.set(key, window)
    account?.charge(bytesOf(key))
    return window
  }

  return {
    hit(longKey, policy = defaultPolicy) {
      if (policy !== defaultPolicy) checkRateLimitPolicy(policy)
      const key = keyOf(longKey)
      const now = clock.now()
      dropExpired(now)
      const current = windows.get(key)
      const window =
        current !== undefined && current.endsAt > now && isSamePolicy(current.policy, policy)
          ? current
          : openWindow(key, policy, now)
      const allowed = window.used < policy.limit
      // Refused requests are not counted, so `used` never passes the limit.
      if (allowed) window.used += 1
      else if (retryAfter !== undefined)
        return decide(false, endWindowIn(key, window, now), now, floor)
      return decide(allowed, window, now, floor)
    },
    inspect(key, policy = defaultPolicy) {
      const now = clock.now()
      const current = windows.get(keyOf(key))
      const window =
        current !== undefined && current.endsAt > now && isSamePolicy(current.policy, policy)
          ? current
          : { policy, endsAt: now + policy.windowMs, stamp: 0, used: 0 }
      return decide(window.used < policy.limit, window, now, floor)
    },
    clear() {
      for (const key of [...windows.keys()]) forget(key)
    },
    close() {
      windows.clear()
      account?.close()
    },
    get size() {
      return windows.size
    },
    peek(key) {
      const now = clock.now()
      const window = windows.get(keyOf(key))
      if (window === undefined || window.endsAt <= now) return undefined
      return { used: window.used, resetMs: window.endsAt - now }
    },
    list(max) {
      const now = clock.now()
      const live: RateLimitWindow[] = []
      for (const [key, { used, policy, endsAt }] of windows) {
        if (endsAt > now) live.push({ key, used, limit: policy.limit, resetMs: endsAt - now })
      }
      return live.slice(Math.max(0, live.length - max))
    },
  }
}

function bytesOf(key: string): number {
  return WINDOW_BYTES + stringBytes(key)
}

function decide(allowed: boolean, window: Window, now: number, floor: number): RateLimitDecision {
  const { policy } = window
  const resetMs = window.endsAt - now
  return {
    allowed,
    limit: policy.limit,
    remaining: Math.max(0, policy.limit - window.used),
    resetMs,
    retryAfterSeconds: Math.max(floor, Math.ceil(resetMs / 1000)),
    policy,
  }
}

// Compared by value: the same token's policy may be re-parsed into a new object on reload.
function isSamePolicy(a: RateLimitPolicy, b: RateLimitPolicy): boolean {
  return a.limit === b.limit && a.windowMs === b.windowMs
}

function checkMaxKeys(maxKeys: number): number {
  if (!Number.isInteger(maxKeys) || maxKeys < 1) {
    throw new RangeError(`rate limiter maxKeys must be a whole number ≥ 1, got ${maxKeys}`)
  }
  return maxKeys
}
