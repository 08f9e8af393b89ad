import type { Context } from 'hono'
import type { HttpError } from '../errors/http-error.js'
import type { AppEnv } from './app-env.js'
import { createProblem, PROBLEM_CONTENT_TYPE } from './problem.js'

declare module './app-env.js' {
  interface AppVariables {
    /** The `code` of the problem the request was answered with, if it was one. */
    problemCode: string | undefined
  }
}

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
  headers?: Readonly<Record<string, string>>,
): Response {
  // The pending object is this request's own: it becomes the response's headers, uncopied.
  const pending = c.get('headers')
  const all =
    headers === undefined
      ? (pending ?? {})
      : pending === undefined
        ? { ...headers }
        : mergeHeaders(pending, headers)
  if (body === null) return new Response(null, { status, headers: all })
  // Pending headers never set a Content-Type: only `headers` may.
  if (headers === undefined || !hasHeader(headers, 'content-type')) {
    all['content-type'] ??= 'application/json'
  }
  return new Response(JSON.stringify(body), { status, headers: all })
}

/**
 * Adds `source` to `target`; a name already there in another case (`retry-after` over
 * `Retry-After`) replaces it rather than making a second header.
 */
export function mergeHeaders(
  target: Record<string, string>,
  source: Readonly<Record<string, string>>,
): Record<string, string> {
  // for…in and a length check first: this runs on every answer that adds headers.
  for (const name in source) {
    if (!(name in target)) {
      const lower = name.toLowerCase()
      for (const key in target) {
        if (key.length === name.length && key.toLowerCase() === lower) delete target[key]
      }
    }
    target[name] = source[name] as string
  }
  return target
}

function hasHeader(headers: Readonly<Record<string, string>>, lowerName: string): boolean {
  for (const key in headers) {
    if (key.length === lowerName.length && key.toLowerCase() === lowerName) return true
  }
  return false
}

/** The one problem+json answer for an `HttpError`, with its headers and the pending ones. */
export function respondProblem(c: Context<AppEnv>, error: HttpError): Response {
  const problem = createProblem(error.status, error.code, error.message, c.req.path, error.errors)
  c.set('problemCode', error.code)
  // An error's own Content-Type (a scenario rule's) wins over the problem type.
  const headers = mergeHeaders({ 'content-type': PROBLEM_CONTENT_TYPE }, error.headers)
  return respond(c, problem, error.status, headers)
}
