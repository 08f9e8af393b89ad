import { stringify } from 'yaml'
import type { AuthOptions } from '../auth/token-spec.js'
import type { ApiModel, ParentLink } from '../model/api-model.js'
import { modelOfResources } from '../model/model-of-resources.js'
import { type JsonSchema, resourceSchemas, schemaName } from '../resources/field-schema.js'
import type { ResourceSpec } from '../resources/resource-spec.js'
import { HEADERS, headerRef, PARAMETERS, securityScheme } from './openapi-components.js'
import { ERROR_CODES, PROBLEM_SCHEMA, problemResponse } from './problem-responses.js'
import { resourcePaths } from './resource-paths.js'

/** What the OpenAPI document describes: the model the instance serves. */
export interface OpenApiSource {
  readonly resources: readonly ResourceSpec[]
  readonly auth: AuthOptions | false
  readonly rateLimit: boolean
  readonly requireIfMatch: boolean
  /** The mock's URL, for `servers`. */
  readonly serverUrl: string
  readonly version: string
}

/** An OpenAPI document as plain JSON data. */
export type OpenApiDocument = { readonly [key: string]: unknown }

/**
 * The OpenAPI 3.1 document of exactly what an instance serves: every resource's routes and
 * methods, its schemas (types, required, formats, enums, bounds, nullable, `readOnly`), list
 * parameters (paging, every filter operator, `sort`, `q`), response headers, every error response
 * in problem+json with its `code` values, the token security scheme, and `servers` set to the mock.
 *
 * @example
 * buildOpenApiDocument({ resources, auth: DEFAULT_AUTH, rateLimit: true, requireIfMatch: false,
 *   serverUrl: 'http://127.0.0.1:4000', version: '0.1.0' }).paths['/users/{id}'].get
 */
export function buildOpenApiDocument(source: OpenApiSource): OpenApiDocument {
  const options = {
    auth: source.auth !== false,
    rateLimit: source.rateLimit,
    requireIfMatch: source.requireIfMatch,
  }
  const schemas: Record<string, JsonSchema> = { Problem: PROBLEM_SCHEMA }
  let paths: Record<string, JsonSchema> = { '/': indexPath(source.resources, options.auth) }
  // The routes as the model has them: a resource's nested lists are where its references lead.
  const model = modelOfResources(source.resources)
  for (const spec of source.resources) {
    const { record, create, replace, update } = resourceSchemas(spec)
    const name = schemaName(spec.name)
    Object.assign(schemas, {
      [name]: record,
      [`${name}Create`]: create,
      [`${name}Replace`]: replace,
      [`${name}Update`]: update,
    })
    paths = { ...paths, ...resourcePaths(spec, options, parentsOf(model, spec.name)) }
  }
  const retry = { 'Retry-After': headerRef('Retry-After') }
  const responses = Object.fromEntries(
    Object.keys(ERROR_CODES).map((status) => {
      const code = Number(status)
      const headers =
        code === 429 || code === 503
          ? retry
          : code === 401
            ? { 'WWW-Authenticate': headerRef('WWW-Authenticate') }
            : code === 405
              ? { Allow: headerRef('Allow') }
              : {}
      return [`Error${status}`, problemResponse(code, headers)]
    }),
  )
  return {
    openapi: '3.1.0',
    info: {
      title: 'mockapi',
      version: source.version,
      description:
        'A mock JSON REST API. Every error is `application/problem+json` with a stable `code`. Precedence when several failures apply: 503, 429, 401, 403, malformed body 400, 404, 428, 412, Idempotency-Key (replay, 409, 422), invalid fields 400. Methods not listed on a path answer 405 with `Allow`.',
    },
    servers: [{ url: source.serverUrl, description: 'This mock' }],
    ...(source.auth === false ? {} : { security: [{ token: [] }] }),
    tags: source.resources.map((spec) => ({ name: spec.name })),
    paths: { ...paths, ...metaPaths() },
    components: {
      schemas,
      responses,
      parameters: PARAMETERS,
      headers: HEADERS,
      ...(source.auth === false ? {} : { securitySchemes: { token: securityScheme(source.auth) } }),
    },
  }
}

/** The parents a resource is listed under (`/users/{id}/projects`), from the model's operations. */
function parentsOf(model: ApiModel, name: string): ParentLink[] {
  return model.operations.flatMap(({ method, role }) =>
    method === 'get' && role.kind === 'list' && role.collection === name && role.via
      ? [role.via]
      : [],
  )
}

/** The document as `openapi.yaml`. */
export function openApiYaml(document: OpenApiDocument): string {
  return stringify(document, { aliasDuplicateObjects: false, lineWidth: 0 })
}

function indexPath(resources: readonly ResourceSpec[], auth: boolean): JsonSchema {
  const entry = {
    type: 'object',
    properties: {
      name: { type: 'string', enum: resources.map((r) => r.name) },
      url: { type: 'string', format: 'uri' },
      count: { type: 'integer', minimum: 0 },
    },
    required: ['name', 'url', 'count'],
  }
  return {
    get: {
      operationId: 'list_resources',
      summary: 'The resources served, with their record counts',
      responses: {
        '200': {
          description: 'The resources.',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: { resources: { type: 'array', items: entry } },
                required: ['resources'],
              },
            },
          },
        },
        ...(auth
          ? {
              '401': { $ref: '#/components/responses/Error401' },
              '403': { $ref: '#/components/responses/Error403' },
            }
          : {}),
        '405': { $ref: '#/components/responses/Error405' },
      },
    },
  }
}

/** The open routes of `/__mockapi/`: no token needed. */
function metaPaths(): Record<string, JsonSchema> {
  const open = (id: string, summary: string, content: JsonSchema) => ({
    get: {
      operationId: id,
      summary,
      tags: ['mockapi'],
      security: [],
      responses: { '200': { description: 'OK.', content } },
    },
  })
  const object = (properties: Record<string, JsonSchema>) => ({
    'application/json': {
      schema: { type: 'object', properties, required: Object.keys(properties) },
    },
  })
  return {
    '/__mockapi/health': open(
      'health',
      'Whether the mock is up',
      object({ status: { type: 'string', const: 'ok' } }),
    ),
    '/__mockapi/version': open(
      'version',
      'The mock version',
      object({ name: { type: 'string' }, version: { type: 'string' } }),
    ),
    '/__mockapi/openapi.json': open('openapi_json', 'This document, as JSON', {
      'application/json': { schema: { type: 'object' } },
    }),
    '/__mockapi/openapi.yaml': open('openapi_yaml', 'This document, as YAML', {
      'application/yaml': { schema: { type: 'string' } },
    }),
  }
}
