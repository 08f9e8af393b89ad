import type { Context, MiddlewareHandler } from 'hono'
import { tokenInHeader } from '../auth/find-token.js'
import type { AuthOptions } from '../auth/token-spec.js'
import { type Clock, headerTime } from '../clock/clock.js'
import { HttpError } from '../errors/http-error.js'
import type { AppEnv } from '../http/app-env.js'
import { clientAddress, headerOf } from '../http/header-of.js'
import { addHeaders } from '../http/respond.js'
import type { RateLimiter } from './create-rate-limiter.js'
import type { RateLimitPolicy } from './parse-rate-limit.js'
import { rateLimitHeaders } from './rate-limit-headers.js'

export interface LimitRateOptions {
  readonly limiter: RateLimiter
  /**
   * The server's limit now (a scenario may lower it); `false` limits only tokens that have a limit
   * of their own.
   */
  readonly policy: () => RateLimitPolicy | false
  /** How to find the token a request counts against; without auth, every request counts by address. */
  readonly auth: AuthOptions | false
  readonly clock: Clock
}

/**
 * The contract's 429: requests are counted per token — as sent, valid or not, since the limit comes
 * before the token is checked — or per client address when there is none. Every answer, successes
 * included, carries the rate-limit headers; a refused one also carries `Retry-After`.
 */
export function limitRate(options: LimitRateOptions): MiddlewareHandler<AppEnv> {
  const { limiter, clock } = options
  const counted = countedAs(options)
  // Not async: a throw still reaches onError, and the common path needs no await.
  return function limitRate(c, next) {
    const count = counted(c)
    if (count === undefined) return next()
    const decision = limiter.hit(count.key, count.policy)
    const headers = rateLimitHeaders(decision, headerTime(clock))
    if (!decision.allowed) {
      throw new HttpError(429, {
        code: 'rate_limited',
        detail: `Too many requests: the limit is ${decision.limit} per ${Math.ceil(decision.policy.windowMs / 1000)} s. Retry in ${decision.retryAfterSeconds} seconds.`,
        headers,
      })
    }
    addHeaders(c, headers)
    return next()
  }
}

/**
 * The rate-limit headers a request would get, without counting it: for the answers that come
 * before the limit in the contract's order (503), so that every response carries them.
 */
export function inspectRateLimit(
  options: LimitRateOptions,
): (c: Context<AppEnv>) => Record<string, string> | undefined {
  const { limiter, clock } = options
  const counted = countedAs(options)
  return (c) => {
    const count = counted(c)
    return count && rateLimitHeaders(limiter.inspect(count.key, count.policy), headerTime(clock))
  }
}

/** Which key and policy a request counts against; undefined when no limit applies to it. */
function countedAs(options: LimitRateOptions) {
  const { policy, auth } = options
  const ownLimits = new Map(
    (auth ? auth.tokens : []).flatMap((t) =>
      t.rateLimit === undefined ? [] : [[t.token, t.rateLimit]],
    ),
  )
  return (c: Context<AppEnv>): { key: string; policy: RateLimitPolicy } | undefined => {
    const server = policy()
    if (server === false && ownLimits.size === 0) return undefined
    const token = auth ? tokenInHeader(auth, headerOf(c, auth.header)) : undefined
    const applies = (token === undefined ? undefined : ownLimits.get(token)) ?? server
    if (applies === false) return undefined
    const key = token === undefined ? `address ${clientAddress(c)}` : `token ${token}`
    return { key, policy: applies }
  }
}
