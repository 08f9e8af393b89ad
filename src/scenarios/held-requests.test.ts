import { request } from 'node:http'
import { expect, it } from 'vitest'
import { createMockApi } from '../create-mock-api.js'
import { startMockApi } from '../start-mock-api.js'

// A request held by `Prefer: delay` or a `hang` fault lets go of its timer when its client leaves.

const AUTH = { Authorization: 'Bearer dev-token' }

function timers(): number {
  return process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length
}

it('in-process, aborting a request held by Prefer: delay=600s ends it at once', async () => {
  const api = createMockApi({ seed: 1, count: 3 })
  const abort = new AbortController()
  const held = api.fetch(
    new Request('http://mock/users/1', {
      headers: { ...AUTH, Prefer: 'delay=600s' },
      signal: abort.signal,
    }),
  )
  await new Promise((resolve) => setTimeout(resolve, 50))
  abort.abort()
  // Without the release, the request would wait its 600 s and the test time out.
  await expect(held).rejects.toMatchObject({ name: 'AbortError' })
})

it('on a socket, 50 clients that disconnect from delayed requests release their timers', async () => {
  const api = await startMockApi({ seed: 1, count: 3, port: 0 })
  try {
    const before = timers()
    const requests = Array.from({ length: 50 }, () => {
      const req = request(`${api.url}/users/1`, { headers: { ...AUTH, Prefer: 'delay=600s' } })
      req.on('error', () => {})
      req.end()
      return req
    })
    await expect.poll(timers).toBeGreaterThanOrEqual(before + 50)
    for (const req of requests) req.destroy()
    await expect.poll(timers).toBeLessThan(before + 5)
    expect((await fetch(`${api.url}/__mockapi/health`)).status).toBe(200)
  } finally {
    await api.close()
  }
})
