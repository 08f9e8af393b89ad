import type { Filter, ListQuery, SortKey } from '../http/parse-list-query.js'
import type { ResourceSpec } from '../resources/resource-spec.js'

/** One page of matches, and how many records matched before paging. */
export interface QueryResult<T> {
  readonly items: readonly T[]
  readonly total: number
}

type Row = Readonly<Record<string, unknown>>
type Predicate = (record: Row) => boolean
type Scalar = string | number | boolean
/** Orders two positions of the match list; never 0 for distinct positions, so sorting is stable. */
type Compare = (a: number, b: number) => number

const RANGE_TESTS = {
  gt: (order: number) => order > 0,
  gte: (order: number) => order >= 0,
  lt: (order: number) => order < 0,
  lte: (order: number) => order <= 0,
} as const

/**
 * Filters, searches, sorts and pages records in one pass. Filters and `q` are AND-ed; sorting is
 * stable (ties keep insertion order) and puts missing or null values last in both directions.
 *
 * @example
 * queryRecords(store.list('tasks'), parseListQuery(url.searchParams, tasks), tasks)
 * // { items: [...20 records], total: 137 }
 */
export function queryRecords<T extends Record<string, unknown>>(
  records: Iterable<T>,
  query: ListQuery,
  resource: ResourceSpec,
): QueryResult<T> {
  const predicates = query.filters.map(compileFilter)
  if (query.q !== undefined) predicates.push(compileSearch(query.q, resource))
  const from = (query.page - 1) * query.perPage
  const to = from + query.perPage
  const sorted = query.sort.length > 0
  const kept: T[] = []
  let total = 0
  next: for (const record of records) {
    for (const predicate of predicates) if (!predicate(record)) continue next
    // In insertion order the page is known while scanning, so only its records are kept.
    if (sorted || (total >= from && total < to)) kept.push(record)
    total += 1
  }
  if (!sorted || from >= total) return { items: sorted ? [] : kept, total }
  const items: T[] = []
  for (const index of selectPage(kept, query.sort, from, Math.min(to, total))) {
    const record = kept[index]
    if (record) items.push(record)
  }
  return { items, total }
}

/** Reads own properties only, so names like `constructor` never reach Object.prototype. */
function readerOf(field: string): (record: Row) => unknown {
  if (!(field in Object.prototype)) return (record) => record[field]
  return (record) => (Object.hasOwn(record, field) ? record[field] : undefined)
}

function compileFilter({ field, op, values }: Filter): Predicate {
  const read = readerOf(field)
  if (op === 'eq' || op === 'in' || op === 'ne') {
    const keep = op !== 'ne'
    const [only] = values
    if (values.length === 1) return (record) => ((read(record) ?? null) === only) === keep
    const wanted = new Set<unknown>(values)
    return (record) => wanted.has(read(record) ?? null) === keep
  }
  if (op === 'like') {
    const patterns = values.map((value) => containsPattern(String(value)))
    return (record) => {
      const value = read(record)
      return typeof value === 'string' && patterns.every((pattern) => pattern.test(value))
    }
  }
  const test = RANGE_TESTS[op]
  return (record) => {
    const value = read(record)
    if (!isScalar(value)) return false
    for (const bound of values) {
      if (!isScalar(bound) || typeof bound !== typeof value) return false
      if (!test(value < bound ? -1 : value > bound ? 1 : 0)) return false
    }
    return true
  }
}

/** Case-insensitive substring search over the resource's string fields and string array items. */
function compileSearch(q: string, resource: ResourceSpec): Predicate {
  const pattern = containsPattern(q)
  const readers = Object.entries(resource.fields)
    .filter(([, spec]) => spec.type === 'string' || spec.type === 'array')
    .map(([field]) => readerOf(field))
  const hit = (value: unknown): boolean => typeof value === 'string' && pattern.test(value)
  return (record) =>
    readers.some((read) => {
      const value = read(record)
      return Array.isArray(value) ? value.some(hit) : hit(value)
    })
}

/** A regex beats `toLowerCase().includes()`: no string is allocated per record. */
function containsPattern(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'iu')
}

function isScalar(value: unknown): value is Scalar {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
}

