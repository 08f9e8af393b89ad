import { expect, it } from 'vitest'
import { createMockApi } from '../create-mock-api.js'
import type { Problem } from '../http/problem.js'

function put(api: ReturnType<typeof createMockApi>, path: string, body: string) {
  return api.fetch(
    new Request(`http://mock/__mockapi${path}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body,
    }),
  )
}

it('PUT /scenarios/active drops duplicate names and takes at most 100', async () => {
  const api = createMockApi()
  const twice = await put(api, '/scenarios/active', JSON.stringify({ names: ['slow', 'slow'] }))
  expect(twice.status).toBe(200)
  expect(await twice.json()).toEqual({ active: ['slow'] })
  const many = Array.from({ length: 101 }, (_, i) => `s${i}`)
  const res = await put(api, '/scenarios/active', JSON.stringify({ names: many }))
  expect(res.status).toBe(400)
  const problem = (await res.json()) as Problem
  expect(problem).toMatchObject({
    code: 'validation_failed',
    errors: [{ field: 'names', message: 'must list at most 100 scenarios' }],
  })
  expect(api.settings().scenarios.map((s) => s.name)).toEqual(['slow'])
})

it('refuses an admin body above 256 KB with 413 before parsing it', async () => {
  const api = createMockApi()
  const names = Array.from({ length: 116_000 }, () => 'slow')
  const res = await put(api, '/scenarios/active', JSON.stringify({ names }))
  expect(res.status).toBe(413)
  expect(((await res.json()) as Problem).code).toBe('payload_too_large')
  const padded = JSON.stringify({ enabled: true, pad: 'x'.repeat(200 * 1024) })
  expect((await put(api, '/maintenance', padded)).status).toBe(200)
})
