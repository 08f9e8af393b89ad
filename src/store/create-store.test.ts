import { describe, expect, it } from 'vitest'
import { BUILTIN_RESOURCES } from '../resources/builtin-resources.js'
import { createStore } from './create-store.js'
import type { ListQuery } from './list-query.js'
import { queryRecords } from './query-records.js'

const clock = { now: () => Date.UTC(2026, 10, 25) }
const query = (overrides: Partial<ListQuery> = {}): ListQuery => ({
  page: 1,
  perPage: 100,
  filters: [],
  q: undefined,
  sort: [],
  ...overrides,
})
const newTask = { title: 'Fresh', status: 'done', priority: 5, projectId: 1 }

describe('createStore', () => {
  it('serves a remembered list again until a write, then the list reflects the write', () => {
    const store = createStore({ resources: BUILTIN_RESOURCES, seed: 1, count: 30, clock })
    const done = query({ filters: [{ field: 'status', op: 'eq', values: ['done'] }] })
    const sorted = query({ sort: [{ field: 'priority', direction: 'desc' }], perPage: 1 })
    const before = store.list('tasks', done)
    expect(store.list('tasks', done)).toEqual(before)
    store.list('tasks', sorted)

    const created = store.create('tasks', newTask)
    const after = store.list('tasks', done)
    expect(after.total).toBe(before.total + 1)
    expect(after.items.at(-1)).toEqual(created)

    store.update('tasks', String(created.id), { priority: 1, status: 'todo' })
    expect(store.list('tasks', done).total).toBe(before.total)
    store.remove('tasks', '1')
    expect(store.list('tasks', query()).items.some((task) => task.id === 1)).toBe(false)
  })

  it('answers sorted and filtered lists after writes exactly as a fresh query would', () => {
    const store = createStore({ resources: BUILTIN_RESOURCES, seed: 1, count: 40, clock })
    const tasks = store.resource('tasks')
    if (!tasks) throw new Error('no tasks resource')
    const asked = query({
      filters: [{ field: 'priority', op: 'gte', values: [3] }],
      sort: [
        { field: 'priority', direction: 'desc' },
        { field: 'dueAt', direction: 'asc' },
      ],
    })
    const fresh = () => queryRecords(store.list('tasks', query()).items, asked, tasks)
    expect(store.list('tasks', asked)).toEqual(fresh())
    store.create('tasks', { ...newTask, priority: 4 })
    store.update('tasks', '2', { priority: 5, dueAt: null })
    store.update('tasks', '3', { priority: 1 })
    store.remove('tasks', '4')
    expect(store.list('tasks', asked)).toEqual(fresh())
  })

  it('finds records by the id as written in a path, and only that spelling', () => {
    const store = createStore({ resources: BUILTIN_RESOURCES, seed: 1, count: 3, clock })
    expect(store.get('users', '2')?.id).toBe(2)
    expect(store.get('users', '02')).toBeUndefined()
    expect(store.get('users', '2.0')).toBeUndefined()
    expect(store.get('users', 'constructor')).toBeUndefined()
  })

  it('moves updatedAt forward on every write, even within one millisecond', () => {
    const store = createStore({ resources: BUILTIN_RESOURCES, seed: 1, count: 3, clock })
    const created = store.create('tasks', newTask)
    const once = store.update('tasks', String(created.id), { priority: 2 })
    const twice = store.update('tasks', String(created.id), { priority: 3 })
    expect(Date.parse(String(once?.updatedAt))).toBeGreaterThan(
      Date.parse(created.updatedAt as string),
    )
    expect(Date.parse(String(twice?.updatedAt))).toBeGreaterThan(
      Date.parse(String(once?.updatedAt)),
    )
  })

  it('goes back to exactly the seed data on reset', () => {
    const store = createStore({ resources: BUILTIN_RESOURCES, seed: 1, count: 10, clock })
    const seeded = store.list('users', query())
    store.create('users', { name: 'Ada', email: 'ada@example.com', role: 'admin' })
    store.remove('users', '3')
    store.reset()
    expect(store.list('users', query())).toEqual(seeded)
  })
})
