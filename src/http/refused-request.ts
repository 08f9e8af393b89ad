import { randomUUID } from 'node:crypto'
import { uriReference } from './problem.js'

/** What can be read of a request Node refused: its path (as `instance`) and its `Origin`. */
export interface RefusedRequest {
  /** The path as a URI reference, or a `urn:uuid:` naming this occurrence when none was read. */
  readonly instance: string
  readonly path: string | undefined
  readonly origin: string | undefined
}

/**
 * Reads the request line and `Origin` from the bytes Node's parser saw (`error.rawPacket`), which
 * may be cut anywhere: what is missing stays undefined.
 */
export function readRefusedRequest(rawPacket: unknown): RefusedRequest {
  const text = Buffer.isBuffer(rawPacket) ? rawPacket.toString('latin1', 0, 64 * 1024) : ''
  const target = /^[A-Z]+ (\S+) HTTP\/1\.[01]\r?\n/.exec(text)?.[1]
  const path = target === undefined ? undefined : pathOf(target)
  const origin = /\r\norigin:[ \t]*([^\r\n]*?)[ \t]*\r\n/i.exec(text)?.[1]
  return {
    instance: path === undefined ? `urn:uuid:${randomUUID()}` : uriReference(path),
    path,
    origin,
  }
}

function pathOf(target: string): string | undefined {
  const path = target.startsWith('/') ? target : /^https?:\/\/[^/?#]*(\/[^?#]*)?/i.exec(target)?.[1]
  if (path === undefined) return target.startsWith('http') ? '/' : undefined
  const end = path.search(/[?#]/)
  return end === -1 ? path : path.slice(0, end)
}
