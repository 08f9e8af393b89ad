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
import { asArray, asSchema, isJsonType } from './schema-tools.js'

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
  const operations = raw.map((op) => ({ ...op, role: roleOf(op, collections) }))
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

function roleOf(op: RawOperation, collections: readonly CollectionModel[]): OperationRole {
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
  // A GET under a collection's path that answers a list of its items is a finder on it.
  if (op.method === 'get') {
    const answer = op.responses.find((r) => /^2\d\d$/.test(r.status))?.schema
    const items = listItemSchema(answer)
    const c = collections.find((c) => op.path.startsWith(`${c.path}/`) && items === c.itemSchema)
    if (c !== undefined && !op.path.slice(c.path.length).includes('{')) {
      return { kind: 'list', collection: c.name }
    }
  }
  return { kind: 'static' }
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

function warningsOf(
  document: JsonSchema,
  operations: readonly (RawOperation & { role: OperationRole })[],
  schemes: ApiModel['securitySchemes'],
): string[] {
  const warnings: string[] = []
  for (const op of operations) {
    const where = `${op.method.toUpperCase()} ${op.path}`
    const others = (op.requestBody?.contentTypes ?? []).filter((t) => !isJsonType(t))
    if (others.length > 0 && op.requestBody?.schema !== undefined) {
      warnings.push(
        `${where}: request bodies in ${others.join(', ')} are refused with 400; only JSON is read`,
      )
    } else if (others.length > 0) {
      warnings.push(`${where}: request bodies in ${others.join(', ')} are accepted but not read`)
    }
    const answers = answersWarning(op)
    if (answers !== undefined) warnings.push(`${where}: ${answers}`)
    if (op.callbacks.length > 0) {
      warnings.push(`${where}: callbacks are not sent (${op.callbacks.join(', ')})`)
    }
    const cookies = op.parameters.filter((p) => p.in === 'cookie').map((p) => p.name)
    if (cookies.length > 0) {
      warnings.push(`${where}: cookie parameters are not checked (${cookies.join(', ')})`)
    }
  }
  for (const [name, scheme] of Object.entries(schemes)) {
    if (scheme.kind !== 'unsupported') continue
    // An operation is public when one of its alternatives holds only schemes mockapi cannot check.
    const opened = operations
      .filter((op) =>
        op.security.some(
          (names) => names.includes(name) && names.every((n) => schemes[n]?.kind === 'unsupported'),
        ),
      )
      .map((op) => `${op.method.toUpperCase()} ${op.path}`)
    const effect =
      opened.length === 0
        ? 'no operation needs only it'
        : `${opened.join(', ')} need${opened.length === 1 ? 's' : ''} only it, so ${opened.length === 1 ? 'it is' : 'they are'} public`
    warnings.push(`security scheme ${name}: ${scheme.reason}; ${effect}`)
  }
  for (const [path, value] of Object.entries(asSchema(document.paths) ?? {})) {
    if (asSchema(value)?.trace !== undefined) {
      warnings.push(`TRACE ${path}: TRACE operations are not served`)
    }
  }
  for (const name of Object.keys(asSchema(document.webhooks) ?? {})) {
    warnings.push(`webhook ${name}: webhooks are not sent`)
  }
  return [...warnings, ...serversWarnings(document, operations)]
}

/** Operations with servers of their own (or their path's) are served under the document's. */
function serversWarnings(document: JsonSchema, operations: readonly RawOperation[]): string[] {
  const paths = asSchema(document.paths) ?? {}
  return operations.flatMap((op) => {
    const item = asSchema(paths[op.path])
    const servers = asSchema(item?.[op.method])?.servers ?? item?.servers
    const own = asSchema(asArray(servers)[0])?.url
    if (typeof own !== 'string' || readBasePath(servers) === readBasePath(document.servers))
      return []
    const where = `${op.method.toUpperCase()} ${op.path}`
    return [`${where}: served under the document's base path, not at its own server ${own}`]
  })
}

/**
 * What the operation's answers lose: other types beside JSON are not served, and an answer
 * declared only in XML is not built from its schema (mockapi generates JSON, not XML).
 */
function answersWarning(op: RawOperation): string | undefined {
  const answered = op.responses.filter(
    (r) => r.contentType !== undefined && isJsonType(r.contentType),
  )
  const unserved = [
    ...new Set(answered.flatMap((r) => r.contentTypes.filter((t) => !isJsonType(t)))),
  ]
  const xmlOnly = op.responses.filter(
    (r) => r.contentType !== undefined && !isJsonType(r.contentType) && isXmlType(r.contentType),
  )
  const parts: string[] = []
  if (unserved.length > 0) parts.push(`answers are JSON only; ${unserved.join(', ')} is not served`)
  if (xmlOnly.length > 0) {
    const statuses = xmlOnly.map((r) => r.status).join(', ')
    const types = [...new Set(xmlOnly.map((r) => r.contentType))].join(', ')
    parts.push(
      `XML is not generated, so the ${statuses} answer${xmlOnly.length === 1 ? '' : 's'} declared only in ${types} ${xmlOnly.length === 1 ? 'is' : 'are'} not built from ${xmlOnly.length === 1 ? 'its' : 'their'} schema`,
    )
  }
  return parts.length === 0 ? undefined : parts.join('; ')
}

function isXmlType(type: string): boolean {
  return /^[\w.-]+\/([\w.-]+\+)?xml\b/i.test(type)
}

/** One warning for each path mockapi cannot place, naming its operations: none is served. */
function unplacedWarnings(operations: readonly RawOperation[]): string[] {
  const byPath = new Map<string, string[]>()
  for (const op of operations) {
    byPath.set(op.path, [...(byPath.get(op.path) ?? []), op.method.toUpperCase()])
  }
  return [...byPath].map(
    ([path, methods]) =>
      `${path} (${methods.join(', ')}): a parameter inside a path segment cannot be placed, so the path is not served`,
  )
}
