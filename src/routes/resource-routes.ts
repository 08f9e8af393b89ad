import type { Context } from 'hono'
import { type Clock, clockOffset } from '../clock/clock.js'
import type { AppEnv } from '../http/app-env.js'
import type { Answer } from '../http/compose-stages.js'
import { linkHeader } from '../http/link-header.js'
import { DEFAULT_MAX_BODY_BYTES } from '../http/read-json-body.js'
import { respond, respondJson } from '../http/respond.js'
import type { MatchedOperation } from '../model/match-operation.js'
import type { ResourceRecord, ResourceSpec } from '../resources/resource-spec.js'
import type { Store } from '../store/create-store.js'
import type { ListQuery } from '../store/list-query.js'
import { cachedValidators, isNotModified } from './check-preconditions.js'
import type { IdempotencyKeys } from './create-idempotency-keys.js'
import type { JsonCache } from './create-json-cache.js'
import {
  isJsonServerQuery,
  type JsonServerQuery,
  nestRelated,
  readJsonServerQuery,
} from './json-server-query.js'
import { createNestedRoutes } from './nested-routes.js'
import { parseListQuery } from './parse-list-query.js'
import { createResourceWrites, originOf, type RecordPath, scopeOf } from './resource-writes.js'
import { createSingularRoutes } from './singular-routes.js'
import { recordNamedIn, resourceNamedIn } from './unknown-resource.js'

export interface ResourceRouteOptions {
  /** The largest request body read, in bytes (413 above it). */
  readonly maxBodySize?: number
  /** Writes to a record without `If-Match` get 428 `precondition_required`. */
  readonly requireIfMatch?: boolean
  /** The `Idempotency-Key`s in use; without them the header is ignored. */
  readonly idempotencyKeys?: IdempotencyKeys | undefined
  /** The instance's clock: header dates are written as `headerTime` reads it. */
  readonly clock?: Clock
  /** Where a collection is served (a document's, under its base path); `/name` without it. */
  readonly pathOf?: ((name: string) => string) | undefined
  /** Records' JSON made once while they are read; without it, each answer serializes anew. */
  readonly jsonCache?: JsonCache | undefined
}

/** A route's handler: the request and the path's parameters. */
type Route = (c: Context<AppEnv>, params: RecordPath) => Answer

/**
 * The mock's own answers to the roles its resources' operations play (see `modelOfResources`):
 * the index, a list, a create, a read, PATCH, PUT and DELETE of a record, the nested list and
 * create, and a singular resource's object. Each meets the contract's failures in its order:
 * malformed body (400), unknown id (404), then a write's preconditions (428, 412), its
 * `Idempotency-Key` (replay, 409, 422), invalid fields (400). Bodies above `maxBodySize` bytes
 * are refused with 413. Records carry `ETag` and `Last-Modified`, lists a weak `ETag`; a GET
 * whose `If-None-Match` still matches is 304.
 */
