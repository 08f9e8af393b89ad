import type { Context } from 'hono'
import { HttpError } from '../errors/http-error.js'
import type { AppEnv } from '../http/app-env.js'
import { respond, respondJson } from '../http/respond.js'
import type { CollectionModel, OperationModel } from '../model/api-model.js'
import type { createSchemaValidator } from '../openapi/create-schema-validator.js'
import { generateFromSchema } from '../openapi/generate-from-schema.js'
import { propertiesOf, requiredOf } from '../openapi/schema-tools.js'
import type { createFaker } from '../resources/create-faker.js'
import type { ResourceRecord } from '../resources/resource-spec.js'
import type { Store } from '../store/create-store.js'
import type { Validators } from './check-preconditions.js'
import type { IdempotencyKeys } from './create-idempotency-keys.js'
import { shapeRecord } from './model-shapes.js'

/** A list query that keeps every record: the model's handlers filter and page themselves. */
export const ALL = {
  page: 1,
  perPage: Number.MAX_SAFE_INTEGER,
  filters: [],
  q: undefined,
  sort: [],
}

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
  /** A record's `ETag`, `Last-Modified` and `Cache-Control`, made once per record version. */
  readonly validators: (record: ResourceRecord) => Validators
  /** Writes to a record without `If-Match` get 428 `precondition_required`. */
  readonly requireIfMatch: boolean
  /** The instance's `Idempotency-Key`s; without them the header is ignored. */
  readonly keys: IdempotencyKeys | undefined
  /** A stored record's JSON, made once while it is read (see `createJsonCache`). */
  readonly json: (record: ResourceRecord) => string
  /** The instance's clock (ms), for the timestamps a write sets. */
  readonly now: () => number
}

export type Handler = (h: HandlerContext) => Response | Promise<Response>

/** The record the path names, in the parent the path names (404 when there is none). */
export function recordOf(h: HandlerContext): ResourceRecord {
  const key = h.params[h.collection.key.param] ?? ''
  const record = h.store.get(h.collection.name, key, scopeOf(h.c))
  if (record === undefined || !belongs(h, record)) throw notFound(h.collection, key)
  return record
}

/** Whether a record belongs to the parent named in the path (always, for a top-level collection). */
export function belongs(h: HandlerContext, record: ResourceRecord): boolean {
  const parent = h.collection.parent
  if (parent === undefined || h.parentKey === undefined) return true
  return String(record[parent.field]) === h.parentKey
}

/** A record answer: shaped as the schema says (none for 204), with `headers`. */
export function answerRecord(
  c: Context<AppEnv>,
  status: number,
  schema: Parameters<typeof shapeRecord>[0],
  record: unknown,
  headers: Readonly<Record<string, string>> = {},
): Response {
  if (status === 204) return respond(c, null, 204, headers)
  return respond(c, shapeRecord(schema, record), status, headers)
}

/** `answerRecord` for a stored record read as it is: its JSON from the cache when bare. */
export function answerStored(
  h: HandlerContext,
  status: number,
  schema: Parameters<typeof shapeRecord>[0],
  record: ResourceRecord,
  headers: Readonly<Record<string, string>>,
): Response {
  const shaped = shapeRecord(schema, record)
  if (status === 204 || shaped !== record) return answerRecord(h.c, status, schema, record, headers)
  return respondJson(h.c, h.json(record), status, headers)
}

/** Required fields of the item the request left out get generated values, so answers fit. */
export function complete(
  h: HandlerContext,
  record: Record<string, unknown>,
): Record<string, unknown> {
  const properties = propertiesOf(h.collection.itemSchema)
  for (const name of requiredOf(h.collection.itemSchema)) {
    if (record[name] === undefined)
      record[name] = generateFromSchema(h.faker, properties[name], name)
  }
  return record
}

export function keyText(record: ResourceRecord, collection: CollectionModel): string {
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
