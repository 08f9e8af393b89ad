import type { Context, Hono } from 'hono'
import type { AppEnv } from '../http/app-env.js'
import { readJsonBody } from '../http/read-json-body.js'
import { respond } from '../http/respond.js'
import type { ResourceSpec } from '../resources/resource-spec.js'
import type { WriteMode } from '../resources/validate-record.js'
import type { Store } from '../store/create-store.js'

export interface SingularRouteContext {
  readonly store: Store
  readonly maxBodySize: number
  resourceNamed(name: string): ResourceSpec
  validFields(spec: ResourceSpec, body: unknown, mode: WriteMode): Record<string, unknown>
}

// A singular resource's one record is stored without its key field: the store finds it by the
// text its missing key reads as.
const SINGULAR_ID = 'undefined'

/**
 * A singular resource (a json-server top-level object, `/profile`): GET answers the object, PUT
 * replaces it and PATCH merges into it, each write checked against its inferred fields. Requests
 * for other resources go on to the collection routes.
 */
export function addSingularRoutes(routes: Hono<AppEnv>, ctx: SingularRouteContext): void {
  const { store } = ctx
  const singular = (c: Context<AppEnv>) => {
    const spec = store.resource(c.req.param('resource') ?? '')
    return spec?.singular === true ? spec : undefined
  }
  routes.get('/:resource', (c, next) => {
    const spec = singular(c)
    if (spec === undefined) return next()
    return respond(c, withoutKey(spec, store.get(spec.name, SINGULAR_ID)), 200)
  })
  routes.on(['PUT', 'PATCH'], '/:resource', async (c, next) => {
    const spec = singular(c)
    if (spec === undefined) return next()
    const body = await readJsonBody(c, ctx.maxBodySize)
    const mode = c.req.method === 'PUT' ? 'create' : 'update'
    const fields = ctx.validFields(spec, body, mode)
    const record =
      mode === 'create'
        ? store.replace(spec.name, SINGULAR_ID, fields)
        : store.update(spec.name, SINGULAR_ID, fields)
    return respond(c, withoutKey(spec, record), 200)
  })
  routes.options('/:resource', (c, next) => {
    if (singular(c) === undefined) return next()
    return respond(c, null, 204, { Allow: 'GET, HEAD, PUT, PATCH, OPTIONS' })
  })
}

function withoutKey(spec: ResourceSpec, record: Readonly<Record<string, unknown>> | undefined) {
  if (record === undefined) return {}
  const { [spec.key ?? 'id']: _key, ...rest } = record
  return rest
}