function comparatorOf(found: readonly Row[], sort: readonly SortKey[]): Compare {
  // Each sort value is read once, not once per comparison; non-scalars count as missing.
  const keys = sort.map(({ field, direction }) => {
    const read = readerOf(field)
    const values = found.map((record) => {
      const value = read(record)
      return isScalar(value) ? value : null
    })
    return { values, sign: direction === 'asc' ? 1 : -1 }
  })
  return (a, b) => {
    for (const { values, sign } of keys) {
      const x = values[a] ?? null
      const y = values[b] ?? null
      if (x === y) continue
      if (x === null || y === null) return x === null ? 1 : -1
      // Distinct values of one type are never equal here; mixed types order by type.
      return sign * (typeof x === typeof y ? (x < y ? -1 : 1) : rankOf(x) - rankOf(y))
    }
    return a - b
  }
}

/** Booleans, then numbers, then strings, for the rare field whose stored values mix types. */
function rankOf(value: Scalar): number {
  return typeof value === 'boolean' ? 0 : typeof value === 'number' ? 1 : 2
}

/**
 * Positions `from..to-1` of `found` in sort order. Selection moves the page's records into place in
 * linear time, then only the page itself is sorted, so a deep page costs no more than the first.
 */
function selectPage(found: readonly Row[], sort: readonly SortKey[], from: number, to: number) {
  const compare = comparatorOf(found, sort)
  const order: number[] = []
  for (let index = 0; index < found.length; index += 1) order.push(index)
  const last = order.length - 1
  // Cut first at the page edge nearer an end of the list, leaving less to scan for the other.
  if (from < last - to) {
    select(order, to - 1, 0, last, compare)
    select(order, from, 0, to - 1, compare)
  } else {
    select(order, from, 0, last, compare)
    select(order, to - 1, from, last, compare)
  }
  return order.slice(from, to).sort(compare)
}

/**
 * Floyd–Rivest selection: moves the k-th smallest into `order[k]`, smaller ones before it and
 * larger ones after it, in about n + min(k, n - k) comparisons whatever the input order.
 */
function select(order: number[], k: number, left: number, right: number, compare: Compare): void {
  // A bound on rounds keeps the worst case at n log n: past it, the rest is simply sorted.
  let rounds = 4 * Math.ceil(Math.log2(right - left + 2))
  while (right > left) {
    if (rounds === 0) {
      const rest = order.slice(left, right + 1).sort(compare)
      for (const [offset, index] of rest.entries()) order[left + offset] = index
      return
    }
    rounds -= 1
    if (right - left > 600) {
      // Select within a small sample around k first, so that order[k] becomes a close pivot.
      const size = right - left + 1
      const rank = k - left + 1
      const z = Math.log(size)
      const sample = 0.5 * Math.exp((2 * z) / 3)
      const skew =
        0.5 * Math.sqrt((z * sample * (size - sample)) / size) * (rank < size / 2 ? -1 : 1)
      const low = Math.max(left, Math.floor(k - (rank * sample) / size + skew))
      const high = Math.min(right, Math.floor(k + ((size - rank) * sample) / size + skew))
      select(order, k, low, high, compare)
    }
    const at = partition(order, k, left, right, compare)
    if (at <= k) left = at + 1
    if (k <= at) right = at - 1
  }
}

/** Hoare partition of `left..right` around the item at `k`; returns the pivot's final index. */
function partition(order: number[], k: number, left: number, right: number, compare: Compare) {
  // Indices stay in range (the pivot is a sentinel); `?? 0` only satisfies the type checker.
  const item = (at: number): number => order[at] ?? 0
  const pivot = item(k)
  let i = left
  let j = right
  swap(order, left, k)
  if (compare(item(right), pivot) > 0) swap(order, left, right)
  while (i < j) {
    swap(order, i, j)
    i += 1
    j -= 1
    while (compare(item(i), pivot) < 0) i += 1
    while (compare(item(j), pivot) > 0) j -= 1
  }
  if (item(left) === pivot) swap(order, left, j)
  else {
    j += 1
    swap(order, j, right)
  }
  return j
}

function swap(order: number[], i: number, j: number): void {
  const a = order[i]
  const b = order[j]
  if (a === undefined || b === undefined) return
  order[i] = b
  order[j] = a
}
