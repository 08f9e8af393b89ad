/** What a list request asks of a collection: the types the store queries by, parsed from a query string by the routes. */

/** Suffixes a filter parameter may carry (`priority_gte=3`); no suffix means equality. */
export const FILTER_OPERATORS = ['ne', 'gt', 'gte', 'lt', 'lte', 'like', 'in'] as const
export type FilterOperator = (typeof FILTER_OPERATORS)[number]

export type FilterValue = string | number | boolean | null

/** One field condition. `eq`/`in` match any of `values`; every other operator must hold for all. */
export interface Filter {
  readonly field: string
  readonly op: 'eq' | FilterOperator
  readonly values: readonly FilterValue[]
}

export interface SortKey {
  readonly field: string
  readonly direction: 'asc' | 'desc'
}

/** A validated `GET /<resource>` query string. */
export interface ListQuery {
  readonly page: number
  readonly perPage: number
  readonly filters: readonly Filter[]
  readonly q: string | undefined
  readonly sort: readonly SortKey[]
}

/** Whether `value` is one of {@link FILTER_OPERATORS}, e.g. the `gte` of `priority_gte`. */
export function isFilterOperator(value: unknown): value is FilterOperator {
  return FILTER_OPERATORS.includes(value as FilterOperator)
}
