import type { ApiModel, JsonSchema, OperationRole } from '../model/api-model.js'
import { readBasePath } from './read-base-path.js'
import type { RawOperation } from './read-operations.js'
import { asArray, asSchema, isJsonType } from './schema-tools.js'

// What the mock does not serve as the document describes: one start-up warning each.

export function warningsOf(
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
export function unplacedWarnings(operations: readonly RawOperation[]): string[] {
  const byPath = new Map<string, string[]>()
  for (const op of operations) {
    byPath.set(op.path, [...(byPath.get(op.path) ?? []), op.method.toUpperCase()])
  }
  return [...byPath].map(
    ([path, methods]) =>
      `${path} (${methods.join(', ')}): a parameter inside a path segment cannot be placed, so the path is not served`,
  )
}
