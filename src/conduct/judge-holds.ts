import { type ClientState, type Hold, join, type Raise, setBounded } from './client-state.js'
import type { ConductEvent } from './conduct-event.js'

/** Routes with a `Retry-After` of their own remembered per client. */
const MAX_ROUTE_HOLDS = 32

/**
 * `retry-before-retry-after`: after a 429 or 503 with `Retry-After`, a request of the same client
 * that arrived before that time had passed. The limiter's 429 and maintenance's 503 hold for every
 * route; a scenario's (or `Prefer`'s) answer for its route (method and path).
 */
export function judgeHolds(state: ClientState, event: ConductEvent, raise: Raise): void {
  const route = `${event.method} ${event.path}`
  if (state.hold !== undefined) {
    if (early(state.hold, event)) state.hold.finding = breach(state, state.hold, event, raise)
    else if (event.at >= state.hold.until) state.hold = undefined
  }
  const own = state.routeHolds.get(route)
  if (own !== undefined) {
    if (early(own, event)) own.finding = breach(state, own, event, raise)
    else if (event.at >= own.until) state.routeHolds.delete(route)
  }
  const hold = holdOf(event, state)
  if (hold === undefined) return
  if (event.injected) setBounded(state.routeHolds, route, hold, MAX_ROUTE_HOLDS)
  else state.hold = hold
}

function early(hold: Hold, event: ConductEvent): boolean {
  return event.seq > hold.answeredSeq && event.at < hold.until
}

function breach(state: ClientState, hold: Hold, event: ConductEvent, raise: Raise) {
  if (hold.finding !== undefined) {
    join(hold.finding, event)
    return hold.finding
  }
  return raise('retry-before-retry-after', state, event.at, [hold.failedId, event.id], {
    method: event.method,
    target: event.target,
    status: hold.status,
    count: 1,
    seconds: hold.seconds,
  })
}

/** The wait this answer asks for; a hold still running keeps its finding and its end if later. */
function holdOf(event: ConductEvent, state: ClientState): Hold | undefined {
  const { status, retryAfterMs } = event
  if ((status !== 429 && status !== 503) || retryAfterMs === undefined) return undefined
  const until = event.endedAt + retryAfterMs
  const current = event.injected
    ? state.routeHolds.get(`${event.method} ${event.path}`)
    : state.hold
  const running = current !== undefined && current.until > event.at
  return {
    until: running ? Math.max(until, current.until) : until,
    answeredSeq: event.answeredSeq,
    status: String(status),
    seconds: Math.round(retryAfterMs / 1000),
    failedId: running ? current.failedId : event.id,
    finding: running ? current.finding : undefined,
  }
}
