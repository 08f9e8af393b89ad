import type { Context } from 'hono'
import { HttpError } from '../errors/http-error.js'

// `application/json`, with parameters, and any `+json` type such as `application/merge-patch+json`.
const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i

/**
 * Reads a write request's body as JSON. A body that is not JSON, or not labelled
 * `Content-Type: application/json`, is the contract's first kind of 400 and ends the request.
 */
export async function readJsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text()
  const contentType = c.req.header('content-type') ?? ''
  if (text.length > 0 && !JSON_TYPE.test(contentType)) {
    throw new HttpError(400, {
      code: 'unsupported_content_type',
      detail:
        contentType === ''
          ? 'The request has a body but no Content-Type header. Send Content-Type: application/json.'
          : `The request body is labelled "${contentType}". Send JSON with Content-Type: application/json.`,
    })
  }
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
