import type { AuthOptions } from './token-spec.js'

/** Names under which clients commonly misplace a token, in the query string or a JSON body. */
export const MISPLACED_TOKEN_NAMES = [
  'token',
  'api_token',
  'apiToken',
  'access_token',
  'accessToken',
  'api_key',
  'apiKey',
] as const

/** Where the request carried its token, or why there is none to use. */
export type TokenSearch =
  | { readonly kind: 'found'; readonly token: string }
  | { readonly kind: 'missing'; readonly reason: string }
  | { readonly kind: 'misplaced'; readonly where: string }

export interface TokenSources {
  readonly header: string | undefined
  /** Read only when the header has no token. */
  readonly query: () => URLSearchParams
  /** The parsed JSON body of a write, when there is one that parses. */
  readonly body: unknown
}

/**
 * Finds the token the way the real API does: only in the configured header. A token in the query
 * string or the JSON body is reported as misplaced — the contract's second kind of 401 — and the
 * message names where it was found.
 */
export function findToken(options: AuthOptions, sources: TokenSources): TokenSearch {
  const value = sources.header?.trim()
  if (value) return fromHeader(options, value)
  const query = sources.query()
  for (const key of MISPLACED_TOKEN_NAMES) {
    if (query.has(key)) return { kind: 'misplaced', where: `the query string (${key})` }
  }
  const body = sources.body
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    for (const key of MISPLACED_TOKEN_NAMES) {
      if (Object.hasOwn(body, key)) return { kind: 'misplaced', where: `the JSON body (${key})` }
    }
  }
  return { kind: 'missing', reason: `The request has no ${headerName(options)} header.` }
}

// The last header read and what it held: a client sends the same header on every request, and
// the limiter, the scenarios and the token check each read it.
let last: { options: AuthOptions; value: string; search: TokenSearch } | undefined

function fromHeader(options: AuthOptions, value: string): TokenSearch {
  if (last !== undefined && last.value === value && last.options === options) return last.search
  const search = parseHeader(options, value)
  last = { options, value, search }
  return search
}

function parseHeader(options: AuthOptions, value: string): TokenSearch {
  if (options.scheme === undefined) return { kind: 'found', token: value }
  const match = /^(\S+)(?:\s+(.*))?$/s.exec(value)
  const scheme = match?.[1] ?? ''
  const token = match?.[2]?.trim() ?? ''
  // Schemes are case-insensitive (RFC 9110), so `bearer x` is as good as `Bearer x`.
  if (scheme.toLowerCase() === options.scheme.toLowerCase() && token !== '') {
    return { kind: 'found', token }
  }
  const name = headerName(options)
  const reason =
    scheme.toLowerCase() === options.scheme.toLowerCase()
      ? `The ${name} header says ${options.scheme} but has no token after it.`
      : `The ${name} header must be "${options.scheme} <token>"; it has no ${options.scheme} token.`
  return { kind: 'missing', reason }
}

/** The token in the header, if it holds one in the configured form. */
export function tokenInHeader(
  options: AuthOptions,
  header: string | undefined,
): string | undefined {
  const value = header?.trim()
  if (!value) return undefined
  const search = fromHeader(options, value)
  return search.kind === 'found' ? search.token : undefined
}

/** The header's name as people write it: `Authorization`, `X-Api-Token`. */
export function headerName(options: AuthOptions): string {
  return options.header.replace(
    /(^|-)([a-z])/g,
    (_, dash: string, letter: string) => dash + letter.toUpperCase(),
  )
}
