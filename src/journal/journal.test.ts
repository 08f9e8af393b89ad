import { expect, it } from 'vitest'
import { createMockApi, type MockApi } from '../create-mock-api.js'
import { parseScenario } from '../scenarios/parse-scenario.js'
import { startMockApi } from '../start-mock-api.js'
import { createJournal } from './create-journal.js'

const NOW = Date.UTC(2030, 0, 1)
const TASK = { title: 'Write the tests', status: 'todo', projectId: 1 }

function send(api: MockApi, path: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers)
  headers.set('Authorization', 'Bearer dev-token')
  return api.fetch(new Request(`http://mock${path}`, { ...init, headers }))
}

function post(api: MockApi, path: string, body: unknown, headers: Record<string, string> = {}) {
  return send(api, path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
}

it('records each request with its method, path, query, status, body and time', async () => {
  const api = createMockApi({ seed: 1, count: 3, clock: { now: () => NOW } })
  await send(api, '/tasks?status=done&status=todo&page=1')
  await post(api, '/tasks', TASK)
  await send(api, '/tasks/999')
  const entries = await api.requests()
  expect(entries.map((e) => [e.id, e.method, e.path, e.status])).toEqual([
    [1, 'GET', '/tasks', 200],
    [2, 'POST', '/tasks', 201],
    [3, 'GET', '/tasks/999', 404],
  ])
  const [list, created] = entries
  expect(list?.query).toEqual({ status: ['done', 'todo'], page: ['1'] })
  expect(list?.body).toBeNull()
  expect(list?.at).toBe(new Date(NOW).toISOString())
  expect(JSON.parse(created?.body ?? '')).toEqual(TASK)
  expect(created?.ms).toBeGreaterThanOrEqual(0)
})

it('redacts credentials and token-like values in headers', async () => {
  const api = createMockApi({ seed: 1, count: 3 })
  await send(api, '/users', {
    headers: { 'X-Api-Key': 'k', Cookie: 'a=b', 'X-Forward': 'Bearer secret', 'X-Trace': 'abc' },
  })
  const [entry] = await api.requests()
  expect(entry?.headers).toMatchObject({
    authorization: '[redacted]',
    'x-api-key': '[redacted]',
    cookie: '[redacted]',
    'x-forward': '[redacted]',
    'x-trace': 'abc',
  })
  expect(JSON.stringify(entry)).not.toContain('dev-token')
})

it('filters by method, path, status, since and limit', async () => {
  let now = NOW
  const api = createMockApi({ seed: 1, count: 3, clock: { now: () => now } })
  await send(api, '/users')
  now += 1000
  await post(api, '/tasks', TASK)
  await post(api, '/tasks', { title: '' })
  now += 1000
  await send(api, '/users')
  const ids = async (filter: Parameters<MockApi['requests']>[0]) =>
    (await api.requests(filter)).map((e) => e.id)
  expect(await ids({ method: 'post' })).toEqual([2, 3])
  expect(await ids({ method: 'POST', path: '/tasks', status: 400 })).toEqual([3])
  expect(await ids({ path: '/users' })).toEqual([1, 4])
  expect(await ids({ since: new Date(NOW + 1000).toISOString() })).toEqual([2, 3, 4])
  expect(await ids({ since: NOW + 2000 })).toEqual([4])
  expect(await ids({ limit: 2 })).toEqual([3, 4])
})

it('records injected answers and faults with the rule, and nothing under /__mockapi', async () => {
  const scenario = parseScenario(
    'rules:\n  - match: { path: /tasks }\n    respond: { status: 503 }\n  - match: { path: /users/1 }\n    respond: { fault: reset }\n',
    'test.yaml',
  )
  const api = createMockApi({ seed: 1, count: 3, scenarios: [scenario] })
  await post(api, '/tasks', TASK)
  await send(api, '/users/1').catch(() => undefined)
  await api.fetch(new Request('http://mock/__mockapi/health'))
  const entries = await api.requests()
  expect(entries.map((e) => [e.path, e.status, e.rule?.index, e.fault])).toEqual([
    ['/tasks', 503, 0, undefined],
    ['/users/1', 0, 1, 'reset'],
  ])
  expect(JSON.parse(entries[0]?.body ?? '')).toEqual(TASK)
})

it('keeps only the newest journalSize requests; clearRequests and reset empty it', async () => {
  const api = createMockApi({ seed: 1, count: 3, journalSize: 3 })
  for (let i = 0; i < 5; i++) await send(api, `/users/${(i % 3) + 1}`)
  expect((await api.requests()).map((e) => e.id)).toEqual([3, 4, 5])
  await api.clearRequests()
  expect(await api.requests()).toEqual([])
  await send(api, '/users')
  expect((await api.requests()).map((e) => e.id)).toEqual([6])
  await api.reset()
  expect(await api.requests()).toEqual([])
})

it('a long body is cut at 2 KB and says so', async () => {
  const api = createMockApi({ seed: 1, count: 3 })
  await post(api, '/tasks', { ...TASK, title: 'x'.repeat(5000) })
  const [entry] = await api.requests()
  expect(entry?.body).toHaveLength(2048)
  expect(entry?.bodyTruncated).toBe(true)
})

it('records requests on a real socket, raw headers redacted', async () => {
  const api = await startMockApi({ seed: 1, count: 3 })
  try {
    await fetch(`${api.url}/users/1`, { headers: { Authorization: 'Bearer dev-token' } })
    const [entry] = await api.requests()
    expect(entry).toMatchObject({ method: 'GET', path: '/users/1', status: 200 })
    expect(entry?.headers.authorization).toBe('[redacted]')
    expect(entry?.headers.host).toMatch(/^127\.0\.0\.1:\d+$/)
  } finally {
    await api.close()
  }
})

it('memory stays flat: a journal of 10 holds 10 after 100,000 adds', () => {
  const journal = createJournal(10)
  const raw = {
    at: NOW,
    method: 'GET',
    url: 'http://mock/users',
    headers: [],
    body: null,
    status: 200,
    ms: 1,
    rule: undefined,
    delayed: false,
    fault: undefined,
    session: undefined,
  }
  for (let i = 0; i < 100_000; i++) journal.add(raw)
  expect(journal.size).toBe(10)
  expect(journal.find().map((e) => e.id)).toEqual(Array.from({ length: 10 }, (_, i) => 99_991 + i))
  expect(() => createJournal(-1)).toThrow(RangeError)
})

it('subscribers hear each request as it is added, until they unsubscribe, even with size 0', () => {
  const journal = createJournal(0)
  const raw = {
    at: NOW,
    method: 'POST',
    url: 'http://mock/tasks?x=1',
    headers: ['Authorization', 'Bearer dev-token'],
    body: '{}',
    status: 201,
    ms: 2,
    rule: { scenario: 'flaky', index: 0 },
    delayed: false,
    fault: undefined,
    session: undefined,
  }
  const heard: string[] = []
  const failing = journal.subscribe(() => {
    throw new Error('a broken listener')
  })
  const stop = journal.subscribe((e) => heard.push(`${e.id} ${e.path} ${e.headers.authorization}`))
  journal.add(raw)
  stop()
  journal.add(raw)
  failing()
  expect(heard).toEqual(['1 /tasks [redacted]'])
  expect(journal.size).toBe(0)
})
