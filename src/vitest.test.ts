import { describe, expect } from 'vitest'
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
