import type { Context } from 'hono'
import { type FieldError, HttpError } from '../errors/http-error.js'
import type { AppEnv } from '../http/app-env.js'
import { readJsonBody } from '../http/read-json-body.js'
import type { JsonSchema, OperationModel } from '../model/api-model.js'
import type { SchemaValidator } from '../openapi/create-schema-validator.js'
import { asArray, asSchema, isJsonType, propertiesOf, typesOf } from '../openapi/schema-tools.js'

/**
 * The operation's path and query parameters, each checked against its schema (strings coerced to
 * the declared type first); a missing required one or a wrong one is 400 naming every such
 * parameter. Query parameters the operation does not declare are ignored.
 */
export function checkParameters(
  op: OperationModel,
  params: Readonly<Record<string, string>>,
  url: string,
  validator: SchemaValidator,
): Record<string, unknown> {
  const values: Record<string, unknown> = {}
  if (op.parameters.length === 0) return values
  const start = url.indexOf('?')
  const query = new URLSearchParams(start === -1 ? '' : url.slice(start + 1))
  const errors: FieldError[] = []
  for (const p of op.parameters) {
    if (p.in !== 'path' && p.in !== 'query') continue
    const raw = p.in === 'path' ? params[p.name] : queryValue(query, p.name, p.schema)
    if (raw === undefined) {
      if (p.required) errors.push({ field: p.name, message: `is a required ${p.in} parameter` })
      // A declared default is what the real API would use (`limit` 10).
      else if (p.schema?.default !== undefined) values[p.name] = p.schema.default
      continue
    }
    const value = coerce(raw, p.schema)
    values[p.name] = value
    if (p.schema === undefined) continue
    for (const e of validator.check(p.schema, value)) {
      errors.push({
        field: e.field === '(body)' ? p.name : `${p.name}.${e.field}`,
        message: e.message,
      })
    }
  }
  if (errors.length > 0) {
    throw new HttpError(400, {
      code: 'invalid_parameters',
      detail: `The request has ${errors.length} invalid parameter${errors.length === 1 ? '' : 's'}.`,
      errors,
    })
  }
  return values
}

function queryValue(query: URLSearchParams, name: string, schema: JsonSchema | undefined) {
  if (!query.has(name)) return undefined
  if (typesOf(schema).includes('array')) return query.getAll(name).flatMap((v) => v.split(','))
  return query.get(name) ?? undefined
}

function coerce(raw: string | string[], schema: JsonSchema | undefined): unknown {
  if (Array.isArray(raw)) {
    const items = schema?.items as JsonSchema | undefined
    return raw.map((v) => coerce(v, items))
  }
  const types = typesOf(schema)
  if ((types.includes('integer') || types.includes('number')) && /^-?\d+(\.\d+)?$/.test(raw)) {
    return Number(raw)
  }
  if (types.includes('boolean') && (raw === 'true' || raw === 'false')) return raw === 'true'
  return raw
}

/**
 * The request body the operation declares, read as JSON and checked against its schema: not JSON
 * or the wrong content type is 400; invalid fields are answered with {@link invalidFieldsStatus}
 * — every bad field listed. A body the operation does not read as JSON is left unread.
 */
export async function readModelBody(
  c: Context<AppEnv>,
  op: OperationModel,
  validator: SchemaValidator,
  maxBodySize: number,
  schema: JsonSchema | undefined = op.requestBody?.schema,
): Promise<unknown> {
  return checkModelBody(op, validator, await readModelJson(c, op, maxBodySize), schema)
}

/**
 * The request body as JSON, unchecked (400 when it is not JSON or has the wrong content type):
 * the first half of {@link readModelBody}, for writes that check preconditions between the two.
 */
export async function readModelJson(
  c: Context<AppEnv>,
  op: OperationModel,
  maxBodySize: number,
): Promise<unknown> {
  const body = op.requestBody
  if (body === undefined || !body.contentTypes.some(isJsonType)) return undefined
  // An optional body may be left out: no body at all, or an empty one.
  const absent = c.req.raw.body === null || c.req.header('content-length') === '0'
  if (!body.required && absent) return undefined
  return readJsonBody(c, maxBodySize)
}

/** A body read by {@link readModelJson} against its schema: 400 or 422 naming every bad field. */
export function checkModelBody(
  op: OperationModel,
  validator: SchemaValidator,
  value: unknown,
  schema: JsonSchema | undefined = op.requestBody?.schema,
): unknown {
  const body = op.requestBody
  if (body === undefined || !body.contentTypes.some(isJsonType)) return value
  if (value === undefined && !body.required) return value
  if (schema === undefined) return value
  const errors = validator.check(schema, value)
  if (errors.length === 0) return value
  throw new HttpError(invalidFieldsStatus(op), {
    code: 'validation_failed',
    detail: `The request body has ${errors.length} invalid field${errors.length === 1 ? '' : 's'}.`,
    errors,
  })
}

/**
 * The status of a body with invalid fields: the error response whose `code` names
 * `validation_failed` (as mockapi's own document says it), else 422 when the operation declares
 * 422, else 400.
 */
export function invalidFieldsStatus(op: OperationModel): 400 | 422 {
  const named = op.responses.find((r) => codesOf(r.schema).includes('validation_failed'))
  if (named?.status === '400' || named?.status === '422') return Number(named.status) as 400 | 422
  return op.responses.some((r) => r.status === '422') ? 422 : 400
}

function codesOf(schema: JsonSchema | undefined): unknown[] {
  const code = propertiesOf(schema).code
  const values = [...asArray(code?.enum), ...(code?.const === undefined ? [] : [code.const])]
  // Under `allOf`, the branch that names the codes may not be the first to name `code`.
  return [...values, ...asArray(schema?.allOf).flatMap((part) => codesOf(asSchema(part)))]
}
