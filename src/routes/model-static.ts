import type { Faker } from '@faker-js/faker'
import type { Context } from 'hono'
import { HttpError } from '../errors/http-error.js'
import type { AppEnv } from '../http/app-env.js'
import { pendingHeaders, respond } from '../http/respond.js'
import type { DeclaredResponse, OperationModel } from '../model/api-model.js'
import { generateFromSchema } from '../openapi/generate-from-schema.js'
import { isJsonType } from '../openapi/schema-tools.js'
import { shapeRecord, successOf } from './model-shapes.js'
import { answersOwner, type OwnerRecord } from './owner-record.js'

/** The smallest valid files of the binary types APIs answer, so clients can decode them. */
const FILES: Readonly<Record<string, string>> = {
  'image/png':
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'image/gif': 'R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7',
  'image/jpeg':
    '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/yQALCAABAAEBAREA/8wABgAQEAX/2gAIAQEAAD8A0s8g/9k=',
  'application/pdf':
    'JVBERi0xLjQKMSAwIG9iago8PC9UeXBlL0NhdGFsb2cvUGFnZXMgMiAwIFI+PgplbmRvYmoKMiAwIG9iago8PC9UeXBlL1BhZ2VzL0tpZHNbXS9Db3VudCAwPj4KZW5kb2JqCnRyYWlsZXIKPDwvUm9vdCAxIDAgUj4+CiUlRU9G',
}

/**
 * Answers an operation that is not a collection's from the document: `Prefer: example=NAME`,
 * else the stored record it acts on when it answers that record (`POST /articles/{slug}/favorite`
 * → the article), else its first example, else a body generated from its schema; a binary type
 * gets a small valid file of that type.
 */
export function answerStatic(
  c: Context<AppEnv>,
  op: OperationModel,
  ctx: { readonly faker: Faker },
  owner: OwnerRecord | undefined,
): Response {
  const { status, response } = successOf(op, 200)
  const type = response?.contentType
  // A success the document declares without content keeps its status (petstore3's `200` on
  // /user/logout); 204 only where it declares none, or only a range or `default`.
  if (response === undefined || type === undefined)
    return respond(c, null, /^2\d\d$/.test(response?.status ?? '') ? status : 204)
  if (!isJsonType(type) && !type.startsWith('text/')) {
    const file = FILES[type.toLowerCase()] ?? ''
    const bytes =
      file === '' ? new Uint8Array([0x6d, 0x6f, 0x63, 0x6b]) : Buffer.from(file, 'base64')
    return new Response(bytes, {
      status,
      headers: { ...pendingHeaders(c), 'content-type': type },
    })
  }
  const stored =
    owner !== undefined && answersOwner(response.schema, owner.collection)
      ? shapeRecord(response.schema, owner.record)
      : undefined
  const body = chosenExample(c, response, stored) ?? generateFromSchema(ctx.faker, response.schema)
  if (type.startsWith('text/')) {
    const text = typeof body === 'string' ? body : JSON.stringify(body)
    return new Response(text, {
      status,
      headers: { ...pendingHeaders(c), 'content-type': type },
    })
  }
  return respond(c, body, status, {
    'content-type': type.includes('*') ? 'application/json' : type,
  })
}

/** `Prefer: example=NAME` picks a named example (as Prism does); otherwise the first one. */
function chosenExample(c: Context<AppEnv>, response: DeclaredResponse, stored: unknown): unknown {
  const prefer = /(?:^|[,;\s])example=("?)([^",;]+)\1/i.exec(c.req.header('prefer') ?? '')
  const name = prefer?.[2]?.trim()
  if (name !== undefined) {
    const found = response.examples.find((e) => e.name === name)
    if (found !== undefined) return found.value
    const names = response.examples.map((e) => e.name)
    throw new HttpError(400, {
      code: 'unknown_example',
      detail: `Prefer: example=${name} names no example of this response. Examples: ${names.length > 0 ? names.join(', ') : 'none'}.`,
    })
  }
  return stored ?? response.examples[0]?.value
}

/** The headers a response declares, each with its example or a value made from its schema. */
export function declaredHeaders(
  response: DeclaredResponse | undefined,
  faker: Faker,
): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const [name, header] of Object.entries(response?.headers ?? {})) {
    if (/^content-type$/i.test(name)) continue
    const value = header.example ?? generateFromSchema(faker, header.schema, name)
    headers[name] = typeof value === 'string' ? value : JSON.stringify(value)
  }
  return headers
}

export { successOf }
