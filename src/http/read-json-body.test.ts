import { describe, expect, it } from 'vitest'
import { createMockApi, type MockApi } from '../create-mock-api.js'
import { DEFAULT_MAX_BODY_BYTES, MAX_JSON_DEPTH } from './read-json-body.js'

const post = (
  body: BodyInit,
  headers: Record<string, string> = {},
  path = '/users',
  api = createMockApi({ count: 3 }),
) =>
  api.fetch(
    new Request(`http://mock${path}`, {
      method: 'POST',
      headers: {
        authorization: 'Bearer dev-token',
        'content-type': 'application/json',
        ...headers,
      },
      body,
    }),
  )

it('refuses a body that is not UTF-8 with 400 invalid_json instead of storing replacement characters', async () => {
  const bytes = new Uint8Array([
    ...new TextEncoder().encode('{"name":"'),
    0xff,
    0xfe,
    ...new TextEncoder().encode('","email":"a@b.co","role":"admin"}'),
  ])
  const res = await post(bytes)
  expect(res.status).toBe(400)
  expect(await res.json()).toMatchObject({ code: 'invalid_json', status: 400 })
})

it('accepts UTF-8 text beyond ASCII', async () => {
  const res = await post(JSON.stringify({ name: 'Zoë Ñúñez 名前', email: 'z@b.co', role: 'admin' }))
  expect(res.status).toBe(201)
  expect(await res.json()).toMatchObject({ name: 'Zoë Ñúñez 名前' })
})

it('refuses a body over the limit with 413 payload_too_large in the one error shape', async () => {
  const res = await post(JSON.stringify({ name: 'x'.repeat(DEFAULT_MAX_BODY_BYTES) }))
  expect(res.status).toBe(413)
  expect(res.headers.get('content-type')).toBe('application/problem+json')
  expect(await res.json()).toMatchObject({ code: 'payload_too_large', status: 413 })
})

it('accepts a body just under the limit and judges its fields', async () => {
  const name = 'x'.repeat(DEFAULT_MAX_BODY_BYTES - 100)
  const res = await post(JSON.stringify({ name, email: 'a@b.co', role: 'admin' }))
  expect(res.status).toBe(400)
  expect(await res.json()).toMatchObject({ code: 'validation_failed' })
})

describe('the body limit is the instance’s own: maxBodySize', () => {
  const postTo = (api: MockApi, body: string) =>
    api.fetch(
      new Request('http://mock/users', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      }),
    )
  const body = JSON.stringify({ name: 'x'.repeat(2000), email: 'a@b.co', role: 'admin' })

  it.each([
    ['bytes', { maxBodySize: 1024 }, '1 KB (1024 bytes)'],
    ['a size with a unit', { maxBodySize: '1kb' }, '1 KB (1024 bytes)'],
    [
      'the config file key',
      { config: { builtins: true, resources: [], maxBodySize: 1500 } },
      '1500 bytes',
    ],
  ] as const)('set as %s: 413 names the limit', async (_, options, limit) => {
    const res = await postTo(createMockApi({ auth: false, ...options }), body)
    expect(res.status).toBe(413)
    expect((await res.json()).detail).toContain(`the limit of ${limit}`)
  })

  it('lets a larger body through when the limit is raised', async () => {
    const api = createMockApi({ auth: false, maxBodySize: '2mb' })
    const res = await postTo(api, JSON.stringify({ name: 'x'.repeat(1_500_000) }))
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ code: 'validation_failed' })
  })
})

describe('nesting', () => {
  const tags = (levels: number) => `[${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}]`
  const task = (levels: number) =>
    `{"title":"t","status":"todo","projectId":1,"tags":${tags(levels - 1)}}`

  it(`accepts a body ${MAX_JSON_DEPTH} levels deep`, async () => {
    expect((await post(task(MAX_JSON_DEPTH), {}, '/tasks')).status).toBe(201)
  })

  it.each([MAX_JSON_DEPTH + 1, 10_000, 100_000])(
    'refuses a body %d levels deep with 400 too_deep, and stores nothing',
    async (levels) => {
      const api = createMockApi({ count: 3 })
      const res = await post(task(levels), {}, '/tasks', api)
      expect(res.status).toBe(400)
      expect(await res.json()).toMatchObject({ code: 'too_deep' })
      const list = await api.fetch(
        new Request('http://mock/tasks', { headers: { authorization: 'Bearer dev-token' } }),
      )
      expect(list.status).toBe(200)
      expect(list.headers.get('x-total-count')).toBe('3')
    },
  )

  it('counts brackets inside strings as text', async () => {
    const res = await post(
      `{"title":"${'[{'.repeat(90)}","status":"todo","projectId":1}`,
      {},
      '/tasks',
    )
    expect(res.status).toBe(201)
  })
})

it('reads no further than the limit a body that no route reads (the journal keeps none of it)', async () => {
  const api = createMockApi({ auth: false })
  let pulled = 0
  const endless = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled += 64 * 1024
      if (pulled > 50 * 1024 * 1024) controller.close()
      else controller.enqueue(new Uint8Array(64 * 1024).fill(0x20))
    },
  })
  const res = await api.fetch(
    new Request('http://mock/nothing-here', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: endless,
      duplex: 'half',
    } as RequestInit),
  )
  expect(res.status).toBe(404)
  expect(pulled).toBeLessThan(2 * DEFAULT_MAX_BODY_BYTES)
  expect((await api.requests())[0]?.body).toBeNull()
})
