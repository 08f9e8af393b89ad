import { type FieldError, HttpError } from '../errors/http-error.js'
import type { ResourceRecord, ResourceSpec } from '../resources/resource-spec.js'
import type { Store } from '../store/create-store.js'

/** A list query written for json-server, turned into mockapi's own and what is done after it. */
export interface JsonServerQuery {
  /** The query string in mockapi's terms (`_sort=-views` → `sort=-views`). */
  readonly params: URLSearchParams
  /** The window of the sorted, filtered list to answer: `_start`/`_end`, or `_page` × `_limit`. */
  readonly window: { readonly start: number; readonly end: number } | undefined
  /** Child resources to nest in each record (`_embed=comments`). */
  readonly embed: readonly string[]
  /** Parent records to nest in each record (`_expand=post`). */
  readonly expand: readonly string[]
}

const WINDOW = ['_page', '_per_page', '_limit', '_start', '_end'] as const
const ALIASES = /^_(page|per_page|limit|sort|order|start|end|embed|expand)$/
const NATURAL = /^(0|[1-9]\d{0,15})$/

/**
 * Reads json-server's list parameters — `_page`, `_per_page`/`_limit`, `_sort` (`-field`, or
 * `_order=asc|desc`), `_start`/`_end`, `_embed`, `_expand` — beside mockapi's own, which pass
 * through unchanged. A bad value is the same 400 `invalid_query` as mockapi's parameters get.
 */
export function readJsonServerQuery(given: URLSearchParams): JsonServerQuery {
  const params = new URLSearchParams()
  const errors: FieldError[] = []
  const numbers: Partial<Record<(typeof WINDOW)[number], number>> = {}
  const embed: string[] = []
  const expand: string[] = []
  let sort: string | undefined
  let order: string | undefined
  for (const [name, value] of given) {
    if ((WINDOW as readonly string[]).includes(name)) {
      if (!NATURAL.test(value)) errors.push({ field: name, message: 'must be an integer ≥ 0' })
      else numbers[name as (typeof WINDOW)[number]] = Number(value)
    } else if (name === '_sort') sort = value
    else if (name === '_order') order = value
    else if (name === '_embed') embed.push(...value.split(',').filter(Boolean))
    else if (name === '_expand') expand.push(...value.split(',').filter(Boolean))
    else params.append(name, value)
  }
  if (order !== undefined && !/^(asc|desc)(,(asc|desc))*$/.test(order)) {
    errors.push({ field: '_order', message: 'must be asc or desc (one per _sort field)' })
  }
  if (sort !== undefined) params.set('sort', sortOf(sort, order?.split(',') ?? []))
  if (errors.length > 0) {
    throw new HttpError(400, {
      code: 'invalid_query',
      detail: 'Failed to read the query string: see errors for each parameter.',
      errors,
    })
  }
  return { params, window: windowOf(numbers), embed, expand }
}

/** Whether the query uses any of json-server's parameters. */
export function isJsonServerQuery(params: URLSearchParams): boolean {
  for (const name of params.keys()) if (ALIASES.test(name)) return true
  return false
}

function sortOf(sort: string, orders: readonly string[]): string {
  return sort
    .split(',')
    .map((field, i) => {
      const order = orders[i] ?? orders[0]
      if (order === 'desc' && !field.startsWith('-')) return `-${field}`
      return field
    })
    .join(',')
}

function windowOf(n: Partial<Record<(typeof WINDOW)[number], number>>) {
  const limit = n._per_page ?? n._limit
  if (n._page !== undefined) {
    const size = limit ?? 10
    const start = (Math.max(n._page, 1) - 1) * size
    return { start, end: start + size }
  }
  if (n._start !== undefined || n._end !== undefined || limit !== undefined) {
    const start = n._start ?? 0
    return { start, end: n._end ?? (limit === undefined ? Number.MAX_SAFE_INTEGER : start + limit) }
  }
  return undefined
}

/** Nests children (`_embed`) and parents (`_expand`) in each record, as json-server does. */
export function nestRelated(
  store: Store,
  spec: ResourceSpec,
  records: readonly ResourceRecord[],
  query: Pick<JsonServerQuery, 'embed' | 'expand'>,
  scope: string | undefined,
): ResourceRecord[] {
  let result = [...records]
  for (const child of query.embed) {
    const target = store.resource(child)
    const field = target && referenceField(target, spec.name)
    if (target === undefined || field === undefined) throw unknownRelation('_embed', child)
    const all = store.list(child, EVERYTHING, scope).items
    result = result.map((r) => ({ ...r, [child]: all.filter((c) => c[field] === r.id) }))
  }
  for (const parent of query.expand) {
    const target = store.resource(parent) ?? store.resource(`${parent}s`)
    const field = target && referenceField(spec, target.name)
    if (target === undefined || field === undefined) throw unknownRelation('_expand', parent)
    result = result.map((r) => {
      const key = r[field]
      const found =
        key === undefined || key === null ? undefined : store.get(target.name, String(key), scope)
      return found === undefined ? r : { ...r, [parent]: found }
    })
  }
  return result
}

const EVERYTHING = {
  page: 1,
  perPage: Number.MAX_SAFE_INTEGER,
  filters: [],
  q: undefined,
  sort: [],
}

/** The field of `spec` that holds a `parent` id: its `ref`, or `<singular>Id`. */
function referenceField(spec: ResourceSpec, parent: string): string | undefined {
  const byRef = Object.entries(spec.fields).find(([, f]) => f.ref === parent)?.[0]
  if (byRef !== undefined) return byRef
  const singular = parent.replace(/(es|s)$/, '')
  return [`${singular}Id`, `${parent}Id`, `${parent.replace(/s$/, '')}Id`].find((f) =>
    Object.hasOwn(spec.fields, f),
  )
}

function unknownRelation(param: string, name: string): HttpError {
  return new HttpError(400, {
    code: 'invalid_query',
    detail: 'Failed to read the query string: see errors for each parameter.',
    errors: [
      { field: param, message: `"${name}" is no resource related to this one by a <name>Id field` },
    ],
  })
}
