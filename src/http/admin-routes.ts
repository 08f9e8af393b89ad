import { Hono } from 'hono'
import type { AppEnv } from './app-env.js'

/** `/__mockapi/…`: control and health. Mounted before every fault, limit and check. */
export function createAdminRoutes(version: string): Hono<AppEnv> {
  const admin = new Hono<AppEnv>()
  admin.get('/health', (c) => c.json({ status: 'ok' }))
  admin.get('/version', (c) => c.json({ name: 'mockapi', version }))
  return admin
}
