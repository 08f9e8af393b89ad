import type { MiddlewareHandler } from 'hono'
import { HttpError } from '../errors/http-error.js'
import type { AppEnv } from '../http/app-env.js'

/** The contract tells clients to wait at least this long after a 503. */
const RETRY_AFTER_SECONDS = 60

export interface AvailabilityOptions {
  /** Read on every request, so maintenance can be switched at runtime. */
  readonly maintenance: () => boolean
  /** At most this many requests in progress at once; beyond it, 503 at once. */
  readonly maxInflight: number | undefined
}

/**
 * The contract's 503, first in its order: maintenance mode, then real overload — more requests in
 * progress than `maxInflight`, counted as they come and go, not simulated.
 */
export function checkAvailability(options: AvailabilityOptions): MiddlewareHandler<AppEnv> {
  const { maintenance, maxInflight } = options
  const retry = { 'Retry-After': String(RETRY_AFTER_SECONDS) }
  let inflight = 0
  return async function checkAvailability(_c, next) {
    if (maintenance()) {
      throw new HttpError(503, {
        code: 'maintenance',
        detail: `The API is down for maintenance. Retry in ${RETRY_AFTER_SECONDS} seconds or later.`,
        headers: retry,
      })
    }
    if (maxInflight === undefined) return next()
    if (inflight >= maxInflight) {
      throw new HttpError(503, {
        code: 'overloaded',
        detail: `The API is overloaded (${maxInflight} requests in progress). Retry in ${RETRY_AFTER_SECONDS} seconds or later.`,
        headers: retry,
      })
    }
    inflight += 1
    try {
      await next()
    } finally {
      inflight -= 1
    }
  }
}
