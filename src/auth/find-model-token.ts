import type { Context } from 'hono'
import type { AppEnv } from '../http/app-env.js'
import { headerOf } from '../http/header-of.js'
import type { OperationModel, SecurityScheme } from '../model/api-model.js'
import { describeSchemes } from '../model/describe-schemes.js'

/** Where an operation of the document takes its token, or that it is public. */
export type ModelTokenSearch =
  | { readonly kind: 'public' }
  | { readonly kind: 'found'; readonly token: string }
  | { readonly kind: 'missing'; readonly reason: string; readonly challenge: string }

/**
 * Finds the token the way the document's security says: bearer, OAuth2 and OpenID Connect in
 * `Authorization: Bearer <token>`, basic as the password, an API key in its header (a leading
 * word such as `Token` allowed) or query parameter. An operation without security — or whose
 * schemes mockapi cannot check — is public.
 */
export function findModelToken(
  c: Context<AppEnv>,
  op: OperationModel,
  schemes: Readonly<Record<string, SecurityScheme>>,
): ModelTokenSearch {
  const alternatives = op.security.map((names) =>
    names
      .map((n) => schemes[n])
      .filter((s): s is SecurityScheme => s !== undefined && s.kind !== 'unsupported'),
  )
  if (alternatives.length === 0 || alternatives.some((a) => a.length === 0))
    return { kind: 'public' }
  const all = alternatives.flat()
  for (const scheme of all) {
    const token = tokenOf(c, scheme)
    if (token !== undefined && token !== '') return { kind: 'found', token }
  }
  const scheme =
    all.some((s) => s.kind === 'bearer') || !all.some((s) => s.kind === 'basic')
      ? 'Bearer'
      : 'Basic'
  return {
    kind: 'missing',
    reason: `The request has no token. ${describeSchemes(all)}`,
    challenge: `${scheme} realm="mockapi"`,
  }
}

function tokenOf(c: Context<AppEnv>, scheme: SecurityScheme): string | undefined {
  switch (scheme.kind) {
    case 'bearer': {
      const match = /^bearer\s+(.+)$/i.exec(headerOf(c, 'authorization')?.trim() ?? '')
      return match?.[1]?.trim()
    }
    case 'basic': {
      const match = /^basic\s+(.+)$/i.exec(headerOf(c, 'authorization')?.trim() ?? '')
      if (match?.[1] === undefined) return undefined
      const decoded = Buffer.from(match[1].trim(), 'base64').toString('utf8')
      const colon = decoded.indexOf(':')
      return colon === -1 ? undefined : decoded.slice(colon + 1)
    }
    case 'header': {
      const value = headerOf(c, scheme.name.toLowerCase())?.trim()
      return value?.replace(/^(token|bearer|apikey|api-key|key)\s+/i, '')
    }
    case 'query':
      return new URL(c.req.url).searchParams.get(scheme.name) ?? undefined
    default:
      return undefined
  }
}
