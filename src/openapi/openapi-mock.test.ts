import { describe, expect, it } from 'vitest'
import { createMockApi } from '../create-mock-api.js'
import { loadOpenApi } from './load-openapi.js'
import { REALWORLD } from './realworld.test-support.js'

const loaded = await loadOpenApi(REALWORLD)
const TOKEN = { Authorization: 'Token dev-token', 'Content-Type': 'application/json' }
const mock = (extra: object = {}) =>
  createMockApi({ openapi: loaded, seed: 3, count: 4, rateLimit: false, ...extra })
const post = (body: unknown, headers: Record<string, string> = TOKEN): RequestInit => ({
  method: 'POST',
  headers,
  body: JSON.stringify(body),
})

describe('a mock of a RealWorld-like document', () => {
  it('serves under the first server URL path, lists in the envelope with the total', async () => {
    const res = await mock().app.request('/api/articles?limit=2&offset=1')
    expect(res.status).toBe(200)
    const body = (await res.json()) as { articles: unknown[]; articlesCount: number }
    expect(body.articles).toHaveLength(2)
    expect(body.articlesCount).toBe(4)
  })

  it('creates from a wrapped body, answers wrapped, and the next read sees it', async () => {
    const api = mock()
    const article = { slug: 'hello', title: 'Hello', body: 'World', authorId: 1, subtitle: null }
    const res = await api.app.request('/api/articles', post({ article }))
    expect(res.status).toBe(201)
    expect(await res.json()).toEqual({ article })
    expect(await (await api.app.request('/api/articles/hello')).json()).toEqual({ article })
  })

  it('makes a slug key from a title-like field when the body brings none', async () => {
    const post = {
      type: 'object',
      properties: { slug: { type: 'string', readOnly: true }, title: { type: 'string' } },
    }
    const json = { 'application/json': { schema: post } }
    const doc = await loadOpenApi({
      openapi: '3.1.0',
      info: { title: 'Blog', version: '1' },
      paths: {
        '/posts': {
          post: {
            requestBody: { content: json },
            responses: { 201: { description: 'ok', content: json } },
          },
        },
        '/posts/{slug}': {
          get: {
            parameters: [{ name: 'slug', in: 'path', required: true, schema: { type: 'string' } }],
            responses: { 200: { description: 'ok', content: json } },
          },
        },
      },
    })
    const api = createMockApi({ openapi: doc, auth: false, count: 0 })
    const make = async () =>
      (await (
        await api.app.request('/posts', {
          method: 'POST',
          headers: TOKEN,
          body: '{"title":"Héllo, World!"}',
        })
      ).json()) as { slug: string }
    expect((await make()).slug).toBe('hello-world')
    expect((await make()).slug).toBe('hello-world-2')
    expect((await api.app.request('/posts/hello-world')).status).toBe(200)
  })

  it('answers invalid fields with the declared 422 in the API’s own error shape, naming each', async () => {
    const res = await mock().app.request('/api/articles', post({ article: { title: 5 } }))
    expect(res.status).toBe(422)
    const body = (await res.json()) as { errors: { body: string[] } }
    expect(body.errors.body.join(' ')).toMatch(/title/)
    expect(body.errors.body.join(' ')).toMatch(/slug is required/)
  })

  it('answers invalid fields with the status whose problem code names validation_failed', async () => {
    const problem = (code: string) => ({
      description: 'error',
      content: {
        'application/problem+json': {
          schema: {
            type: 'object',
            required: ['code', 'detail'],
            properties: { code: { enum: [code] }, detail: { type: 'string' } },
          },
        },
      },
    })
    const json = {
      'application/json': {
        schema: { type: 'object', properties: { id: { type: 'integer' }, n: { type: 'integer' } } },
      },
    }
    const id = [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }]
    const doc = await loadOpenApi({
      openapi: '3.1.0',
      info: { title: 'Codes', version: '1' },
      servers: [{ url: 'https://api.example.test/v1' }],
      paths: {
        '/things': {
          post: {
            requestBody: { required: true, content: json },
            responses: {
              201: { description: 'ok', content: json },
              400: problem('validation_failed'),
              422: problem('idempotency_key_reused'),
            },
          },
        },
        '/things/{id}': {
          get: { parameters: id, responses: { 200: { description: 'ok', content: json } } },
        },
      },
    })
    const api = createMockApi({ openapi: doc, auth: false, count: 1 })
    const res = await api.app.request('/v1/things', post({ n: 'x' }))
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect(await res.json()).toMatchObject({ code: 'validation_failed', instance: '/v1/things' })
    expect(api.openapi('http://127.0.0.1:9').servers).toEqual([
      { url: 'http://127.0.0.1:9/v1', description: 'This mock' },
    ])
    expect(api.openapi().paths).toEqual(doc.written.paths)
  })

  it('keeps child collections under their parent: unknown parent 404, POST links the child', async () => {
    const api = mock()
    const [first] = (
      (await (await api.app.request('/api/articles')).json()) as { articles: { slug: string }[] }
    ).articles
    const slug = first?.slug ?? ''
    expect((await api.app.request('/api/articles/nope/comments')).status).toBe(404)
    const created = await api.app.request(
      `/api/articles/${slug}/comments`,
      post({ comment: { body: 'Nice' } }),
    )
    expect(created.status).toBe(200)
    const { comment } = (await created.json()) as { comment: { id: number; articleSlug: string } }
    expect(comment.articleSlug).toBe(slug)
    const list = (await (await api.app.request(`/api/articles/${slug}/comments`)).json()) as {
      comments: { id: number }[]
    }
    expect(list.comments.map((c) => c.id)).toContain(comment.id)
    const del = await api.app.request(`/api/articles/${slug}/comments/${comment.id}`, {
      method: 'DELETE',
      headers: TOKEN,
    })
    expect(del.status).toBe(200)
  })

  it('keeps references consistent: authorId holds an existing author id', async () => {
    const api = mock()
    const { articles } = (await (await api.app.request('/api/articles')).json()) as {
      articles: { authorId: number }[]
    }
    for (const a of articles)
      expect((await api.app.request(`/api/authors/${a.authorId}`)).status).toBe(200)
  })

  it('gives the same seed the same bytes', async () => {
    const a = await (await mock().app.request('/api/articles')).text()
    const b = await (await mock().app.request('/api/articles')).text()
    expect(a).toBe(b)
    expect(await (await mock({ seed: 4 }).app.request('/api/articles')).text()).not.toBe(a)
  })

  it('maps an API key header to the tokens, a leading word allowed; public operations need none', async () => {
    const api = mock()
    const body = { article: { slug: 's', title: 't', body: 'b', authorId: 1 } }
    expect(
      (await api.app.request('/api/articles', post(body, { 'Content-Type': 'application/json' })))
        .status,
    ).toBe(401)
    expect(
      (
        await api.app.request(
          '/api/articles',
          post(body, { ...TOKEN, Authorization: 'Token revoked-token' }),
        )
      ).status,
    ).toBe(403)
    expect(
      (
        await api.app.request(
          '/api/articles',
          post(body, { ...TOKEN, Authorization: 'Token read-token' }),
        )
      ).status,
    ).toBe(403)
    expect((await api.app.request('/api/articles', post(body))).status).toBe(201)
    expect((await api.app.request('/api/tags')).status).toBe(200)
  })

  it('answers stateless operations from the first example, or the one Prefer: example= names', async () => {
    const api = mock()
    expect(await (await api.app.request('/api/tags')).json()).toEqual({ tags: ['a', 'b'] })
    const none = await api.app.request('/api/tags', { headers: { Prefer: 'example=none' } })
    expect(await none.json()).toEqual({ tags: [] })
  })

  it('lets built-in scenarios act on the model’s routes, whatever the base path', async () => {
    const api = mock({ scenarios: ['notfound'], basePath: '/v9' })
    const res = await api.app.request('/v9/articles/anything')
    expect(res.status).toBe(404)
    expect(((await res.json()) as { errors: { body: string[] } }).errors.body[0]).toMatch(
      /scenario notfound/,
    )
    expect((await api.app.request('/v9/articles')).status).toBe(200)
  })

  it('shapes Prefer: code= errors too when the document declares that status', async () => {
    const res = await mock().app.request(
      '/api/articles',
      post({}, { ...TOKEN, Prefer: 'code=422' }),
    )
    expect(res.status).toBe(422)
    expect(Object.keys((await res.json()) as object)).toEqual(['errors'])
  })

  it('tells the admin API (and so the control page) its collections and operations', async () => {
    const state = (await (await mock().app.request('/__mockapi/state')).json()) as {
      openapi: { collections: { name: string; path: string }[]; operations: string[] }
    }
    expect(state.openapi.collections.map((c) => c.path)).toEqual([
      '/api/authors',
      '/api/articles',
      '/api/articles/{slug}/comments',
    ])
    expect(state.openapi.operations).toEqual(['GET /api/tags'])
  })

  it('answers a method the document does not declare with 405 and Allow, before any token check', async () => {
    const res = await mock().app.request('/api/tags', { method: 'DELETE' })
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS')
  })

  it('keeps sessions apart and records requests in the journal, as for built-in resources', async () => {
    const api = mock()
    const session = { 'X-Mockapi-Session': 'one', ...TOKEN }
    const { articles } = (await (await api.app.request('/api/articles')).json()) as {
      articles: { slug: string }[]
    }
    const slug = articles[0]?.slug ?? ''
    expect(
      (await api.app.request(`/api/articles/${slug}`, { method: 'DELETE', headers: session }))
        .status,
    ).toBe(204)
    expect((await api.app.request(`/api/articles/${slug}`, { headers: session })).status).toBe(404)
    expect((await api.app.request(`/api/articles/${slug}`)).status).toBe(200)
    const paths = (await api.requests()).map((entry) => entry.path)
    expect(paths).toContain(`/api/articles/${slug}`)
  })
})
