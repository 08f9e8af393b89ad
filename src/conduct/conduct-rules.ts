/**
 * The conduct rules, by their stable ids: what the mock judges in a client's handling of errors.
 * Switch one off with `conduct: { ignore: [...] }` or `--conduct-ignore`.
 *
 * @example
 * CONDUCT_RULES.includes('retry-storm') // true
 */
export const CONDUCT_RULES = [
  'retry-before-retry-after',
  'retry-without-backoff',
  'retry-storm',
  'retried-unretryable',
  'duplicate-write',
  'revoked-token-reused',
  'token-in-url',
  'no-client-timeout',
] as const

export type ConductRule = (typeof CONDUCT_RULES)[number]

export function isConductRule(value: unknown): value is ConductRule {
  return CONDUCT_RULES.includes(value as ConductRule)
}

/** One thing a client did wrong with an error it met. */
export interface Finding {
  readonly rule: ConductRule
  /** The token it sent (public default tokens as they are, others as `token#…`), else its address. */
  readonly client: string
  /** The `X-Mockapi-Session` it belonged to; `null` for the default instance. */
  readonly session: string | null
  /** What happened, why it matters and what a good client does instead. */
  readonly message: string
  /** The journal ids of the requests involved, oldest first (at most 20). */
  readonly requests: readonly number[]
  /** When the first offending request arrived, by the instance's clock (ISO 8601). */
  readonly at: string
}

/** The error paths the coverage grid looks for on every route, beside the statuses met. */
export const ERROR_PATHS = [
  '400',
  '401',
  '403',
  '404',
  '429',
  '503',
  'reset',
  'empty',
  'hang',
  'malformed',
  'drip',
  'latency',
] as const

export type ErrorPath = (typeof ERROR_PATHS)[number]

/** How to make each error path happen: a built-in scenario, a `Prefer`, or a rule to write. */
export const HOW_TO_MEET: Readonly<Record<ErrorPath, string>> = {
  '400': 'scenario badrequest, or Prefer: code=400',
  '401': 'scenario unauthorized, or Prefer: code=401',
  '403': 'scenario forbidden, or Prefer: code=403',
  '404': 'scenario notfound, or Prefer: code=404',
  '429': 'scenario ratelimit, or Prefer: code=429',
  '503': 'scenario unavailable (or recovering), or Prefer: code=503',
  reset: 'scenario chaos, or a rule with respond: { fault: reset }',
  empty: 'scenario chaos, or a rule with respond: { fault: empty }',
  hang: 'scenario timeouts, or a rule with respond: { fault: hang }',
  malformed: 'scenario chaos, or a rule with respond: { fault: malformed }',
  drip: 'scenario chaos, or a rule with respond: { fault: drip }',
  latency: 'scenario slow, or Prefer: delay=2000',
}
