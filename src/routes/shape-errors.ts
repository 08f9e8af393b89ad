import type { Context } from 'hono'
import type { AppEnv } from '../http/app-env.js'
import { afterAnswer, answerOf, type Stage } from '../http/compose-stages.js'
import { PROBLEM_CONTENT_TYPE, type Problem } from '../http/problem.js'
import type { ApiModel, DeclaredResponse, JsonSchema } from '../model/api-model.js'
import { createSchemaValidator } from '../openapi/create-schema-validator.js'
import { generateFromSchema } from '../openapi/generate-from-schema.js'
import { isJsonType, itemsOf, propertiesOf, typesOf } from '../openapi/schema-tools.js'
import { createFaker } from '../resources/create-faker.js'
import { declaredHeaders } from './model-static.js'

const MESSAGE_FIELD =
  /^(message|detail|details|title|error|error_description|description|reason|msg)$/i

/**
 * Errors in the API's own shape: when the matched operation declares a response for the error
 * status (or a `4XX`/`5XX` range, or `default`) with JSON content, the contract's problem becomes
 * a body valid against that schema — its example, else generated — whose message-like fields
 * carry the mock's reason, with the headers the response declares. Where the document declares
 * nothing for the status, or no content, the problem+json stays — as it does where the document
 * declares problem+json and the problem is valid against its schema.
 */
export function shapeErrors(model: ApiModel, seed: number): Stage {
  const validator = createSchemaValidator(model.dialect)
  const faker = createFaker([seed, 13])
  return function shapeErrors(c, next) {
    // The mock's own resources answer the contract's problems; most requests succeed, and pass
    // without a promise.
    const match = c.get('operation')
    if (match?.kind !== 'operation' || match.model.source !== 'openapi') return next()
    return afterAnswer(answerOf(next), () => shape(c))
  }

  /** Reshapes an error answer the document declares a shape for; a success passes at once. */
  function shape(c: Context<AppEnv>): Promise<undefined> | undefined {
    const match = c.get('operation')
    const res = c.res
    if (match?.kind !== 'operation' || res.status < 400) return undefined
    if (!res.headers.get('content-type')?.startsWith(PROBLEM_CONTENT_TYPE)) return undefined
    const declared = declaredFor(match.operation.responses, res.status)
    if (declared?.contentType === undefined || !isJsonType(declared.contentType)) return undefined
    return reshape(c, res, declared, declared.contentType)
  }

  async function reshape(
    c: Context<AppEnv>,
    res: Response,
    declared: DeclaredResponse,
    contentType: string,
  ): Promise<undefined> {
    const problem = (await res.clone().json()) as Problem
    const body = shapedBody(declared, problem, (s) => generateFromSchema(faker, s), validator)
    const headers = new Headers(res.headers)
    headers.set('content-type', contentType.includes('*') ? 'application/json' : contentType)
    headers.delete('content-length')
    for (const [name, value] of Object.entries(declaredHeaders(declared, faker))) {
      if (!headers.has(name)) headers.set(name, value)
    }
    c.res = undefined
    c.res = new Response(JSON.stringify(body), { status: res.status, headers })
    return undefined
  }
}

function isProblemAnswer(
  declared: DeclaredResponse,
  problem: Problem,
  validator: { check(schema: JsonSchema, value: unknown): readonly unknown[] },
): boolean {
  if (!declared.contentType?.startsWith(PROBLEM_CONTENT_TYPE)) return false
  return declared.schema !== undefined && validator.check(declared.schema, problem).length === 0
}

/** The response declared for `status`: its own, else its range (`4XX`), else `default`. */
export function declaredFor(
  responses: readonly DeclaredResponse[],
  status: number,
): DeclaredResponse | undefined {
  return (
    responses.find((r) => r.status === String(status)) ??
    responses.find((r) => r.status.toUpperCase() === `${String(status)[0]}XX`) ??
    responses.find((r) => r.status === 'default')
  )
}

