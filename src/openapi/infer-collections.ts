import type { CollectionModel, JsonSchema, KeyKind } from '../model/api-model.js'
import type { RawOperation } from './read-operations.js'
import { asSchema, itemsOf, propertiesOf, typesOf } from './schema-tools.js'

const ITEM_METHODS = new Set(['get', 'put', 'patch', 'delete'])

/**
 * The document's stored collections: a path `/things` with `GET` and/or `POST`, and
 * `/things/{key}` with any of `GET`, `PUT`, `PATCH`, `DELETE`. A collection under another's item
 * path (`/articles/{slug}/comments`) is its child.
 */
export function inferCollections(operations: readonly RawOperation[]): CollectionModel[] {
  const byPath = new Map<string, RawOperation[]>()
  for (const op of operations) byPath.set(op.path, [...(byPath.get(op.path) ?? []), op])
  const collections: CollectionModel[] = []
  for (const [path, ops] of byPath) {
    const last = path.split('/').at(-1) ?? ''
    if (last === '' || last.startsWith('{')) continue
    if (!ops.some((op) => op.method === 'get' || op.method === 'post')) continue
    const item = [...byPath.entries()].find(([p]) => isItemPathOf(p, path))
    if (item === undefined || !item[1].some((op) => ITEM_METHODS.has(op.method))) continue
    const [itemPath, itemOps] = item
    const param = (itemPath.split('/').at(-1) ?? '').slice(1, -1)
    const itemSchema = itemSchemaOf(ops, itemOps)
    const key = inferKey(param, itemSchema)
    collections.push({
      name: last,
      path,
      itemPath,
      key,
      itemSchema,
      examples: [],
    })
  }
  return collections.map((c) => withParent(c, collections))
}

function isItemPathOf(candidate: string, path: string): boolean {
  if (!candidate.startsWith(`${path}/`)) return false
  return /^\{[^}/]+\}$/.test(candidate.slice(path.length + 1))
}

/** The item schema: the item GET's answer, else a POST's, else the list's items. */
function itemSchemaOf(ops: readonly RawOperation[], itemOps: readonly RawOperation[]): JsonSchema {
  const success = (op: RawOperation | undefined) =>
    op?.responses.find((r) => /^2\d\d$/.test(r.status) && r.schema !== undefined)?.schema
  const read = success(itemOps.find((op) => op.method === 'get'))
  const created = success(ops.find((op) => op.method === 'post'))
  const listed = success(ops.find((op) => op.method === 'get'))
  const candidates = [read, created, listItemSchema(listed)].map(unwrapRecord)
  return candidates.find((s) => s !== undefined) ?? { type: 'object' }
}

/** The items of a list answer: the array itself, or the one array property of an envelope. */
export function listItemSchema(schema: JsonSchema | undefined): JsonSchema | undefined {
  const direct = itemsOf(schema)
  if (direct !== undefined) return direct
  const arrays = Object.values(propertiesOf(schema)).filter((p) => itemsOf(p) !== undefined)
  return arrays.length === 1 ? itemsOf(arrays[0]) : undefined
}

/** `{"article": {...}}` answers the record inside; a record answers itself. */
export function unwrapRecord(schema: JsonSchema | undefined): JsonSchema | undefined {
  return recordWrapper(schema)?.schema ?? schema
}

/** The property that wraps a single record, when the schema is `{ one: {object} }`. */
export function recordWrapper(
  schema: JsonSchema | undefined,
): { readonly field: string; readonly schema: JsonSchema } | undefined {
  if (schema === undefined) return undefined
  // Asked on every answer: worked out once per schema.
  if (wrappers.has(schema)) return wrappers.get(schema)
  const found = findWrapper(schema)
  wrappers.set(schema, found)
  return found
}

const wrappers = new WeakMap<
  JsonSchema,
  { readonly field: string; readonly schema: JsonSchema } | undefined
>()

function findWrapper(
  schema: JsonSchema,
): { readonly field: string; readonly schema: JsonSchema } | undefined {
  const entries = Object.entries(propertiesOf(schema))
  if (entries.length !== 1) return undefined
  const [field, inner] = entries[0] ?? []
  if (field === undefined || inner === undefined || !typesOf(inner).includes('object'))
    return undefined
  return Object.keys(propertiesOf(inner)).length > 0 ? { field, schema: inner } : undefined
}

/**
 * The item property named like the path parameter, else `id`, else one that ends with the
 * parameter's name (`petId` → `id`); its type and format say how new keys are made.
 */
export function inferKey(param: string, itemSchema: JsonSchema): CollectionModel['key'] {
  const properties = propertiesOf(itemSchema)
  const names = Object.keys(properties)
  const lower = param.toLowerCase()
  const field =
    names.find((n) => n === param) ??
    names.find((n) => n === 'id') ??
    names.find((n) => lower.endsWith(n.toLowerCase()) && n.length >= 2) ??
    names.find((n) => n.toLowerCase().endsWith(lower)) ??
    param
  return { field, param, kind: keyKindOf(properties[field]) }
}

function keyKindOf(schema: JsonSchema | undefined): KeyKind {
  if (schema === undefined) return 'string'
  const types = typesOf(schema)
  if (types.includes('integer') || types.includes('number')) return 'integer'
  return schema.format === 'uuid' ? 'uuid' : 'string'
}

function withParent(collection: CollectionModel, all: readonly CollectionModel[]): CollectionModel {
  const segments = collection.path.split('/')
  const parentParam = segments.at(-2) ?? ''
  if (!/^\{[^}/]+\}$/.test(parentParam)) return collection
  const parentItemPath = segments.slice(0, -1).join('/')
  const parent = all.find((c) => c.itemPath === parentItemPath)
  if (parent === undefined) return collection
  const param = parentParam.slice(1, -1)
  // The child's field holding the parent key: `articleSlug`, `articleId`, else the param's name.
  const names = Object.keys(propertiesOf(collection.itemSchema))
  const singular = parent.name.replace(/s$/, '')
  const field =
    names.find((n) => n === param) ??
    names.find((n) => n.toLowerCase() === `${singular}${parent.key.field}`.toLowerCase()) ??
    names.find((n) => n.toLowerCase() === `${singular}id`) ??
    param
  return { ...collection, parent: { collection: parent.name, param, field } }
}

export { asSchema }
