import type { MiddlewareHandler } from 'hono'
import { cors as honoCors } from 'hono/cors'
import type { AppEnv } from './app-env.js'
import { headerOf } from './header-of.js'
import { addHeaders, stableHeaders } from './respond.js'

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
  'Preference-Applied',
  'ETag',
  'Last-Modified',
  'Idempotent-Replayed',
].join(', ')
const METHODS = ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE', 'OPTIONS']

/**
 * CORS on every answer, errors included: a browser must see an injected 429, not a CORS failure.
 * Preflights (OPTIONS with `Access-Control-Request-Method`) are answered by Hono's middleware; a
 * plain OPTIONS reaches the routes for its `Allow`.
 */
export function cors(option: Exclude<CorsOption, false>): MiddlewareHandler<AppEnv> {
  const origins = option === true ? '*' : [option.origin].flat()
  const preflight = honoCors({
    origin: origins === '*' ? '*' : [...origins],
    allowMethods: METHODS,
    exposeHeaders: EXPOSED_HEADERS.split(', '),
    maxAge: 600,
  })

  // The headers each answer adds, made once: the same few objects for every request.
  const VARY_ONLY = stableHeaders({ Vary: 'Origin' })
  const ANY_NO_ORIGIN = stableHeaders({ 'Access-Control-Allow-Origin': '*' })
  const ANY_WITH_ORIGIN = stableHeaders({
    ...ANY_NO_ORIGIN,
    'Access-Control-Expose-Headers': EXPOSED_HEADERS,
  })
  const listed = new Map(
    (origins === '*' ? [] : origins).map((origin) => [
      origin,
      stableHeaders({
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Expose-Headers': EXPOSED_HEADERS,
        Vary: 'Origin',
      }),
    ]),
  )

  return function cors(c, next) {
    if (c.req.method === 'OPTIONS' && headerOf(c, 'access-control-request-method')) {
      return preflight(c, next)
    }
    // Any origin: `Access-Control-Allow-Origin: *` on every answer, as most servers send it. The
    // long expose list matters only to a browser, which always sends `Origin` cross-origin.
    const origin = headerOf(c, 'origin')
    if (origins === '*') addHeaders(c, origin === undefined ? ANY_NO_ORIGIN : ANY_WITH_ORIGIN)
    else {
      // The answer depends on Origin even when it allows none: a cache must not reuse it.
      addHeaders(c, (origin !== undefined && listed.get(origin)) || VARY_ONLY)
    }
    return next()
  }
}

/**
 * The CORS headers of an answer made outside the pipeline (Node's own refusals: 400, 408, 431),
 * for a request from `origin` to `path`: none for the same-origin admin surface.
 */
export function corsHeadersFor(
  option: CorsOption,
  origin: string | undefined,
  path: string | undefined,
): Record<string, string> {
  if (option === false || path?.startsWith('/__mockapi')) return {}
  if (option === true) {
    return {
      'Access-Control-Allow-Origin': '*',
      ...(origin === undefined ? {} : { 'Access-Control-Expose-Headers': EXPOSED_HEADERS }),
    }
  }
  const allowed = origin !== undefined && [option.origin].flat().includes(origin)
  if (!allowed) return { Vary: 'Origin' }
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Expose-Headers': EXPOSED_HEADERS,
    Vary: 'Origin',
  }
}
