import type { RateLimitDecision } from './create-rate-limiter.js'
import type { RateLimitPolicy } from './parse-rate-limit.js'

/**
 * The rate-limit headers for one response — every response, successes included, so clients can
 * slow down before they hit a 429. Sends both the IETF draft fields (`RateLimit-Policy`,
 * `RateLimit`) and the common `X-RateLimit-*` trio, whose `Reset` is the Unix time in seconds
 * when the window ends (GitHub's convention); `Retry-After` only on a refusal.
 *
 * @example
 * rateLimitHeaders(limiter.hit('token-a'), clock.now())
 * // {
 * //   'RateLimit-Policy': '"default";q=100;w=60',
 * //   RateLimit: '"default";r=99;t=60',
 * //   'X-RateLimit-Limit': '100',
 * //   'X-RateLimit-Remaining': '99',
 * //   'X-RateLimit-Reset': '1767225660',
 * // }
 */
export function rateLimitHeaders(
  decision: RateLimitDecision,
  nowMs: number,
): Record<string, string> {
  const { limit, remaining, resetMs, policy } = decision
  const headers: Record<string, string> = {
    'RateLimit-Policy': policyHeader(policy),
    RateLimit: `"default";r=${remaining};t=${Math.ceil(resetMs / 1000)}`,
    'X-RateLimit-Limit': String(limit),
    'X-RateLimit-Remaining': String(remaining),
    'X-RateLimit-Reset': String(Math.ceil((nowMs + resetMs) / 1000)),
  }
  if (!decision.allowed) headers['Retry-After'] = String(decision.retryAfterSeconds)
  return headers
}

// One string per policy object (policies live as long as the server), not one per response.
const policyHeaders = new WeakMap<RateLimitPolicy, string>()

function policyHeader(policy: RateLimitPolicy): string {
  let header = policyHeaders.get(policy)
  if (header === undefined) {
    header = `"default";q=${policy.limit};w=${Math.ceil(policy.windowMs / 1000)}`
    policyHeaders.set(policy, header)
  }
  return header
}
