import type { Context } from 'hono'
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
 * replaces it and PATCH merges into it, each write checked against its inferred fields.
 */
export function createSingularRoutes(ctx: SingularRouteContext) {
  const { store } = ctx
  return function singularRoute(c: Context<AppEnv>, name: string): Response | Promise<Response> {
    const spec = ctx.resourceNamed(name)
    const method = c.req.method
    if (method === 'PUT' || method === 'PATCH') return write(c, spec, method)
    return respond(c, withoutKey(spec, store.get(spec.name, SINGULAR_ID)), 200)
  }

  async function write(c: Context<AppEnv>, spec: ResourceSpec, method: string) {
    const body = await readJsonBody(c, ctx.maxBodySize)
    const mode = method === 'PUT' ? 'create' : 'update'
    const fields = ctx.validFields(spec, body, mode)
    const record =
      mode === 'create'
        ? store.replace(spec.name, SINGULAR_ID, fields)
        : store.update(spec.name, SINGULAR_ID, fields)
    return respond(c, withoutKey(spec, record), 200)
  }
}

function withoutKey(spec: ResourceSpec, record: Readonly<Record<string, unknown>> | undefined) {
  if (record === undefined) return {}
  const { [spec.key ?? 'id']: _key, ...rest } = record
  return rest
}
