import {
  type AmbiguousPost,
  type ClientState,
  EPISODE_MS,
  isRetryable,
  join,
  outcomeOf,
  type Raise,
  setBounded,
} from './client-state.js'
import type { ConductEvent } from './conduct-event.js'

/** POST targets with an ambiguous failure remembered per client, and records created. */
const MAX_POSTS = 16
const MAX_CREATED = 16

/**
 * `duplicate-write`: a POST re-sent without an `Idempotency-Key` after an ambiguous failure (no
 * answer, a timeout, a 5xx), naming the records the same body created more than once.
 */
export function judgeWrites(state: ClientState, event: ConductEvent, raise: Raise): void {
  if (event.method !== 'POST') return
  if (event.status === 201 && event.location !== undefined) {
    const { target, bodyHash, location, id } = event
    state.created.push({ target, bodyHash, location, id })
    if (state.created.length > MAX_CREATED) state.created.shift()
  }
  const earlier = state.posts.get(event.target)
  if (earlier !== undefined && isResendOf(earlier, event)) {
    if (!event.idempotencyKey) earlier.finding = duplicate(state, earlier, event, raise)
    if (!isAmbiguous(event)) state.posts.delete(event.target)
    return
  }
  if (!isAmbiguous(event)) return
  const post: AmbiguousPost = {
    id: event.id,
    at: event.at,
    bodyHash: event.bodyHash,
    status: outcomeOf(event),
    answeredSeq: event.answeredSeq,
  }
  setBounded(state.posts, event.target, post, MAX_POSTS)
}

/** No answer, a timeout, a 5xx or a broken body: the client cannot know whether it was applied. */
function isAmbiguous(event: ConductEvent): boolean {
  return isRetryable(event) && event.status !== 429 && event.status !== 408
}

function isResendOf(earlier: AmbiguousPost, event: ConductEvent): boolean {
  if (event.seq <= earlier.answeredSeq || event.at - earlier.at > EPISODE_MS) return false
  return earlier.bodyHash === 0 || event.bodyHash === 0 || earlier.bodyHash === event.bodyHash
}

function duplicate(state: ClientState, earlier: AmbiguousPost, event: ConductEvent, raise: Raise) {
  const created = state.created
    .filter((c) => c.id >= earlier.id && c.target === event.target)
    .filter((c) => event.bodyHash === 0 || c.bodyHash === event.bodyHash)
    .map((c) => c.location)
  if (earlier.finding !== undefined) {
    join(earlier.finding, event)
    earlier.finding.facts = { ...earlier.finding.facts, created }
    return earlier.finding
  }
  return raise('duplicate-write', state, event.at, [earlier.id, event.id], {
    method: 'POST',
    target: event.target,
    status: earlier.status,
    count: 1,
    created,
  })
}
