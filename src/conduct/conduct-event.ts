import type { Fault } from '../scenarios/scenario-spec.js'

/** One answered request as conduct reads it: made from what the pipeline and the journal hold. */
export interface ConductEvent {
  /** The journal id. */
  readonly id: number
  /** Arrival order; a request arrived after an answer when its `seq` is above the answer's `answeredSeq`. */
  readonly seq: number
  /** How many requests had arrived when this one was answered. */
  readonly answeredSeq: number
  /** Arrival time by the instance's clock, ms. */
  readonly at: number
  readonly method: string
  /** Without the query string. */
  readonly path: string
  /** Path and query: what makes two requests the same one. */
  readonly target: string
  /** 0 when a fault left the request without an answer. */
  readonly status: number
  /** The problem `code`, when the answer was one. */
  readonly code: string | undefined
  readonly fault: Fault | undefined
  /** Answered by a scenario rule or `Prefer: code=`, not by the API itself. */
  readonly injected: boolean
  /** Made late on purpose (a rule's delay), or slow (a second or more). */
  readonly late: boolean
  /** `Retry-After` in ms, when the answer had one. */
  readonly retryAfterMs: number | undefined
  /** A hash of the body; 0 for none or unknown. */
  readonly bodyHash: number
  /** The token in the header (or misplaced in the query); undefined without one. */
  readonly token: string | undefined
  readonly address: string
  readonly idempotencyKey: boolean
  readonly tokenInQuery: boolean
  /** The client went away before the answer (it timed out or aborted). */
  readonly abandoned: boolean
  /** The created record's `Location`, for a 201. */
  readonly location: string | undefined
  /** By the instance's clock, when the answer was ready. */
  readonly endedAt: number
}

/** FNV-1a over a string: the same body gives the same number, cheaply and in bounded memory. */
export function hashText(text: string | null): number {
  if (text === null || text.length === 0) return 0
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0 || 1
}
