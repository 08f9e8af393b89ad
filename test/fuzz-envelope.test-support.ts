import { getPath } from 'hono/utils/url'
import { expect } from 'vitest'

/** A response read whole, with what the caller knows of how it came about. */
export interface Answer {
  readonly request: Request
  readonly status: number
  readonly headers: Headers
  readonly text: string
  /** Who injected it: `Prefer: code=`, or a scenario rule (the journal names it); else natural. */
  readonly injected: 'prefer' | 'rule' | undefined
  /** Maintenance was switched on (through the admin API) before this request. */
  readonly maintenance: boolean
}

/** Each natural failure status, with the codes CONTRIBUTING's error table gives it. */
const NATURAL_CODES: Readonly<Record<number, readonly string[]>> = {
  400: [
    'invalid_json',
    'too_deep',
    'unsupported_content_type',
    'invalid_query',
    'validation_failed',
    'invalid_session',
    'invalid_scenario',
  ],
  401: ['token_missing', 'token_not_in_header', 'admin_token_missing'],
  403: [
    'token_invalid',
    'token_revoked',
    'access_denied',
    'admin_token_invalid',
    'admin_locked',
    'cross_site_request',
    'host_not_allowed',
  ],
  404: ['not_found'],
  405: ['method_not_allowed'],
  409: ['idempotency_in_progress'],
  412: ['precondition_failed'],
  413: ['payload_too_large'],
  422: ['idempotency_key_reused'],
  428: ['precondition_required'],
  429: ['rate_limited'],
  503: ['maintenance', 'overloaded'],
}

/** The reason phrase in `title`; statuses without a common one get a generic phrase. */
const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Content Too Large',
  418: 'Client Error',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
}

/** The code an injected error carries, per status (README: injected errors). */
const INJECTED_CODES: Readonly<Record<number, string>> = {
  400: 'validation_failed',
  401: 'unauthorized',
  403: 'access_denied',
  404: 'not_found',
  418: 'client_error',
  429: 'rate_limited',
  500: 'internal_error',
  502: 'bad_gateway',
  503: 'service_unavailable',
}

const PROBLEM_KEYS = ['code', 'detail', 'errors', 'instance', 'message', 'status', 'title', 'type']

/**
 * The contract for any answer: a 2xx is one of 200/201/204 with JSON (or nothing, for 204); a
 * 5xx only when injected; every error the one problem+json envelope, its `status` the HTTP
 * status, its code one the error table gives that status, with the headers the status needs.
 */
export function checkAnswer(answer: Answer): void {
  const { status, headers } = answer
  const where = `${answer.request.method} ${answer.request.url} → ${status} ${answer.text.slice(0, 300)}`
  if (status < 400) {
    checkSuccess(answer, where)
    return
  }
  if (status >= 500 && answer.injected === undefined) {
    // A HEAD answer has no body to name its code; maintenance being on is what explains it.
    const named = answer.request.method === 'HEAD' || answer.text.includes('"maintenance"')
    const maintenance = status === 503 && answer.maintenance && named
    expect(maintenance, `an uninjected 5xx: ${where}`).toBe(true)
  }
  expect(headers.get('content-type'), where).toBe('application/problem+json')
  if (status === 401) expect(headers.get('www-authenticate'), where).toMatch(/^Bearer realm=/)
  if (status === 405) expect(headers.get('allow'), where).toMatch(/^[A-Z]+(, [A-Z]+)*$/)
  if (status === 429 || status === 503) {
    expect(Number(headers.get('retry-after')), where).toBeGreaterThanOrEqual(60)
  }
  if (answer.request.method === 'HEAD') {
    expect(answer.text, where).toBe('')
    return
  }
  const problem = JSON.parse(answer.text) as Record<string, unknown>
  expect(
    Object.keys(problem).every((key) => PROBLEM_KEYS.includes(key)),
    where,
  ).toBe(true)
  const code = problem.code as string
  expect(problem, where).toMatchObject({
    type: `urn:mockapi:problem:${code}`,
    title: TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error'),
    status,
  })
  // A valid URI reference naming the routed path: what the router decoded is encoded again.
  const instance = String(problem.instance)
  expect(instance, where).toMatch(URI_REFERENCE)
  expect(decoded(instance), where).toBe(decoded(routedPath(answer.request)))
  expect(typeof problem.detail === 'string' && problem.detail.length > 0, where).toBe(true)
  // `message` repeats `detail`, for clients that read that member.
  expect(problem.message, where).toBe(problem.detail)
  if (answer.injected === undefined) {
    expect(NATURAL_CODES[status] ?? [], where).toContain(code)
  } else {
    expect(code, where).toBe(INJECTED_CODES[status])
    expect(problem.detail, where).toContain('(Injected by ')
  }
  checkFieldErrors(problem, status, where)
}

function checkSuccess(answer: Answer, where: string): void {
  const { status, headers, text } = answer
  expect([200, 201, 204], where).toContain(status)
  if (status === 204 || answer.request.method === 'HEAD') {
    expect(text, where).toBe('')
    if (status === 204) expect(headers.get('content-type'), where).toBeNull()
    return
  }
  expect(headers.get('content-type'), where).toBe('application/json')
  JSON.parse(text)
  if (status === 201) expect(headers.get('location'), where).toMatch(/^http:\/\/mock\/\w+\/\d+$/)
}

/** `errors` appears on a 400 only — always for validation_failed — each naming a field. */
function checkFieldErrors(problem: Record<string, unknown>, status: number, where: string): void {
  if (problem.code === 'validation_failed') expect(problem.errors, where).toBeDefined()
  if (problem.errors === undefined) return
  expect(status, where).toBe(400)
  const errors = problem.errors as unknown[]
  expect(Array.isArray(errors) && errors.length > 0, where).toBe(true)
  for (const error of errors) {
    expect(error, where).toEqual({ field: expect.any(String), message: expect.any(String) })
  }
}

/** The path as the router reads it (decoded); not strict, so `/users/` is `/users`. */
const URI_REFERENCE = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/

function decoded(path: string): string {
  try {
    return decodeURIComponent(path.replace(/%(?![0-9A-Fa-f]{2})/g, '%25'))
  } catch {
    return path
  }
}

function routedPath(request: Request): string {
  const path = getPath(request)
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path
}

/** Names `Object.prototype` has now; compared after a run, so any pollution shows. */
export function prototypeNames(): string[] {
  return Object.getOwnPropertyNames(Object.prototype).sort()
}
