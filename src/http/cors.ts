import type { MiddlewareHandler } from 'hono'
import { cors as honoCors } from 'hono/cors'
import type { AppEnv } from './app-env.js'

/** Which browser origins may call the mock: `true` = any origin. */
export type CorsOption = boolean | { readonly origin: string | readonly string[] }

// Browser code can read only the response headers named here; without them a client cannot see
// its page count, the new record's URL or how long to wait.
const EXPOSED_HEADERS = [
  'Location',
  'Link',
  'X-Total-Count',
  'Retry-After',
  'RateLimit',
  'RateLimit-Policy',
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
  'WWW-Authenticate',
]

/**
 * CORS on every answer, errors included: a browser must see an injected 429, not a CORS failure.
 * Only real preflights (with `Access-Control-Request-Method`) are answered here; a plain OPTIONS
 * reaches the routes and gets its `Allow`.
 */
export function cors(option: Exclude<CorsOption, false>): MiddlewareHandler<AppEnv> {
  const origin = option === true ? '*' : [option.origin].flat()
  const handle = honoCors({
    origin: typeof origin === 'string' ? origin : [...origin],
    allowMethods: ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
    exposeHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  })
  return async function cors(c, next) {
    if (c.req.method !== 'OPTIONS' || c.req.header('access-control-request-method')) {
      return handle(c, next)
    }
    await next()
    const requestOrigin = c.req.header('origin') ?? ''
    if (origin === '*') c.res.headers.set('Access-Control-Allow-Origin', '*')
    else if (origin.includes(requestOrigin)) {
      c.res.headers.set('Access-Control-Allow-Origin', requestOrigin)
    }
  }
}
