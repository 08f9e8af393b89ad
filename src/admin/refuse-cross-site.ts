import type { Context, MiddlewareHandler } from 'hono'
import { HttpError } from '../errors/http-error.js'
import type { AppEnv } from '../http/app-env.js'
import { headerOf } from '../http/header-of.js'

/** The admin paths any page may read: they say nothing about the instance's state. */
export const OPEN_ADMIN_PATHS: readonly string[] = ['/__mockapi/health', '/__mockapi/version']

const STATE_CHANGING = new Set(['PUT', 'POST', 'DELETE', 'PATCH'])

/**
 * The admin surface is same-origin only. A CORS preflight is answered without any CORS header, so
 * the browser refuses the call it announces; a state-changing request a browser sends on behalf of
 * another site is refused with 403 `cross_site_request` — even a "simple" `text/plain` POST, which
 * no preflight guards. Clients that are not browsers (curl, test suites) send neither `Origin` nor
 * `Sec-Fetch-Site` and pass.
 */
export function refuseCrossSite(): MiddlewareHandler<AppEnv> {
  return async function refuseCrossSite(c, next) {
    const method = c.req.method
    if (method === 'OPTIONS' && headerOf(c, 'access-control-request-method') !== undefined) {
      // No Access-Control-Allow-* here: the browser stops before sending the real request.
      return new Response(null, { status: 204, headers: { vary: 'Origin' } })
    }
    if (STATE_CHANGING.has(method)) {
      const reason = crossSiteReason(c)
      if (reason !== undefined) {
        throw new HttpError(403, {
          code: 'cross_site_request',
          detail: `The admin API takes changes only from its own origin: ${reason}. Use the control page at /__mockapi/ or a client that is not a web page.`,
        })
      }
    }
    await next()
  }
}

/** Why the request comes from another site; undefined when it does not. */
export function crossSiteReason(c: Context<AppEnv>): string | undefined {
  if (headerOf(c, 'sec-fetch-site')?.trim().toLowerCase() === 'cross-site') {
    return 'Sec-Fetch-Site is cross-site'
  }
  const origin = headerOf(c, 'origin')
  if (origin === undefined) return undefined
  const own = ownOrigin(c)
  if (own !== undefined && originOf(origin) === own) return undefined
  return `Origin ${origin.trim() === '' ? '(empty)' : origin} is not ${own ?? 'this server'}`
}

/**
 * The scheme the request came in on plus its own `Host`: behind `-p 8080:4000` that is :8080.
 * Behind a proxy that ends TLS, the scheme is the one it names in `X-Forwarded-Proto` — a header a
 * page cannot add without a preflight, which gets no CORS answer here.
 */
function ownOrigin(c: Context<AppEnv>): string | undefined {
  const url = new URL(c.req.url)
  const host = headerOf(c, 'host') ?? url.host
  const forwarded = headerOf(c, 'x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase()
  const scheme = forwarded === 'https' || forwarded === 'http' ? `${forwarded}:` : url.protocol
  return originOf(`${scheme}//${host}`)
}

/** `http://LocalHost:80` → `http://localhost`; `null` (sandboxed pages, file:) and junk → undefined. */
function originOf(text: string): string | undefined {
  try {
    const url = new URL(text.trim())
    return url.origin === 'null' ? undefined : url.origin
  } catch {
    return undefined
  }
}
