import type { Context } from 'hono'
import { HttpError } from '../errors/http-error.js'
import type { AppEnv } from '../http/app-env.js'
import { answerOf, type Stage } from '../http/compose-stages.js'
import { DEFAULT_RETRY_AFTER_SECONDS } from './create-rate-limiter.js'

export interface AvailabilityOptions {
  /** Read on every request, so maintenance can be switched at runtime. */
  readonly maintenance: () => boolean
  /** At most this many requests in progress at once; beyond it, 503 at once. */
  readonly maxInflight: number | undefined
  /** Headers every answer carries, a 503 included (the rate-limit headers, without counting). */
  readonly headers?: ((c: Context<AppEnv>) => Record<string, string> | undefined) | undefined
  /** The `Retry-After` of a 503 (`--retry-after`); default the contract's 60 s. */
  readonly retryAfterSeconds?: number | undefined
}

/**
 * The contract's 503, first in its order: maintenance mode, then real overload — more requests in
 * progress than `maxInflight`, counted as they come and go, not simulated.
 */
export function checkAvailability(options: AvailabilityOptions): Stage {
  const { maintenance, maxInflight } = options
  const RETRY_AFTER_SECONDS = options.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS
  const headersOf = (c: Context<AppEnv>): Record<string, string> => {
    const extra = options.headers?.(c)
    // A refused rate limit may ask for longer; the longer wait wins.
    const seconds = Math.max(RETRY_AFTER_SECONDS, Number(extra?.['Retry-After'] ?? 0))
    return { ...extra, 'Retry-After': String(seconds) }
  }
  let inflight = 0
  // Not async: a throw still reaches onError, and the common path needs no await.
  return function checkAvailability(c, next) {
    if (maintenance()) {
      throw new HttpError(503, {
        code: 'maintenance',
        detail: `The API is down for maintenance. Retry in ${RETRY_AFTER_SECONDS} seconds or later.`,
        headers: headersOf(c),
      })
    }
    if (maxInflight === undefined) return next()
    if (inflight >= maxInflight) {
      throw new HttpError(503, {
        code: 'overloaded',
        detail: `The API is overloaded (${maxInflight} requests in progress). Retry in ${RETRY_AFTER_SECONDS} seconds or later.`,
        headers: headersOf(c),
      })
    }
    inflight += 1
    const answer = answerOf(next)
    if (!(answer instanceof Promise)) {
      inflight -= 1
      return answer
    }
    return answer.finally(() => {
      inflight -= 1
    })
  }
}
