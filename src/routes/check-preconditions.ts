import type { Context } from 'hono'
import { HttpError } from '../errors/http-error.js'
import type { AppEnv } from '../http/app-env.js'
import { headerOf } from '../http/header-of.js'
import { stableHeaders } from '../http/respond.js'
import type { ResourceRecord } from '../resources/resource-spec.js'

/** A representation's validators as response headers (RFC 9110 §8.8). */
// A type, not an interface, so it passes as a plain header record.
export type Validators = {
  readonly ETag: string
  readonly 'Last-Modified'?: string
  readonly 'Cache-Control'?: string
}

// Data changes at any write: a cache may keep an answer but must revalidate it (If-None-Match),
// never reuse it on heuristic freshness, which Last-Modified alone invites.
const REVALIDATE = 'no-cache'

/**
 * The validators of one record: a strong `ETag` from its version and `Last-Modified` from its
 * `updatedAt` (an ISO date, or ms on the instance's clock), on the clock the `Date` header uses
 * (`offsetMs` is how far `advanceClock` moved the instance's time), so the two never disagree.
 */
export function recordValidators(
  version: string,
  updatedAt: unknown,
  offsetMs: number,
): Validators {
  const etag = `"${version}"`
  const ms =
    typeof updatedAt === 'string'
      ? Date.parse(updatedAt)
      : typeof updatedAt === 'number'
        ? updatedAt
        : Number.NaN
  if (Number.isNaN(ms)) return { ETag: etag, 'Cache-Control': REVALIDATE }
  return { ETag: etag, 'Last-Modified': httpDate(ms - offsetMs), 'Cache-Control': REVALIDATE }
}

// The last date written: records written in the same second share it (an HTTP date has seconds).
let lastDate = { second: Number.NaN, text: '' }

function httpDate(ms: number): string {
  const second = Math.floor(ms / 1000)
  if (second !== lastDate.second) lastDate = { second, text: new Date(ms).toUTCString() }
  return lastDate.text
}

/**
 * `recordValidators` remembered per record object (records are immutable): a GET of an unchanged
 * record reuses its headers instead of formatting a date each time. An entry holds while the
 * store's generation and the clock's offset are those it was made with. `modifiedOf` says when a
 * record last changed: its `updatedAt` by default; the store's own time for records without
 * stamps (a document's collections, whose items may have no such field).
 */
export function cachedValidators(
  versionOf: (record: ResourceRecord) => string,
  generation: () => number,
  offsetMs: () => number,
  modifiedOf: (record: ResourceRecord) => unknown = (record) => record.updatedAt,
): (record: ResourceRecord, keep?: boolean) => Validators {
  const cache = new WeakMap<ResourceRecord, CacheEntry>()
  // `keep: false` for a record answered once (just created): made, not remembered.
  return function validatorsOf(record, keep = true) {
    const entry = cache.get(record)
    const offset = offsetMs()
    const current = generation()
    if (entry !== undefined && entry.offset === offset && entry.generation === current) {
      return entry.validators
    }
    const made = recordValidators(versionOf(record), modifiedOf(record), offset)
    if (!keep) return made
    const validators = stableHeaders(made)
    cache.set(record, { offset, generation: current, validators })
    return validators
  }
}

interface CacheEntry {
  readonly offset: number
  readonly generation: number
  readonly validators: Validators
}

/**
 * Whether a GET or HEAD may be answered `304 Not Modified`: `If-None-Match` names the current
 * tag (weak comparison), or, without it, nothing changed since `If-Modified-Since`.
 */
export function isNotModified(c: Context<AppEnv>, validators: Validators): boolean {
  const noneMatch = headerOf(c, 'if-none-match')
  if (noneMatch !== undefined) return matches(noneMatch, validators.ETag, false)
  const since = headerOf(c, 'if-modified-since')
  return since !== undefined && notAfter(validators['Last-Modified'], since)
}

/**
 * The preconditions of a write to an existing record, in RFC 9110 §13.2.2's order: `If-Match`
 * (strong comparison), or without it `If-Unmodified-Since`. Throws 428 `precondition_required`
 * when `requireIfMatch` and the write has no `If-Match`; 412 `precondition_failed` when a
 * condition does not hold, so the write changes nothing.
 */
export function checkWritePreconditions(
  c: Context<AppEnv>,
  validators: Validators,
  requireIfMatch: boolean,
): void {
  const ifMatch = headerOf(c, 'if-match')
  if (ifMatch === undefined) {
    if (requireIfMatch) {
      throw new HttpError(428, {
        code: 'precondition_required',
        detail: `${c.req.method} needs an If-Match header with the record's ETag (read it first with GET).`,
      })
    }
    const since = headerOf(c, 'if-unmodified-since')
    // An unparseable date is ignored, as RFC 9110 §13.1.4 says.
    const ignored = since === undefined || Number.isNaN(Date.parse(since))
    if (ignored || validators['Last-Modified'] === undefined) return
    if (!notAfter(validators['Last-Modified'], since)) {
      throw failed(`The record was modified after ${since}. Read it again, then retry.`)
    }
    return
  }
  if (!matches(ifMatch, validators.ETag, true)) {
    throw failed(
      `If-Match does not match the record's current ETag ${validators.ETag}: it changed since it was read. Read it again, then retry.`,
    )
  }
}

function failed(detail: string): HttpError {
  return new HttpError(412, { code: 'precondition_failed', detail })
}

/** Whether a list of entity tags (or `*`) names `etag`; strong comparison ignores weak tags. */
export function matches(header: string, etag: string, strong: boolean): boolean {
  if (header.trim() === '*') return true
  const opaque = etag.startsWith('W/') ? etag.slice(2) : etag
  if (strong && opaque !== etag) return false
  for (const [tag] of header.matchAll(/(?:W\/)?"[^"]*"/g)) {
    const weak = tag.startsWith('W/')
    if (strong && weak) continue
    if ((weak ? tag.slice(2) : tag) === opaque) return true
  }
  return false
}

/** Whether `lastModified` is at or before the HTTP date `date` (false when either is missing). */
function notAfter(lastModified: string | undefined, date: string): boolean {
  if (lastModified === undefined) return false
  const limit = Date.parse(date)
  return !Number.isNaN(limit) && Date.parse(lastModified) <= limit
}
