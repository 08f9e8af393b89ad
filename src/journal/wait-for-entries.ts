// Node's own timers, not the global ones a test may have faked (vi.useFakeTimers): the timeout
// must pass in real time while the test moves the client's clock.
import { clearTimeout, setTimeout } from 'node:timers'
import type { Journal, JournalEntry, JournalFilter } from './create-journal.js'

/** How `waitForRequests` waits: for `count` matching requests (default 1), up to `timeout` ms. */
export interface WaitOptions {
  /** How many matching requests to wait for. Default 1. */
  readonly count?: number
  /** How long to wait, in ms, before rejecting. Default 5000. */
  readonly timeout?: number
}

export const DEFAULT_WAIT_TIMEOUT = 5000
export const MAX_WAIT_TIMEOUT = 600_000

/** What a wait that timed out says: what it waited for, and what did arrive. */
export class WaitTimeoutError extends Error {
  override readonly name = 'WaitTimeoutError'
  /** The matching requests that did arrive. */
  readonly matched: readonly JournalEntry[]

  constructor(message: string, matched: readonly JournalEntry[]) {
    super(message)
    this.matched = matched
  }
}

/**
 * Resolves with the journal's matching entries once `count` of them are there — those already
 * recorded count — or rejects after `timeout` ms with a message naming the filter, how many
 * matched, and the latest requests the journal holds.
 *
 * @example
 * const [refused] = await waitForEntries(journal, { status: 429 }, { timeout: 1000 })
 */
export function waitForEntries(
  journal: Journal,
  filter: JournalFilter,
  options: WaitOptions = {},
): Promise<JournalEntry[]> {
  const count = checkWhole(options.count ?? 1, 'count', 1, 1_000_000)
  const timeout = checkWhole(
    options.timeout ?? DEFAULT_WAIT_TIMEOUT,
    'timeout',
    0,
    MAX_WAIT_TIMEOUT,
  )
  const { limit: _limit, ...counted } = filter
  const matching = () => journal.find(counted)
  const now = matching()
  if (now.length >= count) return Promise.resolve(now)
  return new Promise((resolve, reject) => {
    const stop = journal.subscribe(() => {
      const found = matching()
      if (found.length < count) return
      done()
      resolve(found)
    })
    const timer = setTimeout(() => {
      done()
      reject(timedOut(journal, filter, count, timeout, matching()))
    }, timeout)
    const done = () => {
      stop()
      clearTimeout(timer)
    }
  })
}

function timedOut(
  journal: Journal,
  filter: JournalFilter,
  count: number,
  timeout: number,
  matched: JournalEntry[],
): WaitTimeoutError {
  const latest = journal.find({ limit: 10 })
  const seen =
    latest.length === 0
      ? 'The journal holds no request.'
      : `The latest requests: ${latest.map((e) => `${e.method} ${e.path}${queryOf(e)} ${e.status}`).join('; ')}.`
  return new WaitTimeoutError(
    `Failed to wait for requests: ${matched.length} of ${count} matching ${JSON.stringify(filter)} arrived within ${timeout} ms. ${seen}`,
    matched,
  )
}

function queryOf(entry: JournalEntry): string {
  const params = new URLSearchParams()
  for (const [name, values] of Object.entries(entry.query)) {
    for (const value of values) params.append(name, value)
  }
  const text = params.toString()
  return text === '' ? '' : `?${text}`
}

function checkWhole(value: number, name: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(
      `Failed to wait for requests: ${name} must be an integer from ${min} to ${max}, got ${value}.`,
    )
  }
  return value
}
