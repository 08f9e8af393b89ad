import type { ApiModel, OperationModel } from './api-model.js'

/** An operation a request path matched, with the path parameters it carried. */
export interface MatchedOperation {
  readonly operation: OperationModel
  readonly params: Readonly<Record<string, string>>
  /**
   * The request as the mock's own routes would name it — `/pet/1` for `/api/v3/pet/1` — so
   * the built-in scenarios (`/:resource/:id`) act on the model's collections at any depth.
   */
  readonly canonicalPath: string | undefined
}

interface CompiledPath {
  readonly regex: RegExp
  readonly names: readonly string[]
  readonly operations: ReadonlyMap<string, OperationModel>
  readonly template: string
}

/** What a path matcher finds: the operation, or the methods the path allows (405), or nothing. */
export type PathMatch =
  | ({ readonly kind: 'operation' } & MatchedOperation)
  | { readonly kind: 'method'; readonly allowed: readonly string[] }
  | { readonly kind: 'none' }

/**
 * Compiles the model's paths, literal ones before templated ones (`/pet/findByStatus` before
 * `/pet/{petId}`), into a function from method and request path to the operation.
 */
export function createOperationMatcher(
  model: ApiModel,
): (method: string, path: string) => PathMatch {
  const byPath = new Map<string, Map<string, OperationModel>>()
  for (const op of model.operations) {
    const methods = byPath.get(op.path) ?? new Map<string, OperationModel>()
    methods.set(op.method.toUpperCase(), op)
    byPath.set(op.path, methods)
  }
  const compiled: CompiledPath[] = [...byPath.entries()]
    .filter(([template]) => placeable(template))
    .map(([template, operations]) => compile(model.basePath, template, operations))
    .sort((a, b) => a.names.length - b.names.length)
  const canonical = canonicalPaths(model)
  return (method, path) => {
    const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path
    for (const entry of compiled) {
      const found = entry.regex.exec(trimmed)
      if (found === null) continue
      const params: Record<string, string> = {}
      for (const [i, name] of entry.names.entries()) params[name] = decode(found[i + 1] ?? '')
      const operation =
        entry.operations.get(method) ??
        (method === 'HEAD' ? entry.operations.get('GET') : undefined)
      if (operation === undefined) return { kind: 'method', allowed: [...entry.operations.keys()] }
      return {
        kind: 'operation',
        operation,
        params,
        canonicalPath: canonical(entry.template, params),
      }
    }
    return { kind: 'none' }
  }
}

/** Whether every templated segment is a whole segment (`{id}`, not `{id}.json`). */
export function placeable(template: string): boolean {
  return template.split('/').every((s) => !s.includes('{') || /^\{[^}]+\}$/.test(s))
}

function compile(
  base: string,
  template: string,
  operations: Map<string, OperationModel>,
): CompiledPath {
  const names: string[] = []
  const source = template
    .split('/')
    .map((segment) => {
      const param = /^\{([^}]+)\}$/.exec(segment)
      if (param === null) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      names.push(param[1] ?? '')
      return '([^/]+)'
    })
    .join('/')
  const prefix = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const body = source === '/' || source === '' ? '/?' : source
  return { regex: new RegExp(`^${prefix}${body}$`), names, operations, template }
}

function canonicalPaths(model: ApiModel) {
  const byPath = new Map<string, { name: string; path: string; param?: string }>()
  for (const c of model.collections) {
    byPath.set(c.path, { name: c.name, path: c.path })
    byPath.set(c.itemPath, { name: c.name, path: c.itemPath, param: c.key.param })
  }
  // A finder that lists a collection (`/pet/findByStatus`) is that collection's list.
  for (const op of model.operations) {
    const { role } = op
    if (role.kind !== 'list' || byPath.has(op.path)) continue
    byPath.set(op.path, { name: role.collection, path: `${op.path}#finder` })
  }
  return (template: string, params: Readonly<Record<string, string>>): string | undefined => {
    const found = byPath.get(template)
    // Other operations are no collection and no record (`/pet/findByStatus` is not pet
    // "findByStatus"): the built-in scenarios' path rules never take them for one.
    if (found === undefined) return '/'
    if (template !== found.path) return `/${found.name}`
    return found.param === undefined
      ? `/${found.name}`
      : `/${found.name}/${encodeURIComponent(params[found.param] ?? '')}`
  }
}

function _fill(template: string, params: Readonly<Record<string, string>>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(params[name] ?? ''),
  )
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
