import type { Context } from 'hono'
import { tokenInHeader } from '../auth/find-token.js'
import { type AuthOptions, DEFAULT_AUTH } from '../auth/token-spec.js'
import type { Clock } from '../clock/clock.js'
import type { AppEnv } from '../http/app-env.js'
import { clientAddress, headerOf } from '../http/header-of.js'
import { redactQuery } from '../http/redact-secrets.js'
import type { RawJournalEntry } from '../journal/create-journal.js'
import type { RequestObserver } from '../journal/record-requests.js'
import type { Hanging } from '../scenarios/act-fault.js'
import { type ConductEvent, hashText } from './conduct-event.js'
import type { ConductJudge, OpenHang } from './create-conduct.js'

export interface ConductObserver extends RequestObserver {
  /** The requests held by `hang` now. */
  openHangs(): OpenHang[]
}

/** An answer this slow counts as latency met. */
const LATE_MS = 1000
const QUERY_TOKEN =
  /(?:^|&)(token|api_token|apiToken|access_token|accessToken|api_key|apiKey)=([^&]*)/

/**
 * Turns each request the journal records into a `ConductEvent` for the judge: what the pipeline
 * already knows (status, problem code, rule, fault, headers, body), read only where needed. The
 * requests a `hang` holds now are read from `hanging` when the report is asked for.
 */
export function observeConduct(
  judge: ConductJudge,
  auth: AuthOptions | false,
  clock: Clock,
  hanging: Hanging,
): ConductObserver {
  const scheme = auth || DEFAULT_AUTH
  let arrived = 0
  const tokenOf = (c: Context<AppEnv>, query: string) =>
    tokenInHeader(scheme, headerOf(c, scheme.header)) ?? queryToken(query)
  return {
    arrive: () => {
      arrived += 1
      return arrived
    },
    recorded(c, id, raw, seq) {
      const query = queryOf(raw.url)
      if (isPlainSuccess(c, raw, query)) {
        const client = { token: tokenOf(c, query), address: clientAddress(c) }
        const late = c.get('delayed') === true || raw.ms >= LATE_MS
        if (judge.passed(raw.method, c.req.path, raw.status, late, client)) return
      }
      const known = { seq, answeredSeq: arrived, token: tokenOf(c, query), query, now: clock.now() }
      judge.judge(eventOf(c, id, raw, known))
    },
    openHangs() {
      const open: OpenHang[] = []
      for (const { c, at } of hanging.held.values()) {
        const query = queryOf(c.req.url)
        const target = query === '' ? c.req.path : redactQuery(`${c.req.path}?${query}`)
        const token = tokenOf(c, query)
        open.push({ at, method: c.req.method, target, token, address: clientAddress(c) })
      }
      return open
    },
  }
}

function eventOf(
  c: Context<AppEnv>,
  id: number,
  raw: RawJournalEntry,
  known: {
    seq: number
    answeredSeq: number
    token: string | undefined
    query: string
    now: number
  },
): ConductEvent {
  const { status, fault, method } = raw
  const path = c.req.path
  const failed = status >= 400 || status === 0
  const socket = c.env?.incoming?.socket
  return {
    id,
    seq: known.seq,
    answeredSeq: known.answeredSeq,
    at: raw.at,
    method,
    path,
    target: known.query === '' ? path : redactQuery(`${path}?${known.query}`),
    status,
    code: failed ? c.get('problemCode') : undefined,
    fault,
    injected: failed && isInjected(c),
    late: c.get('delayed') === true || raw.ms >= LATE_MS,
    retryAfterMs: status === 429 || status === 503 ? retryAfterOf(c, known.now) : undefined,
    bodyHash: hashText(raw.body),
    token: known.token,
    address: clientAddress(c),
    idempotencyKey: method === 'POST' && headerOf(c, 'idempotency-key') !== undefined,
    tokenInQuery: known.query !== '' && QUERY_TOKEN.test(known.query),
    abandoned:
      fault === undefined && (socket === undefined ? c.req.raw.signal.aborted : socket.destroyed),
    // Only a client with something on record gets here: most 201s never build a `Headers`.
    location: status === 201 ? pathOf(c.res.headers.get('location')) : undefined,
    endedAt: known.now,
  }
}

/**
 * A request no rule can find fault with on its own: answered below 400, no fault acted out, not
 * abandoned, no token in its query string (what `isNotable` looks for, read the cheap way).
 */
function isPlainSuccess(c: Context<AppEnv>, raw: RawJournalEntry, query: string): boolean {
  if (raw.status >= 400 || raw.status === 0 || raw.fault !== undefined) return false
  if (query !== '' && QUERY_TOKEN.test(query)) return false
  const socket = c.env?.incoming?.socket
  return !(socket === undefined ? c.req.raw.signal.aborted : socket.destroyed)
}

/** A `Location` as a path: `http://host/tasks/7` → `/tasks/7`. */
function pathOf(location: string | null): string | undefined {
  if (location === null) return undefined
  const start = location.indexOf('//')
  if (start === -1) return location
  const slash = location.indexOf('/', start + 2)
  return slash === -1 ? '/' : location.slice(slash)
}

function queryOf(url: string): string {
  const start = url.indexOf('?')
  return start === -1 ? '' : url.slice(start + 1)
}

function queryToken(query: string): string | undefined {
  if (query === '') return undefined
  const value = QUERY_TOKEN.exec(query)?.[2]
  if (value === undefined || value === '') return undefined
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/** Answered by a scenario rule (not a mere delay) or by `Prefer: code=`. */
function isInjected(c: Context<AppEnv>): boolean {
  if (c.get('rule') !== undefined && c.get('delayed') !== true) return true
  return c.res.headers.get('preference-applied')?.includes('code=') === true
}

/** `Retry-After` in ms: seconds, or an HTTP date read against the instance's clock. */
function retryAfterOf(c: Context<AppEnv>, now: number): number | undefined {
  const value = c.res.headers.get('retry-after')
  if (value === null || value.trim() === '') return undefined
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}
