import type { TokenSpec } from '../auth/token-spec.js'
import type { RateLimiter } from './create-rate-limiter.js'
import type { RateLimitPolicy } from './parse-rate-limit.js'

/** Where one token (or client address) stands against its rate limit now. */
export interface RateLimitStatus {
  /** What the requests count against: `token dev-token`, `address 127.0.0.1`. */
  readonly key: string
  /** The configured token the key belongs to; `null` for addresses and unknown tokens. */
  readonly token: string | null
  /** Requests allowed per window; `null` when this key is not limited. */
  readonly limit: number | null
  /** Requests counted in the current window. */
  readonly used: number
  /** Requests left in the window; `null` when not limited. */
  readonly remaining: number | null
  /** Milliseconds until the window ends; `null` when no window is open (the next request opens one). */
  readonly resetMs: number | null
}

/** How many keys beyond the configured tokens `rateLimitStatus` lists: the latest windows. */
const MAX_OTHER_KEYS = 50

/**
 * Every configured token's standing (a window that has not started shows the full limit), then
 * the latest other keys with a live window — addresses, unknown tokens — for a status page.
 */
export function rateLimitStatus(
  limiter: RateLimiter,
  tokens: readonly TokenSpec[],
  server: RateLimitPolicy | false,
): RateLimitStatus[] {
  const known = tokens.map((spec): RateLimitStatus => {
    const key = `token ${spec.token}`
    const policy = spec.rateLimit ?? server
    if (policy === false) {
      return { key, token: spec.token, limit: null, used: 0, remaining: null, resetMs: null }
    }
    // Inspect, not peek: a window opened under another policy (a scenario's) starts afresh.
    const decision = limiter.inspect(key, policy)
    const used = decision.limit - decision.remaining
    const resetMs = used === 0 ? null : decision.resetMs
    const { limit, remaining } = decision
    return { key, token: spec.token, limit, used, remaining, resetMs }
  })
  const knownKeys = new Set(known.map((status) => status.key))
  const others = limiter
    .list(MAX_OTHER_KEYS + knownKeys.size)
    .filter((window) => !knownKeys.has(window.key))
    .slice(-MAX_OTHER_KEYS)
    .map(({ key, used, limit, resetMs }): RateLimitStatus => {
      return { key, token: null, limit, used, remaining: Math.max(0, limit - used), resetMs }
    })
  return [...known, ...others]
}
