/** What a secret is replaced with in the request log and the journal. */
export const REDACTED = '[redacted]'

/** Names of headers, query parameters and JSON fields that carry credentials. */
export const SECRET_NAME =
  /authorization|cookie|token|secret|password|passwd|api[-_]?key|session[-_]?key/i

// A JSON member whose name looks like a credential, with a string, number or literal value.
const SECRET_MEMBER =
  /("(?:[^"\\]|\\.)*")(\s*:\s*)("(?:[^"\\]|\\.)*"?|-?[\d.eE+-]+|true|false|null)/g

/**
 * A path with its query string, the values of credential-like parameters replaced:
 * `/users?api_token=abc&page=2` → `/users?api_token=[redacted]&page=2`.
 */
export function redactQuery(pathWithQuery: string): string {
  const start = pathWithQuery.indexOf('?')
  if (start === -1) return pathWithQuery
  // Most queries name no secret, and without `%` or `+` their names need no decoding to tell.
  const query = pathWithQuery.slice(start + 1)
  if (!/[%+]/.test(query) && !SECRET_NAME.test(query)) return pathWithQuery
  const pairs = pathWithQuery.slice(start + 1).split('&')
  let changed = false
  const shown = pairs.map((pair) => {
    const cut = pair.indexOf('=')
    const name = cut === -1 ? pair : pair.slice(0, cut)
    if (cut === -1 || !SECRET_NAME.test(safeDecode(name))) return pair
    changed = true
    return `${name}=${REDACTED}`
  })
  return changed ? `${pathWithQuery.slice(0, start)}?${shown.join('&')}` : pathWithQuery
}

/**
 * JSON text (whole or cut short) with the values of credential-like members replaced, found by
 * one regular-expression pass: no parsing, so any depth and any truncation are fine.
 */
export function redactJsonText(text: string): string {
  return text.replace(SECRET_MEMBER, (member, name: string, colon: string) =>
    SECRET_NAME.test(name) ? `${name}${colon}"${REDACTED}"` : member,
  )
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    return text
  }
}
