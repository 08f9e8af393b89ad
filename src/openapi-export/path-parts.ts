import {
  fieldSchema,
  type JsonSchema,
  recordFields,
  schemaName,
} from '../resources/field-schema.js'
import type { FieldSpec, ResourceSpec } from '../resources/resource-spec.js'
import { FILTER_OPERATORS } from '../store/list-query.js'
import { headerRef, parameterRef, rateLimitHeaderRefs } from './openapi-components.js'
import { errorRef } from './problem-responses.js'

export interface PathOptions {
  readonly auth: boolean
  readonly rateLimit: boolean
  readonly requireIfMatch: boolean
}

export type Parts = ReturnType<typeof partsOf>

/** The pieces every operation of a resource is made of. */
export function partsOf(spec: ResourceSpec, options: PathOptions) {
  const name = schemaName(spec.name)
  const ref = (suffix = '') => ({ $ref: `#/components/schemas/${name}${suffix}` })
  const json = (schema: JsonSchema) => ({ 'application/json': { schema } })
  const limits = rateLimitHeaderRefs(options.rateLimit)
  const errors = (...statuses: number[]) => {
    const always = [...(options.auth ? [401, 403] : []), 429, 500, 503]
    const all = [...new Set([...statuses, ...always])].sort((a, b) => a - b)
    return Object.fromEntries(all.map((status) => [String(status), errorRef(status)]))
  }
  const op = (id: string, summary: string, rest: JsonSchema) => ({
    operationId: id,
    summary,
    tags: [spec.name],
    ...rest,
  })
  const validators = { ETag: headerRef('ETag'), 'Last-Modified': headerRef('Last-Modified') }
  const notModified = { description: 'Not Modified: the tag still matches.', headers: validators }
  return { ref, json, limits, errors, op, validators, notModified }
}

/** The query parameters of a list: paging, sorting, search, and a filter per field. */
export function listParameters(spec: ResourceSpec): JsonSchema[] {
  return [
    ...['page', 'per_page', 'sort', 'q'].map(parameterRef),
    ...filterParameters(spec),
    parameterRef('If-None-Match'),
  ]
}

const RANGE = new Set(['gt', 'gte', 'lt', 'lte'])

/** `field`, `field_ne`, `field_in`, `field_gt`… for every field that can be filtered on. */
function filterParameters(spec: ResourceSpec): JsonSchema[] {
  return Object.entries(recordFields(spec)).flatMap(([name, field]) =>
    ['eq', ...FILTER_OPERATORS].flatMap((op) => {
      const parameter = filterParameter(name, field, op)
      return parameter === undefined ? [] : [parameter]
    }),
  )
}

function filterParameter(name: string, field: FieldSpec, op: string): JsonSchema | undefined {
  if (field.type === 'array' || field.type === 'object') return undefined
  if (RANGE.has(op) && field.type === 'boolean') return undefined
  if (op === 'like' && field.type !== 'string') return undefined
  const value = fieldSchema({ ...field, readOnly: false })
  delete value.description
  const schemas: Record<string, JsonSchema> = {
    eq: value,
    ne: value,
    in: { type: 'string', description: 'Values separated by commas.' },
    like: { type: 'string' },
  }
  const descriptions: Record<string, string> = {
    eq: `${name} equals the value (\`null\` for no value).`,
    ne: `${name} differs from the value.`,
    in: `${name} is one of the comma-separated values.`,
    like: `${name} contains the text, case-insensitive.`,
  }
  return {
    name: op === 'eq' ? name : `${name}_${op}`,
    in: 'query',
    description: descriptions[op] ?? `${name} is ${op} the value.`,
    schema: schemas[op] ?? { type: field.type === 'string' ? 'string' : field.type },
  }
}
