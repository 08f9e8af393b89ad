import { expect, it } from 'vitest'
import { createMockApi } from '../create-mock-api.js'

const AUTH = { Authorization: 'Bearer dev-token' }
const api = createMockApi({ count: 30 })

function get(path: string, headers: Record<string, string> = AUTH) {
  return api.fetch(new Request(`http://mock${path}`, { headers }))
}

async function json<T>(res: Response): Promise<T> {
  return (await res.json()) as T
}

it('GET /projects/1/tasks is /tasks?projectId=1, with the same paging, filters, sorting and headers', async () => {
  const query = 'per_page=2&page=1&sort=-id&status_ne=archived'
  const nested = await get(`/projects/1/tasks?${query}`)
  const flat = await get(`/tasks?projectId=1&${query}`)
  expect(nested.status).toBe(200)
  expect(await json(nested)).toEqual(await json(flat))
  expect(nested.headers.get('x-total-count')).toBe(flat.headers.get('x-total-count'))
  expect(nested.headers.get('link')).toContain('/projects/1/tasks?')
  for (const task of await json<{ projectId: number }[]>(await get('/projects/1/tasks'))) {
    expect(task.projectId).toBe(1)
  }
})

it('POST /projects/1/tasks sets projectId', async () => {
  const res = await api.fetch(
    new Request('http://mock/projects/1/tasks', {
      method: 'POST',
      headers: { ...AUTH, 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 'Nested', status: 'todo', projectId: 2 }),
    }),
  )
  expect(res.status).toBe(201)
  const task = await json<{ id: number; projectId: number }>(res)
  expect(task.projectId).toBe(1)
  expect(res.headers.get('location')).toMatch(new RegExp(`/tasks/${task.id}$`))
})

it('an unknown or invisible parent is 404, and so is a resource that does not refer to it', async () => {
  expect((await get('/projects/999999/tasks')).status).toBe(404)
  // other-token's workspace B cannot see workspace A's project 1.
  const hidden = await get('/projects/1/tasks', { Authorization: 'Bearer other-token' })
  const missing = await get('/projects/999999/tasks', { Authorization: 'Bearer other-token' })
  expect([hidden.status, missing.status]).toEqual([404, 404])
  expect((await get('/projects/1/users')).status).toBe(404)
  expect((await get('/nope/1/tasks')).status).toBe(404)
  expect((await get('/projects/1/tasks?per_page=abc')).status).toBe(400)
})

it('config resources get nested lists from their ref fields too', async () => {
  const books = createMockApi({
    auth: false,
    config: {
      resources: {
        authors: { count: 3, fields: { name: 'string' } },
        books: {
          count: 12,
          fields: { title: 'string', authorId: { type: 'integer', ref: 'authors' } },
        },
      },
    },
  })
  const res = await books.fetch(new Request('http://mock/authors/2/books?per_page=100'))
  const all = await books.fetch(new Request('http://mock/books?authorId=2&per_page=100'))
  expect(res.status).toBe(200)
  expect(await res.json()).toEqual(await all.json())
})
