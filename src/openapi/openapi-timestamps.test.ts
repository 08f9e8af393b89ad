import { describe, expect, it } from 'vitest'
import { createMockApi } from '../create-mock-api.js'
import { loadOpenApi } from './load-openapi.js'

describe("a document's timestamps (realworld.yml: createdAt, updatedAt)", () => {
  it('are the time of the create and of each write, on the instance clock', async () => {
    const api = createMockApi({
      openapi: await loadOpenApi('test/fixtures/openapi/realworld.yml'),
      rateLimit: false,
    })
    const headers = { authorization: 'Token dev-token', 'content-type': 'application/json' }
    const write = async (method: string, path: string, body: object) => {
      const res = await api.app.request(`/api${path}`, {
        method,
        headers,
        body: JSON.stringify(body),
      })
      return ((await res.json()) as { article: { createdAt: string; updatedAt: string } }).article
    }
    const between = (iso: string, from: number, to: number) => {
      const ms = Date.parse(iso)
      return ms >= from && ms <= to
    }
    const before = Date.parse(api.clock().now)
    const made = await write('POST', '/articles', {
      article: { title: 'Stamped', description: 'd', body: 'b' },
    })
    expect(made.updatedAt).toBe(made.createdAt)
    expect(between(made.createdAt, before, Date.parse(api.clock().now))).toBe(true)
    await api.advanceClock('1h')
    const later = Date.parse(api.clock().now)
    const changed = await write('PUT', '/articles/stamped', { article: { title: 'Still' } })
    expect(changed.createdAt).toBe(made.createdAt)
    expect(between(changed.updatedAt, later, Date.parse(api.clock().now))).toBe(true)
    expect(Date.parse(changed.updatedAt) - Date.parse(made.createdAt)).toBeGreaterThanOrEqual(
      3_600_000,
    )
  })
})
