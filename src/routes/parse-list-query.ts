import { type FieldError, HttpError } from '../errors/http-error.js'
import type { FieldSpec, ResourceSpec } from '../resources/resource-spec.js'
import {
  type Filter,
  type FilterValue,
  isFilterOperator,
  type ListQuery,
  type SortKey,
} from '../store/list-query.js'
import { coerceQueryValue } from './coerce-query-value.js'

export const DEFAULT_PER_PAGE = 20
export const MAX_PER_PAGE = 100

/** Implicit on every record; a resource that declares one of them overrides its type. */
const SYSTEM_FIELDS: readonly (readonly [string, FieldSpec])[] = [
  ['id', { type: 'integer' }],
  ['createdAt', { type: 'string', format: 'date-time' }],
  ['updatedAt', { type: 'string', format: 'date-time' }],
]
const RANGE_OPERATORS: ReadonlySet<string> = new Set(['gt', 'gte', 'lt', 'lte'])
const POSITIVE_INTEGER = /^[1-9]\d*$/

// One request must cost little however its query string is built: each sort key, filter and
// search term is a pass over every row.
export const MAX_SORT_KEYS = 10
export const MAX_FILTERS = 50
export const MAX_SEARCH_TERMS = 10

/**
 * Validates the query string of a collection request against the resource's fields. Every problem
 * is collected, then thrown once as a 400 `invalid_query` naming each parameter as sent.
 *
 * @example
 * parseListQuery(new URLSearchParams('status=open&priority_gte=3&sort=-dueAt'), tasks)
 * // { page: 1, perPage: 20, q: undefined, sort: [{ field: 'dueAt', direction: 'desc' }], filters: [...] }
 */
export function parseListQuery(params: URLSearchParams, resource: ResourceSpec): ListQuery {
  const fields = new Map<string, FieldSpec>([...SYSTEM_FIELDS, ...Object.entries(resource.fields)])
  const errors: FieldError[] = []
  const draft: Draft = { page: 1, perPage: DEFAULT_PER_PAGE, filters: [], q: undefined, sort: [] }
  for (const [name, values] of groupByName(params)) {
    readParam(name, values, draft, fields, (message): undefined => {
      errors.push({ field: name, message })
    })
  }
  if (countFilters(draft.filters) > MAX_FILTERS) {
    errors.push({
      field: 'filters',
      message: `at most ${MAX_FILTERS} filters (each value of a _in list counts as one)`,
    })
  }
  if (errors.length > 0) throw invalidQuery(errors)
  return draft
}

type Fail = (message: string) => undefined

interface Draft {
  page: number
  perPage: number
  filters: Filter[]
  q: string | undefined
  sort: readonly SortKey[]
}

function readParam(
  name: string,
  values: readonly string[],
  draft: Draft,
  fields: ReadonlyMap<string, FieldSpec>,
  fail: Fail,
): void {
  const value = values[0] ?? ''
  if (isSingleValued(name) && values.length > 1) fail('must be given only once')
  else if (name === 'page') {
    const page = parsePositive(value, Number.MAX_SAFE_INTEGER)
    if (page === undefined) fail('must be a positive integer')
    else draft.page = page
  } else if (name === 'per_page') {
    const perPage = parsePositive(value, MAX_PER_PAGE)
    if (perPage === undefined) fail(`must be an integer between 1 and ${MAX_PER_PAGE}`)
    else draft.perPage = perPage
  } else if (name === 'q') {
    if (value.split(/\s+/).filter(Boolean).length > MAX_SEARCH_TERMS) {
      fail(`at most ${MAX_SEARCH_TERMS} search terms`)
    } else draft.q = value === '' ? undefined : value
  } else if (name === 'sort') draft.sort = parseSort(value, fields, fail)
  else {
    const filter = parseFilter(name, values, fields, fail)
    if (filter) draft.filters.push(filter)
  }
}

function groupByName(params: URLSearchParams): Map<string, string[]> {
  const groups = new Map<string, string[]>()
  for (const [name, value] of params) {
    const values = groups.get(name)
    if (values) values.push(value)
    else groups.set(name, [value])
  }
  return groups
}

