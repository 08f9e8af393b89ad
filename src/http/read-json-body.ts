import type { Context } from 'hono'
import { HttpError } from '../errors/http-error.js'
import { headerOf } from './header-of.js'
import { type BodyRead, readUpTo, rememberText } from './read-body.js'

// `application/json`, with parameters, and any `+json` type such as `application/merge-patch+json`.
const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i

/** The default body limit, 1 MB: bodies above it are refused (413) before they are parsed. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024

/**
 * Bodies nested deeper than this (objects and arrays inside each other) are refused with 400
 * `too_deep`: no record needs more, and deeper values would overflow the stack of whatever walks
 * them later (serialising an answer, for one), failing every read of the stored record.
 */
export const MAX_JSON_DEPTH = 64

// JSON is UTF-8 (RFC 8259); bytes that are not are an error, not replacement characters.
const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Reads a write request's body as JSON. A body that is not JSON — too large, not UTF-8, empty,
 * malformed, nested too deep — or not labelled `Content-Type: application/json` is the contract's
 * first kind of 400 (413 for size) and ends the request. The body is read as it arrives and
 * given up on once it passes `maxBytes`, so a huge or endless chunked body never sits in memory.
 */
export function readJsonBody(
  c: Context,
  maxBytes: number = DEFAULT_MAX_BODY_BYTES,
): Promise<unknown> {
  const declared = Number(headerOf(c, 'content-length') ?? 0)
  if (declared > maxBytes) return Promise.reject(tooLarge(maxBytes))
  // Chained, not awaited in layers: one step of the microtask queue from the bytes to the value.
  return readUpTo(c, maxBytes, (read) => parseJsonBody(c, bytesOf(read, maxBytes)))
}

/** The checks and the parse of `readJsonBody`, once the bytes are in. */
function parseJsonBody(c: Context, bytes: Uint8Array): unknown {
  const contentType = headerOf(c, 'content-type') ?? ''
  if (bytes.byteLength > 0 && !JSON_TYPE.test(contentType)) {
    throw new HttpError(400, {
      code: 'unsupported_content_type',
      detail:
        contentType === ''
          ? 'The request has a body but no Content-Type header. Send Content-Type: application/json.'
          : `The request body is labelled "${contentType}". Send JSON with Content-Type: application/json.`,
    })
  }
  const text = decode(bytes)
  // Later stages (the journal) read the body again: they get this text, not a stream already read.
  rememberText(c, text)
  if (!/\S/.test(text)) {
    throw new HttpError(400, {
      code: 'invalid_json',
      detail: 'The request body is empty. Send a JSON object.',
    })
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new HttpError(400, {
      code: 'invalid_json',
      detail: `The request body is not valid JSON: ${reason}.`,
    })
  }
  if (depthOver(text, MAX_JSON_DEPTH)) {
    throw new HttpError(400, {
      code: 'too_deep',
      detail: `The request body nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep. Send a flatter JSON value.`,
    })
  }
  return value
}

/**
 * The body's bytes, read chunk by chunk; stops and throws 413 as soon as they pass `maxBytes`
 * (400 when the connection closed before the body ended). Hono's body cache then holds them.
 */
export function readLimited(c: Context, maxBytes: number): Promise<Uint8Array> {
  return readUpTo(c, maxBytes, (read) => bytesOf(read, maxBytes))
}

function bytesOf(read: BodyRead, maxBytes: number): Uint8Array {
  if (read.kind === 'bytes') return read.bytes
  if (read.kind === 'cut') {
    throw new HttpError(400, {
      code: 'invalid_json',
      detail: 'The request body was cut off: the connection closed before it ended.',
    })
  }
  throw tooLarge(maxBytes)
}

/**
 * Whether valid JSON text nests deeper than `max`, found by counting brackets outside strings —
 * a loop, so no depth can overflow the stack while checking.
 */
export function depthOver(text: string, max: number): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (inString) {
      if (code === 0x5c)
        i++ // a backslash: the next character is escaped
      else if (code === 0x22) inString = false
    } else if (code === 0x22) inString = true
    else if (code === 0x5b || code === 0x7b) {
      if (++depth > max) return true
    } else if (code === 0x5d || code === 0x7d) depth--
  }
  return false
}

function decode(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes)
  } catch {
    throw new HttpError(400, {
      code: 'invalid_json',
      detail: 'The request body is not valid UTF-8, so it is not JSON. Send UTF-8 encoded JSON.',
    })
  }
}

function tooLarge(maxBytes: number): HttpError {
  return new HttpError(413, {
    code: 'payload_too_large',
    detail: `The request body is larger than the limit of ${formatBytes(maxBytes)} (${maxBytes} bytes). Send a smaller body, or start the mock with a larger --max-body-size.`,
    headers: { Connection: 'close' },
  })
}

/** `1048576` → `1 MB`, `2048` → `2 KB`: the limit as people write it. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`
  return `${bytes} bytes`
}
