import type { Context, Next } from 'hono'
import type { AppEnv } from '../http/app-env.js'
import type { Fault } from './scenario-spec.js'

/** How the in-process `fetch` fails for a fault that has no HTTP answer. */
export type NetworkFailure = 'reset' | 'empty' | 'aborted'

/** Responses that stand for a network failure: `createMockApi().fetch` rejects instead. */
const failures = new WeakMap<Response, NetworkFailure>()

/** The network failure a response stands for, if it stands for one. */
export function networkFailureOf(response: Response): NetworkFailure | undefined {
  return failures.get(response)
}

/** In-process, a network fault rejects as `fetch` does when the connection fails. */
export function failLikeTheNetwork(request: Request, response: Response): Response {
  const failure = networkFailureOf(response)
  if (failure === undefined) return response
  if (failure === 'aborted') {
    throw request.signal.reason ?? new DOMException('The operation was aborted.', 'AbortError')
  }
  const code = failure === 'reset' ? 'ECONNRESET' : 'UND_ERR_SOCKET'
  const reason = failure === 'reset' ? 'read ECONNRESET' : 'other side closed'
  throw new TypeError('fetch failed', { cause: Object.assign(new Error(reason), { code }) })
}

/** A request held by `hang`: its context and when the hold began (the instance's clock). */
export interface HeldRequest {
  readonly c: Context<AppEnv>
  readonly at: number
}

/**
 * Requests held by `hang`, each by the way to let go of it (used by `close()`); once `closed`, a
 * request that reaches `hang` is let go at once, so none arriving during a close holds it up.
 */
export interface Hanging {
  readonly held: Map<() => void, HeldRequest>
  closed: boolean
}

/** Bytes per piece and time between pieces of a `drip` body: 20 pieces over about 2 s. */
const DRIP_PIECES = 20
const DRIP_INTERVAL_MS = 100

/**
 * Acts out a network fault. On a socket: `reset` resets the TCP connection (RST), `empty` closes
 * it without a byte of response, `hang` keeps it open and silent until the client gives up or the
 * server closes. In-process there is no socket, so `fetch` rejects as a browser's would (a
 * `TypeError`), and `hang` waits for the request's `AbortSignal`.
 *
 * `malformed` answers `status` (or the natural status) with `Content-Type: application/json` and
 * a body cut in half — for a read, half of the natural answer; for a write, which must not change
 * anything, half of a record. `drip` sends the natural answer (or the rule's `status`) in 20
 * pieces, 100 ms apart.
 */
export async function actFault(
  c: Context<AppEnv>,
  next: Next,
  fault: Fault,
  options: {
    readonly hanging: Hanging
    readonly injected: (() => Response) | undefined
    /** The instance's time now, for how long a hold has lasted. */
    readonly now: number
  },
): Promise<Response> {
  const socket = c.env?.incoming?.socket
  switch (fault) {
    case 'reset':
      socket?.resetAndDestroy()
      return failure('reset')
    case 'empty':
      socket?.destroy()
      return failure('empty')
    case 'hang':
      await hang(c, options.hanging, options.now)
      return failure('aborted')
    case 'malformed':
      return malformed(await naturalOrInjected(c, next, options.injected, true))
    case 'drip':
      return drip(await naturalOrInjected(c, next, options.injected, false))
  }
}

/** The answer to a request whose client went away while it was held: nobody reads it. */
export function clientGone(): Response {
  return failure('aborted')
}

function failure(kind: NetworkFailure): Response {
  const response = new Response(null, { status: 500 })
  failures.set(response, kind)
  return response
}

function hang(c: Context<AppEnv>, hanging: Hanging, at: number): Promise<void> {
  return new Promise((resolve) => {
    const socket = c.env?.incoming?.socket
    const signal = c.req.raw.signal
    const release = () => {
      hanging.held.delete(release)
      socket?.destroy()
      resolve()
    }
    // A client that left before the hold began (a slow machine) is let go at once too.
    if (hanging.closed || (socket === undefined && signal.aborted)) return release()
    hanging.held.set(release, { c, at })
    if (socket) socket.once('close', release)
    else signal.addEventListener('abort', release, { once: true })
  })
}

/** The rule's answer when it gives one; else the natural answer, computed only when it is safe. */
async function naturalOrInjected(
  c: Context<AppEnv>,
  next: Next,
  injected: (() => Response) | undefined,
  readsOnly: boolean,
): Promise<Response> {
  if (injected) return injected()
  const method = c.req.method
  if (readsOnly && method !== 'GET' && method !== 'HEAD') {
    const status = method === 'POST' ? 201 : 200
    return new Response('{"id":1,"createdAt":"2025-01-01T00:00:00.000Z","title":"A record"}', {
      status,
    })
  }
  await next()
  return c.res
}

async function malformed(response: Response): Promise<Response> {
  const text = await response.text()
  const cut = text.length > 1 ? text.slice(0, Math.floor(text.length / 2)) : '{"'
  const headers = new Headers(response.headers)
  headers.set('content-type', 'application/json')
  headers.delete('content-length')
  return new Response(cut, { status: response.status, headers })
}

async function drip(response: Response): Promise<Response> {
  const bytes = new Uint8Array(await response.arrayBuffer())
  const size = Math.max(1, Math.ceil(bytes.length / DRIP_PIECES))
  let offset = 0
  let timer: NodeJS.Timeout | undefined
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      return new Promise((resolve) => {
        timer = setTimeout(() => {
          controller.enqueue(bytes.subarray(offset, offset + size))
          offset += size
          if (offset >= bytes.length) controller.close()
          resolve()
        }, DRIP_INTERVAL_MS)
      })
    },
    cancel() {
      clearTimeout(timer)
    },
  })
  const headers = new Headers(response.headers)
  headers.delete('content-length')
  return new Response(bytes.length === 0 ? null : body, { status: response.status, headers })
}
