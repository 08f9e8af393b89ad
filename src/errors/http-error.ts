/** One invalid field in a 400 answer. */
export interface FieldError {
  readonly field: string
  readonly message: string
}

export interface HttpErrorInit {
  readonly code: string
  readonly detail: string
  readonly errors?: readonly FieldError[]
  readonly headers?: Readonly<Record<string, string>>
}

/**
 * An error that becomes an HTTP response. Thrown anywhere in the pipeline, it is turned into the one
 * problem+json envelope by the app's `onError` — never built elsewhere.
 */
export class HttpError extends Error {
  override readonly name = 'HttpError'
  readonly status: number
  readonly code: string
  readonly errors: readonly FieldError[] | undefined
  readonly headers: Readonly<Record<string, string>>

  constructor(status: number, init: HttpErrorInit) {
    super(init.detail)
    this.status = status
    this.code = init.code
    this.errors = init.errors
    this.headers = init.headers ?? {}
  }
}

export function isHttpError(error: unknown): error is HttpError {
  return error instanceof HttpError
}
