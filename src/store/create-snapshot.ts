import { comparatorOf, type Row, readerOf } from './compare-records.js'
import type { SortKey } from './list-query.js'

/**
 * A collection frozen between two writes, laid out for fast reads: its records in insertion
 * order, one column of values per field, and sorted views, each made on first use. A filter then
 * scans a plain array of one field's values, in memory order, instead of visiting every record.
 */
export interface Snapshot<T> {
  readonly rows: readonly T[]
  /** Every row's value of `field`, own properties only. */
  column(field: string): readonly unknown[]
  /** The rows in `sort` order, with each row's rank. */
  view(sort: readonly SortKey[]): SortedView<T>
  /**
   * Scratch byte arrays one per row, reused by every query: a fresh 100 kB buffer per request
   * counts as external memory and would bring on full garbage collections of a large heap.
   * Their content is whatever the last query left; a query runs synchronously, so none overlap.
   */
  readonly scratch: readonly [Uint8Array, Uint8Array]
  /** The value kept under `key`, made by `make` the first time; a few are kept. */
  remember<V>(key: string, make: () => V): V
}

export interface SortedView<T> {
  /** The rows in sort order. */
  readonly sorted: readonly T[]
  /** Row position → rank in sort order. */
  readonly rankAt: Int32Array
}

// Each view or remembered result holds arrays up to the collection's length; a few bound memory.
const MAX_VIEWS = 8
const MAX_REMEMBERED = 32

/** Makes a snapshot of `records`; columns and views are built lazily. */
export function createSnapshot<T extends Row>(records: Iterable<T>): Snapshot<T> {
  const rows = [...records]
  const columns = new Map<string, readonly unknown[]>()
  const views = new Map<string, SortedView<T>>()
  const remembered = new Map<string, unknown>()
  return {
    rows,
    scratch: [new Uint8Array(rows.length), new Uint8Array(rows.length)],
    column(field) {
      let column = columns.get(field)
      if (!column) {
        column = rows.map(readerOf(field))
        columns.set(field, column)
      }
      return column
    },
    remember<V>(key: string, make: () => V): V {
      if (remembered.has(key)) return remembered.get(key) as V
      if (remembered.size >= MAX_REMEMBERED) remembered.clear()
      const value = make()
      remembered.set(key, value)
      return value
    },
    view(sort) {
      const key = sort
        .map(({ field, direction }) => (direction === 'asc' ? '' : '-') + field)
        .join()
      let view = views.get(key)
      if (!view) {
        if (views.size >= MAX_VIEWS) views.clear()
        view = sortRows(rows, sort)
        views.set(key, view)
      }
      return view
    },
  }
}

/** A stable sort that reads each sort value once, not once per comparison. */
function sortRows<T extends Row>(rows: readonly T[], sort: readonly SortKey[]): SortedView<T> {
  const order = Array.from(rows, (_, index) => index).sort(comparatorOf(rows, sort))
  const rankAt = new Int32Array(rows.length)
  for (const [rank, position] of order.entries()) rankAt[position] = rank
  return { sorted: order.map((position) => rows[position] as T), rankAt }
}
