import type { Context, MiddlewareHandler } from 'hono'
import { HttpError } from '../errors/http-error.js'
import type { AppEnv } from '../http/app-env.js'
import { headerOf } from '../http/header-of.js'
import type { ApiModel } from '../model/api-model.js'
import type { PathMatch } from '../model/match-operation.js'
import { findModelToken } from './find-model-token.js'
import { findToken, headerName } from './find-token.js'
import { type AuthOptions, accessTo, type TokenSpec } from './token-spec.js'

declare module '../http/app-env.js' {
  interface AppVariables {
    /** The request's valid token; absent when authentication is off. */
    token: TokenSpec | undefined
  }
}

const READ_METHODS = new Set(['GET', 'HEAD'])

/**
 * The contract's 401 and 403: no token in the header (or one put in the query or body instead),
 * then an unknown or revoked token, then a token without read (GET) or write (POST, PATCH, DELETE)
 * access to that kind of entity. A known token is handed on as `c.var.token`, whose workspace
 * decides which records the request can see. Tokens never appear in messages.
 */
export function authenticate(
  options: AuthOptions,
  securitySchemes: ApiModel['securitySchemes'] = {},
): MiddlewareHandler<AppEnv> {
  const tokens = new Map(options.tokens.map((spec) => [spec.token, spec]))
  const realm = `${options.scheme ?? 'Bearer'} realm="mockapi"`
  const challenge = { 'WWW-Authenticate': realm }
  // RFC 6750 §3.1: the 403s say which error, on the contract's status.
  const refusals = {
    invalid: { 'WWW-Authenticate': `${realm}, error="invalid_token"` },
    scope: { 'WWW-Authenticate': `${realm}, error="insufficient_scope"` },
  }
  /** Throws the 401 or 403 the request deserves, or hands its token on. */
  function check(c: Context<AppEnv>, header: string | undefined, body: unknown): void {
    const search = findToken(options, {
      header,
      query: () => new URL(c.req.url).searchParams,
      body,
    })
    if (search.kind === 'misplaced') {
      throw new HttpError(401, {
        code: 'token_not_in_header',
        detail: `The API token was sent in ${search.where}. Send it in the ${headerName(options)} header${options.scheme ? `: ${options.scheme} <token>` : ''}.`,
        headers: challenge,
      })
    }
    if (search.kind === 'missing') {
      throw new HttpError(401, { code: 'token_missing', detail: search.reason, headers: challenge })
    }
    const resource = c.req.path.split('/')[1] ?? ''
    c.set('token', checkToken(tokens.get(search.token), resource, c.req.method, refusals))
  }

  // Not async: most requests carry their token and need no await (a throw still reaches onError).
  /** The document's own security, for a request that matched one of its operations. */
  function checkOperation(c: Context<AppEnv>, match: PathMatch & { kind: 'operation' }): void {
    const search = findModelToken(c, match.operation, securitySchemes)
    if (search.kind === 'public') return
    if (search.kind === 'missing') {
      const headers = { 'WWW-Authenticate': search.challenge }
      throw new HttpError(401, { code: 'token_missing', detail: search.reason, headers })
    }
    const role = match.operation.role
    const resource = 'collection' in role ? role.collection : '*'
    c.set('token', checkToken(tokens.get(search.token), resource, c.req.method, refusals))
  }

  return function authenticate(c, next) {
    // OPTIONS asks what a route allows; browsers send preflights without credentials.
    if (c.req.method === 'OPTIONS') return next()
    const match = c.get('operation')
    // A document's operations carry its own security; the mock's resources, the contract's token.
    if (match !== undefined && match.kind !== 'none' && match.model.source === 'openapi') {
      // A method the document does not declare on a path it serves: 405, whoever asks.
      if (match.kind === 'operation') checkOperation(c, match)
      return next()
    }
    const header = headerOf(c, options.header)
    if (header?.trim() || READ_METHODS.has(c.req.method)) {
      check(c, header, undefined)
      return next()
    }
    // No token in the header of a write: look for one misplaced in the body. Hono keeps the body
    // for the handler.
    return c.req.text().then((text) => {
      check(c, header, parseOrUndefined(text))
      return next()
    })
  }
}

type Refusals = Record<'invalid' | 'scope', Readonly<Record<string, string>>>

function checkToken(
  spec: TokenSpec | undefined,
  resource: string,
  method: string,
  refusals: Refusals,
): TokenSpec {
  if (!spec) {
    const detail = 'The API token is not valid.'
    throw new HttpError(403, { code: 'token_invalid', detail, headers: refusals.invalid })
  }
  if (spec.revoked) {
    const detail = 'The API token has been revoked.'
    throw new HttpError(403, { code: 'token_revoked', detail, headers: refusals.invalid })
  }
  if (resource === '') return spec // the index of resources: any valid token may read it
  const needed = READ_METHODS.has(method) ? 'read' : 'write'
  const access = accessTo(spec, resource)
  if (access === 'write' || access === needed) return spec
  throw new HttpError(403, {
    code: 'access_denied',
    headers: refusals.scope,
    detail:
      access === 'none'
        ? `This API token has no access to ${resource}.`
        : `This API token may read ${resource} but not write them; ${method} needs write access.`,
  })
}

// Only to look for a misplaced token: a body that is not JSON is left for the body checks.
function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
