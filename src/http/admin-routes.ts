import { Hono } from 'hono'
import { HttpError } from '../errors/http-error.js'
import type { AppEnv } from './app-env.js'
import { respond } from './respond.js'

/** `/__mockapi/…`: control and health. Mounted before every fault, limit and check. */
export function createAdminRoutes(version: string): Hono<AppEnv> {
  const admin = new Hono<AppEnv>({ strict: false })
  admin.get('/health', (c) => respond(c, { status: 'ok' }, 200))
  admin.get('/version', (c) => respond(c, { name: 'mockapi', version }, 200))
  // The admin area ends here: nothing under it reaches the limits, checks or resources.
  admin.all('*', (c) => {
    throw new HttpError(404, { code: 'not_found', detail: `Nothing is served at ${c.req.path}.` })
  })
  return admin
}
