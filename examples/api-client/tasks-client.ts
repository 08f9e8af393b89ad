/**
 * A small, real API client for the tasks API, written as a client team would: retries that honour
 * `Retry-After`, exponential backoff, and token problems surfaced as typed errors. Its test suite
 * (tasks-client.test.ts) drives every error path against mockapi.
 */

export interface Task {
  readonly id: number
  readonly title: string
  readonly status: 'todo' | 'in_progress' | 'done'
  readonly projectId: number
}

/** The API's error body (RFC 9457 problem details with a `code`). */
export interface Problem {
  readonly status: number
  readonly code: string
  readonly detail: string
  readonly errors?: readonly { readonly field: string; readonly message: string }[]
}

/** An error answer of the API, with its problem body. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail)
  }
}

/** 401: the token is missing or not accepted where it was sent; sign in again. */
export class AuthenticationError extends ApiError {
  override readonly name = 'AuthenticationError'
}

/** 403: the token is known but may not do this (or was revoked). */
export class PermissionError extends ApiError {
  override readonly name = 'PermissionError'
}

/** 404: no such record (or not visible to this token). */
export class NotFoundError extends ApiError {
  override readonly name = 'NotFoundError'
}

/** 400: the input was refused; `fields` says why, field by field. */
export class ValidationError extends ApiError {
  override readonly name = 'ValidationError'
  readonly fields: Readonly<Record<string, string>>
  constructor(problem: Problem) {
    super(problem)
    this.fields = Object.fromEntries((problem.errors ?? []).map((e) => [e.field, e.message]))
  }
}

/** 429 or 503 still there after every retry. */
export class UnavailableError extends ApiError {
  override readonly name = 'UnavailableError'
  constructor(
    problem: Problem,
    readonly attempts: number,
  ) {
    super(problem)
    this.message = `${problem.detail} (gave up after ${attempts} attempts)`
  }
}

export interface ClientOptions {
  readonly baseUrl: string
  readonly token: string
  /** Attempts for a request answered 429 or 503, or failing on the network. Default 4. */
  readonly attempts?: number
  /** How the client waits; tests pass one that moves the mock's clock instead. */
  readonly sleep?: (ms: number) => Promise<void>
}

const RETRYABLE = new Set([429, 503])

export function createTasksClient(options: ClientOptions) {
  const attempts = options.attempts ?? 4
  const sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)))

  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      let res: Response
      try {
        res = await fetch(`${options.baseUrl}${path}`, {
          method,
          headers: {
            Authorization: `Bearer ${options.token}`,
            ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        })
      } catch (error) {
        // A reset or closed connection: only reads are safe to send again.
        if (method !== 'GET' || attempt >= attempts) throw error
        await sleep(backoff(attempt))
        continue
      }
      if (res.ok) return (res.status === 204 ? undefined : await res.json()) as T
      const problem = (await res.json()) as Problem
      if (RETRYABLE.has(res.status)) {
        if (attempt >= attempts) throw new UnavailableError(problem, attempt)
        await sleep(retryAfter(res) ?? backoff(attempt))
        continue
      }
      throw errorFor(problem)
    }
  }

  return {
    listTasks: () => request<Task[]>('GET', '/tasks'),
    getTask: (id: number) => request<Task>('GET', `/tasks/${id}`),
    createTask: (task: Omit<Task, 'id'>) => request<Task>('POST', '/tasks', task),
    deleteTask: (id: number) => request<void>('DELETE', `/tasks/${id}`),
  }
}

/** `Retry-After` in ms: seconds, or an HTTP date. */
function retryAfter(res: Response): number | undefined {
  const value = res.headers.get('retry-after')
  if (value === null) return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return seconds * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now())
}

/** 250 ms, 500 ms, 1 s, … */
function backoff(attempt: number): number {
  return 250 * 2 ** (attempt - 1)
}

function errorFor(problem: Problem): Error {
  switch (problem.status) {
    case 400:
      return new ValidationError(problem)
    case 401:
      return new AuthenticationError(problem)
    case 403:
      return new PermissionError(problem)
    case 404:
      return new NotFoundError(problem)
    default:
      return new ApiError(problem)
  }
}
