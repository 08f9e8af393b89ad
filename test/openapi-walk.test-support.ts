import { randomUUID } from 'node:crypto'
import SwaggerParser from '@apidevtools/swagger-parser'
import { Ajv } from 'ajv'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'

/** A document as the test reads it, with a third-party parser, not the mock's reader. */
export type Doc = Record<string, unknown> & { openapi: string; paths: Record<string, PathItem> }
export type Schema = Record<string, unknown>
export interface Operation {
  parameters?: { name: string; in: string; required?: boolean; schema?: Schema }[]
  requestBody?: {
    content?: Record<
      string,
      { schema?: Schema; examples?: Record<string, { value: unknown }>; example?: unknown }
    >
  }
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>
}
export type PathItem = Record<string, Operation> & { parameters?: Operation['parameters'] }

/** A collection a reader of a document sees in it, written by hand for the walk tests. */
export interface Collection {
  readonly path: string
  readonly item: string
  readonly param: string
  readonly key: string
}

/** A document walked through the CLI: its base path, how a token goes, its collections. */
export interface WalkedDocument {
  readonly file: string
  readonly base: string
  readonly auth: Record<string, string>
  readonly collections: Collection[]
}

export async function readDoc(file: string): Promise<Doc> {
  return (await SwaggerParser.dereference(file)) as unknown as Doc
}

/** A JSON Schema validator set up by the test, independent of the mock's own validation. */
export function createJudge(doc: Doc) {
  const options = { allErrors: true, strict: false, validateSchema: false } as const
  const ajv = doc.openapi.startsWith('3.1') ? new Ajv2020(options) : new Ajv(options)
  addFormats.default(ajv)
  for (const f of ['int32', 'int64', 'float', 'double', 'binary', 'password'])
    ajv.addFormat(f, true)
  const dialect = doc.openapi.startsWith('3.1') ? (s: Schema) => s : from30
  return (schema: Schema, value: unknown): string | undefined => {
    const validate = ajv.compile(dialect(schema))
    return validate(value) ? undefined : ajv.errorsText(validate.errors)
  }
}

/** The response an operation declares for `status`: exact, range or default. */
export function declared(op: Operation, status: number) {
  const r = op.responses
  return r[String(status)] ?? r[`${String(status)[0]}XX`] ?? r.default
}

/** A minimal valid value for a schema: required properties only, first enum values. */
export function sample(schema: Schema | undefined, name = ''): unknown {
  if (schema === undefined) return 'x'
  if (schema.example !== undefined && typeof schema.example !== 'object') return schema.example
  if (Array.isArray(schema.enum)) return schema.enum[0]
  if (Array.isArray(schema.allOf)) {
    return Object.assign({}, ...schema.allOf.map((s) => sample(s as Schema, name) as object))
  }
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type
  if (type === 'object' || schema.properties) {
    const out: Record<string, unknown> = {}
    const props = (schema.properties ?? {}) as Record<string, Schema>
    for (const key of Object.keys(props)) out[key] = sample(props[key], key)
    return out
  }
  if (type === 'array') return [sample(schema.items as Schema, name)]
  if (type === 'integer') return 1
  if (type === 'number') return 1.5
  if (type === 'boolean') return true
  if (schema.format === 'uuid') return randomUUID()
  if (schema.format === 'date') return '2024-01-02'
  if (schema.format === 'date-time') return '2024-01-02T03:04:05Z'
  if (schema.format === 'email') return 'walker@example.com'
  return `walk-${name}`
}

export function jsonBodyOf(op: Operation): unknown {
  const media = op.requestBody?.content?.['application/json']
  if (media === undefined) return undefined
  const example = Object.values(media.examples ?? {})[0]?.value ?? media.example
  return example ?? sample(media.schema)
}

/**
 * A 3.0 schema as JSON Schema, for the judge: `nullable` as a type array, boolean
 * `exclusiveMaximum`/`exclusiveMinimum` as the numbers they qualify (a copy; refs stay shared).
 */
function from30(schema: Schema): Schema {
  const seen = new Map<object, unknown>()
  const convert = (value: unknown): unknown => {
    if (typeof value !== 'object' || value === null) return value
    if (seen.has(value)) return seen.get(value)
    if (Array.isArray(value)) {
      const out: unknown[] = []
      seen.set(value, out)
      for (const v of value) out.push(convert(v))
      return out
    }
    const out: Record<string, unknown> = {}
    seen.set(value, out)
    for (const [k, v] of Object.entries(value)) out[k] = convert(v)
    if (out.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null']
    for (const [flag, bound] of [
      ['exclusiveMaximum', 'maximum'],
      ['exclusiveMinimum', 'minimum'],
    ] as const) {
      if (typeof out[flag] !== 'boolean') continue
      if (out[flag] === true) out[flag] = out[bound]
      else delete out[flag]
      if (out[flag] !== undefined) delete out[bound]
    }
    return out
  }
  return convert(schema) as Schema
}

/** Requests to a walked mock at `url()`, each answer read whole: status, content type, text, Location. */
export function createCaller(url: () => string, auth: Readonly<Record<string, string>>) {
  return async function call(method: string, path: string, body?: unknown) {
    const headers: Record<string, string> = { ...auth }
    if (body !== undefined) headers['content-type'] = 'application/json'
    const res = await fetch(url() + path, {
      method: method.toUpperCase(),
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    const text = await res.text()
    const location = res.headers.get('location') ?? ''
    return { status: res.status, type: res.headers.get('content-type') ?? '', text, location }
  }
}