function isSingleValued(name: string): boolean {
  return name === 'page' || name === 'per_page' || name === 'q' || name === 'sort'
}

function parsePositive(raw: string, max: number): number | undefined {
  if (!POSITIVE_INTEGER.test(raw)) return undefined
  const value = Number(raw)
  return value <= max ? value : undefined
}

function parseSort(raw: string, fields: ReadonlyMap<string, FieldSpec>, fail: Fail): SortKey[] {
  const keys: SortKey[] = []
  const tokens = raw.split(',')
  if (tokens.length > MAX_SORT_KEYS) {
    fail(`at most ${MAX_SORT_KEYS} sort keys`)
    return keys
  }
  const seen = new Set<string>()
  for (const token of tokens) {
    const field = token.startsWith('-') ? token.slice(1) : token
    const spec = fields.get(field)
    if (field === '') fail('must list field names separated by commas, such as status,-createdAt')
    else if (seen.has(field)) fail(`sorts by '${field}' twice: name each field once`)
    else if (!spec) fail(`cannot sort by '${field}': not a field of this resource`)
    else if (spec.type === 'array' || spec.type === 'object') {
      fail(`cannot sort by '${field}': it is an ${spec.type} field`)
    } else keys.push({ field, direction: token.startsWith('-') ? 'desc' : 'asc' })
    seen.add(field)
  }
  return keys
}

function countFilters(filters: readonly Filter[]): number {
  return filters.reduce((sum, filter) => sum + filter.values.length, 0)
}

/** Reads `field` or `field_op`; an operator suffix wins only when the rest names a known field. */
function resolveTarget(
  name: string,
  fields: ReadonlyMap<string, FieldSpec>,
): { field: string; spec: FieldSpec; op: Filter['op'] } | undefined {
  const cut = name.lastIndexOf('_')
  if (cut > 0) {
    const field = name.slice(0, cut)
    const op = name.slice(cut + 1)
    const base = fields.get(field)
    if (isFilterOperator(op) && base) return { field, spec: base, op }
  }
  const spec = fields.get(name)
  return spec ? { field: name, spec, op: 'eq' } : undefined
}

function parseFilter(
  name: string,
  raws: readonly string[],
  fields: ReadonlyMap<string, FieldSpec>,
  fail: Fail,
): Filter | undefined {
  const target = resolveTarget(name, fields)
  if (!target) {
    return fail('unknown query parameter: expected page, per_page, sort, q, or a field filter')
  }
  const { field, spec, op } = target
  if (spec.type === 'array' || spec.type === 'object') {
    return fail(`cannot filter on '${field}': it is an ${spec.type} field`)
  }
  if (RANGE_OPERATORS.has(op) && spec.type === 'boolean') {
    return fail(`_${op} works only on integer, number and string fields`)
  }
  if (op === 'like' && spec.type !== 'string') return fail('_like works only on string fields')

  const allowNull = op === 'eq' || op === 'ne' || op === 'in'
  const items = op === 'in' ? raws.flatMap((raw) => raw.split(',')) : raws
  const values: FilterValue[] = []
  for (const raw of items) {
    const coerced = coerceQueryValue(raw, spec, allowNull)
    if ('error' in coerced) fail(coerced.error)
    else values.push(coerced.value)
  }
  return values.length === items.length ? { field, op, values } : undefined
}

/** A query string with thousands of bad parameters gets an answer of bounded size. */
export const MAX_QUERY_ERRORS = 100

function invalidQuery(errors: readonly FieldError[]): HttpError {
  const count = new Set(errors.map((error) => error.field)).size
  const noun = count === 1 ? 'parameter is' : 'parameters are'
  const shown = errors.length > MAX_QUERY_ERRORS ? ` The first ${MAX_QUERY_ERRORS} are listed.` : ''
  return new HttpError(400, {
    code: 'invalid_query',
    detail: `Failed to read the query string: ${count} ${noun} invalid. See errors for each one.${shown}`,
    errors: errors.slice(0, MAX_QUERY_ERRORS),
  })
}
