import { expect, it } from 'vitest'
import { createMockApi } from '../create-mock-api.js'
import type { MockApiOptions } from '../options.js'

const START = Date.UTC(2030, 0, 1)
const AUTH = { Authorization: 'Bearer dev-token' }

function setup(options: MockApiOptions) {
  let now = START
  const api = createMockApi({ seed: 1, count: 3, clock: { now: () => now }, ...options })
  const get = (path: string, headers: Record<string, string> = {}) =>
    api.fetch(new Request(`http://mock${path}`, { headers: { ...AUTH, ...headers } }))
  return { api, get, advance: (ms: number) => (now += ms) }
}

it('without retryAfter every 429 and 503 says Retry-After: 60, as the contract does', async () => {
  const { api, get } = setup({ rateLimit: '1/60s' })
  await get('/users')
  expect((await get('/users')).headers.get('retry-after')).toBe('60')
  expect((await get('/users', { Prefer: 'code=503' })).headers.get('retry-after')).toBe('60')
  await api.setMaintenance(true)
  expect((await get('/users')).headers.get('retry-after')).toBe('60')
})

it('retryAfter sets the Retry-After of the limiter, maintenance, overload, scenarios and Prefer', async () => {
  const limited = setup({ rateLimit: '1/60s', retryAfter: 2 })
  await limited.get('/users')
  const refused = await limited.get('/users')
  expect(refused.status).toBe(429)
  expect(refused.headers.get('retry-after')).toBe('2')
  expect((await refused.json()).detail).toContain('Retry in 2 seconds')

  const { api, get } = setup({ retryAfter: 1, scenarios: ['ratelimit'] })
  expect((await get('/users', { Prefer: 'code=503' })).headers.get('retry-after')).toBe('1')
  expect((await get('/users', { Prefer: 'code=429' })).headers.get('retry-after')).toBe('1')
  await api.useScenarios(['unavailable'])
  const unavailable = await get('/users')
  expect(unavailable.status).toBe(503)
  expect(unavailable.headers.get('retry-after')).toBe('1')
  await api.useScenarios([])
  await api.setMaintenance(true)
  const maintenance = await get('/users')
  expect([maintenance.status, maintenance.headers.get('retry-after')]).toEqual([503, '1'])
})

it('a limiter 429 ends the window N seconds later: a client that waits as told gets through', async () => {
  const { get, advance } = setup({ rateLimit: '2/60s', retryAfter: 1 })
  await get('/users')
  await get('/users')
  const refused = await get('/users')
  expect(refused.status).toBe(429)
  // The rate-limit headers agree with Retry-After.
  expect(refused.headers.get('ratelimit')).toBe('"default";r=0;t=1')
  expect(refused.headers.get('x-ratelimit-reset')).toBe(String(START / 1000 + 1))
  advance(999)
  expect((await get('/users')).status).toBe(429)
  advance(1001)
  const after = await get('/users')
  expect(after.status).toBe(200)
  expect(after.headers.get('x-ratelimit-remaining')).toBe('1')
})

it('a rule whose respond has only headers adds them to the natural answer and to injected ones', async () => {
  const scenario = {
    name: 'short-wait',
    rules: [
      { match: { path: '/**' }, respond: { headers: { 'Retry-After': '0', 'X-Hint': 'a' } } },
    ],
  }
  const { get, api } = setup({ scenarios: [scenario] })
  const natural = await get('/users/1')
  expect(natural.status).toBe(200)
  expect(natural.headers.get('x-hint')).toBe('a')
  const missing = await get('/users/999')
  expect([missing.status, missing.headers.get('x-hint')]).toEqual([404, 'a'])
  const forced = await get('/users', { Prefer: 'code=503' })
  expect([forced.status, forced.headers.get('retry-after')]).toEqual([503, '0'])
  await api.useScenarios(['unavailable', scenario])
  const injected = await get('/users')
  expect([injected.status, injected.headers.get('retry-after')]).toEqual([503, '0'])
})
