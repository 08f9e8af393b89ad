import { describe, expect, it } from 'vitest'
import { createMockApi, type MockApi } from '../create-mock-api.js'
import type { Problem } from '../http/problem.js'

const NOW = Date.UTC(2030, 0, 1)
const CORE = { auth: false, rateLimit: false, seed: 1, count: 5 } as const

function fresh(options: { requireIfMatch?: boolean; scenarios?: string[] } = {}): MockApi {
  return createMockApi({ ...CORE, clock: { now: () => NOW }, ...options })
}

function patch(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  }
}

async function etagOf(api: MockApi, path: string): Promise<string> {
  const res = await api.app.request(path)
  expect(res.status).toBe(200)
  return res.headers.get('etag') ?? ''
}

describe('validators', () => {
  it('gives every record a strong ETag and a Last-Modified from its updatedAt', async () => {
    const api = fresh()
    const res = await api.app.request('/users/1')
    const user = (await res.json()) as { updatedAt: string }
    expect(res.headers.get('etag')).toMatch(/^"[^"]+"$/)
    expect(res.headers.get('last-modified')).toBe(new Date(user.updatedAt).toUTCString())
  })

  it('changes the ETag on every write and gives a list a weak one that changes too', async () => {
    const api = fresh()
    const before = await etagOf(api, '/users/1')
    const listBefore = await etagOf(api, '/users')
    expect(listBefore).toMatch(/^W\/"[^"]+"$/)
    const res = await api.app.request('/users/1', patch({ name: 'Grace' }))
    expect(res.headers.get('etag')).not.toBe(before)
    expect(res.headers.get('etag')).toBe(await etagOf(api, '/users/1'))
    expect(await etagOf(api, '/users')).not.toBe(listBefore)
  })

  it('gives a created record its ETag with the 201', async () => {
    const api = fresh()
    const res = await api.app.request('/users', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Ada', email: 'ada@example.test', role: 'admin' }),
    })
    expect(res.status).toBe(201)
    expect(res.headers.get('etag')).toBe(
      await etagOf(api, new URL(res.headers.get('location') ?? '').pathname),
    )
  })
})

describe('conditional reads', () => {
  it.each(['/users/1', '/users?sort=name'])(
    'answers %s 304 with no body while If-None-Match matches',
    async (path) => {
      const api = fresh()
      const etag = await etagOf(api, path)
      for (const method of ['GET', 'HEAD']) {
        const res = await api.app.request(path, {
          method,
          headers: { 'If-None-Match': `"x", ${etag}` },
        })
        expect(res.status).toBe(304)
        expect(await res.text()).toBe('')
        expect(res.headers.get('etag')).toBe(etag)
      }
      const star = await api.app.request(path, { headers: { 'If-None-Match': '*' } })
      expect(star.status).toBe(304)
    },
  )

  it('answers 200 once the record changed, and honours If-Modified-Since without a tag', async () => {
    const api = fresh()
    const first = await api.app.request('/users/1')
    const etag = first.headers.get('etag') ?? ''
    const lastModified = first.headers.get('last-modified') ?? ''
    const since = await api.app.request('/users/1', {
      headers: { 'If-Modified-Since': lastModified },
    })
    expect(since.status).toBe(304)
    await api.app.request('/users/1', patch({ name: 'Grace' }))
    const res = await api.app.request('/users/1', { headers: { 'If-None-Match': etag } })
    expect(res.status).toBe(200)
    expect(((await res.json()) as { name: string }).name).toBe('Grace')
  })
})

