import type { Context } from 'hono'
import { HttpError } from '../errors/http-error.js'
import { headerOf } from './header-of.js'

// `application/json`, with parameters, and any `+json` type such as `application/merge-patch+json`.
const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i

/** Bodies above this many bytes are refused (413) before they are parsed. */
export const MAX_BODY_BYTES = 1024 * 1024

// JSON is UTF-8 (RFC 8259); bytes that are not are an error, not replacement characters.
const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Reads a write request's body as JSON. A body that is not JSON — too large, not UTF-8, empty,
 * malformed — or not labelled `Content-Type: application/json` is the contract's first kind of
 * 400 (413 for size) and ends the request.
 */
export async function readJsonBody(c: Context): Promise<unknown> {
  const declared = Number(headerOf(c, 'content-length') ?? 0)
  if (declared > MAX_BODY_BYTES) throw tooLarge()
  const bytes = await c.req.arrayBuffer()
  if (bytes.byteLength > MAX_BODY_BYTES) throw tooLarge()
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
  if (text.trim().length === 0) {
    throw new HttpError(400, {
      code: 'invalid_json',
      detail: 'The request body is empty. Send a JSON object.',
    })
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new HttpError(400, {
      code: 'invalid_json',
      detail: `The request body is not valid JSON: ${reason}.`,
    })
  }
}

function decode(bytes: ArrayBuffer): string {
  try {
    return utf8.decode(bytes)
  } catch {
    throw new HttpError(400, {
      code: 'invalid_json',
      detail: 'The request body is not valid UTF-8, so it is not JSON. Send UTF-8 encoded JSON.',
    })
  }
}

function tooLarge(): HttpError {
  return new HttpError(413, {
    code: 'payload_too_large',
    detail: `The request body is larger than ${MAX_BODY_BYTES} bytes.`,
  })
}
