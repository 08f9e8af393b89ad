import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from './app-env.js'

/** One line's worth of a finished request, handed to the `onRequest` option. */
export interface RequestLogEntry {
  readonly method: string
  readonly path: string
  readonly status: number
  readonly ms: number
}

/** Reports every request once it has its answer, errors included. */
export function logRequests(
  onRequest: (entry: RequestLogEntry) => void,
): MiddlewareHandler<AppEnv> {
  return async function logRequests(c, next) {
    const start = performance.now()
    await next()
    onRequest({
      method: c.req.method,
      path: pathWithQuery(c.req.url),
      status: c.res.status,
      ms: performance.now() - start,
    })
  }
}

function pathWithQuery(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2)
  return start === -1 ? '/' : url.slice(start)
}
