import type { FieldError } from '../errors/http-error.js'

/** The one error body every failure carries: RFC 9457 problem details plus a stable `code`. */
export interface Problem {
  readonly type: string
  readonly title: string
  readonly status: number
  readonly detail: string
  /** The same text as `detail`, for clients (Octokit among them) that read `message`. */
  readonly message: string
  readonly code: string
  readonly instance: string
  readonly errors?: readonly FieldError[]
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json'

const TITLES: Readonly<Record<number, string>> = {
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  417: 'Expectation Failed',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
}

/** The reason phrase for a status, or a generic one for statuses without a common phrase. */
export function statusTitle(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error')
}

/** Builds the problem body. `type` is a URN naming the code, so clients can match either. */
export function createProblem(
  status: number,
  code: string,
  detail: string,
  instance: string,
  errors?: readonly FieldError[],
): Problem {
  const problem = {
    type: `urn:mockapi:problem:${code}`,
    title: statusTitle(status),
    status,
    detail,
    message: detail,
    code,
    instance: uriReference(instance),
  }
  return errors && errors.length > 0 ? { ...problem, errors } : problem
}

/**
 * `instance` as a valid URI reference: what the router decoded (`/users/a b`, `/users/✓`) is
 * percent-encoded again; escapes it kept (`%25`, `%2F`, `%3F`) stay as they are.
 */
export function uriReference(path: string): string {
  if (/^[A-Za-z0-9\-._~:/@!$&'()*+,;=]*$/.test(path)) return path
  return path
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(/%[0-9A-Fa-f]{2}|[^A-Za-z0-9\-._~:/@!$&'()*+,;=%]+|%/g, (part) =>
      part.length === 3 && part.startsWith('%') ? part : encodeURIComponent(part),
    )
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
