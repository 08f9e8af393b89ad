import type { Context } from 'hono'
import { HttpError } from '../errors/http-error.js'
import type { AppEnv } from '../http/app-env.js'
import { respond } from '../http/respond.js'
import type { CollectionModel, OperationModel } from '../model/api-model.js'
import type { createSchemaValidator } from '../openapi/create-schema-validator.js'
import { generateFromSchema } from '../openapi/generate-from-schema.js'
import { propertiesOf, requiredOf } from '../openapi/schema-tools.js'
import { newKey } from '../openapi/seed-collections.js'
import type { createFaker } from '../resources/create-faker.js'
import type { ResourceRecord } from '../resources/resource-spec.js'
import type { Store } from '../store/create-store.js'
import { readModelBody } from './model-request.js'
import { shapeList, shapeRecord, successOf, unwrapBody } from './model-shapes.js'

const ALL = { page: 1, perPage: Number.MAX_SAFE_INTEGER, filters: [], q: undefined, sort: [] }

/** What a collection operation's handler works with. */
export interface HandlerContext {
  readonly c: Context<AppEnv>
  readonly op: OperationModel
  readonly collection: CollectionModel
  readonly params: Readonly<Record<string, string>>
  readonly values: Readonly<Record<string, unknown>>
  readonly parentKey: string | undefined
  readonly store: Store
  readonly validator: ReturnType<typeof createSchemaValidator>
  readonly maxBodySize: number
  readonly faker: ReturnType<typeof createFaker>
  readonly collections: ReadonlyMap<string, CollectionModel>
}

type Handler = (h: HandlerContext) => Response | Promise<Response>

/** One handler per role an operation plays for its collection. */
export const HANDLERS: Readonly<
  Record<Exclude<OperationModel['role']['kind'], 'static'>, Handler>
> = {
  list: (h) => {
    const { c, op, collection } = h
    const all = h.store
      .list(collection.name, ALL, scopeOf(c))
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
    const body = shapeList(response?.schema, { items, total: all.length, links }, (s, n) =>
      generateFromSchema(h.faker, s, n),
    )
    return respond(c, body, status, { 'X-Total-Count': String(all.length) })
  },
  create: async (h) => {
    const { c, op, collection } = h
    const body = await readRecordBody(h)
    const scope = scopeOf(c)
    const key = body[collection.key.field] ?? makeKey(h, body)
    const existing = h.store.get(collection.name, String(key), undefined)
    if (existing !== undefined && op.responses.some((r) => r.status === '409')) {
      throw new HttpError(409, {
        code: 'already_exists',
        detail: `A ${collection.name} record with ${collection.key.field} "${String(key)}" already exists.`,
      })
    }
    // Without a declared 409, a create with a taken key replaces that record, as such APIs do.
    if (existing !== undefined) h.store.remove(collection.name, String(key), undefined)
    const parent = parentLink(h)
    const record = h.store.create(
      collection.name,
      complete(h, { ...body, ...parent, [collection.key.field]: key }),
      scope,
    )
    const { status, response } = successOf(op, 201)
    const location = `${new URL(c.req.url).pathname.replace(/\/$/, '')}/${encodeURIComponent(String(key))}`
    return answerRecord(
      c,
      status,
      response?.schema,
      record,
      status === 201 ? { Location: location } : {},
    )
  },
  read: (h) => {
    const { status, response } = successOf(h.op, 200)
    return answerRecord(h.c, status, response?.schema, recordOf(h))
  },
  update: async (h) => {
    const current = recordOf(h)
    const body = h.op.requestBody === undefined ? fieldsFromQuery(h) : await readRecordBody(h)
    const { [h.collection.key.field]: _, ...fields } = body
    const record =
      h.store.update(h.collection.name, keyText(current, h.collection), fields, scopeOf(h.c)) ??
      current
    const { status, response } = successOf(h.op, 200)
    return answerRecord(h.c, status, response?.schema, record)
  },
  replace: async (h) => {
    const current = recordOf(h)
    const body = await readRecordBody(h)
    return replaceWith(h, current, body)
  },
  'put-collection': async (h) => {
    const body = await readRecordBody(h)
    const key = body[h.collection.key.field]
    const current =
      key === undefined ? undefined : h.store.get(h.collection.name, String(key), scopeOf(h.c))
    if (current === undefined) throw notFound(h.collection, key === undefined ? '' : String(key))
    return replaceWith(h, current, body)
  },
  delete: (h) => {
    const current = recordOf(h)
    h.store.remove(h.collection.name, keyText(current, h.collection), scopeOf(h.c))
    const { status, response } = successOf(h.op, 204)
    if (response?.schema === undefined || status === 204) return respond(h.c, null, status)
    return answerRecord(h.c, status, response.schema, current)
  },
}

function replaceWith(h: HandlerContext, current: ResourceRecord, body: Record<string, unknown>) {
  const parent = h.collection.parent
    ? { [h.collection.parent.field]: current[h.collection.parent.field] }
    : {}
  const data = complete(h, {
    ...body,
    ...parent,
    [h.collection.key.field]: current[h.collection.key.field],
  })
  const record =
    h.store.replace(h.collection.name, keyText(current, h.collection), data, scopeOf(h.c)) ??
    current
  const { status, response } = successOf(h.op, 200)
  return answerRecord(h.c, status, response?.schema, record)
}

