import type { RunningMockApi } from '@mockapi-dev/mockapi'
import { createMockApiTest, test } from '@mockapi-dev/mockapi/vitest'
import { describe, expect } from 'vitest'
import {
  AuthenticationError,
  createTasksClient,
  NotFoundError,
  PermissionError,
  UnavailableError,
  ValidationError,
} from './tasks-client.js'

// The client's own suite: every error path of the contract, driven by mockapi. Waiting moves the
// mock's clock (`advanceClock`) instead of sleeping, so a 60 s Retry-After takes no time.

function clientFor(mockapi: RunningMockApi, token = 'dev-token', waits: number[] = []) {
  return createTasksClient({
    baseUrl: mockapi.url,
    token,
    sleep: async (ms) => {
      waits.push(ms)
      await mockapi.advanceClock(ms)
    },
  })
}

const NEW_TASK = { title: 'Ship it', status: 'todo', projectId: 1 } as const

test('lists and creates tasks', async ({ mockapi }) => {
  const client = clientFor(mockapi)
  expect(await client.listTasks()).toHaveLength(20)
  const created = await client.createTask(NEW_TASK)
  expect(created).toMatchObject(NEW_TASK)
  expect((await client.getTask(created.id)).title).toBe('Ship it')
})

test('401: a missing token is an AuthenticationError', async ({ mockapi }) => {
  await expect(clientFor(mockapi, '').listTasks()).rejects.toBeInstanceOf(AuthenticationError)
})

test('403: a read-only token cannot create; a revoked one cannot read', async ({ mockapi }) => {
  await expect(clientFor(mockapi, 'read-token').createTask(NEW_TASK)).rejects.toBeInstanceOf(
    PermissionError,
  )
  await expect(clientFor(mockapi, 'revoked-token').listTasks()).rejects.toThrow(PermissionError)
})

test('404: a record of another workspace is not found', async ({ mockapi }) => {
  await expect(clientFor(mockapi, 'other-token').getTask(1)).rejects.toBeInstanceOf(NotFoundError)
})

test('400: field errors come back by field', async ({ mockapi }) => {
  const error = await clientFor(mockapi)
    .createTask({ ...NEW_TASK, title: '' })
    .catch((e: unknown) => e)
  expect(error).toBeInstanceOf(ValidationError)
  expect(Object.keys((error as ValidationError).fields)).toEqual(['title'])
})

test('503 twice, then success: retried, honouring Retry-After, one record made', async ({
  mockapi,
}) => {
  await mockapi.useScenarios(['recovering'])
  const waits: number[] = []
  const created = await clientFor(mockapi, 'dev-token', waits).createTask(NEW_TASK)
  expect(created.id).toBeGreaterThan(0)
  expect(waits).toEqual([60_000, 60_000])
  expect((await mockapi.requests({ method: 'POST' })).map((r) => r.status)).toEqual([503, 503, 201])
})

describe('rate limits', () => {
  const limited = createMockApiTest({ rateLimit: '3/60s' })

  limited('429: waits as long as Retry-After says, then goes on', async ({ mockapi }) => {
    const waits: number[] = []
    const client = clientFor(mockapi, 'dev-token', waits)
    for (let i = 0; i < 4; i++) await client.listTasks()
    expect(waits).toEqual([60_000])
    expect((await mockapi.requests()).map((r) => r.status)).toEqual([200, 200, 200, 429, 200])
  })
})

test('503 for good: gives up after four attempts with an UnavailableError', async ({ mockapi }) => {
  await mockapi.useScenarios(['unavailable'])
  const error = await clientFor(mockapi)
    .listTasks()
    .catch((e: unknown) => e)
  expect(error).toBeInstanceOf(UnavailableError)
  expect((error as UnavailableError).attempts).toBe(4)
})

test('a reset connection on a read is retried with backoff', async ({ mockapi }) => {
  await mockapi.useScenarios([
    {
      name: 'one-reset',
      description: 'The first read is reset.',
      rules: [{ match: { method: 'GET' }, when: { times: 1 }, respond: { fault: 'reset' } }],
    },
  ])
  const waits: number[] = []
  expect(await clientFor(mockapi, 'dev-token', waits).listTasks()).toHaveLength(20)
  expect(waits).toEqual([250])
})
