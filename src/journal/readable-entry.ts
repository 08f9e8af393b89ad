import { REDACTED, redactJsonText, SECRET_NAME } from '../http/redact-secrets.js'
import type { JournalEntry, RawJournalEntry } from './journal-entry.js'

/** The longest body the journal shows, in characters. */
export const MAX_BODY_CHARS = 2048

// Credentials by name (SECRET_NAME), and values that carry a scheme and a credential (`Bearer abc`).
const SECRET_VALUE = /^(bearer|basic|token|digest)\s+\S/i

/**
 * A recorded request made readable: path and query split from the URL, header names lower-case
 * with credentials and token-like values redacted — and so query parameters and JSON body fields
 * named like credentials (`api_token`, `password`) — the body cut at 2 KB.
 *
 * @example
 * readable(1, raw).headers.authorization // '[redacted]'
 */
export function readable(id: number, raw: RawJournalEntry): JournalEntry {
  const url = new URL(raw.url)
  const query: Record<string, string[]> = {}
  for (const name of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(name)
    query[name] = SECRET_NAME.test(name) ? values.map(() => REDACTED) : values
  }
  const body = raw.body === null ? null : redactJsonText(raw.body.slice(0, MAX_BODY_CHARS))
  return {
    id,
    at: new Date(raw.at).toISOString(),
    method: raw.method,
    path: url.pathname,
    query,
    headers: redact(pairsOf(raw.headers)),
    body,
    bodyTruncated: raw.body !== null && raw.body.length > MAX_BODY_CHARS,
    status: raw.status,
    ms: raw.ms,
    rule: raw.rule,
    delayed: raw.delayed,
    fault: raw.fault,
    session: raw.session,
  }
}

function pairsOf(headers: readonly string[] | Headers): [string, string][] {
  if (headers instanceof Headers) return [...headers]
  const pairs: [string, string][] = []
  for (let i = 0; i + 1 < headers.length; i += 2) {
    pairs.push([(headers[i] ?? '').toLowerCase(), headers[i + 1] ?? ''])
  }
  return pairs
}

function redact(pairs: readonly [string, string][]): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const [name, value] of pairs) {
    const shown = SECRET_NAME.test(name) || SECRET_VALUE.test(value) ? REDACTED : value
    headers[name] = headers[name] === undefined ? shown : `${headers[name]}, ${shown}`
  }
  return headers
}
