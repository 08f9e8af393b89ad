import type { YamlPath } from '../files/describe-schema-error.js'
import type { PathProblem } from '../files/parse-yaml-file.js'
import { checkHeaderNames } from './check-match.js'

// RFC 9110 §5.6.2: a field name is a token.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/
// RFC 9110 §5.5: visible ASCII, space, tab, and obs-text (0x80–0xFF); Node sends values as Latin-1.
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/
/** Headers that frame the message or manage the connection: the server sets them, never a rule. */
const FRAMING = new Set([
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'upgrade',
])

/**
 * The headers a rule answers with: each name a token, given once, and not one that frames the
 * response (a wrong `Content-Length` breaks the keep-alive connection it is sent on); each value a
 * valid field value — no CR or LF, Latin-1 only — so the answer can be sent at all.
 *
 * @example
 * checkResponseHeaders({ 'X-A': 'a\r\nb' }, ['respond', 'headers'])
 * // [{ path: ['respond', 'headers', 'X-A'], message: 'is not a valid header value: …' }]
 */
export function checkResponseHeaders(value: unknown, at: YamlPath): PathProblem[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return []
  const problems = checkHeaderNames(value, at)
  for (const [name, raw] of Object.entries(value)) {
    if (!TOKEN.test(name)) {
      const message = `"${name}" is not a valid header name: use letters, digits and - (a token)`
      problems.push({ path: [...at, name], message, target: 'key' })
    } else if (FRAMING.has(name.toLowerCase())) {
      const message = `${name} is set by the server, as it frames the response or the connection; remove it`
      problems.push({ path: [...at, name], message, target: 'key' })
    } else if ((typeof raw === 'string' || typeof raw === 'number') && !isFieldValue(String(raw))) {
      const message =
        'is not a valid header value: it must be on one line (no CR or LF) and use Latin-1 characters only'
      problems.push({ path: [...at, name], message })
    }
  }
  return problems
}

function isFieldValue(value: string): boolean {
  return FIELD_VALUE.test(value)
}
