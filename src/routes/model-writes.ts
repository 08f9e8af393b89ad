import { HttpError } from '../errors/http-error.js'
import { respond } from '../http/respond.js'
import type { DeclaredResponse, OperationModel } from '../model/api-model.js'
import { unwrapRecord } from '../openapi/infer-collections.js'
import { propertiesOf, requiredOf } from '../openapi/schema-tools.js'
import type { ResourceRecord } from '../resources/resource-spec.js'
import { applyJsonPatch, isJsonPatch } from './apply-json-patch.js'
import { checkWritePreconditions } from './check-preconditions.js'
import { idempotent, type WriteAnswer } from './idempotent.js'
import { makeKey } from './make-key.js'
import {
  answerRecord,
  complete,
  type Handler,
  type HandlerContext,
  keyText,
  notFound,
  recordOf,
  scopeOf,
} from './model-records.js'
import { checkModelBody, invalidFieldsStatus, readModelJson } from './model-request.js'
import { shapeRecord, successOf, unwrapBody } from './model-shapes.js'
import { stampTimes } from './stamp-times.js'

type WriteRole = Exclude<OperationModel['role']['kind'], 'static' | 'index' | 'list' | 'read'>

/**
 * A collection's writes, in the contract's order as built-in resources meet it: malformed body
 * 400 → 404 → 428 / 412 (`If-Match`, `If-Unmodified-Since`) → `Idempotency-Key` (POST creates and
 * updates: replay, 409, 422) → invalid fields 400/422. Record answers carry their validators.
 */
export const WRITE_HANDLERS: Readonly<Record<WriteRole, Handler>> = {
  create: (h) =>
    idempotent(h.c, h.keys, rereadFor(h, 201), async (settle) => {
      const raw = await readModelJson(h.c, h.op, h.maxBodySize)
      const replay = settle(raw)
      if (replay) return replay
      return created(h, recordBody(h, raw))
    }),
  // PATCH, or a POST to the record (petstore's `POST /pet/{petId}?name=…`).
  update: (h) =>
    idempotent(h.c, h.keys, rereadFor(h, 200), async (settle) => {
      const query = h.op.requestBody === undefined ? fieldsFromQuery(h) : undefined
      const raw = query ?? (await readModelJson(h.c, h.op, h.maxBodySize))
      const current = recordOf(h)
      checkWritePreconditions(h.c, h.validators(current), h.requireIfMatch)
      const replay = settle(raw)
      if (replay) return replay
      const record = updated(h, current, query ?? raw, query === undefined)
      const { status, response } = successOf(h.op, 200)
      return writeAnswer(h, status, response, record)
    }),
  replace: async (h) => {
    const raw = await readModelJson(h.c, h.op, h.maxBodySize)
    const current = recordOf(h)
    checkWritePreconditions(h.c, h.validators(current), h.requireIfMatch)
    return replaceWith(h, current, recordBody(h, raw))
  },
  'put-collection': async (h) => {
    const raw = await readModelJson(h.c, h.op, h.maxBodySize)
    const unwrapped = unwrapBody(h.op.requestBody?.schema, raw)
    const key = isObject(unwrapped) ? unwrapped[h.collection.key.field] : undefined
    const current =
      key === undefined ? undefined : h.store.get(h.collection.name, String(key), scopeOf(h.c))
    if (current === undefined) {
      // Without a key, the body is wrong before the record is missing.
      if (key === undefined) recordBody(h, raw)
      throw notFound(h.collection, key === undefined ? '' : String(key))
    }
    checkWritePreconditions(h.c, h.validators(current), h.requireIfMatch)
    return replaceWith(h, current, recordBody(h, raw))
  },
  delete: (h) => {
    const current = recordOf(h)
    checkWritePreconditions(h.c, h.validators(current), h.requireIfMatch)
    h.store.remove(h.collection.name, keyText(current, h.collection), scopeOf(h.c))
    const { status, response } = successOf(h.op, 204)
    if (response?.schema === undefined || status === 204) return respond(h.c, null, status)
    return answerRecord(h.c, status, response.schema, current)
  },
}

/**
 * The record after a PATCH: a JSON Patch (RFC 6902, as 1Password Connect's PATCH takes) applied
 * with the key and parent kept, else the body's fields (or the query's) merged in.
 */
function updated(
  h: HandlerContext,
  current: ResourceRecord,
  raw: unknown,
  fromBody: boolean,
): ResourceRecord {
  const key = keyText(current, h.collection)
  const scope = scopeOf(h.c)
  if (fromBody && isJsonPatch(raw)) {
    checkModelBody(h.op, h.validator, raw)
    const patched = stamped(h, applyJsonPatch(current, raw, invalidFieldsStatus(h.op)))
    return h.store.replace(h.collection.name, key, patched, scope) ?? current
  }
  const body = fromBody ? recordBody(h, raw) : (raw as Record<string, unknown>)
  const { [h.collection.key.field]: _, ...fields } = stamped(h, { ...body })
  return h.store.update(h.collection.name, key, fields, scope) ?? current
}

