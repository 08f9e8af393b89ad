import { expect, it } from 'vitest'
import { createMockApi, type MockApi } from '../create-mock-api.js'
import type { Problem } from '../http/problem.js'
import { startMockApi } from '../start-mock-api.js'
import { createSessions } from './create-sessions.js'

const TASK = { title: 'Write the tests', status: 'todo', projectId: 1 }

function call(api: MockApi, path: string, session?: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers)
  headers.set('Authorization', 'Bearer dev-token')
  if (session !== undefined) headers.set('X-Mockapi-Session', session)
  return api.fetch(new Request(`http://mock${path}`, { ...init, headers }))
}

function create(api: MockApi, session?: string) {
  return call(api, '/tasks', session, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(TASK),
  })
}

const total = async (api: MockApi, session?: string) =>
  (await call(api, '/tasks', session)).headers.get('x-total-count')

it('two sessions in parallel do not see each other’s data, and neither touches the default', async () => {
  const api = createMockApi({ seed: 1, count: 5 })
  await Promise.all([create(api, 'worker-1'), create(api, 'worker-1'), create(api, 'worker-2')])
  expect(await total(api, 'worker-1')).toBe('7')
  expect(await total(api, 'worker-2')).toBe('6')
  expect(await total(api)).toBe('5')
  await call(api, '/tasks/1', 'worker-2', { method: 'DELETE' })
  expect((await call(api, '/tasks/1', 'worker-1')).status).toBe(200)
  expect((await call(api, '/tasks/1', 'worker-2')).status).toBe(404)
})

it('a session has its own scenarios, limiter, clock and journal', async () => {
  const api = createMockApi({ seed: 1, count: 3, rateLimit: '2/60s' })
  await api.session('a').useScenarios(['unavailable'])
  expect((await call(api, '/users', 'a')).status).toBe(503)
  expect((await call(api, '/users', 'b')).status).toBe(200)
  expect((await call(api, '/users', 'b')).status).toBe(200)
  expect((await call(api, '/users', 'b')).status).toBe(429)
  expect((await call(api, '/users')).status).toBe(200)
  await api.session('b').advanceClock('60s')
  expect((await call(api, '/users', 'b')).status).toBe(200)
  expect(api.clock().offsetMs).toBe(0)
  expect((await api.session('a').requests()).map((e) => [e.status, e.session])).toEqual([
    [503, 'a'],
  ])
  expect((await api.requests()).map((e) => e.path)).toEqual(['/users'])
})

it('the admin API addresses a session with the same header', async () => {
  const api = createMockApi({ seed: 1, count: 3 })
  const res = await api.fetch(
    new Request('http://mock/__mockapi/scenarios/active', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', 'X-Mockapi-Session': 'qa' },
      body: JSON.stringify({ names: ['notfound'] }),
    }),
  )
  expect(res.status).toBe(200)
  expect((await call(api, '/users/1', 'qa')).status).toBe(404)
  expect((await call(api, '/users/1')).status).toBe(200)
})

it.each(['', 'has space', 'x'.repeat(101), 'ü'])(
  'a malformed session id %j is a 400',
  async (id) => {
    const api = createMockApi({ seed: 1, count: 3 })
    const res = await api.fetch(
      new Request('http://mock/users', { headers: { 'X-Mockapi-Session': id, ...{} } }),
    )
    if (id === '') {
      expect(res.status).toBe(401) // an empty header is no session: the default instance answers
      return
    }
    expect(res.status).toBe(400)
    expect(((await res.json()) as Problem).code).toBe('invalid_session')
  },
)

it('with sessions: false the header is ignored', async () => {
  const api = createMockApi({ seed: 1, count: 3, sessions: false })
  await create(api, 'worker-1')
  expect(await total(api)).toBe('4')
})

it('sessions are capped, and dropped when idle', () => {
  let now = 0
  let made = 0
  const sessions = createSessions(() => ++made, { max: 2, idleMs: 1000 }, { now: () => now })
  expect([sessions.get('a'), sessions.get('b'), sessions.get('a')]).toEqual([1, 2, 1])
  sessions.get('c') // full: b, used least recently, goes
  expect(sessions.ids()).toEqual(['a', 'c'])
  now = 5000
  sessions.get('d') // a and c have been idle past 1 s
  expect(sessions.ids()).toEqual(['d'])
  expect(sessions.get('a')).toBe(5) // made afresh
})

it('sessions work on a real socket', async () => {
  const api = await startMockApi({ seed: 1, count: 3 })
  try {
    const headers = {
      Authorization: 'Bearer dev-token',
      'Content-Type': 'application/json',
      'X-Mockapi-Session': 'w1',
    }
    const created = await fetch(`${api.url}/tasks`, {
      method: 'POST',
      headers,
      body: JSON.stringify(TASK),
    })
    expect(created.status).toBe(201)
    const mine = await fetch(`${api.url}/tasks`, { headers })
    expect(mine.headers.get('x-total-count')).toBe('4')
    const others = await fetch(`${api.url}/tasks`, {
      headers: { Authorization: 'Bearer dev-token' },
    })
    expect(others.headers.get('x-total-count')).toBe('3')
  } finally {
    await api.close()
  }
})
