import { expect, it } from 'vitest'
import { createMockApi } from './create-mock-api.js'
import { isFileError } from './errors/file-error.js'
import { startMockApi } from './start-mock-api.js'

const get = (api: ReturnType<typeof createMockApi>, path: string, headers = {}) =>
  api.fetch(new Request(`http://mock${path}`, { headers }))

it('a token given with only its value gets workspace A and write access to everything', async () => {
  const api = createMockApi({ auth: { tokens: [{ token: 'x' }] } })
  const res = await get(api, '/users/1', { Authorization: 'Bearer x' })
  expect(res.status).toBe(200)
  const remove = await api.fetch(
    new Request('http://mock/users/1', {
      method: 'DELETE',
      headers: { Authorization: 'Bearer x' },
    }),
  )
  expect(remove.status).toBe(204)
})

it("a token's rate limit may be written as in the config file: '1/60s'", async () => {
  const api = createMockApi({ auth: { tokens: [{ token: 'x', rateLimit: '1/60s' }] } })
  expect((await get(api, '/users', { Authorization: 'Bearer x' })).status).toBe(200)
  const second = await get(api, '/users', { Authorization: 'Bearer x' })
  expect(second.status).toBe(429)
  expect(second.headers.get('x-ratelimit-limit')).toBe('1')
})

it("scheme: 'none' means a bare token, as in the config file", async () => {
  const api = createMockApi({ auth: { header: 'X-Api-Token', scheme: 'none' } })
  expect((await get(api, '/users/1', { 'X-Api-Token': 'dev-token' })).status).toBe(200)
  const schemed = await get(api, '/users/1', { 'X-Api-Token': 'Bearer dev-token' })
  expect(schemed.status).toBe(403)
})

it('config may be an object written as the file would be', async () => {
  const api = createMockApi({
    config: { builtins: false, resources: { books: { count: 2, fields: { title: 'string' } } } },
  })
  expect(api.resources().map((r) => [r.name, r.workspaces])).toEqual([['books', { A: 2, B: 2 }]])
  expect((await get(api, '/books/1', { Authorization: 'Bearer dev-token' })).status).toBe(200)
})

it('a config object with mistakes is refused with every problem, as a file is', () => {
  let error: unknown
  try {
    createMockApi({ config: { resources: { books: { fields: { title: 'strin' } } }, count: -2 } })
  } catch (caught) {
    error = caught
  }
  expect(isFileError(error)).toBe(true)
  expect(String(error)).toMatch(/count/)
  expect(String(error)).toMatch(/title/)
})

it.each([
  [{ count: -1 }, 'count must be an integer from 0 to 1000000, got -1'],
  [{ count: 1.5 }, 'count must be an integer from 0 to 1000000, got 1.5'],
  [{ seed: Number.NaN }, 'seed must be an integer'],
  [{ maxInflight: 0 }, 'maxInflight must be an integer from 1'],
  [{ journalSize: -5 }, 'journalSize must be an integer from 0'],
  [{ retryAfter: -1 }, 'retryAfter must be an integer from 0 to 86400, got -1'],
  [{ sessions: { max: 0 } }, 'sessions.max must be an integer from 1'],
])('refuses %j with a clear message', (options, message) => {
  expect(() => createMockApi(options)).toThrow(message)
})

it('refuses a port out of range before listening', async () => {
  await expect(startMockApi({ port: 70_000 })).rejects.toThrow(
    'port must be an integer from 0 to 65535, got 70000',
  )
})

it('retryAfter may come from the config (file or object); the option wins over it', async () => {
  const fromConfig = createMockApi({ config: { retryAfter: 2 } })
  const forced = { Authorization: 'Bearer dev-token', Prefer: 'code=503' }
  expect((await get(fromConfig, '/users', forced)).headers.get('retry-after')).toBe('2')
  const both = createMockApi({ config: { retryAfter: 2 }, retryAfter: 5 })
  expect((await get(both, '/users', forced)).headers.get('retry-after')).toBe('5')
  expect(() => createMockApi({ config: { retryAfter: -1 } })).toThrow(/retryAfter/)
})