function created(h: HandlerContext, body: Record<string, unknown>): WriteAnswer {
  const { c, op, collection } = h
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
  const record = h.store.create(
    collection.name,
    complete(h, stamped(h, { ...body, ...parentLink(h), [collection.key.field]: key }, true)),
    scopeOf(c),
  )
  const { status, response } = successOf(op, 201)
  const location = `${new URL(c.req.url).pathname.replace(/\/$/, '')}/${encodeURIComponent(String(key))}`
  return writeAnswer(h, status, response, record, status === 201 ? { Location: location } : {})
}

/**
 * A PUT: the body replaces the fields the request schema lets a client write. Fields it does not
 * name (`author`, `createdAt`) are the server's and kept, as is a field the item requires that the
 * body leaves out (`{"article": {"title": …}}` keeps the body), rather than made up anew.
 */
function replaceWith(h: HandlerContext, current: ResourceRecord, body: Record<string, unknown>) {
  const writable = propertiesOf(unwrapRecord(h.op.requestBody?.schema))
  const required = new Set(requiredOf(h.collection.itemSchema))
  const kept = Object.fromEntries(
    Object.entries(current).filter(
      ([field]) => !Object.hasOwn(writable, field) || required.has(field),
    ),
  )
  const parent = h.collection.parent
    ? { [h.collection.parent.field]: current[h.collection.parent.field] }
    : {}
  const data = complete(
    h,
    stamped(h, {
      ...(Object.keys(writable).length > 0 ? kept : {}),
      ...body,
      ...parent,
      [h.collection.key.field]: current[h.collection.key.field],
    }),
  )
  const record =
    h.store.replace(h.collection.name, keyText(current, h.collection), data, scopeOf(h.c)) ??
    current
  const { status, response } = successOf(h.op, 200)
  if (declaredEmpty(response)) return respond(h.c, null, status, h.validators(record))
  return answerRecord(h.c, status, response?.schema, record, h.validators(record))
}

/** A write's answer as `idempotent` keeps it: the shaped body, the key, the validators. */
function writeAnswer(
  h: HandlerContext,
  status: number,
  response: DeclaredResponse | undefined,
  record: ResourceRecord,
  headers: Readonly<Record<string, string>> = {},
): WriteAnswer {
  return {
    status,
    resource: h.collection.name,
    record,
    key: keyText(record, h.collection),
    body: status === 204 || declaredEmpty(response) ? null : shapeRecord(response?.schema, record),
    headers: { ...headers, ...h.validators(record) },
  }
}

/** A success the operation declares without content (petstore3's `PUT /user/{username}`). */
function declaredEmpty(response: DeclaredResponse | undefined): boolean {
  return response !== undefined && response.contentType === undefined
}

/** A replay whose body was too large to keep: the record as it is now, shaped as it was sent. */
function rereadFor(h: HandlerContext, fallback: number) {
  return (resource: string, key: string): unknown => {
    const record = h.store.get(resource, key, scopeOf(h.c))
    return record && shapeRecord(successOf(h.op, fallback).response?.schema, record)
  }
}

/** The body checked against the operation's schema (400/422), as the record it carries. */
function recordBody(h: HandlerContext, raw: unknown): Record<string, unknown> {
  const schema = h.op.requestBody?.schema
  const record = unwrapBody(schema, checkModelBody(h.op, h.validator, raw))
  return isObject(record) ? { ...record } : {}
}

function stamped(h: HandlerContext, record: Record<string, unknown>, create = false) {
  return stampTimes(h.collection.itemSchema, record, h.now(), create)
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The field linking a new child to its parent, holding the parent's key as the parent has it. */
function parentLink(h: HandlerContext): Record<string, unknown> {
  const parent = h.collection.parent
  if (parent === undefined || h.parentKey === undefined) return {}
  const record = h.store.get(parent.collection, h.parentKey, scopeOf(h.c))
  const key = h.collections.get(parent.collection)?.key.field
  return { [parent.field]: key === undefined ? h.parentKey : (record?.[key] ?? h.parentKey) }
}

function fieldsFromQuery(h: HandlerContext): Record<string, unknown> {
  const properties = propertiesOf(h.collection.itemSchema)
  return Object.fromEntries(
    Object.entries(h.values).filter(([name]) => Object.hasOwn(properties, name)),
  )
}
