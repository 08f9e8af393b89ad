import { HttpError } from '../errors/http-error.js'
import { DEFAULT_MAX_EVENT_LISTENERS } from '../options.js'

/** Sends one server-sent event: its type and a JSON payload. */
export type SendEvent = (event: string, data: unknown) => void

/** The open server-sent-event streams of one instance, so that closing it ends them all. */
export interface EventStreams {
  /**
   * A `text/event-stream` response fed by `subscribe` until the client goes away or `close()`;
   * `subscribe` returns how to stop feeding it. Throws a 503 `overloaded` (with `Retry-After`)
   * when `maxListeners` streams are open already.
   */
  open(subscribe: (send: SendEvent) => () => void, headers?: Record<string, string>): Response
  /** Ends every open stream, and any opened later at once. */
  close(): void
  /** Streams open now. */
  readonly size: number
}

export interface EventStreamLimits {
  /** Proxies and idle-timeouts drop a silent connection; a comment line keeps it alive. */
  readonly heartbeatMs?: number
  /** At most this many streams open at once; the next is refused with 503. */
  readonly maxListeners?: number
  /** A client that leaves more than this many bytes unread is dropped. */
  readonly maxBufferedBytes?: number
  /**
   * The count `maxListeners` caps, shared by an instance and its sessions so that the cap holds
   * for the server, not for each session. Default: this registry's own.
   */
  readonly pool?: ListenerPool
}

/** Streams open now across the registries that share it. */
export interface ListenerPool {
  open: number
}

export const HEARTBEAT_MS = 15_000
export const DEFAULT_MAX_EVENT_BUFFER_BYTES = 1024 * 1024
const RETRY_AFTER_SECONDS = 60

/**
 * Creates the registry of an instance's event streams. A stream ends when its client disconnects
 * (the server cancels the body), when it stops reading and its unread events pass
 * `maxBufferedBytes` (the socket is then destroyed: a stalled reader costs at most that much), or
 * when the instance closes; so an open stream neither leaks its subscription nor holds a graceful
 * shutdown up.
 */
export function createEventStreams(limits: EventStreamLimits = {}): EventStreams {
  const heartbeatMs = limits.heartbeatMs ?? HEARTBEAT_MS
  const maxListeners = limits.maxListeners ?? DEFAULT_MAX_EVENT_LISTENERS
  const maxBuffered = limits.maxBufferedBytes ?? DEFAULT_MAX_EVENT_BUFFER_BYTES
  const ends = new Set<() => void>()
  const pool = limits.pool ?? { open: 0 }
  let closed = false
  const encoder = new TextEncoder()
  return {
    open(subscribe, headers = {}) {
      if (!closed && pool.open >= maxListeners) throw tooManyListeners(maxListeners)
      let end = () => {}
      const body = new ReadableStream<Uint8Array>(
        {
          start(controller) {
            let dropped = false
            const write = (text: string) => {
              if (dropped) return
              try {
                controller.enqueue(encoder.encode(text))
                // desiredSize is the high-water mark minus the bytes queued and not yet read.
                if ((controller.desiredSize ?? 0) < 0) drop()
              } catch {
                end()
              }
            }
            const drop = () => {
              dropped = true
              end()
              // An error, not a close: the socket is destroyed with what it still holds.
              controller.error(new Error('the live-log client stopped reading'))
            }
            // A comment first, so the client sees the headers and knows it is connected.
            write(': connected\nretry: 2000\n\n')
            if (closed) return controller.close()
            const unsubscribe = subscribe((event, data) => {
              write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
            })
            const heartbeat = setInterval(() => write(': heartbeat\n\n'), heartbeatMs)
            heartbeat.unref?.()
            end = () => {
              if (!ends.delete(end)) return
              pool.open -= 1
              clearInterval(heartbeat)
              unsubscribe()
              try {
                if (!dropped) controller.close()
              } catch {}
            }
            ends.add(end)
            pool.open += 1
          },
          cancel() {
            end()
          },
        },
        { highWaterMark: maxBuffered, size: (chunk) => chunk.byteLength },
      )
      return new Response(body, {
        status: 200,
        headers: {
          ...headers,
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          // Tells buffering reverse proxies (nginx) to pass events on as they come.
          'x-accel-buffering': 'no',
        },
      })
    },
    close() {
      closed = true
      for (const end of [...ends]) end()
    },
    get size() {
      return ends.size
    },
  }
}

function tooManyListeners(max: number): HttpError {
  return new HttpError(503, {
    code: 'overloaded',
    detail: `The live log has ${max} listeners already, its most. Close one, or retry in ${RETRY_AFTER_SECONDS} seconds.`,
    headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) },
  })
}
