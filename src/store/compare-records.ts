import type { SortKey } from './list-query.js'

export type Row = Readonly<Record<string, unknown>>
export type Scalar = string | number | boolean
/** Orders two positions of the match list; never 0 for distinct positions, so sorting is stable. */
export type Compare = (a: number, b: number) => number

/** Reads own properties only, so names like `constructor` never reach Object.prototype. */
export function readerOf(field: string): (record: Row) => unknown {
  if (!(field in Object.prototype)) return (record) => record[field]
  return (record) => (Object.hasOwn(record, field) ? record[field] : undefined)
}

export function isScalar(value: unknown): value is Scalar {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
}

/**
 * Compares two sort values of one key: missing and null last in both directions, one type by
 * `<`, mixed types by type. `sign` is 1 ascending, -1 descending.
 */
export function compareValues(x: Scalar | null, y: Scalar | null, sign: number): number {
  if (x === y) return 0
  if (x === null || y === null) return x === null ? 1 : -1
  return sign * (typeof x === typeof y ? (x < y ? -1 : 1) : rankOf(x) - rankOf(y))
}

/** The sort value of a record for one key; non-scalars count as missing. */
export function sortValue(value: unknown): Scalar | null {
  return isScalar(value) ? value : null
}

export function comparatorOf(found: readonly Row[], sort: readonly SortKey[]): Compare {
  // Each sort value is read once, not once per comparison; non-scalars count as missing.
  const keys = sort.map(({ field, direction }) => {
    const read = readerOf(field)
    const values = found.map((record) => sortValue(read(record)))
    return { values, sign: direction === 'asc' ? 1 : -1 }
  })
  return (a, b) => {
    for (const { values, sign } of keys) {
      const order = compareValues(values[a] ?? null, values[b] ?? null, sign)
      if (order !== 0) return order
    }
    return a - b
  }
}

/** Booleans, then numbers, then strings, for the rare field whose stored values mix types. */
function rankOf(value: Scalar): number {
  return typeof value === 'boolean' ? 0 : typeof value === 'number' ? 1 : 2
}
