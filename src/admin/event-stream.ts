/** Sends one server-sent event: its type and a JSON payload. */
export type SendEvent = (event: string, data: unknown) => void

/** The open server-sent-event streams of one instance, so that closing it ends them all. */
export interface EventStreams {
  /**
   * A `text/event-stream` response fed by `subscribe` until the client goes away or `close()`;
   * `subscribe` returns how to stop feeding it.
   */
  open(subscribe: (send: SendEvent) => () => void, headers?: Record<string, string>): Response
  /** Ends every open stream, and any opened later at once. */
  close(): void
  /** Streams open now. */
  readonly size: number
}

/** Proxies and idle-timeouts drop a silent connection; a comment line keeps it alive. */
export const HEARTBEAT_MS = 15_000

/**
 * Creates the registry of an instance's event streams. A stream ends when its client disconnects
 * (the server cancels the body) or when the instance closes, so an open stream neither leaks its
 * subscription nor holds a graceful shutdown up.
 */
export function createEventStreams(heartbeatMs = HEARTBEAT_MS): EventStreams {
  const ends = new Set<() => void>()
  let closed = false
  const encoder = new TextEncoder()
  return {
    open(subscribe, headers = {}) {
      let end = () => {}
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          const write = (text: string) => {
            try {
              controller.enqueue(encoder.encode(text))
            } catch {
              end()
            }
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
            clearInterval(heartbeat)
            unsubscribe()
            try {
              controller.close()
            } catch {}
          }
          ends.add(end)
        },
        cancel() {
          end()
        },
      })
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
