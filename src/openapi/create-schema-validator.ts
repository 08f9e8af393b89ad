import { createRequire } from 'node:module'
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv'
import type addFormatsModule from 'ajv-formats'
import type { FieldError } from '../errors/http-error.js'
import type { JsonSchema } from '../model/api-model.js'
import { translateSchema } from './translate-schema.js'

const require = createRequire(import.meta.url)

/** OpenAPI's own formats, which JSON Schema does not define: any value of the type passes. */
const OPENAPI_FORMATS = ['int32', 'int64', 'float', 'double', 'binary', 'password', 'byte']

/** Checks values against a document's schemas; each schema is compiled once. */
export interface SchemaValidator {
  /** Every way `value` breaks `schema`, one entry per field; empty when it fits. */
  check(schema: JsonSchema, value: unknown): FieldError[]
}

/**
 * A validator for one document's dialect: JSON Schema 2020-12 for OpenAPI 3.1, and OpenAPI 3.0's
 * schemas translated to JSON Schema (`nullable`, boolean `exclusiveMinimum`).
 */
export function createSchemaValidator(dialect: '3.0' | '3.1'): SchemaValidator {
  let ajv: Ajv | undefined
  const compiled = new WeakMap<JsonSchema, ValidateFunction | undefined>()
  function compile(schema: JsonSchema): ValidateFunction | undefined {
    if (compiled.has(schema)) return compiled.get(schema)
    ajv ??= makeAjv(dialect)
    let validate: ValidateFunction | undefined
    try {
      validate = ajv.compile(dialect === '3.0' ? translateSchema(schema) : stripIds(schema))
    } catch {
      // A schema Ajv cannot compile (a circular `$ref` left unresolved) checks nothing.
      validate = undefined
    }
    compiled.set(schema, validate)
    return validate
  }
  return {
    check(schema, value) {
      const validate = compile(schema)
      if (validate === undefined || validate(value)) return []
      return fieldErrors(validate.errors ?? [])
    },
  }
}

function makeAjv(dialect: '3.0' | '3.1'): Ajv {
  const AjvClass =
    dialect === '3.1'
      ? (require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js')).Ajv2020
      : (require('ajv') as typeof import('ajv')).Ajv
  const addFormats = require('ajv-formats') as typeof addFormatsModule.default
  const ajv = new AjvClass({ allErrors: true, strict: false, validateSchema: false })
  addFormats(ajv)
  for (const format of OPENAPI_FORMATS) if (!ajv.formats[format]) ajv.addFormat(format, true)
  return ajv as Ajv
}

// `$id`s inside a document's schemas would clash when two operations share a schema.
function stripIds(schema: JsonSchema): JsonSchema {
  return '$id' in schema ? translateSchema(schema, false) : schema
}

function fieldErrors(errors: readonly ErrorObject[]): FieldError[] {
  const seen = new Set<string>()
  const result: FieldError[] = []
  for (const error of errors) {
    if (error.keyword === 'if' || error.keyword === 'anyOf' || error.keyword === 'oneOf') continue
    const path = error.instancePath.split('/').slice(1).map(unescapePointer)
    const extra = error.params.missingProperty ?? error.params.additionalProperty
    if (typeof extra === 'string') path.push(extra)
    const field = path.length === 0 ? '(body)' : path.join('.')
    const message =
      error.keyword === 'additionalProperties'
        ? 'is not a known field'
        : error.keyword === 'required'
          ? 'is required'
          : (error.message ?? 'is invalid')
    const key = `${field}:${message}`
    if (seen.has(key)) continue
    seen.add(key)
    result.push({ field, message })
  }
  return result
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~')
}
