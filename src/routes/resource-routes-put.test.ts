import { describe, expect, it } from 'vitest'
import { createMockApi } from '../create-mock-api.js'

const CORE = { auth: false, rateLimit: false, seed: 1 } as const
const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
})

describe('PUT on built-in resources', () => {
  it('replaces the writable fields and keeps the server-set ones', async () => {
    const api = createMockApi(CORE)
    const before = (await (await api.app.request('/users/1')).json()) as Record<string, unknown>
    const body: Record<string, unknown> = {
      ...before,
      name: 'Grace Hopper',
      email: 'grace@example.test',
      role: 'admin',
    }
    delete body.createdAt
    const res = await api.app.request('/users/1', json('PUT', { ...body, id: 999 }))
    expect(res.status).toBe(200)
    const after = (await res.json()) as Record<string, unknown>
    expect(after).toMatchObject({ id: 1, name: 'Grace Hopper', createdAt: before.createdAt })
    expect(after.updatedAt).not.toBe(before.updatedAt)
    expect(await (await api.app.request('/users/1')).json()).toEqual(after)
  })

  it('answers 400 naming every missing required field', async () => {
    const api = createMockApi(CORE)
    const res = await api.app.request('/users/1', json('PUT', { role: 'admin' }))
    expect(res.status).toBe(400)
    const fields = ((await res.json()) as { errors: { field: string }[] }).errors.map(
      (e) => e.field,
    )
    expect(fields).toEqual(expect.arrayContaining(['name', 'email']))
  })

  it('answers 404 for an unknown id', async () => {
    const api = createMockApi(CORE)
    const res = await api.app.request(
      '/users/9999',
      json('PUT', { name: 'x', email: 'x@example.test' }),
    )
    expect(res.status).toBe(404)
  })

  it('lists PUT in Allow on an item', async () => {
    const res = await createMockApi(CORE).app.request('/users/1', { method: 'OPTIONS' })
    expect(res.headers.get('allow')).toBe('GET, HEAD, PUT, PATCH, DELETE, OPTIONS')
  })

  it('counts as a write for a read-only token and for the forbidden scenario', async () => {
    const token = createMockApi({ seed: 1, rateLimit: false })
    const read = await token.app.request('/users/1', {
      ...json('PUT', { name: 'x', email: 'x@example.test' }),
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer read-token' },
    })
    expect(read.status).toBe(403)
    const forbidden = createMockApi({ ...CORE, scenarios: ['forbidden'] })
    const res = await forbidden.app.request(
      '/users/1',
      json('PUT', { name: 'x', email: 'x@example.test' }),
    )
    expect(res.status).toBe(403)
  })
})
