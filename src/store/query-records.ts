import type { ResourceSpec } from '../resources/resource-spec.js'
import { applyFilter, containsPattern } from './apply-filter.js'
import { type Row, readerOf } from './compare-records.js'
import { createSnapshot, type Snapshot } from './create-snapshot.js'
import type { ListQuery } from './list-query.js'

/** One page of matches, and how many records matched before paging. */
export interface QueryResult<T> {
  readonly items: readonly T[]
  readonly total: number
}

/**
 * Filters, searches, sorts and pages records. Filters and `q` are AND-ed; sorting is stable (ties
 * keep insertion order) and puts missing or null values last in both directions.
 *
 * @example
 * queryRecords(records, parseListQuery(url.searchParams, tasks), tasks)
 * // { items: [...20 records], total: 137 }
 */
export function queryRecords<T extends Row>(
  records: Iterable<T>,
  query: ListQuery,
  resource: ResourceSpec,
): QueryResult<T> {
  return querySnapshot(createSnapshot(records), query, resource)
}

/**
 * `queryRecords` on a snapshot. The ordered list of matches is kept in the snapshot under the
 * query's filters, `q` and sort, so paging through a result, or asking again, costs a slice.
 */
export function querySnapshot<T extends Row>(
  snapshot: Snapshot<T>,
  query: ListQuery,
  resource: ResourceSpec,
): QueryResult<T> {
  const key = JSON.stringify([query.filters, query.q ?? null, query.sort])
  const matches = snapshot.remember(key, () => findMatches(snapshot, query, resource))
  const from = (query.page - 1) * query.perPage
  return { items: matches.slice(from, from + query.perPage), total: matches.length }
}

/** Every row that passes the filters and `q`, in sort order (insertion order without a sort). */
function findMatches<T extends Row>(
  snapshot: Snapshot<T>,
  query: ListQuery,
  resource: ResourceSpec,
): readonly T[] {
  const { rows } = snapshot
  const view = query.sort.length > 0 ? snapshot.view(query.sort) : undefined
  const mask = maskOf(snapshot, query, resource)
  if (!mask) return view ? view.sorted : rows
  if (!view) return rows.filter((_, i) => mask[i] === 1)
  // Re-index the mask by rank, then read the matches off it in sort order.
  const byRank = snapshot.scratch[1].fill(0)
  for (let i = 0; i < rows.length; i++) if (mask[i] === 1) byRank[view.rankAt[i] ?? 0] = 1
  return view.sorted.filter((_, rank) => byRank[rank] === 1)
}

/** One byte per row, 1 where the row passes every filter and `q`; `undefined` when none apply. */
function maskOf<T extends Row>(
  snapshot: Snapshot<T>,
  query: ListQuery,
  resource: ResourceSpec,
): Uint8Array | undefined {
  if (query.filters.length === 0 && query.q === undefined) return undefined
  const mask = snapshot.scratch[0].fill(1)
  for (const filter of query.filters) applyFilter(mask, snapshot.column(filter.field), filter)
  if (query.q !== undefined) {
    const search = compileSearch(query.q, resource)
    snapshot.rows.forEach((row, i) => {
      if (mask[i] && !search(row)) mask[i] = 0
    })
  }
  return mask
}

/** Case-insensitive substring search over the resource's string fields and string array items. */
function compileSearch(q: string, resource: ResourceSpec): (record: Row) => boolean {
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
