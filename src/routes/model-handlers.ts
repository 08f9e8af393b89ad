import { respond } from '../http/respond.js'
import type { OperationModel } from '../model/api-model.js'
import { generateFromSchema } from '../openapi/generate-from-schema.js'
import { propertiesOf, typesOf } from '../openapi/schema-tools.js'
import type { ResourceRecord } from '../resources/resource-spec.js'
import { isNotModified } from './check-preconditions.js'
import {
  ALL,
  answerStored,
  belongs,
  type Handler,
  type HandlerContext,
  recordOf,
  scopeOf,
} from './model-records.js'
import { shapeList, successOf } from './model-shapes.js'
import { WRITE_HANDLERS } from './model-writes.js'

export { type HandlerContext, notFound, scopeOf } from './model-records.js'

/**
 * One handler per role an operation plays for its collection. Reads answer 304 while
 * `If-None-Match` (or `If-Modified-Since`) holds: a record carries its strong `ETag`, a list a
 * weak one.
 */
export const HANDLERS: Readonly<
  Record<Exclude<OperationModel['role']['kind'], 'static' | 'index'>, Handler>
> = {
  list: (h) => {
    const { c, op, collection } = h
    const scope = scopeOf(c)
    const validators = {
      ETag: `W/"${h.store.listVersion(collection.name, scope)}"`,
      'Cache-Control': 'no-cache',
    }
    if (isNotModified(c, validators)) return respond(c, null, 304, validators)
    const all = h.store
      .list(collection.name, ALL, scope)
      .items.filter((r) => belongs(h, r) && matches(h, r))
    const { status, response } = successOf(op, 200)
    const { offset, limit, page } = windowOf(h.values, all.length)
    const items = all.slice(offset, offset + limit)
    const url = new URL(c.req.url)
    const at = (n: number) => {
      url.searchParams.set('page', String(n))
      return url.toString()
    }
    const last = Math.max(1, Math.ceil(all.length / limit))
    const links = {
      self: c.req.url,
      first: at(1),
      last: at(last),
      ...(page < last ? { next: at(page + 1) } : {}),
      ...(page > 1 ? { prev: at(page - 1) } : {}),
    }
    const window = { page, limit, offset }
    const body = shapeList(response?.schema, { items, total: all.length, links, window }, (s, n) =>
      generateFromSchema(h.faker, s, n),
    )
    return respond(c, body, status, { 'X-Total-Count': String(all.length), ...validators })
  },
  read: (h) => {
    const record = recordOf(h)
    const validators = h.validators(record)
    if (isNotModified(h.c, validators)) return respond(h.c, null, 304, validators)
    const { status, response } = successOf(h.op, 200)
    return answerStored(h, status, response?.schema, record, validators)
  },
  ...WRITE_HANDLERS,
}

/**
 * Filters named like the item's properties (`tag` → `tag`, `tags` or `tagList`; `author` → an
 * object's `username`, `name`, `slug` or `id`) keep matching records; a filter whose values cannot
 * be the field's (`favorited=jake` on a boolean) means something else and is ignored.
 */
function matches(h: HandlerContext, record: ResourceRecord): boolean {
  const properties = propertiesOf(h.collection.itemSchema)
  for (const [name, value] of Object.entries(h.values)) {
    const field = [name, `${name}s`, name.replace(/s$/, ''), `${name}List`].find((n) =>
      Object.hasOwn(properties, n),
    )
    if (field === undefined || h.op.parameters.find((p) => p.name === name)?.in !== 'query')
      continue
    const wanted = (Array.isArray(value) ? value : [value]).map(String)
    if (
      typesOf(properties[field]).includes('boolean') &&
      wanted.some((w) => !/^(true|false)$/.test(w))
    )
      continue
    const actual = record[field]
    const have = (Array.isArray(actual) ? actual : [actual]).flatMap(namesOf)
    if (!wanted.some((w) => have.includes(w))) return false
  }
  return true
}

/** What a filter value can name: a scalar itself, an object by its name-like fields. */
function namesOf(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return [String(value)]
  const object = value as Record<string, unknown>
  return ['name', 'username', 'slug', 'id']
    .map((n) => object[n])
    .filter((v) => v !== undefined && typeof v !== 'object')
    .map(String)
}

/** `page`/`limit`, `offset`/`limit`, `per_page`… as the operation's own parameters name them. */
function windowOf(values: Readonly<Record<string, unknown>>, total: number) {
  const number = (...names: string[]) => {
    for (const n of names) if (typeof values[n] === 'number') return values[n] as number
    return undefined
  }
  const limit = Math.max(
    1,
    number('limit', 'per_page', 'perPage', 'pageSize', 'page_size', 'size', 'count') ??
      Math.max(total, 1),
  )
  const page = Math.max(1, number('page', 'pageNumber', 'page_number') ?? 1)
  const offset = number('offset', 'skip', 'start') ?? (page - 1) * limit
  return { offset, limit, page }
}
