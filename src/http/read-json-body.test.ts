import { expect, it } from 'vitest'
import { createMockApi } from '../create-mock-api.js'
import { MAX_BODY_BYTES } from './read-json-body.js'

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  createMockApi({ count: 3 }).fetch(
    new Request('http://mock/users', {
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
  const res = await post(JSON.stringify({ name: 'x'.repeat(MAX_BODY_BYTES) }))
  expect(res.status).toBe(413)
  expect(res.headers.get('content-type')).toBe('application/problem+json')
  expect(await res.json()).toMatchObject({ code: 'payload_too_large', status: 413 })
})

it('accepts a body just under the limit and judges its fields', async () => {
  const name = 'x'.repeat(MAX_BODY_BYTES - 100)
  const res = await post(JSON.stringify({ name, email: 'a@b.co', role: 'admin' }))
  expect(res.status).toBe(400)
  expect(await res.json()).toMatchObject({ code: 'validation_failed' })
})
