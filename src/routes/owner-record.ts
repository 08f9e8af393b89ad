import { isDeepStrictEqual } from 'node:util'
import type { Context } from 'hono'
import type { AppEnv } from '../http/app-env.js'
import type { CollectionModel, JsonSchema, OperationModel } from '../model/api-model.js'
import { unwrapRecord } from '../openapi/infer-collections.js'
import type { ResourceRecord } from '../resources/resource-spec.js'
import type { Store } from '../store/create-store.js'
import { notFound, scopeOf } from './model-records.js'

export interface OwnerRecord {
  readonly collection: CollectionModel
  readonly record: ResourceRecord
}

/**
 * The stored record an operation that is no collection's acts on, when its path lies under a
 * collection's item path (`POST /articles/{slug}/favorite` → that article): 404 when the path
 * names no such record, as for the item itself; `undefined` when the path lies under no item.
 */
export function ownerRecord(
  c: Context<AppEnv>,
  store: Store,
  collections: readonly CollectionModel[],
  op: OperationModel,
  params: Readonly<Record<string, string>>,
): OwnerRecord | undefined {
  const owner = collections
    .filter((col) => op.path.startsWith(`${col.itemPath}/`))
    .sort((a, b) => b.itemPath.length - a.itemPath.length)[0]
  if (owner === undefined) return undefined
  const key = params[owner.key.param] ?? ''
  const record = store.get(owner.name, key, scopeOf(c))
  if (record === undefined) throw notFound(owner, key)
  return { collection: owner, record }
}

/** Whether an answer's schema is the owner's record, bare or wrapped (`{"article": {...}}`). */
export function answersOwner(schema: JsonSchema | undefined, owner: CollectionModel): boolean {
  if (schema === undefined) return false
  const key = `${owner.name}\n${owner.itemPath}`
  let known = sameAs.get(schema)
  if (known === undefined) {
    known = new Map()
    sameAs.set(schema, known)
  }
  let same = known.get(key)
  if (same === undefined) {
    const record = unwrapRecord(schema)
    same = record === owner.itemSchema || isDeepStrictEqual(record, owner.itemSchema)
    known.set(key, same)
  }
  return same
}

// Asked on every answer: worked out once per schema and collection.
const sameAs = new WeakMap<JsonSchema, Map<string, boolean>>()
