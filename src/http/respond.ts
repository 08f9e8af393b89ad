import type { Context } from 'hono'
import type { HttpError } from '../errors/http-error.js'
import type { AppEnv } from './app-env.js'
import { createProblem, PROBLEM_CONTENT_TYPE } from './problem.js'

/**
 * Headers that earlier stages of the pipeline (CORS, the rate limiter) want on whatever response
 * the request ends with. Kept as a plain object and written by `respond`: Hono's `c.header()` builds
 * a `Headers` object per response, which costs more than the rest of a simple request.
 */
export function addHeaders(c: Context<AppEnv>, headers: Readonly<Record<string, string>>): void {
  const pending = c.get('headers')
  // The request's own object, made on first use, so later additions need no copy.
  if (pending === undefined) c.set('headers', { ...headers })
  else Object.assign(pending, headers)
}

/** A JSON response (or an empty one for `null`) carrying the pending headers and `headers`. */
export function respond(
  c: Context<AppEnv>,
  body: unknown,
  status: number,
  headers: Readonly<Record<string, string>> = {},
): Response {
  const pending = c.get('headers')
  if (body === null) return new Response(null, { status, headers: { ...pending, ...headers } })
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...pending, ...headers },
  })
}

/** The one problem+json answer for an `HttpError`, with its headers and the pending ones. */
export function respondProblem(c: Context<AppEnv>, error: HttpError): Response {
  const problem = createProblem(error.status, error.code, error.message, c.req.path, error.errors)
  const headers = { ...error.headers, 'content-type': PROBLEM_CONTENT_TYPE }
  return respond(c, problem, error.status, headers)
}
