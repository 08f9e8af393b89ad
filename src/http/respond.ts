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
 * the request ends with. Kept as a list of the stages' own records and merged once, by `respond`:
 * Hono's `c.header()` builds a `Headers` object per response, and adding names one by one to an
 * object costs more than the rest of a simple request.
 */
export function addHeaders(c: Context<AppEnv>, headers: Readonly<Record<string, string>>): void {
  const pending = c.get('headers')
  if (pending === undefined) c.set('headers', [headers])
  else pending.push(headers)
}

/** The pending headers as one new object of the request's own. */
export function pendingHeaders(c: Context<AppEnv>): Record<string, string> {
  const pending = c.get('headers')
  if (pending === undefined) return {}
  return pending.length === 1 ? { ...pending[0] } : Object.assign({}, ...pending)
}

/** A JSON response (or an empty one for `null`) carrying the pending headers and `headers`. */
export function respond(
  c: Context<AppEnv>,
  body: unknown,
  status: number,
  headers?: Readonly<Record<string, string>>,
): Response {
  return respondJson(c, body === null ? null : JSON.stringify(body), status, headers)
}

/** `respond` for a body already serialized (`json`): the same headers, the text as it is. */
export function respondJson(
  c: Context<AppEnv>,
  json: string | null,
  status: number,
  headers?: Readonly<Record<string, string>>,
): Response {
  if (json === null) {
    // An empty answer that may carry a body says it has none, rather than an empty chunked one.
    const empty = status === 204 || status === 304 ? headers : { ...headers, 'Content-Length': '0' }
    return new Response(null, { status, headers: withPending(c, empty) })
  }
  const pending = c.get('headers')
  // The common answer: stable parts only (CORS's, a record's validators), whose union is made once.
  if (headers !== undefined && Object.isFrozen(headers) && (pending?.length ?? 1) === 1) {
    const part = pending?.[0] ?? NONE
    if (Object.isFrozen(part)) {
      return new Response(json, { status, headers: unionOf(part, headers) })
    }
  }
  const all = withPending(c, headers)
  // Pending headers never set a Content-Type: only `headers` may.
  if (headers === undefined || !hasHeader(headers, 'content-type')) {
    all['content-type'] ??= 'application/json'
  }
  return new Response(json, { status, headers: all })
}

const NONE: Readonly<Record<string, string>> = Object.freeze({})
const unions = new WeakMap<object, WeakMap<object, Record<string, string>>>()

/**
 * Marks a header record that never changes and is sent again and again — the CORS headers, a
 * record's validators — so that a JSON answer made of such records reuses their union instead of
 * merging them per request. Such a record is frozen; the union must never be changed either.
 */
export function stableHeaders<T extends Readonly<Record<string, string>>>(headers: T): T {
  return Object.freeze(headers)
}

function unionOf(
  part: Readonly<Record<string, string>>,
  headers: Readonly<Record<string, string>>,
): Record<string, string> {
  let byPart = unions.get(headers)
  if (byPart === undefined) {
    byPart = new WeakMap()
    unions.set(headers, byPart)
  }
  let union = byPart.get(part)
  if (union === undefined) {
    union = mergeHeaders({ ...part }, headers)
    if (!hasHeader(headers, 'content-type')) union['content-type'] = 'application/json'
    byPart.set(part, union)
  }
  return union
}

/**
 * The pending headers and `headers` in one new object, built by spreading: the stages' names are
 * spelled one way, so only `headers` with a name the mock does not write itself (a scenario's)
 * needs the case-insensitive merge.
 */
function withPending(
  c: Context<AppEnv>,
  headers: Readonly<Record<string, string>> | undefined,
): Record<string, string> {
  const pending = c.get('headers')
  if (pending === undefined) return { ...headers }
  if (headers !== undefined && !isOwnSpelling(headers)) {
    return mergeHeaders(pendingHeaders(c), headers)
  }
  if (pending.length === 1) return { ...pending[0], ...headers }
  if (pending.length === 2) return { ...pending[0], ...pending[1], ...headers }
  return Object.assign({}, ...pending, headers)
}

// The response headers the mock's own code writes, spelled as it writes them.
const OWN_SPELLINGS = new Set([
  'content-type',
  'ETag',
  'Last-Modified',
  'Cache-Control',
  'Location',
  'Link',
  'X-Total-Count',
  'Allow',
])

function isOwnSpelling(headers: Readonly<Record<string, string>>): boolean {
  for (const name in headers) if (!OWN_SPELLINGS.has(name)) return false
  return true
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
