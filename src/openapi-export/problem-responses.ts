import { statusTitle } from '../http/problem.js'
import type { JsonSchema } from '../resources/field-schema.js'

/** Every error status the resource routes answer, with the `code` values each carries. */
export const ERROR_CODES: Readonly<Record<number, readonly string[]>> = {
  400: [
    'validation_failed',
    'invalid_json',
    'unsupported_content_type',
    'too_deep',
    'invalid_query',
    'invalid_session',
    'malformed_request',
  ],
  401: ['token_missing', 'token_not_in_header', 'unauthorized'],
  403: ['token_invalid', 'token_revoked', 'access_denied'],
  404: ['not_found'],
  405: ['method_not_allowed'],
  408: ['request_timeout'],
  409: ['idempotency_in_progress'],
  412: ['precondition_failed'],
  413: ['payload_too_large'],
  422: ['idempotency_key_reused'],
  428: ['precondition_required'],
  429: ['rate_limited'],
  431: ['headers_too_large'],
  500: ['internal_error'],
  503: ['maintenance', 'overloaded', 'service_unavailable'],
}

const WHEN: Readonly<Record<number, string>> = {
  400: 'The body is not JSON or not `application/json`, a field is invalid (each one is named in `errors`), or the query string is invalid.',
  401: 'No API token in the header, or the token was sent in the query or body instead.',
  403: 'The token is unknown or revoked, or has no access of this kind to this resource.',
  404: 'No such record, or the record belongs to another workspace.',
  405: 'The method is not served on this path; `Allow` lists those that are.',
  408: 'The request did not arrive in time.',
  409: 'A request with this `Idempotency-Key` is still in progress.',
  412: '`If-Match` or `If-Unmodified-Since` does not hold: the record changed since it was read. Nothing changed.',
  413: 'The body is larger than the server accepts.',
  422: 'This `Idempotency-Key` was used for another request (another method, path or body).',
  428: 'The server requires `If-Match` on writes (`--require-if-match`).',
  429: 'Over the rate limit: wait `Retry-After` seconds.',
  431: 'The request line and headers are too large.',
  500: 'The mock failed (or a scenario injected this error).',
  503: 'Maintenance or overload: wait `Retry-After` seconds.',
}

/** RFC 9457 problem details, with the mock's stable `code`. */
export const PROBLEM_SCHEMA: JsonSchema = {
  type: 'object',
  description: 'RFC 9457 problem details; `code` is stable and machine-readable.',
  properties: {
    type: { type: 'string', format: 'uri-reference', examples: ['urn:mockapi:problem:not_found'] },
    title: { type: 'string' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string' },
    code: { type: 'string' },
    instance: { type: 'string', format: 'uri-reference' },
    errors: {
      type: 'array',
      description: 'For 400: each invalid field (or query parameter) and why.',
      items: {
        type: 'object',
        properties: { field: { type: 'string' }, message: { type: 'string' } },
        required: ['field', 'message'],
      },
    },
  },
  required: ['type', 'title', 'status', 'detail', 'code', 'instance'],
}

/** The reusable response for one error status: problem+json with its codes and headers. */
export function problemResponse(status: number, headers: Record<string, unknown>): JsonSchema {
  const codes = ERROR_CODES[status] ?? [statusTitle(status).toLowerCase().replace(/\W+/g, '_')]
  return {
    description: `${statusTitle(status)}. ${WHEN[status] ?? ''} Codes: ${codes.join(', ')}.`.trim(),
    headers,
    content: {
      'application/problem+json': {
        schema: {
          allOf: [
            { $ref: '#/components/schemas/Problem' },
            { properties: { status: { const: status }, code: { enum: [...codes] } } },
          ],
        },
      },
    },
  }
}

/** The component name of an error status's response: `Error404`. */
export function errorRef(status: number): { $ref: string } {
  return { $ref: `#/components/responses/Error${status}` }
}
