import type { Context } from 'hono'
import { HttpError } from '../errors/http-error.js'
import type { AppEnv } from '../http/app-env.js'
import { clientAddress, headerOf } from '../http/header-of.js'
import { mergeHeaders, pendingHeaders, respond } from '../http/respond.js'
import type { ResourceRecord } from '../resources/resource-spec.js'
import {
  fingerprintOf,
  type IdempotencyKeys,
  MAX_REPLAY_BYTES,
  type StoredAnswer,
} from './create-idempotency-keys.js'

/** What a write handler answers: a status, the record and its headers. */
export interface WriteAnswer {
  readonly status: number
  readonly resource: string
  readonly record: ResourceRecord
  readonly headers: Readonly<Record<string, string>>
  /** The body sent, when it is not the record itself (a wrapped record; `null` for none). */
  readonly body?: unknown
  /** The record's key in the store, when it is not its `id` (a document's `username`, …). */
  readonly key?: string
}

/**
 * Called by the write once its body is read and its record checked, just before the fields are:
 * a replay of the key's first answer, or undefined to carry the write out.
 * @throws HttpError 409 `idempotency_in_progress`, 422 `idempotency_key_reused`.
 */
export type SettleKey = (body: unknown) => Response | undefined

/**
 * Carries a POST or PATCH out once per `Idempotency-Key` and client (draft-ietf-httpapi-
 * idempotency-key-header, as Stripe does it). The key is claimed before the body is read, so a
 * repeat that arrives while the first is still being received gets 409. Only a write that is
 * carried out keeps its answer: a request that fails on the way (an error, a fault, a closed
 * connection) frees its key for the retry.
 */
export function idempotent(
  c: Context<AppEnv>,
  keys: IdempotencyKeys | undefined,
  reread: (resource: string, id: string) => unknown,
  write: (settle: SettleKey) => Promise<WriteAnswer | Response>,
): Promise<Response> {
  const key = keys && keyOf(headerOf(c, 'idempotency-key'))
  if (keys === undefined || key === undefined) {
    return write(NO_KEY).then((result) => answer(c, result))
  }
  return withKey(c, keys, key, reread, write)
}

const NO_KEY: SettleKey = () => undefined

async function withKey(
  c: Context<AppEnv>,
  keys: IdempotencyKeys,
  key: string,
  reread: (resource: string, id: string) => unknown,
  write: (settle: SettleKey) => Promise<WriteAnswer | Response>,
): Promise<Response> {
  const slot = keys.slot(c.get('token')?.token ?? clientAddress(c), key)
  let mine = keys.claim(slot)
  let fingerprint = ''
  let done = false
  try {
    const result = await write((body) => {
      fingerprint = fingerprintOf(c.req.method, c.req.path, body)
      const state = keys.state(slot)
      if (state.kind === 'done') return replay(c, state.answer, fingerprint, reread)
      if (!mine && !keys.claim(slot)) throw inProgress()
      mine = true
      return undefined
    })
    if (result instanceof Response) return result
    const sent = sentBody(result)
    // An answer without a body is kept as the empty string.
    const body = sent === null ? '' : JSON.stringify(sent)
    keys.complete(slot, {
      fingerprint,
      status: result.status,
      body: Buffer.byteLength(body) <= MAX_REPLAY_BYTES ? body : undefined,
      headers: result.headers,
      resource: result.resource,
      id: result.key ?? String(result.record.id),
    })
    done = true
    return answer(c, result)
  } finally {
    if (mine && !done) keys.release(slot)
  }
}

/** The key as sent: a token, or a quoted string (the draft's sf-string); empty is none. */
function keyOf(header: string | undefined): string | undefined {
  const key = header?.trim().replace(/^"(.*)"$/, '$1')
  return key === '' ? undefined : key
}

/** Whether the request names an `Idempotency-Key` (an empty one is none). */
export function hasIdempotencyKey(c: Context<AppEnv>): boolean {
  return keyOf(headerOf(c, 'idempotency-key')) !== undefined
}

/** The answer of a write carried out: its record as JSON, its status and headers. */
export function answer(c: Context<AppEnv>, result: WriteAnswer | Response): Response {
  if (result instanceof Response) return result
  return respond(c, sentBody(result), result.status, result.headers)
}

function sentBody(result: WriteAnswer): unknown {
  return 'body' in result ? result.body : result.record
}

function replay(
  c: Context<AppEnv>,
  stored: StoredAnswer,
  fingerprint: string,
  reread: (resource: string, id: string) => unknown,
): Response {
  if (stored.fingerprint !== fingerprint) {
    throw new HttpError(422, {
      code: 'idempotency_key_reused',
      detail:
        'This Idempotency-Key was already used for another request (a different method, path or body). Use a new key for a new request.',
    })
  }
  // An answer too large to keep is read again: the record as it is now.
  const empty = stored.body === ''
  const body = empty
    ? null
    : (stored.body ?? JSON.stringify(reread(stored.resource, stored.id) ?? null))
  const headers = mergeHeaders(pendingHeaders(c), {
    ...stored.headers,
    ...(empty ? {} : { 'content-type': 'application/json' }),
    'Idempotent-Replayed': 'true',
  })
  return new Response(body, { status: stored.status, headers })
}

function inProgress(): HttpError {
  return new HttpError(409, {
    code: 'idempotency_in_progress',
    detail:
      'A request with this Idempotency-Key is still in progress. Retry once it has been answered.',
  })
}
