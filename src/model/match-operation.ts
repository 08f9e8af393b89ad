import type { ApiModel, OperationModel } from './api-model.js'

/** An operation a request path matched, with the path parameters it carried. */
export interface MatchedOperation {
  readonly operation: OperationModel
  readonly params: Readonly<Record<string, string>>
  /**
   * The request as the mock's own routes would name it — `/pet/1` for `/api/v3/pet/1` — so
   * the built-in scenarios (`/:resource/:id`) act on a document's collections at any depth;
   * undefined for the mock's own resources, whose paths already are.
   */
  readonly canonicalPath: string | undefined
}

interface CompiledPath {
  readonly regex: RegExp
  readonly names: readonly string[]
  readonly operations: ReadonlyMap<string, OperationModel>
  readonly template: string
}

/**
 * What a path matcher finds: the operation, or the methods the path allows (405), or nothing;
 * with the model that serves the path.
 */
export type PathMatch =
  | ({ readonly kind: 'operation'; readonly model: ApiModel } & MatchedOperation)
  | { readonly kind: 'method'; readonly model: ApiModel; readonly allowed: readonly string[] }
  | { readonly kind: 'none' }

const NONE: PathMatch = { kind: 'none' }

/**
 * Compiles the models' paths into one function from method and request path to the operation:
 * the first model that serves the path answers; within one, literal paths before templated ones
 * (`/pet/findByStatus` before `/pet/{petId}`).
 */
export function createOperationMatcher(
  models: ApiModel | readonly ApiModel[],
): (method: string, path: string) => PathMatch {
  const matchers = (Array.isArray(models) ? models : [models]).map(matcherOf)
  if (matchers.length === 1 && matchers[0]) return matchers[0]
  return (method, path) => {
    for (const match of matchers) {
      const found = match(method, path)
      if (found.kind !== 'none') return found
    }
    return NONE
  }
}

function matcherOf(model: ApiModel): (method: string, path: string) => PathMatch {
  const byPath = new Map<string, Map<string, OperationModel>>()
  for (const op of model.operations) {
    const methods = byPath.get(op.path) ?? new Map<string, OperationModel>()
    methods.set(op.method.toUpperCase(), op)
    byPath.set(op.path, methods)
  }
  const compiled: CompiledPath[] = [...byPath.entries()]
    .filter(([template]) => placeable(template))
    .map(([template, operations]) => compile(template, operations))
    .sort((a, b) => a.names.length - b.names.length)
  // Candidates by the first segment: the paths that begin with it, and those that begin with a
  // parameter, in the order above.
  const firstOf = (template: string) => template.split('/')[1] ?? ''
  const open = compiled.filter((entry) => firstOf(entry.template).startsWith('{'))
  const byFirst = new Map<string, CompiledPath[]>()
  for (const entry of compiled) {
    const first = firstOf(entry.template)
    if (first.startsWith('{') || byFirst.has(first)) continue
    byFirst.set(
      first,
      compiled.filter((e) => e === entry || firstOf(e.template) === first || open.includes(e)),
    )
  }
  const canonical = model.source === 'openapi' ? canonicalPaths(model) : undefined
  const base = model.basePath
  return (method, path) => {
    let rest = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path
    if (base !== '') {
      if (!rest.startsWith(base)) return NONE
      rest = rest.slice(base.length)
      if (rest !== '' && !rest.startsWith('/')) return NONE
    }
    const slash = rest.indexOf('/', 1)
    const first = rest.slice(1, slash === -1 ? undefined : slash)
    for (const entry of byFirst.get(first) ?? open) {
      const found = entry.regex.exec(rest)
      if (found === null) continue
      const params: Record<string, string> = {}
      for (const [i, name] of entry.names.entries()) params[name] = decode(found[i + 1] ?? '')
      const operation =
        entry.operations.get(method) ??
        (method === 'HEAD' ? entry.operations.get('GET') : undefined)
      if (operation === undefined) {
        return { kind: 'method', model, allowed: [...entry.operations.keys()] }
      }
      return {
        kind: 'operation',
        model,
        operation,
        params,
        canonicalPath: canonical?.(entry.template, params),
      }
    }
    return NONE
  }
}

/** Whether every templated segment is a whole segment (`{id}`, not `{id}.json`). */
export function placeable(template: string): boolean {
  return template.split('/').every((s) => !s.includes('{') || /^\{[^}]+\}$/.test(s))
}

function compile(template: string, operations: Map<string, OperationModel>): CompiledPath {
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
  const body = source === '/' || source === '' ? '/?' : source
  return { regex: new RegExp(`^${body}$`), names, operations, template }
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

function decode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
