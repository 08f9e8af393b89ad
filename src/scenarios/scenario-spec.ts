import type { FileIssue } from '../errors/file-error.js'
/**
 * The scenario file format, as validated types. A scenario is a named list of rules; each rule
 * says which requests it matches, when it fires, and what it answers instead of (or before) the
 * natural answer. YAML → `unknown` → these types, by `parseScenario`.
 */

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const
export type HttpMethod = (typeof HTTP_METHODS)[number]

/** Network-level faults: the closed set a rule can inject. */
export const FAULTS = ['reset', 'hang', 'empty', 'malformed', 'drip'] as const
export type Fault = (typeof FAULTS)[number]

/** Who a rule's counters count for. */
export const COUNTER_SCOPES = ['global', 'token', 'ip', 'route'] as const
export type CounterScope = (typeof COUNTER_SCOPES)[number]

/** `'pass'` in a sequence lets the request through to its natural answer. */
export type SequenceStep = number | 'pass'

export interface MatchSpec {
  /** One method or several; absent = any. */
  readonly methods?: readonly HttpMethod[]
  /** Path pattern: literal segments, `:param` (one segment), `*` (one segment), `**` (any rest). */
  readonly path?: string
  /** Header name (lower-case) → exact value, or `true` for "present", `false` for "absent". */
  readonly headers?: Readonly<Record<string, string | boolean>>
  /** The token sent (as in the auth header), exact. */
  readonly token?: string
  /** Query parameter → exact value, or `true`/`false` for present/absent. */
  readonly query?: Readonly<Record<string, string | boolean>>
}

/** A time window, in ms after the scenario was activated. */
export interface WindowSpec {
  readonly fromMs?: number
  readonly untilMs?: number
}

export interface WhenSpec {
  /** Fire for the first N matches. */
  readonly times?: number
  /** Fire for every match after the first N. */
  readonly after?: number
  /** Fire on every Nth match (N, 2N, …). */
  readonly every?: number
  /** Fire with this probability (0..1), from the generator seeded by `--seed`. */
  readonly probability?: number
  /** Step through these answers, one per match; after the last, pass. */
  readonly sequence?: readonly SequenceStep[]
  readonly window?: WindowSpec
  /** Whose matches the counters count. Default `global`. */
  readonly per?: CounterScope
  /** Counters start again this often (ms). */
  readonly resetEveryMs?: number
}

/** A delay: fixed, uniform between `min` and `max`, or normal around `mean`. */
export type DelaySpec =
  | { readonly kind: 'fixed'; readonly ms: number }
  | { readonly kind: 'uniform'; readonly minMs: number; readonly maxMs: number }
  | { readonly kind: 'normal'; readonly meanMs: number; readonly stddevMs: number }

export interface RespondSpec {
  /** Any 4xx or 5xx; the contract's body and headers unless `body`/`headers` override them. */
  readonly status?: number
  readonly body?: unknown
  readonly headers?: Readonly<Record<string, string>>
  readonly delay?: DelaySpec
  readonly fault?: Fault
}

export interface RuleSpec {
  readonly match: MatchSpec
  readonly when?: WhenSpec
  readonly respond: RespondSpec
}

export interface ScenarioSettings {
  /** The real limiter, with this policy, while the scenario is active (e.g. `10/60s`). */
  readonly rateLimit?: string
  readonly maintenance?: boolean
}

export interface Scenario {
  readonly name: string
  readonly description: string
  readonly settings?: ScenarioSettings
  readonly rules: readonly RuleSpec[]
  /** Where it came from: a file path, `builtin:<name>`, or `inline`. */
  readonly source: string
  /** What loaded but deserves a word: a `name:` that differs from the file name. */
  readonly warnings?: readonly FileIssue[]
}

export function isFault(value: unknown): value is Fault {
  return FAULTS.includes(value as Fault)
}

export function isHttpMethod(value: unknown): value is HttpMethod {
  return HTTP_METHODS.includes(value as HttpMethod)
}
