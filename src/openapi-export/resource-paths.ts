import type { ParentLink } from '../model/api-model.js'
import type { JsonSchema } from '../resources/field-schema.js'
import type { ResourceSpec } from '../resources/resource-spec.js'
import { headerRef, parameterRef } from './openapi-components.js'
import { listParameters, type Parts, type PathOptions, partsOf } from './path-parts.js'
import { nestedPath, singularPath } from './related-paths.js'

export type { PathOptions } from './path-parts.js'

/**
 * The paths of one resource, as the model serves them: `/{name}` and `/{name}/{id}` with every
 * method, and `/{parent}/{id}/{name}` for each resource it refers to; a singular one's `/{name}`.
 */
export function resourcePaths(
  spec: ResourceSpec,
  options: PathOptions,
  parents: readonly ParentLink[] = [],
): Record<string, JsonSchema> {
  const parts = partsOf(spec, options)
  if (spec.singular === true) return { [`/${spec.name}`]: singularPath(spec, parts, options) }
  return {
    [`/${spec.name}`]: collectionPath(spec, parts),
    [`/${spec.name}/{id}`]: itemPath(spec, parts, options),
    ...Object.fromEntries(
      parents.map((via) => [`/${via.collection}/{id}/${spec.name}`, nestedPath(spec, parts, via)]),
    ),
  }
}

function collectionPath(spec: ResourceSpec, parts: Parts): JsonSchema {
  const { ref, json, limits, errors, op, validators } = parts
  const list = {
    parameters: listParameters(spec),
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
