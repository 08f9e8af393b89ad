import {
  type ClientState,
  EPISODE_MS,
  type Episode,
  isRetryable,
  isUnretryable,
  join,
  outcomeOf,
  type Raise,
  setBounded,
} from './client-state.js'
import type { ConductEvent } from './conduct-event.js'

/** Failed requests remembered per client. */
const MAX_EPISODES = 32
/** A gap grows when it is a quarter longer than the one before, and 100 ms longer at least. */
const GROWTH = 1.25
const MIN_GROWTH_MS = 100

/**
 * `retry-without-backoff`, `retry-storm` and `retried-unretryable`: the attempts of one failed
 * request (method, path, body), counted from the first failure until an attempt succeeds.
 */
export function judgeRetries(
  state: ClientState,
  event: ConductEvent,
  raise: Raise,
  stormAttempts: number,
): void {
  const key = `${event.method} ${event.target}`
  const episode = state.episodes.get(key)
  if (episode !== undefined && isRetryOf(episode, event, state)) {
    attempt(state, episode, event, raise, stormAttempts)
    if (!failed(event)) state.episodes.delete(key)
    else remember(episode, event, state)
    return
  }
  if (!failed(event)) {
    if (episode !== undefined && event.seq > episode.answeredSeq) state.episodes.delete(key)
    return
  }
  const fresh: Episode = {
    method: event.method,
    target: event.target,
    bodyHash: event.bodyHash,
    status: '',
    lastAt: event.at,
    prevGap: undefined,
    answeredSeq: 0,
    attempts: 1,
    retryAfter: false,
    retryable: false,
    writeSeq: 0,
    ids: [event.id],
  }
  remember(fresh, event, state)
  setBounded(state.episodes, key, fresh, MAX_EPISODES)
}

function failed(event: ConductEvent): boolean {
  return isRetryable(event) || isUnretryable(event)
}

/** Sent after the failure was answered, with the same body (an unknown body matches any). */
function isRetryOf(episode: Episode, event: ConductEvent, state: ClientState): boolean {
  if (event.seq <= episode.answeredSeq) return false
  if (event.at - episode.lastAt > EPISODE_MS) return false
  if (!episode.retryable && episode.writeSeq !== state.writeSeq) return false
  const a = episode.bodyHash
  const b = event.bodyHash
  return a === 0 || b === 0 || a === b
}

/** What the latest failure said: the next attempt is judged against it. */
function remember(episode: Episode, event: ConductEvent, state: ClientState): void {
  episode.status = outcomeOf(event)
  episode.answeredSeq = event.answeredSeq
  episode.retryAfter = event.retryAfterMs !== undefined
  episode.retryable = isRetryable(event)
  episode.writeSeq = state.writeSeq
  if (event.bodyHash !== 0) episode.bodyHash = event.bodyHash
}

function attempt(
  state: ClientState,
  episode: Episode,
  event: ConductEvent,
  raise: Raise,
  stormAttempts: number,
): void {
  const gap = event.at - episode.lastAt
  const grew =
    episode.prevGap === undefined ||
    (gap > episode.prevGap * GROWTH && gap - episode.prevGap >= MIN_GROWTH_MS)
  episode.prevGap = gap
  episode.lastAt = event.at
  episode.attempts += 1
  if (episode.ids.length < 20) episode.ids.push(event.id)
  const facts = {
    method: episode.method,
    target: episode.target,
    status: episode.status,
    count: episode.attempts,
  }
  if (!episode.retryable) {
    if (episode.unretryable === undefined) {
      episode.unretryable = raise('retried-unretryable', state, event.at, episode.ids, facts)
    } else join(episode.unretryable, event)
    return
  }
  if (episode.noBackoff !== undefined) join(episode.noBackoff, event)
  else if (episode.attempts >= 3 && !grew && !episode.retryAfter) {
    episode.noBackoff = raise('retry-without-backoff', state, event.at, episode.ids, facts)
  }
  if (episode.storm !== undefined) join(episode.storm, event)
  else if (episode.attempts > stormAttempts) {
    episode.storm = raise('retry-storm', state, event.at, episode.ids, facts)
  }
}
