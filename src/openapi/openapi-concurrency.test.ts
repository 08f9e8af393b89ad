import { describe, expect, it } from 'vitest'
import { createMockApi } from '../create-mock-api.js'
import { loadOpenApi } from './load-openapi.js'
import { REALWORLD } from './realworld.test-support.js'

const museum = await loadOpenApi('test/fixtures/openapi/museum.yaml')
const realworld = await loadOpenApi(REALWORLD)
const petstore = await loadOpenApi('test/fixtures/openapi/petstore3.yaml')
const EVENTS = '/_mock/docs/openapi/museum-api/special-events'
const JSON_TYPE = { 'content-type': 'application/json' }
const CORE = { auth: false, rateLimit: false, seed: 2, count: 3 } as const

function patch(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method: 'PATCH', headers: { ...JSON_TYPE, ...headers }, body: JSON.stringify(body) }
}

describe('optimistic concurrency on an imported collection', () => {
  it('keeps both edits of two clients PATCHing with If-Match: the second gets 412, re-reads and wins', async () => {
    const api = createMockApi({ openapi: museum, ...CORE })
    const [first] = (await (await api.app.request(EVENTS)).json()) as { eventId: string }[]
    const path = `${EVENTS}/${first?.eventId}`
    const read = async () => {
      const res = await api.app.request(path)
      return { etag: res.headers.get('etag') ?? '', event: (await res.json()) as object }
    }
    // Both clients read the same version.
    const alice = await read()
    const bob = await read()
    expect(bob.etag).toBe(alice.etag)
    const aliceWrite = await api.app.request(path, patch({ price: 5 }, { 'If-Match': alice.etag }))
    expect(aliceWrite.status).toBe(200)
    const bobWrite = await api.app.request(
      path,
      patch({ location: 'Roof' }, { 'If-Match': bob.etag }),
    )
    expect(bobWrite.status).toBe(412)
    expect(await bobWrite.json()).toMatchObject({ code: 'precondition_failed', status: 412 })
    // Bob's stale write changed nothing: Alice's edit is there alone.
    const between = await read()
    expect(between.event).toMatchObject({
      price: 5,
      location: (alice.event as { location: string }).location,
    })
    const retry = await api.app.request(
      path,
      patch({ location: 'Roof' }, { 'If-Match': between.etag }),
    )
    expect(retry.status).toBe(200)
    expect((await read()).event).toMatchObject({ price: 5, location: 'Roof' })
  })

  it('keeps the contract order: malformed 400, 404, 428, 412, then invalid fields', async () => {
    const api = createMockApi({ openapi: museum, ...CORE, requireIfMatch: true })
    const [first] = (await (await api.app.request(EVENTS)).json()) as { eventId: string }[]
    const path = `${EVENTS}/${first?.eventId}`
    const malformed = await api.app.request(path, {
      method: 'PATCH',
      headers: JSON_TYPE,
      body: '{',
    })
    expect(malformed.status).toBe(400)
    const missing = `${EVENTS}/3be6453c-03eb-4357-ae5a-984a0e574a55`
    expect((await api.app.request(missing, patch({ price: 'x' }))).status).toBe(404)
    expect((await api.app.request(path, patch({ price: 'x' }))).status).toBe(428)
    const stale = await api.app.request(path, patch({ price: 'x' }, { 'If-Match': '"old"' }))
    expect(stale.status).toBe(412)
    const etag = (await api.app.request(path)).headers.get('etag') ?? ''
    const invalid = await api.app.request(path, patch({ price: 'x' }, { 'If-Match': etag }))
    expect(invalid.status).toBe(400)
    expect(await invalid.json()).toMatchObject({ code: 'validation_failed' })
  })
})

describe('Idempotency-Key on a document with envelopes and its own error shape', () => {
  const article = { slug: 'once', title: 'Once', body: 'Only once', authorId: 1 }
  const post = (body: unknown, key: string) =>
    api.app.request('/api/articles', {
      method: 'POST',
      headers: { ...JSON_TYPE, 'Idempotency-Key': key },
      body: JSON.stringify(body),
    })
  const api = createMockApi({ openapi: realworld, ...CORE })

  it('replays a wrapped record as it was sent, and answers a reused key in the 422 the document declares', async () => {
    const first = await post({ article }, 'k-1')
    expect(first.status).toBe(201)
    const replay = await post({ article }, 'k-1')
    expect(replay.status).toBe(201)
    expect(replay.headers.get('idempotent-replayed')).toBe('true')
    expect(await replay.json()).toEqual({ article })
    expect(await first.json()).toEqual({ article })
    const reused = await post({ article: { ...article, title: 'Twice' } }, 'k-1')
    expect(reused.status).toBe(422)
    const body = (await reused.json()) as { errors: { body: string[] } }
    expect(body.errors.body.join(' ')).toMatch(/Idempotency-Key/)
    const record = await api.app.request('/api/articles/once')
    expect(await record.json()).toEqual({ article })
    expect(record.headers.get('etag')).toBe(replay.headers.get('etag'))
  })
})

describe("petstore3's form update, a POST on the record's path", () => {
  it('honours If-Match and replays a retry with its Idempotency-Key', async () => {
    const api = createMockApi({ openapi: petstore, ...CORE })
    const update = (name: string, headers: Record<string, string>) =>
      api.app.request(`/api/v3/pet/1?name=${name}`, { method: 'POST', headers })
    const etag = (await api.app.request('/api/v3/pet/1')).headers.get('etag') ?? ''
    expect((await update('Rex', { 'If-Match': '"stale"' })).status).toBe(412)
    const first = await update('Rex', { 'If-Match': etag, 'Idempotency-Key': 'form-1' })
    expect(first.status).toBe(200)
    const retry = await update('Rex', { 'If-Match': etag, 'Idempotency-Key': 'form-1' })
    // The retry's If-Match is stale now: the precondition is checked before the key, as built-ins do.
    expect(retry.status).toBe(412)
    const again = await update('Rex', { 'Idempotency-Key': 'form-1' })
    expect(again.status).toBe(200)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'))
    expect((await update('Max', { 'Idempotency-Key': 'form-1' })).status).toBe(422)
    const pet = (await (await api.app.request('/api/v3/pet/1')).json()) as { name: string }
    expect(pet.name).toBe('Rex')
  })
})

describe('a child collection (/articles/{slug}/comments/{id})', () => {
  it('creates one comment per Idempotency-Key, and conflict fails its first DELETE with 412', async () => {
    const api = createMockApi({ openapi: realworld, ...CORE, scenarios: ['conflict'] })
    const articles = (await (await api.app.request('/api/articles')).json()) as {
      articles: { slug: string }[]
    }
    const comments = `/api/articles/${articles.articles[0]?.slug}/comments`
    const count = async () =>
      ((await (await api.app.request(comments)).json()) as { comments: unknown[] }).comments.length
    const before = await count()
    const post = () =>
      api.app.request(comments, {
        method: 'POST',
        headers: { ...JSON_TYPE, 'Idempotency-Key': 'c-1' },
        body: JSON.stringify({ comment: { body: 'Nice' } }),
      })
    const first = await post()
    expect(first.status).toBe(200)
    const replay = await post()
    expect(replay.headers.get('idempotent-replayed')).toBe('true')
    expect(await count()).toBe(before + 1)
    const { comment } = (await first.json()) as { comment: { id: number } }
    const path = `${comments}/${comment.id}`
    expect((await api.app.request(path, { method: 'DELETE' })).status).toBe(412)
    expect((await api.app.request(path, { method: 'DELETE' })).status).toBe(200)
    expect(await count()).toBe(before)
  })
})
