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

const RANGE = new Set(['gt', 'gte', 'lt', 'lte'])

/** `/{name}` and `/{name}/{id}` of one resource: every method the routes serve. */
export function resourcePaths(
  spec: ResourceSpec,
  options: PathOptions,
): Record<string, JsonSchema> {
  const parts = partsOf(spec, options)
  return {
    [`/${spec.name}`]: collectionPath(spec, parts),
    [`/${spec.name}/{id}`]: itemPath(spec, parts, options),
  }
}

type Parts = ReturnType<typeof partsOf>

/** The pieces every operation of a resource is made of. */
function partsOf(spec: ResourceSpec, options: PathOptions) {
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

function collectionPath(spec: ResourceSpec, parts: Parts): JsonSchema {
  const { ref, json, limits, errors, op, validators } = parts
  const list = {
    parameters: [
      ...['page', 'per_page', 'sort', 'q'].map(parameterRef),
      ...filterParameters(spec),
      parameterRef('If-None-Match'),
    ],
    responses: {
      '200': {
        description: `A page of ${spec.name}.`,
        headers: {
          'X-Total-Count': headerRef('X-Total-Count'),
          Link: headerRef('Link'),
          ETag: headerRef('ETag'),
          ...limits,
        },
        content: json({ type: 'array', items: ref() }),
      },
      '304': { description: 'Not Modified.', headers: { ETag: headerRef('ETag') } },
      ...errors(400, 404),
    },
  }
  return {
    get: op(`list_${spec.name}`, `List ${spec.name}`, list),
    head: op(`head_${spec.name}`, `List ${spec.name}, headers only`, list),
    post: op(`create_${spec.name}`, `Create a ${spec.name} record`, {
      parameters: [parameterRef('Idempotency-Key')],
      requestBody: { required: true, content: json(ref('Create')) },
      responses: {
        '201': {
          description: 'Created.',
          headers: {
            Location: headerRef('Location'),
            ...validators,
            'Idempotent-Replayed': headerRef('Idempotent-Replayed'),
            ...limits,
          },
          content: json(ref()),
        },
        ...errors(400, 404, 409, 413, 422),
      },
    }),
    options: op(`options_${spec.name}`, 'The methods served', {
      responses: {
        '204': { description: 'No Content.', headers: { Allow: headerRef('Allow') } },
      },
    }),
  }
}

function itemPath(spec: ResourceSpec, parts: Parts, options: PathOptions): JsonSchema {
  const { ref, json, limits, errors, op, validators, notModified } = parts
  const read = {
    parameters: [parameterRef('If-None-Match'), parameterRef('If-Modified-Since')],
    responses: {
      '200': {
        description: `One ${spec.name} record.`,
        headers: { ...validators, ...limits },
        content: json(ref()),
      },
      '304': notModified,
      ...errors(404),
    },
  }
  const conditions = [parameterRef('If-Match'), parameterRef('If-Unmodified-Since')]
  const precondition = options.requireIfMatch ? [412, 428] : [412]
  return {
    parameters: [parameterRef('id')],
    get: op(`get_${spec.name}`, `Read a ${spec.name} record`, read),
    head: op(`head_${spec.name}_record`, `Read a ${spec.name} record, headers only`, read),
    put: op(`replace_${spec.name}`, `Replace the writable fields of a ${spec.name} record`, {
      parameters: conditions,
      requestBody: { required: true, content: json(ref('Replace')) },
      responses: {
        '200': {
          description: 'The replaced record.',
          headers: { ...validators, ...limits },
          content: json(ref()),
        },
        ...errors(400, 404, 413, ...precondition),
      },
    }),
    patch: op(`update_${spec.name}`, `Change fields of a ${spec.name} record`, {
      parameters: [...conditions, parameterRef('Idempotency-Key')],
      requestBody: { required: true, content: json(ref('Update')) },
      responses: {
        '200': {
          description: 'The updated record.',
          headers: {
            ...validators,
            'Idempotent-Replayed': headerRef('Idempotent-Replayed'),
            ...limits,
          },
          content: json(ref()),
        },
        ...errors(400, 404, 409, 413, 422, ...precondition),
      },
    }),
    delete: op(`delete_${spec.name}`, `Delete a ${spec.name} record`, {
      parameters: conditions,
      responses: {
        '204': { description: 'Deleted.', headers: limits },
        ...errors(404, ...precondition),
      },
    }),
    options: op(`options_${spec.name}_record`, 'The methods served', {
      responses: {
        '204': { description: 'No Content.', headers: { Allow: headerRef('Allow') } },
      },
    }),
  }
}

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