describe('conditional writes', () => {
  it('lets the first of two clients with the same ETag win and gives the second 412', async () => {
    const api = fresh()
    const etag = await etagOf(api, '/users/1')
    const alice = await api.app.request('/users/1', patch({ name: 'Alice' }, { 'If-Match': etag }))
    expect(alice.status).toBe(200)
    const bob = await api.app.request('/users/1', patch({ name: 'Bob' }, { 'If-Match': etag }))
    expect(bob.status).toBe(412)
    expect(bob.headers.get('content-type')).toBe('application/problem+json')
    const problem = (await bob.json()) as Problem
    expect(problem).toMatchObject({
      status: 412,
      code: 'precondition_failed',
      title: 'Precondition Failed',
    })
    const current = (await (await api.app.request('/users/1')).json()) as { name: string }
    expect(current.name).toBe('Alice')
    // Bob reads again and retries with the new tag: it succeeds.
    const retry = await api.app.request(
      '/users/1',
      patch({ name: 'Bob' }, { 'If-Match': await etagOf(api, '/users/1') }),
    )
    expect(retry.status).toBe(200)
  })

  it('refuses a DELETE whose If-Match or If-Unmodified-Since does not hold, deleting nothing', async () => {
    const api = fresh()
    const old = new Date(Date.UTC(2000, 0, 1)).toUTCString()
    for (const headers of [
      { 'If-Match': '"nope"' },
      { 'If-Match': 'W/"0.1"' },
      { 'If-Unmodified-Since': old },
    ]) {
      const res = await api.app.request('/users/1', { method: 'DELETE', headers })
      expect(res.status).toBe(412)
    }
    expect((await api.app.request('/users/1')).status).toBe(200)
    const star = await api.app.request('/users/1', {
      method: 'DELETE',
      headers: { 'If-Match': '*' },
    })
    expect(star.status).toBe(204)
  })

  it('answers 428 to writes without If-Match under requireIfMatch, and lets matching ones through', async () => {
    const api = fresh({ requireIfMatch: true })
    const bare = await api.app.request('/users/1', patch({ name: 'Grace' }))
    expect(bare.status).toBe(428)
    expect(((await bare.json()) as Problem).code).toBe('precondition_required')
    const del = await api.app.request('/users/1', { method: 'DELETE' })
    expect(del.status).toBe(428)
    const etag = await etagOf(api, '/users/1')
    const ok = await api.app.request('/users/1', patch({ name: 'Grace' }, { 'If-Match': etag }))
    expect(ok.status).toBe(200)
  })

  it('puts 404 before 428, 428 before 412, and 412 before invalid fields', async () => {
    const api = fresh({ requireIfMatch: true })
    const missing = await api.app.request('/users/999', patch({ name: 'x' }))
    expect(missing.status).toBe(404)
    const invalid = await api.app.request('/users/1', patch({ email: 42 }))
    expect(invalid.status).toBe(428)
    const stale = await api.app.request('/users/1', patch({ email: 42 }, { 'If-Match': '"old"' }))
    expect(stale.status).toBe(412)
    const malformed = await api.app.request('/users/1', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: '{',
    })
    expect(malformed.status).toBe(400)
  })
})

describe('PUT', () => {
  it('replaces only with a matching If-Match, answers the new ETag, and needs one under requireIfMatch', async () => {
    const api = fresh({ requireIfMatch: true })
    const put = (headers: Record<string, string>) =>
      api.app.request('/users/1', {
        method: 'PUT',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ name: 'Grace', email: 'grace@example.com', role: 'admin' }),
      })
    expect((await put({})).status).toBe(428)
    expect((await put({ 'If-Match': '"nope"' })).status).toBe(412)
    const etag = await etagOf(api, '/users/1')
    const ok = await put({ 'If-Match': etag })
    expect(ok.status).toBe(200)
    expect(ok.headers.get('etag')).not.toBe(etag)
    expect(ok.headers.get('etag')).toBe(await etagOf(api, '/users/1'))
  })
})

describe('the conflict scenario', () => {
  it('gives the first write to each record 412 and lets the re-read retry through', async () => {
    const api = fresh({ scenarios: ['conflict'] })
    for (const id of [1, 2]) {
      const etag = await etagOf(api, `/users/${id}`)
      const first = await api.app.request(
        `/users/${id}`,
        patch({ name: 'Ada' }, { 'If-Match': etag }),
      )
      expect(first.status).toBe(412)
      expect(((await first.json()) as Problem).code).toBe('precondition_failed')
      const again = await api.app.request(
        `/users/${id}`,
        patch({ name: 'Ada' }, { 'If-Match': await etagOf(api, `/users/${id}`) }),
      )
      expect(again.status).toBe(200)
    }
  })
})
