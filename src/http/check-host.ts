import { isIP } from 'node:net'
import type { MiddlewareHandler } from 'hono'
import { HttpError } from '../errors/http-error.js'
import type { AppEnv } from './app-env.js'
import { headerOf } from './header-of.js'

/** Which `Host` names the server answers: `'*'` any, else these besides loopback and its own. */
export type AllowedHosts = '*' | readonly string[]

export interface CheckHostOptions {
  /** Listed names (`api.test`), or `.test` for a domain and every name under it; `'*'` for any. */
  readonly allowed: AllowedHosts
  /** The addresses the server is bound to, which are always allowed. */
  readonly bound: readonly string[]
}

/**
 * Against DNS rebinding: a page on `evil.example` whose name an attacker points at 127.0.0.1
 * reaches the mock as same-origin, but its requests still say `Host: evil.example`. Only loopback
 * names and addresses, the bound address and the names allowed are served; the rest get 403
 * `host_not_allowed`. The port is not compared, so `-p 8080:4000` works. A missing `Host` (an
 * in-process `Request`) is not this check's business.
 */
export function checkHost(options: CheckHostOptions): MiddlewareHandler<AppEnv> {
  const { allowed } = options
  const names = allowed === '*' ? [] : allowed.map(normalize)
  const bound = new Set(options.bound.map(normalize))
  const isAllowed = (host: string): boolean =>
    isLoopbackName(host) ||
    bound.has(host) ||
    names.some((name) =>
      name.startsWith('.') ? host.endsWith(name) || `.${host}` === name : host === name,
    )

  // Clients send the same Host again and again: the last verdict saves parsing it per request.
  let last: { header: string; host: string | undefined; ok: boolean } | undefined
  const verdict = (header: string) => {
    if (last?.header !== header) {
      const host = hostnameOf(header)
      last = { header, host, ok: host === undefined || isAllowed(host) }
    }
    return last
  }

  return function checkHost(c, next) {
    if (allowed !== '*') {
      const header = headerOf(c, 'host')
      const { host, ok } = header === undefined ? { host: undefined, ok: true } : verdict(header)
      if (!ok) {
        throw new HttpError(403, {
          code: 'host_not_allowed',
          detail: `This server does not answer for the host "${host}". If you reach it by that name on purpose, start it with --allowed-hosts ${host} (MOCKAPI_ALLOWED_HOSTS; '*' allows any).`,
        })
      }
    }
    return next()
  }
}

/** `Example.test:4000` → `example.test`; `[::1]:4000` → `::1`; undefined for what is no host. */
export function hostnameOf(header: string): string | undefined {
  const text = header.trim()
  if (text === '') return undefined
  try {
    return normalize(new URL(`http://${text}`).hostname)
  } catch {
    return undefined
  }
}

function normalize(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')
}

/** `localhost`, `*.localhost` (RFC 6761 keeps them on this machine), 127.0.0.0/8 and ::1. */
export function isLoopbackName(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost')) return true
  if (isIP(host) === 4) return host.startsWith('127.')
  return host === '::1' || host === '::ffff:127.0.0.1' || /^::ffff:7f/.test(host)
}