function answerRecord(
  c: Context<AppEnv>,
  status: number,
  schema: Parameters<typeof shapeRecord>[0],
  record: unknown,
  headers: Record<string, string> = {},
): Response {
  if (status === 204) return respond(c, null, 204, headers)
  return respond(c, shapeRecord(schema, record), status, headers)
}

async function readRecordBody(h: HandlerContext): Promise<Record<string, unknown>> {
  const schema = h.op.requestBody?.schema
  const value = await readModelBody(h.c, h.op, h.validator, h.maxBodySize)
  const record = unwrapBody(schema, value)
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return {}
  return record as Record<string, unknown>
}

/** Required fields of the item the request left out get generated values, so answers fit. */
function complete(h: HandlerContext, record: Record<string, unknown>): Record<string, unknown> {
  const properties = propertiesOf(h.collection.itemSchema)
  for (const name of requiredOf(h.collection.itemSchema)) {
    if (record[name] === undefined)
      record[name] = generateFromSchema(h.faker, properties[name], name)
  }
  return record
}

/** A new key: the next integer, a uuid, a slug of a title-like field, or a string from the schema. */
function makeKey(h: HandlerContext, body: Readonly<Record<string, unknown>>): string | number {
  const { collection } = h
  const title = ['title', 'name', 'headline', 'label']
    .map((f) => body[f])
    .find((v) => typeof v === 'string')
  if (
    collection.key.kind === 'string' &&
    typeof title === 'string' &&
    /slug/i.test(collection.key.field)
  ) {
    const slug =
      title
        .toLowerCase()
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '') || 'item'
    let candidate = slug
    for (let n = 2; h.store.get(collection.name, candidate) !== undefined; n++)
      candidate = `${slug}-${n}`
    return candidate
  }
  if (collection.key.kind === 'integer') {
    const keys = h.store
      .list(collection.name, ALL)
      .items.map((r) => Number(r[collection.key.field]))
    return keys.reduce((max, k) => (Number.isFinite(k) && k > max ? k : max), 0) + 1
  }
  return newKey(h.faker, collection, new Set(), h.store.count(collection.name) + 1)
}

function recordOf(h: HandlerContext): ResourceRecord {
  const key = h.params[h.collection.key.param] ?? ''
  const record = h.store.get(h.collection.name, key, scopeOf(h.c))
  if (record === undefined || !belongs(h, record)) throw notFound(h.collection, key)
  return record
}

/** The field linking a new child to its parent, holding the parent's key as the parent has it. */
function parentLink(h: HandlerContext): Record<string, unknown> {
  const parent = h.collection.parent
  if (parent === undefined || h.parentKey === undefined) return {}
  const record = h.store.get(parent.collection, h.parentKey, scopeOf(h.c))
  const key = h.collections.get(parent.collection)?.key.field
  return { [parent.field]: key === undefined ? h.parentKey : (record?.[key] ?? h.parentKey) }
}

/** Whether a record belongs to the parent named in the path (always, for a top-level collection). */
function belongs(h: HandlerContext, record: ResourceRecord): boolean {
  const parent = h.collection.parent
  if (parent === undefined || h.parentKey === undefined) return true
  return String(record[parent.field]) === h.parentKey
}

/** Filters named like the item's properties (`tag`, `status`, `tags`) keep matching records. */
function matches(h: HandlerContext, record: ResourceRecord): boolean {
  const properties = propertiesOf(h.collection.itemSchema)
  for (const [name, value] of Object.entries(h.values)) {
    const field = [name, `${name}s`, name.replace(/s$/, '')].find((n) =>
      Object.hasOwn(properties, n),
    )
    if (field === undefined || h.op.parameters.find((p) => p.name === name)?.in !== 'query')
      continue
    const wanted = (Array.isArray(value) ? value : [value]).map(String)
    const actual = record[field]
    const have = (Array.isArray(actual) ? actual : [actual]).map((v) =>
      typeof v === 'object' && v !== null
        ? String((v as Record<string, unknown>).name ?? '')
        : String(v),
    )
    if (!wanted.some((w) => have.includes(w))) return false
  }
  return true
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

function fieldsFromQuery(h: HandlerContext): Record<string, unknown> {
  const properties = propertiesOf(h.collection.itemSchema)
  return Object.fromEntries(
    Object.entries(h.values).filter(([name]) => Object.hasOwn(properties, name)),
  )
}

function keyText(record: ResourceRecord, collection: CollectionModel): string {
  return String(record[collection.key.field])
}

export function notFound(collection: CollectionModel | string, key: string): HttpError {
  const name = typeof collection === 'string' ? collection : collection.name
  return new HttpError(404, {
    code: 'not_found',
    detail: `No ${name} record has the key "${key.length > 100 ? `${key.slice(0, 100)}…` : key}".`,
  })
}

export function scopeOf(c: Context<AppEnv>): string | undefined {
  return c.get('token')?.workspace
}
