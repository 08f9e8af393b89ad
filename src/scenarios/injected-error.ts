import { HttpError } from '../errors/http-error.js'
import { statusTitle } from '../http/problem.js'
import { mergeHeaders } from '../http/respond.js'
import type { RateLimitPolicy } from '../limits/parse-rate-limit.js'
import { rateLimitHeaders } from '../limits/rate-limit-headers.js'

/** Codes of injected errors where the natural one is more telling than the status title. */
const CODES: Readonly<Record<number, string>> = {
  400: 'validation_failed',
  403: 'access_denied',
  429: 'rate_limited',
  500: 'internal_error',
}

export interface InjectedErrorContext {
  /** Who injected it, for the message: `flaky, rule 1` or `Prefer: code=429`. */
  readonly by: string
  /** Fields the 400's `errors` name: the resource's, or `body` when the path is no resource. */
  readonly fields: readonly string[]
  /** The `WWW-Authenticate` scheme of a 401. */
  readonly scheme: string
  /** The limit a 429's rate-limit headers show. */
  readonly rateLimit: RateLimitPolicy
  readonly now: number
  /** The `Retry-After` of a 429 or 503, in seconds (`--retry-after`; the contract's 60 s). */
  readonly retryAfterSeconds: number
  /** The rule's own headers, over the default ones. */
  readonly headers?: Readonly<Record<string, string>> | undefined
}

/**
 * The error a scenario (or `Prefer: code=`) injects: the contract's problem+json shape with a
 * code per status — `validation_failed` with field errors for 400, `unauthorized` with
 * `WWW-Authenticate` for 401, `access_denied` for 403, `not_found` for 404, `rate_limited` with
 * `Retry-After` and the rate-limit headers for 429, `service_unavailable` with `Retry-After` for
 * 503, and the status title in snake case for any other status (`bad_gateway`).
 *
 * @example
 * injectedError(503, { by: 'unavailable, rule 1', fields: [], scheme: 'Bearer', … })
 * // HttpError 503 service_unavailable, headers { 'Retry-After': '60' }
 */
export function injectedError(status: number, context: InjectedErrorContext): HttpError {
  const code = CODES[status] ?? snakeCase(statusTitle(status))
  const detail = `${detailOf(status, context.retryAfterSeconds)} (Injected by ${context.by}.)`
  const headers = mergeHeaders(headersFor(status, context), context.headers ?? {})
  if (status !== 400) return new HttpError(status, { code, detail, headers })
  const errors = context.fields.slice(0, 1).map((field) => ({
    field,
    message: `was rejected by the server (injected by ${context.by})`,
  }))
  return new HttpError(status, { code, detail, headers, errors })
}

const DETAILS: Readonly<Record<number, string>> = {
  400: 'The request has invalid fields.',
  401: 'The request is not authenticated: the API token is missing, expired or revoked.',
  403: 'This API token may not do this.',
  404: 'No such record.',
}

function detailOf(status: number, seconds: number): string {
  if (status === 429) return `Too many requests. Retry in ${seconds} seconds.`
  if (status === 503) return `The API is unavailable. Retry in ${seconds} seconds or later.`
  return DETAILS[status] ?? `${statusTitle(status)}.`
}

function headersFor(status: number, context: InjectedErrorContext): Record<string, string> {
  if (status === 401) return { 'WWW-Authenticate': `${context.scheme} realm="mockapi"` }
  const seconds = context.retryAfterSeconds
  if (status === 403) {
    return { 'WWW-Authenticate': `${context.scheme} realm="mockapi", error="insufficient_scope"` }
  }
  if (status === 503) return { 'Retry-After': String(seconds) }
  if (status !== 429) return {}
  const { rateLimit: policy, now } = context
  const resetMs = seconds * 1000
  return rateLimitHeaders(
    {
      allowed: false,
      limit: policy.limit,
      remaining: 0,
      resetMs,
      retryAfterSeconds: seconds,
      policy,
    },
    now,
  )
}

function snakeCase(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')
}
