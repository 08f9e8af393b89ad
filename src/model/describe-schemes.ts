import type { SecurityScheme } from './api-model.js'

/** How to send a token for these schemes, one sentence: for 401 messages and the banner. */
export function describeSchemes(schemes: readonly SecurityScheme[]): string {
  const ways = [...new Set(schemes.map(describeScheme).filter((w) => w !== ''))]
  return ways.length === 0 ? '' : `Send it ${ways.join(', or ')}.`
}

export function describeScheme(scheme: SecurityScheme): string {
  switch (scheme.kind) {
    case 'bearer':
      return 'as Authorization: Bearer <token>'
    case 'basic':
      return 'as HTTP basic credentials with the token as the password (any user)'
    case 'header':
      return `in the ${scheme.name} header`
    case 'query':
      return `in the ${scheme.name} query parameter`
    default:
      return ''
  }
}
