import type { Context, MiddlewareHandler } from 'hono'
import { type Clock, clockOffset } from '../clock/clock.js'
import { HttpError } from '../errors/http-error.js'
import type { AppEnv } from '../http/app-env.js'
import { afterAnswer } from '../http/compose-stages.js'
import { DEFAULT_MAX_BODY_BYTES } from '../http/read-json-body.js'
import { respond } from '../http/respond.js'
import type { ApiModel, CollectionModel, OperationModel } from '../model/api-model.js'
import type { MatchedOperation } from '../model/match-operation.js'
import { createSchemaValidator } from '../openapi/create-schema-validator.js'
import { createFaker } from '../resources/create-faker.js'
import type { ResourceRecord } from '../resources/resource-spec.js'
import type { Store } from '../store/create-store.js'
import { cachedValidators } from './check-preconditions.js'
import type { IdempotencyKeys } from './create-idempotency-keys.js'
import type { JsonCache } from './create-json-cache.js'
import { HANDLERS, notFound, scopeOf } from './model-handlers.js'
import { checkParameters, readModelBody } from './model-request.js'
import { answerStatic, declaredHeaders } from './model-static.js'

export interface ModelRoutesOptions {
  readonly model: ApiModel
  readonly store: Store
  readonly seed: number
  readonly maxBodySize?: number | undefined
  /** Writes to a record without `If-Match` get 428 `precondition_required`. */
  readonly requireIfMatch?: boolean | undefined
  /** The instance's `Idempotency-Key`s (the built-in resources' own); without them it is ignored. */
  readonly idempotencyKeys?: IdempotencyKeys | undefined
  /** The instance's clock: `Last-Modified` is written as the `Date` header reads it. */
  readonly clock?: Clock | undefined
  /** Records' JSON made once while they are read; without it, each answer serializes anew. */
  readonly jsonCache?: JsonCache | undefined
}

/**
 * Serves the API model's operations: a collection's list, create, read, update, replace and
 * delete on the store, exactly as built-in resources behave (validators, 304, 412, 428,
 * `Idempotency-Key`), with the document's statuses, shapes and keys; every other operation from
 * the document's examples and schemas. Requests the model does not describe go on to the next
 * routes.
 */
export function createModelRoutes(options: ModelRoutesOptions): MiddlewareHandler<AppEnv> {
  const { model, store } = options
  const maxBodySize = options.maxBodySize ?? DEFAULT_MAX_BODY_BYTES
  const validator = createSchemaValidator(model.dialect)
  const collections = new Map(model.collections.map((c) => [c.name, c]))
  // New keys and generated answers: seeded per instance, so runs repeat.
  const faker = createFaker([options.seed, 12])
  const { clock, jsonCache } = options
  // Records of a document have no stamps: the store's own time of their last write is theirs.
  const validators = cachedValidators(
    (record) => store.version(record),
    () => store.generation,
    () => (clock ? clockOffset(clock) : 0),
    (record) => store.modifiedAt(record),
  )
  const ctx = {
    store,
    validator,
    maxBodySize,
    faker,
    collections,
    validators,
    requireIfMatch: options.requireIfMatch ?? false,
    keys: options.idempotencyKeys,
    json: (record: ResourceRecord) => jsonCache?.json(record) ?? JSON.stringify(record),
  }

  // Not async: a GET of a record answers without a promise, as the resource routes do.
  return function modelRoutes(c, next) {
    const match = c.get('operation')
    if (match === undefined || match.kind === 'none') return next()
    if (match.kind === 'method') {
      const allow = [
        ...new Set([
          ...match.allowed,
          ...(match.allowed.includes('GET') ? ['HEAD'] : []),
          'OPTIONS',
        ]),
      ].join(', ')
      if (c.req.method === 'OPTIONS') return respond(c, null, 204, { Allow: allow })
      throw new HttpError(405, {
        code: 'method_not_allowed',
        detail: `${c.req.method} is not allowed here. Allowed: ${allow}.`,
        headers: { Allow: allow },
      })
    }
    const { operation: op, params } = match
    const values = checkParameters(op, params, c.req.url, validator)
    const role = op.role
    if (role.kind === 'static') {
      return readModelBody(c, op, validator, maxBodySize).then((body) =>
        withDeclaredHeaders(answerStatic(c, op, ctx, body), op, faker),
      )
    }
    const collection = collections.get(role.collection)
    if (collection === undefined) return next()
    const parentKey = checkParent(c, store, collection, match)
    const handler = HANDLERS[role.kind]
    return afterAnswer(handler({ c, op, collection, params, values, parentKey, ...ctx }), (r) =>
      withDeclaredHeaders(r, op, faker),
    )
  } as MiddlewareHandler<AppEnv>
}

/** The headers the document declares for the status answered (`X-Rate-Limit`, …). */
function withDeclaredHeaders(
  response: Response,
  op: OperationModel,
  faker: ReturnType<typeof createFaker>,
) {
  const declared = op.responses.find((r) => r.status === String(response.status))
  if (declared === undefined || Object.keys(declared.headers).length === 0) return response
  for (const [name, value] of Object.entries(declaredHeaders(declared, faker))) {
    if (!response.headers.has(name)) response.headers.set(name, value)
  }
  return response
}

/** A child collection's parent key, after checking the parent exists (404 when it does not). */
function checkParent(
  c: Context<AppEnv>,
  store: Store,
  collection: CollectionModel,
  match: MatchedOperation,
): string | undefined {
  const parent = collection.parent
  if (parent === undefined) return undefined
  const key = match.params[parent.param] ?? ''
  if (store.get(parent.collection, key, scopeOf(c)) === undefined) {
    throw notFound(parent.collection, key)
  }
  return key
}
