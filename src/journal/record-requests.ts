import type { Context } from 'hono'
import type { Clock } from '../clock/clock.js'
import type { AppEnv } from '../http/app-env.js'
import { afterAnswer, answerOf, type Stage } from '../http/compose-stages.js'
import { headerOf } from '../http/header-of.js'
import { readBodyText } from '../http/read-body.js'
import { DEFAULT_MAX_BODY_BYTES } from '../http/read-json-body.js'
import { networkFailureOf } from '../scenarios/act-fault.js'
import type { Journal, RawJournalEntry } from './create-journal.js'

/** What else wants to see each request: told as it arrives, and once it is recorded. */
export interface RequestObserver {
  /** Before any stage answers it; returns its arrival number, handed back to `recorded`. */
  arrive(): number
  /** Answered (or abandoned) and recorded in the journal as `id`. */
  recorded(c: Context<AppEnv>, id: number, entry: RawJournalEntry, arrival: number): void
}

/**
 * Records every request that gets past `/__mockapi/*` in the journal once it is answered — errors,
 * injected answers and faults included. Only references are kept on the way (see `Journal`).
 */
export function recordRequests(
  journal: Journal,
  clock: Clock,
  session: string | undefined,
  observer?: RequestObserver,
): Stage {
  return function recordRequests(c, next) {
    const at = clock.now()
    const start = performance.now()
    const arrival = observer?.arrive() ?? 0
    return afterAnswer(answerOf(next), () => {
      const fault = c.get('fault')
      const body = fault === undefined ? bodyOf(c) : null
      const record = (text: string | null): undefined => {
        const entry: RawJournalEntry = {
          at,
          method: c.req.method,
          url: c.req.url,
          headers: c.env?.incoming?.rawHeaders ?? c.req.raw.headers,
          body: text,
          status: networkFailureOf(c.res) === undefined ? c.res.status : 0,
          ms: performance.now() - start,
          rule: c.get('rule'),
          delayed: c.get('delayed') === true,
          fault,
          session,
        }
        const id = journal.add(entry)
        observer?.recorded(c, id, entry, arrival)
        return undefined
      }
      // Most requests have no body: recorded at once, without a promise.
      return body instanceof Promise ? body.then(record) : record(body)
    })
  }
}

/** The body as text, when there is one of a size the API would read at all. */
function bodyOf(c: Context<AppEnv>): string | null | Promise<string | null> {
  const method = c.req.method
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return null
  const length = headerOf(c, 'content-length')
  // In-process a Request has no Content-Length header, so ask it; on a socket, the headers say.
  const none =
    c.env?.incoming === undefined
      ? c.req.raw.body === null
      : length === undefined
        ? headerOf(c, 'transfer-encoding') === undefined
        : Number(length) === 0
  if (none) return null
  if (Number(length) > DEFAULT_MAX_BODY_BYTES) return null
  // What the handler read, or a body no stage read — read now, but never past the limit, so a
  // huge chunked body sent to a route that ignores it is not taken into memory whole.
  const text = readBodyText(c, DEFAULT_MAX_BODY_BYTES)
  return typeof text === 'string' ? text : text.catch(() => null)
}
