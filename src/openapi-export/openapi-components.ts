import type { AuthOptions, TokenSpec } from '../auth/token-spec.js'
import type { JsonSchema } from '../resources/field-schema.js'
import { DEFAULT_PER_PAGE, MAX_PER_PAGE } from '../routes/parse-list-query.js'

const header = (description: string, schema: JsonSchema = { type: 'string' }) => ({
  description,
  schema,
})
const integer = { type: 'integer', minimum: 0 }

/** Every response header the mock sends, once. */
export const HEADERS: Record<string, JsonSchema> = {
  Location: header('The URL of the created record.', { type: 'string', format: 'uri' }),
  Link: header('RFC 8288 links to the first, previous, next and last pages.'),
  'X-Total-Count': header('How many records match the filters, over all pages.', integer),
  ETag: header(
    'The strong validator of a record (weak, `W/`, for a list); send it back in `If-Match` or `If-None-Match`.',
  ),
  'Last-Modified': header("The record's `updatedAt`, as an HTTP date."),
  'Idempotent-Replayed': header(
    '`true` when this is the replayed first answer to the `Idempotency-Key`.',
    { type: 'string', enum: ['true'] },
  ),
  'RateLimit-Policy': header('IETF draft: the limit and its window, e.g. `"default";q=600;w=60`.'),
  RateLimit: header(
    'IETF draft: remaining requests and seconds to the reset, e.g. `"default";r=599;t=60`.',
  ),
  'X-RateLimit-Limit': header('Requests allowed per window.', integer),
  'X-RateLimit-Remaining': header('Requests left in this window.', integer),
  'X-RateLimit-Reset': header('When the window ends, in Unix seconds.', integer),
  'Retry-After': header('Seconds to wait before retrying (60 or more by default).', integer),
  Allow: header('The methods served on this path.'),
  'WWW-Authenticate': header('The authentication challenge (RFC 6750).'),
}

/** The rate-limit headers every answer carries when the limit is on. */
export function rateLimitHeaderRefs(on: boolean): Record<string, { $ref: string }> {
  if (!on) return {}
  const names = [
    'RateLimit-Policy',
    'RateLimit',
    'X-RateLimit-Limit',
    'X-RateLimit-Remaining',
    'X-RateLimit-Reset',
  ]
  return Object.fromEntries(names.map((name) => [name, headerRef(name)]))
}

export function headerRef(name: string): { $ref: string } {
  return { $ref: `#/components/headers/${name}` }
}

const query = (name: string, description: string, schema: JsonSchema) => ({
  name,
  in: 'query',
  description,
  schema,
})
const requestHeader = (name: string, description: string) => ({
  name,
  in: 'header',
  description,
  schema: { type: 'string' },
})

/** The parameters operations share. */
export const PARAMETERS: Record<string, JsonSchema> = {
  page: query('page', 'The page, from 1.', { type: 'integer', minimum: 1, default: 1 }),
  per_page: query('per_page', `Records per page, at most ${MAX_PER_PAGE}.`, {
    type: 'integer',
    minimum: 1,
    maximum: MAX_PER_PAGE,
    default: DEFAULT_PER_PAGE,
  }),
  sort: query('sort', 'Fields to sort by, comma-separated; `-` before a field sorts descending.', {
    type: 'string',
    examples: ['-createdAt,name'],
  }),
  q: query('q', 'Full-text search over the string fields, case-insensitive.', { type: 'string' }),
  id: {
    name: 'id',
    in: 'path',
    required: true,
    description: 'The record id.',
    schema: { type: 'string' },
  },
  'If-None-Match': requestHeader(
    'If-None-Match',
    'An ETag already held: 304 with no body while it still matches.',
  ),
  'If-Modified-Since': requestHeader(
    'If-Modified-Since',
    'An HTTP date: 304 when the record has not changed since.',
  ),
  'If-Match': requestHeader(
    'If-Match',
    'The ETag the change is based on: 412 when the record has changed since.',
  ),
  'If-Unmodified-Since': requestHeader(
    'If-Unmodified-Since',
    'An HTTP date: 412 when the record changed after it.',
  ),
  'Idempotency-Key': requestHeader(
    'Idempotency-Key',
    'A unique key per operation: a repeat with the same key and body gets the first answer replayed, for 24 hours.',
  ),
  Prefer: requestHeader(
    'Prefer',
    '`code=429` forces that status and `delay=500` adds that many ms, for manual tests; other preferences are ignored.',
  ),
}

export function parameterRef(name: string): { $ref: string } {
  return { $ref: `#/components/parameters/${name}` }
}

/** The security scheme for the configured tokens, with what each default token means. */
export function securityScheme(auth: AuthOptions): JsonSchema {
  const description = `API tokens: ${auth.tokens.map(describeToken).join('; ')}.`
  if (auth.header === 'authorization' && auth.scheme?.toLowerCase() === 'bearer') {
    return { type: 'http', scheme: 'bearer', description }
  }
  return { type: 'apiKey', in: 'header', name: auth.header, description }
}

function describeToken(token: TokenSpec): string {
  if (token.revoked) return `\`${token.token}\` is revoked (403 token_revoked)`
  const access = Object.entries(token.access)
    .map(([resource, level]) => `${level} ${resource === '*' ? 'every resource' : resource}`)
    .join(', ')
  return `\`${token.token}\` (workspace ${token.workspace}): ${access}`
}
