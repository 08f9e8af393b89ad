import type { RuleRef } from '../scenarios/compile-rules.js'
import type { Fault } from '../scenarios/scenario-spec.js'

/** One request as the journal keeps it. */
export interface JournalEntry {
  /** Increasing from 1 for the instance's lifetime; a cleared journal does not reuse numbers. */
  readonly id: number
  /** When the request arrived, by the instance's clock (ISO 8601). */
  readonly at: string
  readonly method: string
  /** Without the query string. */
  readonly path: string
  /** Each parameter's values, in order. */
  readonly query: Readonly<Record<string, readonly string[]>>
  /** Lower-case names; credentials and token-like values read `[redacted]`. */
  readonly headers: Readonly<Record<string, string>>
  /** The body as text, cut at 2 KB (`bodyTruncated` says so); `null` when there was none. */
  readonly body: string | null
  readonly bodyTruncated: boolean
  /** The status answered; 0 when a fault left the request without one. */
  readonly status: number
  readonly ms: number
  /** The scenario rule that answered or delayed the request. */
  readonly rule: RuleRef | undefined
  /** True when that rule only delayed the natural answer. */
  readonly delayed: boolean
  readonly fault: Fault | undefined
  /** The `X-Mockapi-Session` the request belonged to; undefined for the default instance. */
  readonly session: string | undefined
}

/** A request as recorded on the hot path: references only, made readable by `find`. */
export interface RawJournalEntry
  extends Pick<
    JournalEntry,
    'method' | 'body' | 'status' | 'ms' | 'rule' | 'delayed' | 'fault' | 'session'
  > {
  /** By the instance's clock, in ms. */
  readonly at: number
  /** The full URL, as the request had it. */
  readonly url: string
  /** Node's raw name/value list on a socket; the Request's headers in-process. */
  readonly headers: readonly string[] | Headers
}
