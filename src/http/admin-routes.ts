import { Hono } from 'hono'
import { HttpError } from '../errors/http-error.js'
import type { AppEnv } from './app-env.js'

/** `/__mockapi/…`: control and health. Mounted before every fault, limit and check. */
export function createAdminRoutes(version: string): Hono<AppEnv> {
  const admin = new Hono<AppEnv>()
  admin.get('/health', (c) => c.json({ status: 'ok' }))
  admin.get('/version', (c) => c.json({ name: 'mockapi', version }))
  // The admin area ends here: nothing under it reaches the limits, checks or resources.
  admin.all('*', (c) => {
    throw new HttpError(404, { code: 'not_found', detail: `Nothing is served at ${c.req.path}.` })
  })
  return admin
}
