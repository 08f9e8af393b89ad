import { createHash, timingSafeEqual } from 'node:crypto'
import type { Context } from 'hono'
import { HttpError } from '../errors/http-error.js'
import type { AppEnv } from '../http/app-env.js'
import { headerOf } from '../http/header-of.js'

/**
 * The admin routes' guard: `Authorization: Bearer <token>` (401 admin_token_missing, 403
 * admin_token_invalid), or 403 admin_locked when the server is networked and has no token.
 */
export function requireAdminToken(token: string) {
  const expected = digestOf(token)
  return async function checkAdminToken(c: Context<AppEnv>, next: () => Promise<void>) {
    if (token === 'locked') {
      throw new HttpError(403, {
        code: 'admin_locked',
        detail:
          'The admin API is reachable from the network and has no token. Start mockapi with --admin-token TOKEN (MOCKAPI_ADMIN_TOKEN) and send Authorization: Bearer TOKEN.',
      })
    }
    const sent = /^bearer\s+(.+)$/i.exec(headerOf(c, 'authorization')?.trim() ?? '')?.[1]
    if (sent === undefined) {
      throw new HttpError(401, {
        code: 'admin_token_missing',
        detail: 'The admin API needs Authorization: Bearer <admin token>.',
        headers: { 'WWW-Authenticate': 'Bearer realm="mockapi-admin"' },
      })
    }
    if (!timingSafeEqual(digestOf(sent), expected)) {
      throw new HttpError(403, {
        code: 'admin_token_invalid',
        detail: 'The admin token is not valid.',
      })
    }
    await next()
  }
}

// Digests of equal length, so the comparison takes the same time whatever was sent: how much of a
// guess matches leaks neither through an early exit nor through the length.
function digestOf(text: string): Buffer {
  return createHash('sha256').update(text).digest()
}
