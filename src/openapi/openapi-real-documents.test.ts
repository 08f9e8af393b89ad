import { describe, expect, it } from 'vitest'
import { createMockApi } from '../create-mock-api.js'
import { loadOpenApi } from './load-openapi.js'

// What real documents other than the three the import was built on taught (see
// test/fixtures/openapi/README.md and test/openapi-walk-more.test.ts).

describe('an error a document answers as a bare JSON string (uspto.yaml)', () => {
  it('is the mock reason itself, not a made-up word', async () => {
    const api = createMockApi({
      openapi: await loadOpenApi('test/fixtures/openapi/uspto.yaml'),
      rateLimit: false,
    })
    const res = await api.app.request('/ds-api/oa_citations/v1/fields', {
      headers: { Prefer: 'code=404' },
    })
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    expect(await res.json()).toBe('No such record. (Injected by Prefer: code=404.)')
  })
})

describe('an error whose items are objects (petclinic.yml, Spring: schemaValidationErrors[])', () => {
  it('has one item per bad field, saying what is wrong with it', async () => {
    const api = createMockApi({
      openapi: await loadOpenApi('test/fixtures/openapi/petclinic.yml'),
      rateLimit: false,
    })
    const res = await api.app.request('/petclinic/api/owners', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ firstName: 'Ada', lastName: 'Lovelace', city: 'London' }),
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({
      status: 400,
      schemaValidationErrors: [
        { message: 'address is required' },
        { message: 'telephone is required' },
      ],
    })
  })
})

const id = { type: 'string', pattern: '^[\\da-z]{26}$' }
const item = {
  type: 'object',
  required: ['vault', 'title'],
  properties: {
    id,
    title: { type: 'string' },
    tags: { type: 'array', items: { type: 'string' } },
    vault: { type: 'object', required: ['id'], properties: { id } },
  },
}
const json = { 'application/json': { schema: item } }
const list = { 'application/json': { schema: { type: 'array', items: item } } }
const param = (name: string) => ({ name, in: 'path', required: true, schema: id })

/** RFC 6902, as 1Password Connect's `Patch` schema describes it. */
const PATCH = {
  type: 'array',
  items: {
    type: 'object',
    required: ['op', 'path'],
    properties: { op: { enum: ['add', 'remove', 'replace'] }, path: { type: 'string' }, value: {} },
  },
}

/** Items under vaults whose item schema has no field for the vault's key, as 1Password Connect's. */
const VAULTS = {
  openapi: '3.0.2',
  info: { title: 'Vaults', version: '1' },
  paths: {
    '/vaults': {
      get: { responses: { 200: { description: 'ok', content: list } } },
    },
    '/vaults/{vaultUuid}': {
      get: { parameters: [param('vaultUuid')], responses: { 200: { description: 'ok' } } },
    },
    '/vaults/{vaultUuid}/items': {
      parameters: [param('vaultUuid')],
      get: {
        responses: {
          200: { description: 'ok', content: list },
        },
      },
      post: {
        requestBody: { content: json },
        responses: { 200: { description: 'ok', content: json } },
      },
    },
    '/vaults/{vaultUuid}/items/{itemUuid}': {
      parameters: [param('vaultUuid'), param('itemUuid')],
      get: { responses: { 200: { description: 'ok', content: json } } },
      put: {
        requestBody: { content: json },
        responses: { 200: { description: 'ok', content: json } },
      },
      patch: {
        requestBody: { content: { 'application/json': { schema: PATCH } } },
        responses: { 200: { description: 'ok', content: json } },
      },
      delete: { responses: { 204: { description: 'gone' } } },
    },
  },
}

describe('a child collection whose items do not name their parent', () => {
  it('keeps a replaced or patched (JSON Patch) item in its parent: listed, read and deleted there', async () => {
    const api = createMockApi({ openapi: await loadOpenApi(VAULTS), auth: false, count: 2 })
    const call = async (method: string, path: string, body?: unknown) => {
      const init = body === undefined ? { method } : { method, body: JSON.stringify(body) }
      const headers = { 'content-type': 'application/json' }
      return api.app.request(path, { ...init, headers })
    }
    const vaults = (await (await call('GET', '/vaults')).json()) as { id: string }[]
    const vault = vaults[0]?.id ?? ''
    const created = await call('POST', `/vaults/${vault}/items`, {
      vault: { id: vault },
      title: 'a',
    })
    const { id: key } = (await created.json()) as { id: string }
    expect(key).toMatch(/^[\da-z]{26}$/)
    const at = `/vaults/${vault}/items/${key}`
    const put = await call('PUT', at, { vault: { id: vault }, title: 'b' })
    expect(put.status).toBe(200)
    expect(await (await call('GET', at)).json()).toMatchObject({ id: key, title: 'b' })
    const listed = (await (await call('GET', `/vaults/${vault}/items`)).json()) as { id: string }[]
    expect(listed.map((i) => i.id)).toContain(key)
    const patched = await call('PATCH', at, [
      { op: 'replace', path: '/title', value: 'c' },
      { op: 'add', path: '/tags', value: ['x'] },
      { op: 'add', path: '/tags/-', value: 'y' },
    ])
    expect(patched.status).toBe(200)
    expect(await patched.json()).toMatchObject({ id: key, title: 'c', tags: ['x', 'y'] })
    const removed = await call('PATCH', at, [{ op: 'remove', path: '/tags' }])
    expect(await removed.json()).not.toHaveProperty('tags')
    const wrong = await call('PATCH', at, [
      { op: 'replace', path: '/title', value: 'd' },
      { op: 'remove', path: '/nothing/here' },
    ])
    expect(wrong.status).toBe(400)
    expect(await wrong.json()).toMatchObject({ errors: [{ field: '1.path' }] })
    expect(await (await call('GET', at)).json()).toMatchObject({ title: 'c' })
    expect((await call('DELETE', at)).status).toBe(204)
    expect((await call('GET', at)).status).toBe(404)
  })
})

describe('one schema for requests and answers, its server-set fields required and readOnly', () => {
  it('takes a POST without them (required applies to answers only) and answers them', async () => {
    const thing = {
      type: 'object',
      required: ['id', 'name', 'createdAt'],
      properties: {
        id: { type: 'integer', readOnly: true },
        name: { type: 'string' },
        createdAt: { type: 'string', format: 'date-time', readOnly: true },
      },
    }
    const content = { 'application/json': { schema: thing } }
    const openapi = await loadOpenApi({
      openapi: '3.0.3',
      info: { title: 'Things', version: '1' },
      paths: {
        '/things': {
          post: {
            requestBody: { required: true, content },
            responses: { 201: { description: 'made', content } },
          },
        },
        '/things/{id}': {
          get: {
            parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
            responses: { 200: { description: 'one', content } },
          },
        },
      },
    })
    const api = createMockApi({ openapi, auth: false, count: 1 })
    const post = (body: object) =>
      api.app.request('/things', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    const made = await post({ name: 'a' })
    expect(made.status).toBe(201)
    expect(await made.json()).toEqual({ id: 2, name: 'a', createdAt: expect.any(String) })
    const empty = await post({})
    expect(empty.status).toBe(400)
    expect(await empty.json()).toMatchObject({
      errors: [{ field: 'name', message: 'is required' }],
    })
  })
})
