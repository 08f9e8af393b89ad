import type { ConductEvent } from './conduct-event.js'
import type { ConductRule } from './conduct-rules.js'
import type { MessageFacts } from './finding-messages.js'

/** At most this many journal ids are named per finding. */
export const MAX_IDS = 20
/** A retry this long after the last attempt starts a new episode. */
export const EPISODE_MS = 10 * 60 * 1000

/** A finding while it still grows: more requests join it until its episode ends. */
export interface OpenFinding {
  readonly rule: ConductRule
  readonly client: string
  readonly at: number
  readonly requests: number[]
  facts: MessageFacts
}

/** Opens a finding (undefined when its rule is ignored). */
export type Raise = (
  rule: ConductRule,
  state: ClientState,
  at: number,
  ids: readonly number[],
  facts: MessageFacts,
) => OpenFinding | undefined

/** A failed request and the attempts that followed it. */
export interface Episode {
  readonly method: string
  readonly target: string
  bodyHash: number
  status: string
  lastAt: number
  prevGap: number | undefined
  answeredSeq: number
  attempts: number
  retryAfter: boolean
  retryable: boolean
  writeSeq: number
  readonly ids: number[]
  noBackoff?: OpenFinding | undefined
  storm?: OpenFinding | undefined
  unretryable?: OpenFinding | undefined
}

/** A `Retry-After` the client must honour: for every route, or for one. */
export interface Hold {
  readonly until: number
  readonly answeredSeq: number
  readonly status: string
  readonly seconds: number
  readonly failedId: number
  finding?: OpenFinding | undefined
}

/** A POST that failed in a way that leaves its client unsure whether it was applied. */
export interface AmbiguousPost {
  readonly id: number
  readonly at: number
  readonly bodyHash: number
  readonly status: string
  readonly answeredSeq: number
  finding?: OpenFinding | undefined
}

/** What the mock remembers of one client, each table bounded. */
export interface ClientState {
  /** The token, or the address when there is none. */
  readonly token: string | undefined
  readonly address: string
  hold: Hold | undefined
  readonly routeHolds: Map<string, Hold>
  readonly episodes: Map<string, Episode>
  readonly posts: Map<string, AmbiguousPost>
  readonly created: { target: string; bodyHash: number; location: string; id: number }[]
  revoked:
    | {
        readonly answeredSeq: number
        readonly status: string
        count: number
        readonly ids: number[]
        finding?: OpenFinding | undefined
      }
    | undefined
  tokenInUrl: OpenFinding | undefined
  hung: OpenFinding | undefined
  writeSeq: number
}

export function createClientState(token: string | undefined, address: string): ClientState {
  return {
    token,
    address,
    hold: undefined,
    routeHolds: new Map(),
    episodes: new Map(),
    posts: new Map(),
    created: [],
    revoked: undefined,
    tokenInUrl: undefined,
    hung: undefined,
    writeSeq: 0,
  }
}

/** Sets `key` in a map of at most `max` entries, dropping the oldest. */
export function setBounded<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key)
  if (map.size >= max) map.delete(map.keys().next().value as K)
  map.set(key, value)
}

/** Adds an id to a finding (and its count), naming at most `MAX_IDS`. */
export function join(finding: OpenFinding | undefined, event: ConductEvent): void {
  if (finding === undefined) return
  if (finding.requests.length < MAX_IDS) finding.requests.push(event.id)
  finding.facts = { ...finding.facts, count: finding.facts.count + 1 }
}

/** `503`, or the fault's name when the request got no status. */
export function outcomeOf(event: ConductEvent): string {
  if (event.abandoned) return 'no answer in time (the client gave up)'
  if (event.status === 0 || event.fault === 'malformed') return event.fault ?? 'no answer'
  return event.code === undefined ? String(event.status) : `${event.status} ${event.code}`
}

/** The answer was a failure a client may retry: no answer, a timeout, 408, 429, 5xx, a broken body. */
export function isRetryable(event: ConductEvent): boolean {
  const { status } = event
  return (
    event.abandoned ||
    status === 0 ||
    status === 408 ||
    status === 429 ||
    status >= 500 ||
    event.fault === 'malformed'
  )
}

const FIXED_400 = new Set(['validation_failed', 'invalid_json'])
const TOKEN_DEAD = new Set(['token_revoked', 'token_invalid'])

/** The answer cannot change on its own: re-sending the same request gets it again. */
export function isUnretryable(event: ConductEvent): boolean {
  const { status, code } = event
  if (event.abandoned || event.fault !== undefined) return false
  if (status === 400) return code === undefined || FIXED_400.has(code)
  if (status === 403) return code === undefined || !TOKEN_DEAD.has(code)
  return status === 401 || status === 404
}

export function isTokenDead(event: ConductEvent): boolean {
  return event.status === 403 && event.code !== undefined && TOKEN_DEAD.has(event.code)
}
