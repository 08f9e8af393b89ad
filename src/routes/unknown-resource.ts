import type { Context } from 'hono'
import { tryDecodeURIComponent } from 'hono/utils/url'
import { HttpError } from '../errors/http-error.js'
import type { AppEnv } from '../http/app-env.js'
import type { Stage } from '../http/compose-stages.js'
import type { ResourceRecord, ResourceSpec } from '../resources/resource-spec.js'
import type { Store } from '../store/create-store.js'

/**
 * The contract's 404 for a path the model serves no operation at: a document's collection asked
 * for at mockapi's own `/:resource` routes rather than where the document puts it (`elsewhere`),
 * else, for a path shaped like a resource's (`/:resource`, `/:resource/:id`,
 * `/:resource/:id/:nested`), the unknown resource named, or the resource that does not refer to
 * its parent. Other paths go on.
 */
export function refuseUnknownResource(store: Store, elsewhere: ReadonlySet<string>): Stage {
  return function refuseUnknownResource(c, next) {
    const path = c.req.path
    if (elsewhere.has(path.split('/')[1] ?? '')) {
      throw new HttpError(404, { code: 'not_found', detail: `Nothing is served at ${path}.` })
    }
    const params = routeParamsOf(path)
    if (params === undefined || params.depth === 0) return next()
    const parent = resourceNamedIn(store, params.resource)
    if (params.depth < 3) return next()
    throw new HttpError(404, {
      code: 'not_found',
      detail: `Nothing is served at ${path}: no ${truncate(params.nested)} resource refers to ${parent.name}.`,
    })
  }
}

/** The resource named, or 404 naming the ones there are. */
export function resourceNamedIn(store: Store, name: string): ResourceSpec {
  const spec = store.resource(name)
  if (spec) return spec
  const names = store.resources.map((r) => r.name).join(', ')
  throw new HttpError(404, {
    code: 'not_found',
    detail: `There is no resource named "${truncate(name)}". Resources: ${names}.`,
  })
}

/**
 * The record with `id` the request may see, or 404 — the same answer whether the id never existed
 * or is another workspace's, so existence never leaks.
 */
export function recordNamedIn(
  store: Store,
  c: Context<AppEnv>,
  spec: ResourceSpec,
  id: string,
): ResourceRecord {
  const record = store.get(spec.name, id, c.get('token')?.workspace)
  if (record) return record
  throw new HttpError(404, {
    code: 'not_found',
    detail: `No ${spec.name} record has the id "${truncate(id)}".`,
  })
}

function truncate(text: string): string {
  return text.length > 100 ? `${text.slice(0, 100)}…` : text
}

/** The parts of a resource path, decoded: `/tasks/7/comments` → tasks, 7, comments. */
interface RouteParams {
  /** 0 for `/`, 1 for `/:resource`, 2 for `/:resource/:id`, 3 for `/:resource/:id/:nested`. */
  readonly depth: number
  readonly resource: string
  readonly id: string
  readonly nested: string
}

const ROOT: RouteParams = { depth: 0, resource: '', id: '', nested: '' }

/**
 * Reads a request path (as Hono gives it: without the query, a trailing slash dropped) the way
 * Hono's `:param` routes would: each segment non-empty, percent-decoded; undefined for a path of
 * more than three segments or with an empty one.
 */
function routeParamsOf(path: string): RouteParams | undefined {
  if (path === '/' || path === '') return ROOT
  const parts = path.split('/')
  // parts[0] is the empty string before the leading slash.
  if (parts.length > 4) return undefined
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i] as string
    if (part === '') return undefined
    if (part.includes('%')) parts[i] = tryDecodeURIComponent(part)
  }
  return {
    depth: parts.length - 1,
    resource: parts[1] ?? '',
    id: parts[2] ?? '',
    nested: parts[3] ?? '',
  }
}
