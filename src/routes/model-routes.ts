import type { Context } from 'hono'
import { type Clock, clockOffset, systemClock } from '../clock/clock.js'
import { HttpError } from '../errors/http-error.js'
import type { AppEnv } from '../http/app-env.js'
import { type Answer, afterAnswer, type Stage } from '../http/compose-stages.js'
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
import { ownerRecord } from './owner-record.js'
import { createResourceRoutes } from './resource-routes.js'

export interface ModelRoutesOptions {
  readonly store: Store
  /** The model of the OpenAPI document mocked, when there is one. */
  readonly document?: ApiModel | undefined
  /** The instance seed: a document's new keys and generated answers repeat from run to run. */
  readonly seed: number
  readonly maxBodySize?: number | undefined
  /** Writes to a record without `If-Match` get 428 `precondition_required`. */
  readonly requireIfMatch?: boolean | undefined
  /** The instance's `Idempotency-Key`s; without them the header is ignored. */
  readonly idempotencyKeys?: IdempotencyKeys | undefined
  /** The instance's clock: `Last-Modified` is written as the `Date` header reads it. */
  readonly clock?: Clock | undefined
  /** Records' JSON made once while they are read; without it, each answer serializes anew. */
  readonly jsonCache?: JsonCache | undefined
  /** Where a collection is served, for the index of `/`. */
  readonly pathOf?: ((name: string) => string) | undefined
}

/** The order `Allow` lists methods in. */
const METHOD_ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']

/**
 * The routes, for every source of the model: the operation `selectOperation` matched answers
 * as its source says — a resource's as the mock's own contract (`resource-routes.ts`), a
 * document's with the document's statuses, shapes and keys (`HANDLERS`), both with validators,
 * 304, 412, 428 and `Idempotency-Key`; an operation that is no collection's from the document's
 * examples and schemas. A method a served path does not have is 405 with `Allow` (`OPTIONS`
 * answers that list); requests the model does not describe go on.
 */
export function createModelRoutes(options: ModelRoutesOptions): Stage {
  const { store, document } = options
  const maxBodySize = options.maxBodySize ?? DEFAULT_MAX_BODY_BYTES
  const { clock, jsonCache } = options
  const resources = createResourceRoutes(store, {
    maxBodySize,
    requireIfMatch: options.requireIfMatch ?? false,
    idempotencyKeys: options.idempotencyKeys,
    ...(clock ? { clock } : {}),
    jsonCache,
    pathOf: options.pathOf,
  })
  const documentRoutes = document && createDocumentRoutes(document, options, maxBodySize)

  // Not async: a GET of a record answers without a promise.
  return function modelRoutes(c, next) {
    const match = c.get('operation')
    if (match === undefined || match.kind === 'none') return next()
    if (match.kind === 'method') {
      const methods = new Set([...match.allowed, 'OPTIONS'])
      if (methods.has('GET')) methods.add('HEAD')
      const allow = METHOD_ORDER.filter((m) => methods.has(m)).join(', ')
      if (c.req.method === 'OPTIONS') return respond(c, null, 204, { Allow: allow })
      throw new HttpError(405, {
        code: 'method_not_allowed',
        detail: `${c.req.method} is not allowed here. Allowed: ${allow}.`,
        headers: { Allow: allow },
      })
    }
    if (match.model.source === 'resources') return resources(c, match)
    return documentRoutes ? documentRoutes(c, match) : next()
  }
}

/** A document's operations: its collections on the store, the rest from its examples. */
function createDocumentRoutes(model: ApiModel, options: ModelRoutesOptions, maxBodySize: number) {
  const { store } = options
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
    now: () => (clock ?? systemClock).now(),
  }

  return function documentRoutes(c: Context<AppEnv>, match: MatchedOperation): Answer {
    const { operation: op, params } = match
    const values = checkParameters(op, params, c.req.url, validator)
    const role = op.role
    if (role.kind === 'static' || role.kind === 'index') {
      // The body first, then the record the path names: a malformed body is 400 before a 404.
      return readModelBody(c, op, validator, maxBodySize).then(() => {
        const owner = ownerRecord(c, store, model.collections, op, params)
        return withDeclaredHeaders(answerStatic(c, op, ctx, owner), op, faker)
      })
    }
    const collection = collections.get(role.collection)
    if (collection === undefined) throw new Error(`no collection ${role.collection}`)
    const parentKey = checkParent(c, store, collection, match)
    const handler = HANDLERS[role.kind]
    return afterAnswer(handler({ c, op, collection, params, values, parentKey, ...ctx }), (r) =>
      withDeclaredHeaders(r, op, faker),
    )
  }
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
