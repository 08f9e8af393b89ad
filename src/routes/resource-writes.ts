import type { Context } from 'hono'
import { type FieldError, HttpError } from '../errors/http-error.js'
import type { AppEnv } from '../http/app-env.js'
import type { Answer } from '../http/compose-stages.js'
import { readJsonBody } from '../http/read-json-body.js'
import { respond } from '../http/respond.js'
import {
  READ_ONLY_FIELDS,
  type ResourceRecord,
  type ResourceSpec,
} from '../resources/resource-spec.js'
import { validateRecord, type WriteMode } from '../resources/validate-record.js'
import type { Store } from '../store/create-store.js'
import { checkWritePreconditions, type Validators } from './check-preconditions.js'
import { checkReferences } from './check-references.js'
import type { IdempotencyKeys } from './create-idempotency-keys.js'
import { answer, hasIdempotencyKey, idempotent, type WriteAnswer } from './idempotent.js'

/** What the resource routes lend their writes. */
export interface ResourceWriteParts {
  readonly store: Store
  readonly maxBodySize: number
  readonly requireIfMatch: boolean
  readonly keys: IdempotencyKeys | undefined
  /** A record's validators; `keep: false` for one answered once. */
  validators(record: ResourceRecord, keep?: boolean): Validators
  /** The resource, or 404. */
  resourceNamed(name: string): ResourceSpec
  /** The record visible to the request, or 404. */
  recordWithId(c: Context<AppEnv>, spec: ResourceSpec, id: string): ResourceRecord
}

/** The resource a route serves, and the record's id (empty for the collection). */
export interface RecordPath {
  readonly resource: string
  readonly id: string
}

type Write = (c: Context<AppEnv>, params: RecordPath) => Answer

/**
 * POST, PATCH, PUT and DELETE of a resource's records, each in the contract's order: malformed body
 * (400), unknown id (404), preconditions (428, 412), `Idempotency-Key` (replay, 409, 422), invalid
 * fields (400 naming each). `validFields` is lent to the nested and singular routes.
 */
export function createResourceWrites(parts: ResourceWriteParts) {
  const { store, maxBodySize, requireIfMatch, keys, validators } = parts
  const { resourceNamed, recordWithId } = parts
  const reread = (name: string, id: string) => store.get(name, id)

  const create: Write = (c, params) => {
    const spec = resourceNamed(params.resource)
    const write = (body: unknown): WriteAnswer => {
      const scope = scopeOf(c)
      const record = store.create(spec.name, validFields(spec, body, 'create', scope), scope)
      const location = `${originOf(c.req.url)}/${spec.name}/${record.id}`
      const headers = { Location: location, ...validators(record, false) }
      return { status: 201, resource: spec.name, record, headers }
    }
    // Chained, not awaited: the key (if any) settles once the body is read, then the record is made.
    if (keys === undefined || !hasIdempotencyKey(c)) {
      return readJsonBody(c, maxBodySize).then((body) => answer(c, write(body)))
    }
    return idempotent(c, keys, reread, (settle) =>
      readJsonBody(c, maxBodySize).then((body) => settle(body) ?? write(body)),
    )
  }

  const update: Write = (c, params) => {
    const spec = resourceNamed(params.resource)
    return idempotent(c, keys, reread, async (settle) => {
      const body = await readJsonBody(c, maxBodySize)
      const current = recordWithId(c, spec, params.id)
      checkWritePreconditions(c, validators(current), requireIfMatch)
      const replay = settle(body)
      if (replay) return replay
      const scope = scopeOf(c)
      const fields = validFields(spec, body, 'update', scope)
      const record = store.update(spec.name, String(current.id), fields, scope) ?? current
      return { status: 200, resource: spec.name, record, headers: validators(record) }
    })
  }

  // PUT replaces the writable fields: required ones must be present, server-set ones are kept
  // (a client may send back the record it read, `id` and timestamps included).
  const replace: Write = async (c, params) => {
    const spec = resourceNamed(params.resource)
    const body = await readJsonBody(c, maxBodySize)
    const current = recordWithId(c, spec, params.id)
    checkWritePreconditions(c, validators(current), requireIfMatch)
    const scope = scopeOf(c)
    const fields = validFields(spec, withoutServerFields(spec, body), 'create', scope)
    const record = store.replace(spec.name, String(current.id), fields, scope) ?? current
    return respond(c, record, 200, validators(record))
  }

  const remove: Write = (c, params) => {
    const spec = resourceNamed(params.resource)
    const current = recordWithId(c, spec, params.id)
    checkWritePreconditions(c, validators(current), requireIfMatch)
    store.remove(spec.name, String(current.id), scopeOf(c))
    return respond(c, null, 204)
  }

  /** The fields, or 400 naming each invalid one (a reference to no visible record included). */
  function validFields(spec: ResourceSpec, body: unknown, mode: WriteMode, scope?: string) {
    const errors: FieldError[] = validateRecord(spec, body, mode)
    const fields = body as Record<string, unknown>
    // References are checked only where the value itself is valid, so each field gets one reason.
    if (errors.length === 0) errors.push(...checkReferences(store, spec, fields, scope))
    else if (!errors.some((error) => error.field === '(body)')) {
      const invalid = new Set(errors.map((error) => error.field))
      errors.push(
        ...checkReferences(store, spec, fields, scope).filter((e) => !invalid.has(e.field)),
      )
    }
    if (errors.length === 0) return fields
    throw new HttpError(400, {
      code: 'validation_failed',
      detail: `The ${spec.name} record has ${errors.length} invalid field${errors.length === 1 ? '' : 's'}.`,
      errors,
    })
  }

  return { create, update, replace, remove, validFields }
}

/** The body without the fields the server sets (`id`, timestamps, read-only ones). */
function withoutServerFields(spec: ResourceSpec, body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body
  const kept: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(body)) {
    const serverSet =
      (READ_ONLY_FIELDS as readonly string[]).includes(name) || spec.fields[name]?.readOnly
    if (!serverSet) kept[name] = value
  }
  return kept
}

/** The workspace whose records the request may see; all of them when authentication is off. */
export function scopeOf(c: Context<AppEnv>): string | undefined {
  return c.get('token')?.workspace
}

/** `http://host:port` of a request URL, without parsing all of it. */
export function originOf(url: string): string {
  const end = url.indexOf('/', url.indexOf('//') + 2)
  return end === -1 ? url : url.slice(0, end)
}
