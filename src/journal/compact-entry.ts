import type { RawJournalEntry } from './journal-entry.js'
import { MAX_BODY_CHARS } from './readable-entry.js'

/** Headers beyond this many characters in all are cut: each value, then the list. */
export const MAX_HEADER_CHARS = 8 * 1024
/** A header value longer than this is kept as its start and `…`. */
export const MAX_HEADER_VALUE_CHARS = 1024
// The entry object, its fields and the ring slot, beside its strings.
const ENTRY_BYTES = 200

/**
 * A raw entry cut to what the journal shows — the body to 2 KB (and one character more, so that
 * `bodyTruncated` still says it was cut), headers to 8 KB — with what it costs in bytes. The cut
 * strings are copies: a slice of a 1 MB body would keep the whole body alive.
 */
export function compactEntry(raw: RawJournalEntry): { entry: RawJournalEntry; bytes: number } {
  const body =
    raw.body !== null && raw.body.length > MAX_BODY_CHARS + 1
      ? copyOf(raw.body.slice(0, MAX_BODY_CHARS + 1))
      : raw.body
  const headers = compactHeaders(raw.headers)
  const entry = body === raw.body && headers === raw.headers ? raw : { ...raw, body, headers }
  const chars = entry.url.length + (body?.length ?? 0) + charsOf(headers)
  return { entry, bytes: ENTRY_BYTES + 2 * chars }
}

function compactHeaders(headers: readonly string[] | Headers): readonly string[] | Headers {
  if (charsOf(headers) <= MAX_HEADER_CHARS) return headers
  const list = headers instanceof Headers ? [...headers].flat() : headers
  const kept: string[] = []
  let chars = 0
  for (let i = 0; i + 1 < list.length; i += 2) {
    const name = (list[i] ?? '').slice(0, MAX_HEADER_VALUE_CHARS)
    const full = list[i + 1] ?? ''
    const value =
      full.length > MAX_HEADER_VALUE_CHARS ? `${full.slice(0, MAX_HEADER_VALUE_CHARS)}…` : full
    chars += name.length + value.length
    if (chars > MAX_HEADER_CHARS) break
    kept.push(copyOf(name), copyOf(value))
  }
  return kept
}

function charsOf(headers: readonly string[] | Headers): number {
  let chars = 0
  if (headers instanceof Headers) {
    for (const [name, value] of headers) chars += name.length + value.length
  } else for (const item of headers) chars += item.length
  return chars
}

/** A string of its own, not a view into a larger one. */
function copyOf(text: string): string {
  return Buffer.from(text, 'utf16le').toString('utf16le')
}
