/** The part of a process stream that the CLI writes to. */
export interface WritableLike {
  write(text: string): boolean
  on(event: 'error', listener: (error: Error) => void): unknown
}

/**
 * A writer that survives its reader going away: `mockapi | head -1` closes the pipe after one line,
 * and the next write fails with `EPIPE` (or the stream is destroyed). Logging then stops, serving
 * goes on; `closed()` says whether that happened.
 */
export function guardStream(stream: WritableLike): {
  readonly write: (text: string) => void
  readonly closed: () => boolean
} {
  let closed = false
  stream.on('error', () => {
    // EPIPE, ECONNRESET, ERR_STREAM_DESTROYED: whatever the cause, nobody reads this stream now.
    closed = true
  })
  return {
    write(text) {
      if (closed) return
      try {
        stream.write(text)
      } catch {
        closed = true
      }
    },
    closed: () => closed,
  }
}
