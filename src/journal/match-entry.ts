import type { RawJournalEntry } from './journal-entry.js'

/** The filters that look into a request: its query, its headers, its JSON body. */
export interface ContentFilter {
  /** Parameter → value: the parameter must have that value (one of its values, if repeated). */
  readonly query?: Readonly<Record<string, string>>
  /** Header name (any case) → value: the header as sent, credentials included, must equal it. */
  readonly header?: Readonly<Record<string, string>>
  /**
   * A JSON value the body must contain: every member of an object given (recursively), arrays
   * element by element; other values equal.
   */
  readonly body?: unknown
}

/**
 * Whether a recorded request passes the query, header and body filters: read from the request as
 * it came, before credentials were redacted for display.
 *
 * @example
 * matchesContent(raw, { query: { page: '2' }, body: { title: 'Write' } }) // true or false
 */
export function matchesContent(raw: RawJournalEntry, filter: ContentFilter): boolean {
  if (filter.query !== undefined && !matchesQuery(raw.url, filter.query)) return false
  if (filter.header !== undefined && !matchesHeaders(raw.headers, filter.header)) return false
  if (filter.body !== undefined && !containsJson(parseBody(raw.body), filter.body)) return false
  return true
}

function matchesQuery(url: string, wanted: Readonly<Record<string, string>>): boolean {
  const params = new URL(url).searchParams
  return Object.entries(wanted).every(([name, value]) => params.getAll(name).includes(value))
}

function matchesHeaders(
  headers: readonly string[] | Headers,
  wanted: Readonly<Record<string, string>>,
): boolean {
  return Object.entries(wanted).every(([name, value]) => headerValue(headers, name) === value)
}

/** A header's value as a client reads it: repeated ones joined by `, `. */
export function headerValue(
  headers: readonly string[] | Headers,
  name: string,
): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined
  const lower = name.toLowerCase()
  const values: string[] = []
  for (let i = 0; i + 1 < headers.length; i += 2) {
    if ((headers[i] ?? '').toLowerCase() === lower) values.push(headers[i + 1] ?? '')
  }
  return values.length === 0 ? undefined : values.join(', ')
}

const NOT_JSON = Symbol('not JSON')

function parseBody(body: string | null): unknown {
  if (body === null) return NOT_JSON
  try {
    return JSON.parse(body)
  } catch {
    return NOT_JSON
  }
}

/** Whether `actual` contains `expected`: objects by their given members, arrays element-wise. */
export function containsJson(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((item, i) => containsJson(actual[i], item))
    )
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return false
    const record = actual as Record<string, unknown>
    return Object.entries(expected).every(
      ([key, value]) => Object.hasOwn(record, key) && containsJson(record[key], value),
    )
  }
  return Object.is(actual, expected)
}
