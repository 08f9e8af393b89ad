import { HttpError } from '../errors/http-error.js'

// The admin routes' input — query parameters and JSON fields — checked, or a 400 naming the field.

/** A whole-number query parameter from `min` to `max`; undefined when absent. */
export function numberOf(value: string | undefined, name: string, min: number, max: number) {
  if (value === undefined) return undefined
  const number = /^\d+$/.test(value) ? Number(value) : Number.NaN
  if (!(number >= min && number <= max)) {
    throw invalid(name, `must be a whole number from ${min} to ${max}`)
  }
  return number
}

/** A field of a JSON object body, checked; a 400 naming it otherwise. */
export function field<T>(
  body: unknown,
  name: string,
  check: (v: unknown) => v is T,
  expected: string,
): T {
  const value =
    typeof body === 'object' && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)[name]
      : undefined
  if (!check(value)) throw invalid(name, `must be ${expected}`)
  return value
}

export function invalid(field: string, message: string): HttpError {
  return new HttpError(400, {
    code: 'validation_failed',
    detail: `The request has an invalid ${field}.`,
    errors: [{ field, message }],
  })
}
