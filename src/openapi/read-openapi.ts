import type {
  ApiModel,
  CollectionModel,
  JsonSchema,
  OperationModel,
  OperationRole,
} from '../model/api-model.js'
import { placeable } from '../model/match-operation.js'
import { inferCollections, listItemSchema, unwrapRecord } from './infer-collections.js'
import type { LoadedOpenApi } from './load-openapi.js'
import { readBasePath } from './read-base-path.js'
import { type RawOperation, readOperations } from './read-operations.js'
import { readSecurity } from './read-security.js'
import { asSchema } from './schema-tools.js'
import { unplacedWarnings, warningsOf } from './warnings-of.js'

/**
 * Reads a loaded OpenAPI document into the API model: its collections (inferred from paths),
 * every operation with its role, its security schemes, and one warning for each thing the mock
 * will not serve as the document describes.
 */
export function readOpenApi(loaded: LoadedOpenApi, basePath?: string): ApiModel {
  const { document } = loaded
  // A path mockapi cannot place is not served: it is no operation of the model, only a warning.
  const read = readOperations(document)
  const raw = read.filter((op) => placeable(op.path))
  const collections = uniqueNames(inferCollections(raw)).map((c) => withExamples(c, raw))
  const operations = raw.map((op) => ({ ...op, role: roleOf(op, collections, raw) }))
  const securitySchemes = readSecurity(document)
  const info = asSchema(document.info)
  return {
    source: 'openapi',
    title: typeof info?.title === 'string' ? info.title : loaded.source,
    basePath: basePath ?? readBasePath(document.servers),
    dialect: String(document.openapi).startsWith('3.1') ? '3.1' : '3.0',
    collections,
    operations: operations.map(strip),
    securitySchemes,
    warnings: [
      ...warningsOf(document, operations, securitySchemes),
      ...unplacedWarnings(read.filter((op) => !placeable(op.path))),
    ],
  }
}

function strip(op: RawOperation & { role: OperationRole }): OperationModel {
  const { callbacks: _, ...rest } = op
  return rest
}

function roleOf(
  op: RawOperation,
  collections: readonly CollectionModel[],
  all: readonly RawOperation[],
): OperationRole {
  for (const c of collections) {
    if (op.path === c.path) {
      if (op.method === 'get') return { kind: 'list', collection: c.name }
      if (op.method === 'post') return { kind: 'create', collection: c.name }
      if (op.method === 'put') return { kind: 'put-collection', collection: c.name }
    }
    if (op.path === c.itemPath) {
      if (op.method === 'get') return { kind: 'read', collection: c.name }
      if (op.method === 'patch' || op.method === 'post')
        return { kind: 'update', collection: c.name }
      if (op.method === 'put') return { kind: 'replace', collection: c.name }
      if (op.method === 'delete') return { kind: 'delete', collection: c.name }
    }
  }
  // A GET under a collection's path that answers a list of its items — as its item or its own
  // list has them (Conduit's `/articles/feed`) — is a finder on it.
  if (op.method === 'get') {
    const items = listItemSchema(successSchema(op))
    const listed = (c: CollectionModel) =>
      listItemSchema(successSchema(all.find((o) => o.path === c.path && o.method === 'get')))
    const c = collections.find(
      (c) =>
        op.path.startsWith(`${c.path}/`) &&
        items !== undefined &&
        (items === c.itemSchema || items === listed(c)),
    )
    if (c !== undefined && !op.path.slice(c.path.length).includes('{')) {
      return { kind: 'list', collection: c.name }
    }
  }
  return { kind: 'static' }
}

function successSchema(op: RawOperation | undefined) {
  return op?.responses.find((r) => /^2\d\d$/.test(r.status))?.schema
}

/** Two collections named alike (`/a/{id}/notes`, `/b/{id}/notes`) get their paths as names. */
function uniqueNames(collections: CollectionModel[]): CollectionModel[] {
  const counts = new Map<string, number>()
  for (const c of collections) counts.set(c.name, (counts.get(c.name) ?? 0) + 1)
  return collections.map((c) =>
    (counts.get(c.name) ?? 0) > 1
      ? { ...c, name: c.path.replace(/[{}]/g, '').split('/').filter(Boolean).join('-') }
      : c,
  )
}

/** The document's examples of one item become the collection's first records. */
function withExamples(collection: CollectionModel, ops: readonly RawOperation[]): CollectionModel {
  const examples: Record<string, unknown>[] = []
  const add = (value: unknown) => {
    const record = asSchema(value)
    if (record === undefined || typeof record[collection.key.field] === 'undefined') return
    if (examples.some((e) => e[collection.key.field] === record[collection.key.field])) return
    examples.push({ ...record })
  }
  for (const op of ops) {
    if (op.path !== collection.path && op.path !== collection.itemPath) continue
    for (const response of op.responses) {
      if (!/^2\d\d$/.test(response.status)) continue
      for (const { value } of response.examples) {
        if (Array.isArray(value)) for (const v of value) add(v)
        else add(unwrapOrList(value, response.schema))
      }
    }
  }
  return { ...collection, examples }
}

function unwrapOrList(value: unknown, schema: JsonSchema | undefined): unknown {
  const record = asSchema(value)
  if (record === undefined || schema === undefined) return value
  if (listItemSchema(schema) !== undefined) return undefined
  const inner = unwrapRecord(schema)
  if (inner === schema) return value
  const wrapped = Object.values(record)[0]
  return Object.keys(record).length === 1 ? wrapped : value
}
