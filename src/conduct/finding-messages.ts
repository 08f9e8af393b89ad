import type { ConductRule } from './conduct-rules.js'

/** What a message needs to know about the episode. */
export interface MessageFacts {
  readonly method: string
  readonly target: string
  readonly status: string
  readonly count: number
  readonly seconds?: number
  readonly created?: readonly string[]
}

const seconds = (ms: number | undefined) => `${Math.round((ms ?? 0) / 1000)} s`

/** One or two plain sentences per rule: what happened, why it matters, what to do instead. */
export const FINDING_MESSAGES: Readonly<Record<ConductRule, (f: MessageFacts) => string>> = {
  'retry-before-retry-after': (f) =>
    `After ${f.status} with Retry-After: ${f.seconds ?? 0}, the client sent ${f.count} more request(s) before that time had passed (first: ${f.method} ${f.target}). The server asked it to wait; requests sent sooner fail again and prolong the overload — wait at least Retry-After before sending again.`,
  'retry-without-backoff': (f) =>
    `${f.method} ${f.target} failed (${f.status}) and was attempted ${f.count} times without growing gaps between attempts. Retrying at a fixed pace hammers a server that is already failing — back off exponentially (with jitter) between attempts.`,
  'retry-storm': (f) =>
    `${f.method} ${f.target} failed (${f.status}) and was attempted ${f.count} times. A client that retries without a cap turns one failure into a storm — cap the attempts (3 to 5) and then report the error.`,
  'retried-unretryable': (f) =>
    `${f.method} ${f.target} was answered ${f.status}, which cannot change on its own, and was sent again unchanged ${f.count - 1} time(s). The same request gets the same answer — fix the request (body, token, path) or report the error instead of retrying.`,
  'duplicate-write': (f) =>
    `POST ${f.target} was sent again after an ambiguous failure (${f.status}) without an Idempotency-Key${f.created && f.created.length > 1 ? `, and created the same record twice: ${f.created.join(', ')}` : ''}. The first attempt may have been applied — send an Idempotency-Key with every retried POST, or check before re-sending.`,
  'revoked-token-reused': (f) =>
    `The token was answered ${f.status} and was then sent ${f.count} more times. A revoked or invalid token never becomes valid again — stop, and ask the user to sign in again or get a new token.`,
  'token-in-url': (f) =>
    `The token was sent in the query string (${f.method} ${f.target}, ${f.count} time(s)). URLs end up in logs, proxies and browser history — send the token in the Authorization header.`,
  'no-client-timeout': (f) =>
    `${f.method} ${f.target} got no answer and the client was still waiting after ${seconds((f.seconds ?? 0) * 1000)}. A request without a timeout can hang forever — set a timeout on every request, abort it when it expires, and retry only what is safe.`,
}
