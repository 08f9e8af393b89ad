import type { FieldError } from '../errors/http-error.js'

/** The one error body every failure carries: RFC 9457 problem details plus a stable `code`. */
export interface Problem {
  readonly type: string
  readonly title: string
  readonly status: number
  readonly detail: string
  readonly code: string
  readonly instance: string
  readonly errors?: readonly FieldError[]
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json'

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  417: 'Expectation Failed',
  422: 'Unprocessable Content',
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
    code,
    instance,
  }
  return errors && errors.length > 0 ? { ...problem, errors } : problem
}
