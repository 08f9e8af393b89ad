import { createHash } from 'node:crypto'
import type { Clock } from '../clock/clock.js'
import { type MemoryBudget, stringBytes } from '../memory/create-memory-budget.js'

/** How long a key is remembered, on the instance's (virtual) clock: 24 hours. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000
/** How many keys are remembered at most; the oldest go first. */
export const MAX_IDEMPOTENCY_KEYS = 100_000
/** The largest answer body kept for a replay; a larger one is read again from the store. */
export const MAX_REPLAY_BYTES = 64 * 1024

/** The first answer to a key, as it is replayed. */
export interface StoredAnswer {
  /** Method, path and body of the request that used the key first. */
  readonly fingerprint: string
  readonly status: number
  /** The body as sent, or undefined when it was over `MAX_REPLAY_BYTES`. */
  readonly body: string | undefined
  readonly headers: Readonly<Record<string, string>>
  /** The record the answer carried, to read again when the body was not kept. */
  readonly resource: string
  readonly id: string
  readonly at: number
}

/** What a key stands for when a request with it reaches its handler. */
export type KeyState =
  | { readonly kind: 'new' }
  | { readonly kind: 'in-progress' }
  | { readonly kind: 'done'; readonly answer: StoredAnswer }

/**
 * The `Idempotency-Key`s of one instance: claimed while the first request with a key is carried
 * out, then its answer, kept 24 h of virtual time, at most 100,000 (oldest first out). Keys are
 * held per client, as hashes, so a long key costs no more memory than a short one.
 */
export interface IdempotencyKeys {
  /** The map key of a client's `Idempotency-Key`. */
  slot(client: string, key: string): string
  state(slot: string): KeyState
  /** Takes a free slot for one request; false when another request holds it or it is done. */
  claim(slot: string): boolean
  /** Frees a claimed slot whose request ended without carrying the write out. */
  release(slot: string): void
  /** Keeps the first answer of a claimed slot. */
  complete(slot: string, answer: Omit<StoredAnswer, 'at'>): void
  clear(): void
  readonly size: number
  /** Stops counting against the budget (the instance closed). */
  close(): void
}

export interface IdempotencyKeysOptions {
  readonly clock: Clock
  readonly ttlMs?: number
  readonly max?: number
  /** The budget the stored answers count against; when it is full, the oldest go first. */
  readonly budget?: MemoryBudget
}

// A stored answer's Map entry, its object and the slot key, beside its strings.
const ANSWER_BYTES = 300

export function createIdempotencyKeys(options: IdempotencyKeysOptions): IdempotencyKeys {
  const { clock, ttlMs = IDEMPOTENCY_KEY_TTL_MS, max = MAX_IDEMPOTENCY_KEYS } = options
  // In insertion order, which is time order: the oldest are first, for expiry and eviction.
  const answers = new Map<
    string,
    StoredAnswer & { readonly stamp: number; readonly bytes: number }
  >()
  const claimed = new Set<string>()
  const account = options.budget?.register({
    oldest: () => answers.values().next().value?.stamp,
    dropOldest: () => {
      const oldest = answers.keys().next().value
      if (oldest !== undefined) forget(oldest)
    },
  })
  let stamps = 0

  function forget(slot: string): void {
    const answer = answers.get(slot)
    if (answer === undefined) return
    answers.delete(slot)
    account?.release(answer.bytes)
  }

  function expire(): void {
    const now = clock.now()
    for (const [slot, answer] of answers) {
      if (now - answer.at < ttlMs) break
      forget(slot)
    }
  }

  return {
    slot: (client, key) =>
      createHash('sha256').update(client).update('\n').update(key).digest('base64url'),
    state(slot) {
      expire()
      const answer = answers.get(slot)
      if (answer !== undefined) return { kind: 'done', answer }
      return claimed.has(slot) ? { kind: 'in-progress' } : { kind: 'new' }
    },
    claim(slot) {
      if (claimed.has(slot) || answers.has(slot)) return false
      claimed.add(slot)
      return true
    },
    release(slot) {
      claimed.delete(slot)
    },
    complete(slot, answer) {
      claimed.delete(slot)
      forget(slot)
      const bytes = ANSWER_BYTES + answerBytes(answer)
      const stamp = account?.stamp() ?? ++stamps
      answers.set(slot, { ...answer, at: clock.now(), stamp, bytes })
      account?.charge(bytes)
      while (answers.size > max) {
        const oldest = answers.keys().next().value
        if (oldest === undefined) break
        forget(oldest)
      }
    },
    clear() {
      for (const slot of [...answers.keys()]) forget(slot)
      claimed.clear()
    },
    close() {
      answers.clear()
      claimed.clear()
      account?.close()
    },
    get size() {
      return answers.size
    },
  }
}

/** The strings a stored answer holds: its body (at most 64 KB), headers and names. */
function answerBytes(answer: Omit<StoredAnswer, 'at'>): number {
  let bytes =
    stringBytes(answer.fingerprint) + stringBytes(answer.resource) + stringBytes(answer.id)
  if (answer.body !== undefined) bytes += stringBytes(answer.body)
  for (const [name, value] of Object.entries(answer.headers)) {
    bytes += stringBytes(name) + stringBytes(value)
  }
  return bytes
}

/** What identifies a request for its key: same key with another fingerprint is a misuse. */
export function fingerprintOf(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${path}\n`)
    .update(JSON.stringify(body) ?? '')
    .digest('base64url')
}
