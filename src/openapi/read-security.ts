import type { JsonSchema, SecurityScheme } from '../model/api-model.js'
import { asSchema } from './schema-tools.js'

/**
 * The document's `securitySchemes` in mockapi's token model: bearer, OAuth2 and OpenID Connect
 * carry `Authorization: Bearer <token>`; basic takes a token as the password; an API key is the
 * token in its header or query parameter. Cookies are not served (one warning each).
 */
export function readSecurity(document: JsonSchema): Record<string, SecurityScheme> {
  const schemes = asSchema(asSchema(document.components)?.securitySchemes) ?? {}
  const result: Record<string, SecurityScheme> = {}
  for (const [name, value] of Object.entries(schemes))
    result[name] = schemeOf(asSchema(value) ?? {})
  return result
}

function schemeOf(scheme: JsonSchema): SecurityScheme {
  const type = scheme.type
  if (type === 'oauth2' || type === 'openIdConnect') return { kind: 'bearer' }
  if (type === 'http') {
    const kind = String(scheme.scheme ?? '').toLowerCase()
    if (kind === 'bearer') return { kind: 'bearer' }
    if (kind === 'basic') return { kind: 'basic' }
    return { kind: 'unsupported', reason: `HTTP scheme "${kind}" is not one mockapi can check` }
  }
  if (type === 'apiKey' && typeof scheme.name === 'string') {
    if (scheme.in === 'header') return { kind: 'header', name: scheme.name }
    if (scheme.in === 'query') return { kind: 'query', name: scheme.name }
    return {
      kind: 'unsupported',
      reason: 'an API key in a cookie is not checked (cookies as security)',
    }
  }
  return {
    kind: 'unsupported',
    reason: `security type "${String(type)}" is not one mockapi can check`,
  }
}
