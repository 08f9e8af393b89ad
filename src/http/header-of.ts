import type { Context } from 'hono'
import type { AppEnv } from './app-env.js'

/**
 * A request header by lower-case name, read from Node's parsed headers when the request came in
 * on a socket: asking Hono's `c.req.header()` first makes `@hono/node-server` build a whole
 * `Headers` object, a cost every request would pay for a header it seldom has (`Prefer`).
 */
export function headerOf(c: Context<AppEnv>, name: string): string | undefined {
  const incoming = c.env?.incoming
  if (incoming === undefined) return c.req.header(name)
  const value = incoming.headers[name]
  return Array.isArray(value) ? value.join(', ') : value
}

/** Who sent the request: the socket's remote address, or `in-process` without one. */
export function clientAddress(c: Context<AppEnv>): string {
  return c.env?.incoming?.socket.remoteAddress ?? 'in-process'
}
