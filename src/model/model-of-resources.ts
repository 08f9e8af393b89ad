import { resourceSchemas } from '../resources/field-schema.js'
import type { ResourceSpec } from '../resources/resource-spec.js'
import type {
  ApiModel,
  CollectionModel,
  DeclaredResponse,
  JsonSchema,
  OperationMethod,
  OperationModel,
  OperationRole,
} from './api-model.js'

/**
 * The mock's own resources (built-in, config or data file) read into the API model, as an
 * OpenAPI document is: a collection each at `/<name>` with its item at `/<name>/{id}`, the list
 * of collections at `/`, a list and a create at `/<parent>/{id}/<name>` for each field that
 * refers to another resource, and `GET`/`PUT`/`PATCH` at `/<name>` for a singular one. Security
 * is the contract's header token, so it needs no scheme.
 */
export function modelOfResources(resources: readonly ResourceSpec[]): ApiModel {
  const names = new Set(resources.map((r) => r.name))
  const collections = resources.map(collectionOf)
  const operations: OperationModel[] = [operation('get', '/', { kind: 'index' }, ok(200))]
  for (const spec of resources) {
    const schemas = resourceSchemas(spec)
    const [path, itemPath] = [`/${spec.name}`, `/${spec.name}/{id}`]
    const collection = spec.name
    const record = ok(200, schemas.record)
    if (spec.singular === true) {
      operations.push(
        operation('get', path, { kind: 'read', collection }, record),
        operation('put', path, { kind: 'replace', collection }, record, schemas.replace),
        operation('patch', path, { kind: 'update', collection }, record, schemas.update),
      )
      continue
    }
    const list = ok(200, { type: 'array', items: schemas.record })
    operations.push(
      operation('get', path, { kind: 'list', collection }, list),
      operation(
        'post',
        path,
        { kind: 'create', collection },
        ok(201, schemas.record),
        schemas.create,
      ),
      operation('get', itemPath, { kind: 'read', collection }, record),
      operation('put', itemPath, { kind: 'replace', collection }, record, schemas.replace),
      operation('patch', itemPath, { kind: 'update', collection }, record, schemas.update),
      operation('delete', itemPath, { kind: 'delete', collection }, ok(204)),
    )
    for (const [parent, field] of parentsOf(spec, names)) {
      const via = { collection: parent, param: 'id', field }
      const nested = `/${parent}/{id}/${spec.name}`
      operations.push(
        operation('get', nested, { kind: 'list', collection, via }, list),
        operation('post', nested, { kind: 'create', collection, via }, ok(201, schemas.record)),
      )
    }
  }
  return {
    source: 'resources',
    title: 'mockapi',
    basePath: '',
    dialect: '3.1',
    collections,
    operations,
    securitySchemes: {},
    warnings: [],
  }
}

/**
 * The models requests are matched against, read when asked: the document's first, then the
 * resources of `source` (built-in, config, data file) less the document's collections — read anew
 * when they change (a data file reloaded).
 */
export function modelsOf(
  source: { readonly resources: readonly ResourceSpec[] },
  document: ApiModel | undefined,
): () => readonly ApiModel[] {
  const own = new Set(document?.collections.map((c) => c.name))
  let readFrom: readonly ResourceSpec[] | undefined
  let models: readonly ApiModel[] = []
  return () => {
    if (source.resources !== readFrom) {
      readFrom = source.resources
      const resources = modelOfResources(readFrom.filter((r) => !own.has(r.name)))
      models = document ? [document, resources] : [resources]
    }
    return models
  }
}

/** Where a collection of the models is served, and its key field. */
export function whereServed(models: readonly ApiModel[], name: string) {
  for (const model of models) {
    const found = model.collections.find((c) => c.name === name)
    if (found) return { path: `${model.basePath}${found.path}`, key: found.key.field }
  }
  return { path: `/${name}`, key: 'id' }
}

function collectionOf(spec: ResourceSpec): CollectionModel {
  const path = `/${spec.name}`
  return {
    name: spec.name,
    path,
    itemPath: spec.singular === true ? path : `${path}/{id}`,
    key: { field: spec.key ?? 'id', param: 'id', kind: spec.keyKind ?? 'integer' },
    itemSchema: resourceSchemas(spec).record,
    examples: [],
    ...(spec.singular === true ? { singular: true } : {}),
  }
}

/** Each resource a field of `spec` refers to, with that field (a required one first). */
function parentsOf(spec: ResourceSpec, names: ReadonlySet<string>): Map<string, string> {
  const parents = new Map<string, string>()
  const fields = Object.entries(spec.fields).filter(([, f]) => f.ref && names.has(f.ref))
  for (const [name, field] of [...fields.filter(([, f]) => f.required), ...fields]) {
    if (field.ref !== undefined && !parents.has(field.ref)) parents.set(field.ref, name)
  }
  return parents
}

function operation(
  method: OperationMethod,
  path: string,
  role: OperationRole,
  response: DeclaredResponse,
  body?: JsonSchema,
): OperationModel {
  return {
    method,
    path,
    parameters: path.includes('{id}') ? [{ name: 'id', in: 'path', required: true }] : [],
    ...(body === undefined
      ? {}
      : { requestBody: { required: true, contentTypes: ['application/json'], schema: body } }),
    responses: [response],
    security: [],
    role,
  }
}

function ok(status: number, schema?: JsonSchema): DeclaredResponse {
  return {
    status: String(status),
    ...(schema === undefined ? {} : { contentType: 'application/json', schema }),
    contentTypes: schema === undefined ? [] : ['application/json'],
    examples: [],
    headers: {},
  }
}
