import { type ClientState, isTokenDead, join, outcomeOf, type Raise } from './client-state.js'
import type { ConductEvent } from './conduct-event.js'

/**
 * `revoked-token-reused`: a token answered `token_revoked` or `token_invalid`, then sent more than
 * once again. `token-in-url`: a token in the query string.
 */
export function judgeTokens(state: ClientState, event: ConductEvent, raise: Raise): void {
  const revoked = state.revoked
  if (revoked !== undefined && event.seq > revoked.answeredSeq && event.token !== undefined) {
    revoked.count += 1
    if (revoked.finding !== undefined) join(revoked.finding, event)
    else if (revoked.count >= 2) {
      const facts = { method: event.method, target: event.target, status: revoked.status, count: 2 }
      const ids = [...revoked.ids, event.id]
      revoked.finding = raise('revoked-token-reused', state, event.at, ids, facts)
    } else revoked.ids.push(event.id)
  } else if (revoked === undefined && isTokenDead(event) && event.token !== undefined) {
    const status = outcomeOf(event)
    state.revoked = { answeredSeq: event.answeredSeq, status, count: 0, ids: [event.id] }
  }
  if (!event.tokenInQuery) return
  if (state.tokenInUrl !== undefined) join(state.tokenInUrl, event)
  else {
    const facts = { method: event.method, target: event.path, status: '', count: 1 }
    state.tokenInUrl = raise('token-in-url', state, event.at, [event.id], facts)
  }
}