export function createResourceRoutes(
  store: Store,
  options: ResourceRouteOptions = {},
): (c: Context<AppEnv>, match: MatchedOperation) => Answer {
  const { maxBodySize = DEFAULT_MAX_BODY_BYTES, requireIfMatch = false } = options
  const clock = options.clock
  const validators = cachedValidators(
    (record) => store.version(record),
    () => store.generation,
    () => (clock ? clockOffset(clock) : 0),
  )
  const cache = options.jsonCache
  const jsonOf = (record: ResourceRecord) => cache?.json(record) ?? JSON.stringify(record)
  const jsonOfList = (records: readonly ResourceRecord[]) =>
    cache ? `[${records.map((record) => cache.json(record)).join(',')}]` : JSON.stringify(records)

  const index = (c: Context<AppEnv>) => {
    const origin = originOf(c.req.url)
    const resources = store.resources.map(({ name }) => ({
      name,
      url: `${origin}${options.pathOf?.(name) ?? `/${name}`}`,
      count: store.count(name, scopeOf(c)),
    }))
    return respond(c, { resources }, 200)
  }

  const list: Route = (c, params) => {
    const spec = resourceNamed(params.resource)
    const url = new URL(c.req.url)
    // json-server's `_page`, `_sort`, `_embed`… read as aliases of mockapi's own parameters.
    const alias = isJsonServerQuery(url.searchParams)
      ? readJsonServerQuery(url.searchParams)
      : undefined
    const searchParams = alias?.params ?? url.searchParams
    const query = wholeListFor(spec, alias, searchParams, parseListQuery(searchParams, spec))
    const scope = scopeOf(c)
    const listed = store.list(spec.name, query, scope)
    const { total } = listed
    const window = alias?.window
    const windowed = window ? listed.items.slice(window.start, window.end) : listed.items
    const items = alias ? nestRelated(store, spec, windowed, alias, scope) : windowed
    const etag = `W/"${store.listVersion(spec.name, scope)}"`
    const listValidators = { ETag: etag, 'Cache-Control': 'no-cache' }
    if (isNotModified(c, listValidators)) return respond(c, null, 304, listValidators)
    // Records as stored serialize from the cache; json-server's embedded ones are new objects.
    return respondJson(c, alias ? JSON.stringify(items) : jsonOfList(items), 200, {
      'X-Total-Count': String(total),
      Link: linkHeader(url, query.page, query.perPage, total),
      ...listValidators,
    })
  }

  const read: Route = (c, params) => {
    const spec = resourceNamed(params.resource)
    const record = recordWithId(c, spec, params.id)
    const headers = validators(record)
    if (isNotModified(c, headers)) return respond(c, null, 304, headers)
    const url = c.req.url
    if (!url.includes('?') || !isJsonServerQuery(new URL(url).searchParams)) {
      return respondJson(c, jsonOf(record), 200, headers)
    }
    const query = readJsonServerQuery(new URL(url).searchParams)
    const [nested] = nestRelated(store, spec, [record], query, scopeOf(c))
    return respond(c, nested ?? record, 200, headers)
  }

  const writes = createResourceWrites({
    store,
    maxBodySize,
    requireIfMatch,
    keys: options.idempotencyKeys,
    validators,
    resourceNamed,
    recordWithId,
  })
  const { create, update, replace, remove, validFields } = writes

  const nested = createNestedRoutes({
    maxBodySize,
    resourceNamed,
    recordWithId,
    validFields,
    listed: (c, spec, query, url) => {
      const { items, total } = store.list(spec.name, query, scopeOf(c))
      return respond(c, items, 200, {
        'X-Total-Count': String(total),
        Link: linkHeader(url, query.page, query.perPage, total),
      })
    },
    created: (c, spec, fields) => {
      const record = store.create(spec.name, fields, scopeOf(c))
      const location = `${originOf(c.req.url)}/${spec.name}/${record.id}`
      return respond(c, record, 201, { Location: location })
    },
  })
  const singular = createSingularRoutes({ store, maxBodySize, resourceNamed, validFields })

  const routes: Readonly<Record<string, Route>> = {
    list,
    create,
    read,
    update,
    replace,
    delete: remove,
  }

  return function resourceRoutes(c, { operation, params }) {
    const { role } = operation
    if (role.kind === 'index') return index(c)
    if (!('collection' in role)) throw new Error(`a resource has no ${role.kind} operation`)
    const id = params.id ?? ''
    const via = 'via' in role ? role.via : undefined
    if (via !== undefined) {
      const nesting = { parent: via.collection, id, child: role.collection, field: via.field }
      return role.kind === 'create' ? nested.create(c, nesting) : nested.list(c, nesting)
    }
    if (store.resource(role.collection)?.singular === true) return singular(c, role.collection)
    const route = routes[role.kind]
    if (route === undefined) throw new Error(`a resource has no ${role.kind} operation`)
    return route(c, { resource: role.collection, id })
  }

  function resourceNamed(name: string): ResourceSpec {
    return resourceNamedIn(store, name)
  }

  function recordWithId(c: Context<AppEnv>, spec: ResourceSpec, id: string): ResourceRecord {
    return recordNamedIn(store, c, spec, id)
  }
}
/**
 * The list a query answers from: all of it when json-server's window (`_start`, `_page`…) cuts it
 * afterwards, or when a data file's resource is listed without paging (json-server answers every
 * record); otherwise the query's own page.
 */
function wholeListFor(
  spec: ResourceSpec,
  alias: JsonServerQuery | undefined,
  params: URLSearchParams,
  query: ListQuery,
): ListQuery {
  const unpaged = spec.unpaged === true && !params.has('page') && !params.has('per_page')
  return alias?.window !== undefined || unpaged
    ? { ...query, page: 1, perPage: Number.MAX_SAFE_INTEGER }
    : query
}
