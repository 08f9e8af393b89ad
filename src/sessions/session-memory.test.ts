import { expect, it } from 'vitest'
import { createMockApi } from '../create-mock-api.js'

const headers = { Authorization: 'Bearer dev-token', 'Content-Type': 'application/json' }
// Ten tags of a tenth each: a record of about `pad` characters.
const task = (pad: number) => ({
  title: 'big',
  status: 'todo',
  projectId: 1,
  tags: Array.from({ length: 10 }, () => 'x'.repeat(pad / 10)),
})

function post(api: ReturnType<typeof createMockApi>, session: string | undefined, pad: number) {
  return api.fetch(
    new Request('http://mock/tasks', {
      method: 'POST',
      headers: session === undefined ? headers : { ...headers, 'X-Mockapi-Session': session },
      body: JSON.stringify(task(pad)),
    }),
  )
}

async function total(api: ReturnType<typeof createMockApi>, session: string) {
  const res = await api.fetch(
    new Request('http://mock/tasks?per_page=1', {
      headers: { ...headers, 'X-Mockapi-Session': session },
    }),
  )
  return Number(res.headers.get('x-total-count'))
}

it("a session's writes count against maxMemory; the oldest session's writes go when it is full", async () => {
  const api = createMockApi({ seed: 1, count: 3, maxMemory: '1mb', journalSize: 0 })
  for (let i = 0; i < 10; i++) expect((await post(api, 'old', 10_000)).status).toBe(201)
  expect(await total(api, 'old')).toBe(13)
  // 100 records of 10 KB (20 KB each, as counted) in another session: over 1 MB in all.
  for (let i = 0; i < 40; i++) expect((await post(api, 'new', 10_000)).status).toBe(201)
  expect(api.memory().usedBytes).toBeLessThanOrEqual(1024 * 1024)
  expect(await total(api, 'old')).toBe(3)
  expect(await total(api, 'new')).toBe(43)
  await api.session('new').reset()
  expect(api.memory().usedBytes).toBeLessThan(200 * 1024)
})

it("the instance's own writes are the user's data: they never count or go", async () => {
  const api = createMockApi({ seed: 1, count: 3, maxMemory: '64kb', journalSize: 0 })
  const tasks = () => api.resources().find((r) => r.name === 'tasks')?.count ?? 0
  const before = tasks()
  for (let i = 0; i < 20; i++) expect((await post(api, undefined, 10_000)).status).toBe(201)
  // Only the rate limiter's one key counts.
  expect(api.memory().usedBytes).toBeLessThan(1024)
  expect(tasks()).toBe(before + 20)
})
