import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import { createMockApi } from '../create-mock-api.js'
import { loadOpenApi } from '../openapi/load-openapi.js'
import { BUILTIN_RESOURCES } from '../resources/builtin-resources.js'
import type { OperationModel } from './api-model.js'
import { modelOfResources } from './model-of-resources.js'

const AUTH = { Authorization: 'Bearer dev-token', 'Content-Type': 'application/json' }
const model = modelOfResources(BUILTIN_RESOURCES)
const ajv = addFormats.default(new Ajv2020({ strict: false, allErrors: true }))

/** A request path for an operation of the built-in model: `{id}` is record 1. */
const pathOf = (op: OperationModel) => op.path.replace('{id}', '1')

describe('the built-in resources read into the API model', () => {
  it('has a collection per resource, keyed by an integer id, with nested routes from references', () => {
    expect(model.source).toBe('resources')
    expect(model.collections.map((c) => [c.name, c.key])).toEqual(
      BUILTIN_RESOURCES.map((r) => [r.name, { field: 'id', param: 'id', kind: 'integer' }]),
    )
    const routes = model.operations.map((op) => `${op.method.toUpperCase()} ${op.path}`)
    expect(routes).toContain('GET /')
    expect(routes).toContain('PUT /users/{id}')
    expect(routes).toContain('GET /projects/{id}/tasks')
    expect(routes).toContain('POST /users/{id}/projects')
    expect(routes).not.toContain('GET /tasks/{id}/users')
  })

  it('describes what is served: every operation answers its declared status, bodies valid', async () => {
    const api = createMockApi({ seed: 4, count: 3, rateLimit: false })
    // Reads first, then writes, then deletes: record 1 of every collection lives until the end.
    const order = ['get', 'post', 'patch', 'put', 'delete']
    const ops = [...model.operations].sort(
      (a, b) => order.indexOf(a.method) - order.indexOf(b.method),
    )
    for (const op of ops) {
      const body = await bodyFor(api, op)
      const res = await api.fetch(
        new Request(`http://mock${pathOf(op)}`, {
          method: op.method.toUpperCase(),
          headers: AUTH,
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
      )
      const declared = op.responses[0]
      expect(`${op.method} ${op.path} ${res.status}`).toBe(
        `${op.method} ${op.path} ${declared?.status}`,
      )
      if (declared?.schema === undefined) continue
      const validate = ajv.compile(declared.schema)
      const answered: unknown = await res.json()
      expect(validate(answered), JSON.stringify(validate.errors)).toBe(true)
    }
  })

  it('answers 405 with Allow for a method the model does not list, in one order for both sources', async () => {
    const museum = await loadOpenApi('test/fixtures/openapi/museum.yaml')
    const api = createMockApi({
      openapi: museum,
      basePath: '/docs/openapi/museum-api',
      config: { builtins: true },
      rateLimit: false,
    })
    const allow = async (path: string) => {
      const res = await api.fetch(new Request(`http://mock${path}`, { method: 'OPTIONS' }))
      expect(res.status).toBe(204)
      return res.headers.get('allow')
    }
    expect(await allow('/users/1')).toBe('GET, HEAD, PUT, PATCH, DELETE, OPTIONS')
    expect(await allow('/docs/openapi/museum-api/special-events/x')).toBe(
      'GET, HEAD, PATCH, DELETE, OPTIONS',
    )
    const res = await api.fetch(
      new Request('http://mock/users', { method: 'DELETE', headers: AUTH }),
    )
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('GET, HEAD, POST, OPTIONS')
    // The admin API says where each collection of either source is served, and its key.
    const where = api.resources().map(({ name, path, key }) => ({ name, path, key }))
    expect(where).toContainEqual({
      name: 'special-events',
      path: '/docs/openapi/museum-api/special-events',
      key: 'eventId',
    })
    expect(where).toContainEqual({ name: 'users', path: '/users', key: 'id' })
  })
})

describe('a document served with the built-in resources', () => {
  it("shadows a built-in resource of the same name: the path and the records are the document's", async () => {
    const user = {
      type: 'object',
      required: ['login'],
      properties: { login: { type: 'string' }, karma: { type: 'integer' } },
    }
    const json = (schema: unknown) => ({ 'application/json': { schema } })
    const document = await loadOpenApi({
      openapi: '3.1.0',
      info: { title: 'Users', version: '1' },
      paths: {
        '/users': {
          get: {
            responses: {
              200: { description: 'ok', content: json({ type: 'array', items: user }) },
            },
          },
        },
        '/users/{login}': {
          get: { responses: { 200: { description: 'ok', content: json(user) } } },
        },
      },
    })
    const api = createMockApi({ openapi: document, config: { builtins: true }, count: 3 })
    expect(api.resources().filter((r) => r.name === 'users')).toEqual([
      expect.objectContaining({ path: '/users', key: 'login', count: 3 }),
    ])
    const listed = await api.fetch(new Request('http://mock/users', { headers: AUTH }))
    const users = (await listed.json()) as { login: string }[]
    expect(users).toHaveLength(3)
    const one = await api.fetch(
      new Request(`http://mock/users/${users[0]?.login}`, { headers: AUTH }),
    )
    expect(Object.keys((await one.json()) as object).sort()).toEqual(['karma', 'login'])
    // The other built-in resources are still served, by the mock's own rules.
    expect((await api.fetch(new Request('http://mock/projects/1', { headers: AUTH }))).status).toBe(
      200,
    )
  })
})

/** A valid body for a write: the record as read, less what the server sets. */
async function bodyFor(
  api: ReturnType<typeof createMockApi>,
  op: OperationModel,
): Promise<unknown> {
  if (op.requestBody === undefined && op.method !== 'post') return undefined
  const role = op.role
  if (!('collection' in role)) return undefined
  const source = await api.fetch(new Request(`http://mock/${role.collection}/1`, { headers: AUTH }))
  const {
    id: _,
    createdAt: _c,
    updatedAt: _u,
    ...fields
  } = (await source.json()) as Record<string, unknown>
  return fields
}
