import { describe, expect, vi } from 'vitest'
import { createMockApiTest, mockApiGlobalSetup, test } from './vitest.js'

// The fixture as a user's suite uses it.

const AUTH = { Authorization: 'Bearer dev-token' }

test('the mockapi fixture is a running server', async ({ mockapi }) => {
  const res = await fetch(`${mockapi.url}/users/1`, { headers: AUTH })
  expect(res.status).toBe(200)
  await mockapi.useScenarios(['unavailable'])
  expect((await fetch(`${mockapi.url}/users/1`, { headers: AUTH })).status).toBe(503)
})

test('each test gets a fresh server: the last test’s scenario is gone', async ({ mockapi }) => {
  expect((await fetch(`${mockapi.url}/users/1`, { headers: AUTH })).status).toBe(200)
  expect(mockapi.settings().scenarios).toEqual([])
})

describe('createMockApiTest', () => {
  const limited = createMockApiTest({ rateLimit: '1/60s', count: 3 })

  limited(
    'starts with the given options, and virtual time ends the window',
    async ({ mockapi }) => {
      const call = () => fetch(`${mockapi.url}/users`, { headers: AUTH })
      expect([(await call()).status, (await call()).status]).toEqual([200, 429])
      await mockapi.advanceClock('60s')
      expect((await call()).status).toBe(200)
    },
  )
})

test('mockApiGlobalSetup provides the URL of a shared server and closes it after', async () => {
  const provided = new Map<string, string>()
  const teardown = await mockApiGlobalSetup({ count: 2 })({
    provide: (key, value) => provided.set(key, value),
  })
  const url = provided.get('mockapiUrl') ?? ''
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  expect((await fetch(`${url}/users`, { headers: AUTH })).headers.get('x-total-count')).toBe('2')
  await teardown()
  await expect(fetch(`${url}/users`)).rejects.toThrow()
})

describe('toHaveCleanConduct', () => {
  test('passes for a client that behaved, fails listing each finding otherwise', async ({
    mockapi,
  }) => {
    await fetch(`${mockapi.url}/users/1`, { headers: AUTH })
    expect(mockapi).toHaveCleanConduct()
    for (let i = 0; i < 2; i++) await fetch(`${mockapi.url}/users/999`, { headers: AUTH })
    expect(() => expect(mockapi).toHaveCleanConduct()).toThrow(
      /conduct to be clean, but mockapi found 1:\n {2}- retried-unretryable \(dev-token; requests #2, #3\): GET \/users\/999 was answered 404/,
    )
    expect(mockapi).toHaveCleanConduct({ ignore: ['retried-unretryable'] })
    expect(mockapi).not.toHaveCleanConduct()
    await mockapi.resetConduct()
    expect(mockapi).toHaveCleanConduct()
  })

  test("counts the sessions' findings too", async ({ mockapi }) => {
    const headers = { ...AUTH, 'X-Mockapi-Session': 'w1' }
    for (let i = 0; i < 2; i++) await fetch(`${mockapi.url}/users/999`, { headers })
    expect(() => expect(mockapi).toHaveCleanConduct()).toThrow(/dev-token, session w1/)
  })
})

test('toHaveReceived and toHaveReceivedTimes match by query, header and body', async ({
  mockapi,
}) => {
  await fetch(`${mockapi.url}/tasks?status=todo&page=2`, { headers: { ...AUTH, 'X-Trace': 't1' } })
  await fetch(`${mockapi.url}/tasks`, {
    method: 'POST',
    headers: { ...AUTH, 'Content-Type': 'application/json' },
    body: JSON.stringify({ title: 'Write', status: 'todo', projectId: 1, tags: ['a'] }),
  })
  expect(mockapi).toHaveReceived({ path: '/tasks', query: { page: '2' } })
  expect(mockapi).toHaveReceived({ header: { 'x-trace': 't1', Authorization: 'Bearer dev-token' } })
  expect(mockapi).toHaveReceived({ method: 'POST', body: { status: 'todo', tags: ['a'] } })
  expect(mockapi).not.toHaveReceived({ body: { status: 'done' } })
  expect(mockapi).toHaveReceivedTimes({ path: '/tasks' }, 2)
  expect(mockapi).toHaveReceivedTimes({ method: 'POST', status: 201 }, 1)
})

test('a failed toHaveReceived lists every request that did arrive', async ({ mockapi }) => {
  await fetch(`${mockapi.url}/users?page=3`, { headers: AUTH })
  let message = ''
  try {
    expect(mockapi).toHaveReceived({ path: '/users', query: { page: '2' } })
  } catch (error) {
    message = String(error)
  }
  expect(message).toContain('expected mockapi to have received a request matching')
  expect(message).toContain('1. GET /users?page=3 200')
  expect(() => expect({}).toHaveReceived()).toThrow(/expects a mock API/)
})

test('waitForRequests resolves once the client was refused, for the fake-timer pattern', async ({
  mockapi,
}) => {
  const limited = createMockApiTest({ rateLimit: '1/60s' })
  expect(limited).toBeTypeOf('function')
  await mockapi.useScenarios(['unavailable'])
  const waiting = mockapi.waitForRequests({ path: '/users', status: 503 }, { count: 2 })
  await fetch(`${mockapi.url}/users`, { headers: AUTH })
  await fetch(`${mockapi.url}/users`, { headers: AUTH })
  const entries = await waiting
  expect(entries.map((e) => e.status)).toEqual([503, 503])
})

test('waitForRequests rejects after its timeout, naming what it saw', async ({ mockapi }) => {
  await fetch(`${mockapi.url}/users/1`, { headers: AUTH })
  await expect(mockapi.waitForRequests({ method: 'DELETE' }, { timeout: 50 })).rejects.toThrow(
    /0 of 1 matching \{"method":"DELETE"\} arrived within 50 ms\. The latest requests: GET \/users\/1 200/,
  )
  await expect(mockapi.waitForRequests({}, { count: 0 })).rejects.toThrow(RangeError)
})

test('GET /__mockapi/requests?wait=COUNT holds until COUNT match, or answers 408 wait_timeout', async ({
  mockapi,
}) => {
  const held = fetch(
    `${mockapi.url}/__mockapi/requests?wait=2&timeout=5000&path=/users&query.page=2&header.x-trace=t`,
  )
  for (const page of [1, 2, 2]) {
    await fetch(`${mockapi.url}/users?page=${page}`, { headers: { ...AUTH, 'X-Trace': 't' } })
  }
  const res = await held
  expect(res.status).toBe(200)
  expect(((await res.json()) as { query: unknown }[]).map((e) => e.query)).toEqual([
    { page: ['2'] },
    { page: ['2'] },
  ])
  const body = encodeURIComponent(JSON.stringify({ title: 'x' }))
  const late = await fetch(`${mockapi.url}/__mockapi/requests?wait=1&timeout=30&body=${body}`)
  expect(late.status).toBe(408)
  expect(await late.json()).toMatchObject({ code: 'wait_timeout', status: 408 })
  const bad = await fetch(`${mockapi.url}/__mockapi/requests?body=%7Bnot`)
  expect(bad.status).toBe(400)
})

test('waitForRequests times out in real time while setTimeout is faked', async ({ mockapi }) => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
  try {
    await expect(mockapi.waitForRequests({ path: '/never' }, { timeout: 20 })).rejects.toThrow(
      /arrived within 20 ms/,
    )
  } finally {
    vi.useRealTimers()
  }
})
