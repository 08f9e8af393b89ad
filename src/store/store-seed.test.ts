import { expect, it } from 'vitest'
import { BUILTIN_RESOURCES } from '../resources/builtin-resources.js'
import { createStore, createStoreSeed } from './create-store.js'
import type { ListQuery } from './list-query.js'

const clock = { now: () => Date.UTC(2026, 10, 25) }
const options = { resources: BUILTIN_RESOURCES, seed: 7, count: 20, clock }
const all: ListQuery = { page: 1, perPage: 100, filters: [], q: undefined, sort: [] }
const ids = (store: ReturnType<typeof createStore>) =>
  store.list('tasks', all).items.map((record) => record.id)

it('stores over one seed serve the same data as a store that generates its own', () => {
  const seed = createStoreSeed(options)
  const shared = createStore(options, seed)
  const own = createStore(options)
  expect(shared.list('tasks', all)).toEqual(own.list('tasks', all))
  expect(shared.get('users', '3')).toEqual(own.get('users', '3'))
})

it('each store over a shared seed keeps its writes to itself, in order, until reset', () => {
  const seed = createStoreSeed(options)
  const a = createStore(options, seed)
  const b = createStore(options, seed)
  const before = ids(b)
  const updated = a.update('tasks', '2', { title: 'Changed in a' })
  expect(a.remove('tasks', '3')).toBe(true)
  const created = a.create('tasks', { title: 'New in a', status: 'todo', projectId: 1 })
  expect(a.get('tasks', '2')).toEqual(updated)
  expect(b.get('tasks', '2')?.title).not.toBe('Changed in a')
  expect(a.get('tasks', '3')).toBeUndefined()
  expect(b.get('tasks', '3')).toBeDefined()
  expect(ids(a)).toEqual([...before.filter((id) => id !== 3), created.id])
  expect(ids(b)).toEqual(before)
  expect(a.count('tasks')).toBe(b.count('tasks'))
  expect(a.remove('tasks', String(created.id))).toBe(true)
  expect(a.count('tasks')).toBe(b.count('tasks') - 1)
  a.reset()
  expect(a.list('tasks', all)).toEqual(b.list('tasks', all))
})

it('counts per workspace over a shared seed, with a store’s own additions and removals', () => {
  const spaces = { ...options, workspaces: ['acme', 'globex'] }
  const seed = createStoreSeed(spaces)
  const store = createStore(spaces, seed)
  const acme = store.count('tasks', 'acme')
  store.create('tasks', { title: 'x', status: 'todo', projectId: 1 }, 'acme')
  const first = store.list('tasks', all, 'globex').items[0]
  expect(store.remove('tasks', String(first?.id), 'globex')).toBe(true)
  expect(store.count('tasks', 'acme')).toBe(acme + 1)
  expect(store.count('tasks', 'globex')).toBe(
    createStore(spaces, seed).count('tasks', 'globex') - 1,
  )
  expect(store.list('tasks', all, 'acme').total).toBe(acme + 1)
})
