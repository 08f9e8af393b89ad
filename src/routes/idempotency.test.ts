import { describe, expect, it } from 'vitest'
import type { Problem } from '../http/problem.js'
import { createMockApi, type MockApi, type MockApiOptions } from '../index.js'
import { createIdempotencyKeys } from './create-idempotency-keys.js'

const NOW = Date.UTC(2030, 0, 1)
const USER = { name: 'Ada Lovelace', email: 'ada@example.test', role: 'admin' }

function fresh(options: MockApiOptions = {}): MockApi {
  return createMockApi({
    rateLimit: false,
    seed: 1,
    count: 5,
    clock: { now: () => NOW },
    ...options,
  })
}

function post(body: unknown, key: string | undefined, token = 'dev-token', path = '/users') {
  return new Request(`http://mock${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      ...(key === undefined ? {} : { 'idempotency-key': key }),
    },
    body: JSON.stringify(body),
  })
}

// Five records in each of the default tokens' two workspaces.
const SEEDED = 10
const countOf = (api: MockApi, name = 'users') =>
  api.resources().find((r) => r.name === name)?.count

describe('Idempotency-Key', () => {
  it('carries a POST out once and replays its answer to a repeat', async () => {
    const api = fresh()
    const first = await api.app.request(post(USER, 'key-1'))
    expect(first.status).toBe(201)
    const second = await api.app.request(post(USER, 'key-1'))
    expect(second.status).toBe(201)
    expect(second.headers.get('idempotent-replayed')).toBe('true')
    expect(first.headers.get('idempotent-replayed')).toBeNull()
    expect(second.headers.get('location')).toBe(first.headers.get('location'))
    expect(await second.json()).toEqual(await first.json())
    expect(countOf(api)).toBe(SEEDED + 1)
    // The key is sf-string in the draft: the quoted form is the same key.
    const quoted = await api.app.request(post(USER, '"key-1"'))
    expect(quoted.headers.get('idempotent-replayed')).toBe('true')
  })

  it('answers 422 idempotency_key_reused to the same key with another body, creating nothing', async () => {
    const api = fresh()
    await api.app.request(post(USER, 'key-1'))
    const res = await api.app.request(post({ ...USER, name: 'Grace' }, 'key-1'))
    expect(res.status).toBe(422)
    const problem = (await res.json()) as Problem
    expect(problem).toMatchObject({ status: 422, code: 'idempotency_key_reused' })
    expect(countOf(api)).toBe(SEEDED + 1)
  })

  it('keeps keys per client, and replays a PATCH', async () => {
    const api = fresh()
    await api.app.request(post(USER, 'shared'))
    const other = await api.app.request(post(USER, 'shared', 'other-token'))
    expect(other.status).toBe(201)
    expect(other.headers.get('idempotent-replayed')).toBeNull()
    const patch = (name: string) =>
      new Request('http://mock/users/1', {
        method: 'PATCH',
        headers: {
          'content-type': 'application/json',
          authorization: 'Bearer dev-token',
          'idempotency-key': 'p-1',
        },
        body: JSON.stringify({ name }),
      })
    const first = await api.app.request(patch('Grace'))
    const again = await api.app.request(patch('Grace'))
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'))
  })

  it('does not keep a failed write: invalid fields, injected errors', async () => {
    const api = fresh({ scenarios: ['recovering'] })
    for (let attempt = 0; attempt < 2; attempt++) {
      expect((await api.app.request(post(USER, 'retry'))).status).toBe(503)
    }
    expect((await api.app.request(post(USER, 'retry'))).status).toBe(201)
    expect((await api.app.request(post(USER, 'retry'))).headers.get('idempotent-replayed')).toBe(
      'true',
    )
    expect(countOf(api)).toBe(SEEDED + 1)
    const invalid = await api.app.request(post({ name: '' }, 'bad'))
    expect(invalid.status).toBe(400)
    expect((await api.app.request(post(USER, 'bad'))).status).toBe(201)
  })

  it('forgets keys after 24 hours of virtual time, and on reset', async () => {
    const api = fresh()
    await api.app.request(post(USER, 'day'))
    await api.advanceClock('23h')
    expect((await api.app.request(post(USER, 'day'))).headers.get('idempotent-replayed')).toBe(
      'true',
    )
    await api.advanceClock('1h')
    const later = await api.app.request(post(USER, 'day'))
    expect(later.headers.get('idempotent-replayed')).toBeNull()
    expect(countOf(api)).toBe(SEEDED + 2)
    await api.reset()
    expect((await api.app.request(post(USER, 'day'))).headers.get('idempotent-replayed')).toBeNull()
  })

  it('replays an answer over 64 KB with the record as it is now', async () => {
    const api = fresh({
      auth: false,
      config: {
        builtins: false,
        resources: [{ name: 'notes', fields: { text: { type: 'string' } } }],
      },
    })
    const text = 'x'.repeat(70 * 1024)
    const first = await api.app.request(post({ text }, 'big', 'none', '/notes'))
    expect(first.status).toBe(201)
    const again = await api.app.request(post({ text }, 'big', 'none', '/notes'))
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(await again.json()).toEqual(await first.json())
  })
})

describe('createIdempotencyKeys', () => {
  it('holds at most max keys, dropping the oldest first', () => {
    const keys = createIdempotencyKeys({ clock: { now: () => NOW }, max: 2 })
    const answer = {
      fingerprint: 'f',
      status: 201,
      body: '{}',
      headers: {},
      resource: 'r',
      id: '1',
    }
    for (const slot of ['a', 'b', 'c']) {
      expect(keys.claim(slot)).toBe(true)
      keys.complete(slot, answer)
    }
    expect(keys.size).toBe(2)
    expect(keys.state('a').kind).toBe('new')
    expect(keys.state('c').kind).toBe('done')
    expect(keys.claim('c')).toBe(false)
  })
})

describe('Idempotency-Key and the memory budget', () => {
  it('counts stored answers in --max-memory and lets the oldest go when it is full', async () => {
    const api = fresh({ maxMemory: 64 * 1024 })
    const big = { ...USER, name: 'x'.repeat(50) }
    for (let i = 0; i < 200; i++) {
      expect((await api.app.request(post(big, `key-${i}`))).status).toBe(201)
    }
    const { usedBytes, maxBytes } = api.memory()
    expect(usedBytes).toBeGreaterThan(0)
    expect(usedBytes).toBeLessThanOrEqual(maxBytes)
    // The newest key is still held and replays; the oldest was let go, so it is a new request.
    const newest = await api.app.request(post(big, 'key-199'))
    expect(newest.headers.get('idempotent-replayed')).toBe('true')
    const before = countOf(api)
    const oldest = await api.app.request(post(big, 'key-0'))
    expect(oldest.status).toBe(201)
    expect(oldest.headers.get('idempotent-replayed')).toBeNull()
    expect(countOf(api)).toBe((before ?? 0) + 1)
  })
})
