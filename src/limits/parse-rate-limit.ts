/** How many requests one key may make per window. */
export interface RateLimitPolicy {
  readonly limit: number
  readonly windowMs: number
}

const MAX_LIMIT = 1_000_000_000
const MAX_WINDOW_MS = 24 * 60 * 60 * 1000
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const
// Lower-case units only: 'M' would read as months to some people and minutes to others.
const RATE_LIMIT_PATTERN = /^(\d+)\/(\d+)(ms|s|m|h)$/

/**
 * Reads a rate limit written as `requests/window`, the window in `ms`, `s`, `m` or `h`;
 * `off` turns limiting off. Surrounding spaces are ignored.
 *
 * @throws RangeError naming the text when it is malformed or out of range
 * (1 to 1,000,000,000 requests, a window of 1 ms to 24 h).
 * @example
 * parseRateLimit('100/60s') // { limit: 100, windowMs: 60000 }
 * parseRateLimit('20/500ms') // { limit: 20, windowMs: 500 }
 * parseRateLimit('off') // false
 */
export function parseRateLimit(text: string): RateLimitPolicy | false {
  const trimmed = text.trim()
  if (trimmed === 'off') return false
  const match = RATE_LIMIT_PATTERN.exec(trimmed)
  const [, count, size, unit] = match ?? []
  if (count === undefined || size === undefined || !isUnit(unit)) {
    throw new RangeError(
      `rate limit must look like 100/60s (requests/window with ms, s, m or h) or be "off", got ${JSON.stringify(text)}`,
    )
  }
  const policy = { limit: Number(count), windowMs: Number(size) * UNIT_MS[unit] }
  const problem = describeRangeProblem(policy)
  if (problem !== undefined)
    throw new RangeError(`rate limit ${problem}, got ${JSON.stringify(text)}`)
  return policy
}

/**
 * Checks a policy built in code (not parsed) against the same ranges as `parseRateLimit`.
 *
 * @throws RangeError when the limit or the window is out of range.
 * @example
 * checkRateLimitPolicy({ limit: 10, windowMs: 1000 }) // returns the policy
 * checkRateLimitPolicy({ limit: 0, windowMs: 1000 }) // throws RangeError
 */
export function checkRateLimitPolicy(policy: RateLimitPolicy): RateLimitPolicy {
  const problem = describeRangeProblem(policy)
  if (problem !== undefined) {
    throw new RangeError(
      `rate limit ${problem}, got limit ${policy.limit} per ${policy.windowMs}ms`,
    )
  }
  return policy
}

/**
 * Writes a policy back in the form `parseRateLimit` reads: whole seconds when the window allows,
 * milliseconds otherwise (minutes and hours come back as seconds).
 *
 * @example
 * formatRateLimit({ limit: 100, windowMs: 60000 }) // '100/60s'
 * formatRateLimit({ limit: 20, windowMs: 500 }) // '20/500ms'
 */
export function formatRateLimit(policy: RateLimitPolicy): string {
  const { limit, windowMs } = policy
  return windowMs % 1000 === 0 ? `${limit}/${windowMs / 1000}s` : `${limit}/${windowMs}ms`
}

function isUnit(unit: string | undefined): unit is keyof typeof UNIT_MS {
  return unit !== undefined && Object.hasOwn(UNIT_MS, unit)
}

function describeRangeProblem({ limit, windowMs }: RateLimitPolicy): string | undefined {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    return 'must allow 1 to 1000000000 requests per window'
  }
  if (!Number.isInteger(windowMs) || windowMs < 1 || windowMs > MAX_WINDOW_MS) {
    return 'window must be a whole number of milliseconds from 1ms to 24h'
  }
  return undefined
}
