import type { IncomingMessage } from 'node:http'
import type { Context } from 'hono'

// A request body's bytes, up to a limit and never more in memory: from Node's own request on a
// socket (a web stream of it costs far more), from the Request's stream in-process.

export type BodyRead =
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array }
  | { readonly kind: 'too-large' | 'cut'; readonly chunks: readonly Uint8Array[] }

/**
 * Reads the body until it ends or passes `maxBytes`, whichever comes first, and hands what came to
 * `then` in the same step of the microtask queue (a write's body goes from its last chunk to its
 * parsed value without a promise per layer). Either way Hono's body cache then holds it, so no
 * later stage (the journal) reads the rest of a huge body.
 */
export function readUpTo<T>(c: Context, maxBytes: number, then: (read: BodyRead) => T): Promise<T> {
  const cache = c.req.bodyCache as Record<string, unknown>
  // On a socket, Node's request itself: a web stream of it (Hono's `body`) costs far more.
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming
  const reading = incoming ? readIncoming(incoming, maxBytes) : readStream(c.req.raw.body, maxBytes)
  return reading.then((read) => {
    if (read.kind === 'bytes') cache.arrayBuffer = Promise.resolve(read.bytes)
    else cache.text = Promise.resolve(lossy(read.chunks))
    return then(read)
  })
}

function readIncoming(incoming: IncomingMessage, maxBytes: number): Promise<BodyRead> {
  return new Promise((resolve) => {
    const chunks: Uint8Array[] = []
    let size = 0
    const done = (read: BodyRead) => {
      incoming.off('data', onData).off('end', onEnd).off('error', onCut).off('close', onCut)
      resolve(read)
    }
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength
      chunks.push(chunk)
      // Paused, not destroyed: the 413 goes out with Connection: close, which ends the rest.
      if (size <= maxBytes) return
      incoming.pause()
      done({ kind: 'too-large', chunks })
    }
    const onEnd = () => done({ kind: 'bytes', bytes: join(chunks, size) })
    const onCut = () => done({ kind: 'cut', chunks })
    incoming.on('data', onData).once('end', onEnd).once('error', onCut).once('close', onCut)
  })
}

async function readStream(stream: ReadableStream<Uint8Array> | null, maxBytes: number) {
  if (stream === null) return { kind: 'bytes', bytes: new Uint8Array(0) } as const
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.byteLength
      chunks.push(value)
      if (size > maxBytes) {
        // Not cancelled: the server drains or closes the rest once the answer is sent.
        reader.releaseLock()
        return { kind: 'too-large', chunks } as const
      }
    }
  } catch {
    return { kind: 'cut', chunks } as const
  }
  return { kind: 'bytes', bytes: join(chunks, size) } as const
}

/**
 * The body as text for a stage that only records it (the journal): the text a handler already
 * read, else at most `maxBytes` read now. `null` when it is larger or never arrived whole.
 */
export function readBodyText(c: Context, maxBytes: number): string | Promise<string | null> {
  const cache = c.req.bodyCache as unknown as BodyCache
  // The text a JSON body was read as, at once; else whatever a stage read is in Hono's cache, and
  // Hono turns it into text.
  if (cache.decoded !== undefined) return cache.decoded
  if (Object.keys(cache).length > 0) return c.req.text()
  return readUpTo(c, maxBytes, (read) =>
    read.kind === 'bytes' ? new TextDecoder().decode(read.bytes) : null,
  )
}

/** Hono's body cache, and the text `rememberText` kept beside it. */
interface BodyCache {
  decoded?: string
  text?: Promise<string>
}

/** Keeps the body's text for later stages: Hono's `text()` and `readBodyText` both answer it. */
export function rememberText(c: Context, text: string): void {
  const cache = c.req.bodyCache as unknown as BodyCache
  cache.text = Promise.resolve(text)
  cache.decoded = text
}

// What arrived of a body refused half-way, for the journal: its start is enough to recognise it.
function lossy(chunks: readonly Uint8Array[]): string {
  return new TextDecoder().decode(chunks[0]?.subarray(0, 4096) ?? new Uint8Array(0))
}

function join(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}