/** The declared example or a generated body, its message-like fields saying the mock's reason. */
export function shapedBody(
  declared: DeclaredResponse,
  problem: Problem,
  generate: (schema: JsonSchema) => unknown,
  validator: { check(schema: JsonSchema, value: unknown): readonly unknown[] },
): unknown {
  // A document that asks for problem+json gets the mock's own problem where it fits the schema.
  if (isProblemAnswer(declared, problem, validator)) {
    return withReasonDeclared(declared.schema ?? {}, problem, validator)
  }
  const base =
    declared.examples[0]?.value ?? (declared.schema === undefined ? {} : generate(declared.schema))
  if (declared.schema === undefined) return base
  const filled = fill(structuredClone(base), declared.schema, problem)
  return validator.check(declared.schema, filled).length === 0 ? filled : base
}

/**
 * A problem whose schema names no `detail` (the Museum API's `type` and `title`): its declared
 * message-like fields say the reason too, so a client that reads only them learns why.
 */
function withReasonDeclared(
  schema: JsonSchema,
  problem: Problem,
  validator: { check(schema: JsonSchema, value: unknown): readonly unknown[] },
): Problem {
  const properties = propertiesOf(schema)
  if (Object.hasOwn(properties, 'detail')) return problem
  const said: Problem & Record<string, unknown> = { ...problem }
  for (const [name, property] of Object.entries(properties)) {
    if (MESSAGE_FIELD.test(name) && typesOf(property).includes('string'))
      said[name] = reasonOf(problem)
  }
  return validator.check(schema, said).length === 0 ? said : problem
}

/** The problem's reason, naming every bad field: what a lone message field says. */
function reasonOf(problem: Problem): string {
  const fields = (problem.errors ?? []).map((e) => `${e.field} ${e.message}`)
  return fields.length === 0 ? problem.detail : `${problem.detail} ${fields.join('; ')}.`
}

function fill(value: unknown, schema: JsonSchema, problem: Problem): unknown {
  const fields = (problem.errors ?? []).map((e) => `${e.field} ${e.message}`)
  // A lone message field still names every bad field.
  const message = reasonOf(problem)
  // An error answered as a bare string (`schema: {type: string}`) is the message itself.
  if (typeof value === 'string' && schema.enum === undefined && schema.format === undefined)
    return message
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value
  const record = value as Record<string, unknown>
  const reasons = [problem.detail, ...fields]
  for (const [name, property] of Object.entries(propertiesOf(schema))) {
    const types = typesOf(property)
    if (MESSAGE_FIELD.test(name) && types.includes('string')) record[name] = message
    else if (/^(code|status|statusCode)$/.test(name) && types.includes('integer'))
      record[name] = problem.status
    else if (
      /^(code|type)$/.test(name) &&
      types.includes('string') &&
      property.enum === undefined
    ) {
      if (name === 'code') record[name] = problem.code
    } else if (
      typesOf(itemsOf(property)).includes('string') &&
      /errors|messages|body/i.test(name)
    ) {
      record[name] = reasons
    } else if (
      typesOf(itemsOf(property)).includes('object') &&
      /errors|messages|violations|details|problems/i.test(name)
    ) {
      record[name] = errorItems(record[name], itemsOf(property) ?? {}, problem)
    } else if (types.includes('object') && typeof record[name] === 'object') {
      record[name] = fill(record[name] ?? {}, property, problem)
    }
  }
  return record
}

const FIELD_FIELD = /^(field|path|pointer|param|parameter|property|propertyPath|name)$/

/**
 * An array of error objects (`schemaValidationErrors: [{message}]`, `errors: [{field, message}]`):
 * one item per bad field, its message-like fields saying what is wrong and its field-like ones
 * naming the field; one item with the reason when no field is named. Each item starts as the
 * generated one, so its other required fields stay.
 */
function errorItems(generated: unknown, items: JsonSchema, problem: Problem): unknown[] {
  const template = Array.isArray(generated) ? generated[0] : undefined
  const errors = problem.errors?.length
    ? problem.errors
    : [{ field: undefined, message: problem.detail }]
  return errors.map((e) => {
    const item = structuredClone(typeof template === 'object' && template !== null ? template : {})
    for (const [name, property] of Object.entries(propertiesOf(items))) {
      if (!typesOf(property).includes('string') || property.enum !== undefined) continue
      if (MESSAGE_FIELD.test(name))
        item[name] = e.field === undefined ? e.message : `${e.field} ${e.message}`
      else if (FIELD_FIELD.test(name) && e.field !== undefined) item[name] = e.field
    }
    return item
  })
}
