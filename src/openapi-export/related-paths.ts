import type { ParentLink } from '../model/api-model.js'
import { type JsonSchema, resourceSchemas } from '../resources/field-schema.js'
import type { ResourceSpec } from '../resources/resource-spec.js'
import { headerRef, parameterRef } from './openapi-components.js'
import { listParameters, type Parts, type PathOptions } from './path-parts.js'

/** `/{parent}/{id}/{name}`: the records of one parent, listed and created as the routes do. */
export function nestedPath(spec: ResourceSpec, parts: Parts, via: ParentLink): JsonSchema {
  const { ref, json, limits, errors, op } = parts
  const id = `${spec.name}_of_${via.collection}`
  const list = {
    parameters: listParameters(spec),
    responses: {
      '200': {
        description: `A page of the ${spec.name} whose ${via.field} is the ${via.collection} record's id.`,
        headers: {
          'X-Total-Count': headerRef('X-Total-Count'),
          Link: headerRef('Link'),
          ...limits,
        },
        content: json({ type: 'array', items: ref() }),
      },
      ...errors(400, 404),
    },
  }
  // The parent's id comes from the path: the body need not carry it.
  const create = resourceSchemas(spec).create
  const required = ((create.required as string[] | undefined) ?? []).filter((f) => f !== via.field)
  const { required: _, ...rest } = create
  return {
    parameters: [parameterRef('id')],
    get: op(`list_${id}`, `List the ${spec.name} of a ${via.collection} record`, list),
    head: op(
      `head_${id}`,
      `List the ${spec.name} of a ${via.collection} record, headers only`,
      list,
    ),
    post: op(`create_${id}`, `Create a ${spec.name} record of a ${via.collection} record`, {
      requestBody: {
        required: true,
        content: json({ ...rest, ...(required.length > 0 ? { required } : {}) }),
      },
      responses: {
        '201': {
          description: `Created, with ${via.field} set to the ${via.collection} record's id.`,
          headers: { Location: headerRef('Location'), ...limits },
          content: json(ref()),
        },
        ...errors(400, 404, 413),
      },
    }),
    options: op(`options_${id}`, 'The methods served', {
      responses: {
        '204': { description: 'No Content.', headers: { Allow: headerRef('Allow') } },
      },
    }),
  }
}

/** `/{name}` of a singular resource (a data file's top-level object): read, replaced, changed. */
export function singularPath(spec: ResourceSpec, parts: Parts, _options: PathOptions): JsonSchema {
  const { ref, json, limits, errors, op } = parts
  const answer = (description: string) => ({
    description,
    headers: limits,
    content: json(ref()),
  })
  const read = { responses: { '200': answer(`The ${spec.name} object.`), ...errors() } }
  return {
    get: op(`get_${spec.name}`, `Read the ${spec.name} object`, read),
    head: op(`head_${spec.name}`, `Read the ${spec.name} object, headers only`, read),
    put: op(`replace_${spec.name}`, `Replace the ${spec.name} object`, {
      requestBody: { required: true, content: json(ref('Replace')) },
      responses: { '200': answer(`The replaced ${spec.name} object.`), ...errors(400, 413) },
    }),
    patch: op(`update_${spec.name}`, `Change fields of the ${spec.name} object`, {
      requestBody: { required: true, content: json(ref('Update')) },
      responses: { '200': answer(`The changed ${spec.name} object.`), ...errors(400, 413) },
    }),
    options: op(`options_${spec.name}`, 'The methods served', {
      responses: {
        '204': { description: 'No Content.', headers: { Allow: headerRef('Allow') } },
      },
    }),
  }
}
