import type { JournalEntry, JournalFilter } from './journal/create-journal.js'
import { FIND_REQUESTS_NOW } from './journal/create-journal.js'

type FindNow = (filter: JournalFilter) => JournalEntry[]

interface MatcherResult {
  readonly pass: boolean
  readonly message: () => string
  readonly actual?: unknown
  readonly expected?: unknown
}

/**
 * `toHaveReceived(filter)` and `toHaveReceivedTimes(filter, n)` for `expect(mockapi)`: whether the
 * instance's journal holds requests matching `filter` (method, path, status, query, header, body),
 * with the requests that did arrive, one a line, when it does not.
 *
 * @example
 * expect.extend(mockApiMatchers)
 * expect(mockapi).toHaveReceived({ method: 'POST', path: '/tasks', body: { status: 'todo' } })
 * expect(mockapi).toHaveReceivedTimes({ path: '/tasks', status: 503 }, 2)
 */
export const mockApiMatchers = {
  toHaveReceived(actual: unknown, filter: JournalFilter = {}): MatcherResult {
    const { found, all } = lookUp(actual, filter)
    return {
      pass: found.length > 0,
      message: () =>
        found.length > 0
          ? `expected mockapi not to have received a request matching ${show(filter)}, but ${found.length} did:\n${list(found)}`
          : `expected mockapi to have received a request matching ${show(filter)}, but none of the ${all.length} it received did:\n${list(all)}`,
      actual: all.map(summary),
      expected: filter,
    }
  },
  toHaveReceivedTimes(actual: unknown, filter: JournalFilter, times: number): MatcherResult {
    const { found, all } = lookUp(actual, filter)
    return {
      pass: found.length === times,
      message: () =>
        `expected mockapi to have received ${times} request(s) matching ${show(filter)}, but it received ${found.length}:\n${list(found)}\nEvery request it received:\n${list(all)}`,
      actual: found.length,
      expected: times,
    }
  },
}

function lookUp(actual: unknown, filter: JournalFilter) {
  const findNow =
    typeof actual === 'object' && actual !== null
      ? (actual as { [FIND_REQUESTS_NOW]?: FindNow })[FIND_REQUESTS_NOW]
      : undefined
  if (findNow === undefined) {
    throw new TypeError(
      'toHaveReceived expects a mock API (the mockapi fixture, or what startMockApi or createMockApi returned).',
    )
  }
  return { found: findNow(filter), all: findNow({}) }
}

function show(filter: JournalFilter): string {
  return JSON.stringify(filter)
}

/** `POST /tasks?x=1 201 {"title":"…"}`: what a reader needs to see why a filter missed. */
function summary(entry: JournalEntry): string {
  const params = new URLSearchParams()
  for (const [name, values] of Object.entries(entry.query)) {
    for (const value of values) params.append(name, value)
  }
  const query = params.size === 0 ? '' : `?${params}`
  const body = entry.body === null ? '' : ` ${entry.body.slice(0, 200)}`
  return `${entry.method} ${entry.path}${query} ${entry.status}${body}`
}

function list(entries: readonly JournalEntry[]): string {
  if (entries.length === 0) return '  (none)'
  return entries.map((entry, i) => `  ${i + 1}. ${summary(entry)}`).join('\n')
}
