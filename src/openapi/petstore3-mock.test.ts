import { describe, expect, it } from 'vitest'
import { createMockApi } from '../create-mock-api.js'
import { loadOpenApi } from './load-openapi.js'

const petstore = await loadOpenApi('test/fixtures/openapi/petstore3.yaml')
const headers = { Authorization: 'Bearer dev-token', 'Content-Type': 'application/json' }

describe('a mock of petstore3', () => {
  it('answers its finders from the pet collection, so a new pet is found', async () => {
    const api = createMockApi({ openapi: petstore, rateLimit: false })
    const pet = { name: 'Zed', photoUrls: [], status: 'pending', tags: [{ id: 1, name: 'zz' }] }
    const created = await api.app.request('/api/v3/pet', {
      method: 'POST',
      headers,
      body: JSON.stringify(pet),
    })
    expect(created.status).toBe(200)
    const { id } = (await created.json()) as { id: number }
    const byStatus = (await (
      await api.app.request('/api/v3/pet/findByStatus?status=pending', { headers })
    ).json()) as { id: number; status: string }[]
    expect(byStatus.map((p) => p.id)).toContain(id)
    expect(byStatus.every((p) => p.status === 'pending')).toBe(true)
    const byTags = (await (
      await api.app.request('/api/v3/pet/findByTags?tags=zz', { headers })
    ).json()) as { id: number }[]
    expect(byTags.map((p) => p.id)).toEqual([id])
  })

  it('updates through PUT on the collection path, the key in the body', async () => {
    const api = createMockApi({ openapi: petstore, rateLimit: false })
    const res = await api.app.request('/api/v3/pet', {
      method: 'PUT',
      headers,
      body: JSON.stringify({ id: 3, name: 'Rex', photoUrls: [] }),
    })
    expect(res.status).toBe(200)
    expect(await (await api.app.request('/api/v3/pet/3', { headers })).json()).toEqual({
      id: 3,
      name: 'Rex',
      photoUrls: [],
    })
    const missing = await api.app.request('/api/v3/pet', {
      method: 'PUT',
      headers,
      body: JSON.stringify({ id: 999, name: 'x', photoUrls: [] }),
    })
    expect(missing.status).toBe(404)
  })

  it('lets notfound hit /api/v3/pet/1 but not its finders', async () => {
    const api = createMockApi({ openapi: petstore, rateLimit: false, scenarios: ['notfound'] })
    expect((await api.app.request('/api/v3/pet/1', { headers })).status).toBe(404)
    expect((await api.app.request('/api/v3/pet/findByStatus', { headers })).status).toBe(200)
  })

  it('takes the api_key header as a token where the document allows it, and refuses it elsewhere', async () => {
    const api = createMockApi({ openapi: petstore, rateLimit: false })
    expect(
      (await api.app.request('/api/v3/store/inventory', { headers: { api_key: 'dev-token' } }))
        .status,
    ).toBe(200)
    expect(
      (await api.app.request('/api/v3/pet/findByStatus', { headers: { api_key: 'dev-token' } }))
        .status,
    ).toBe(401)
    expect((await api.app.request('/api/v3/user/login')).status).toBe(200)
  })
})

describe('an operation that declares 200 without content (petstore3 GET /user/logout)', () => {
  it('answers that 200 with no body, not a 204 it does not declare', async () => {
    const api = createMockApi({ openapi: petstore, rateLimit: false })
    const res = await api.app.request('/api/v3/user/logout', { headers })
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('')
  })
})
