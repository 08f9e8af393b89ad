import { expect, it } from 'vitest'
import { createMockApi } from '../create-mock-api.js'
import { createMemoryBudget } from '../memory/create-memory-budget.js'
import { createRateLimiter } from './create-rate-limiter.js'
import { keyOf, MAX_PLAIN_KEY_LENGTH } from './limiter-key.js'

const clock = { now: () => 0 }
const policy = { limit: 2, windowMs: 60_000 }

it('holds a long key as a fixed-size digest, counting it as the same key', () => {
  const limiter = createRateLimiter({ policy, clock })
  const token = 't'.repeat(15_000)
  expect(keyOf(token)).toMatch(/^sha256:[\w-]{43}$/)
  expect(keyOf('short-token')).toBe('short-token')
  expect(keyOf('x'.repeat(MAX_PLAIN_KEY_LENGTH))).toHaveLength(MAX_PLAIN_KEY_LENGTH)
  limiter.hit(token)
  limiter.hit(token)
  expect(limiter.hit(token).allowed).toBe(false)
  expect(limiter.list(10)).toEqual([{ key: keyOf(token), used: 2, limit: 2, resetMs: 60_000 }])
  expect(limiter.peek(token)?.used).toBe(2)
})

it('holds its keys to the memory budget, forgetting the oldest first', () => {
  const budget = createMemoryBudget(50_000)
  const limiter = createRateLimiter({ policy, clock, budget })
  for (let i = 0; i < 10_000; i++) limiter.hit(`${i}-${'t'.repeat(15_000)}`)
  expect(budget.usedBytes).toBeLessThanOrEqual(50_000)
  expect(limiter.size).toBeGreaterThan(50)
  expect(limiter.size).toBeLessThan(300)
  limiter.close()
  expect(budget.usedBytes).toBe(0)
})

it('unique 15 KB tokens spread over sessions stay within maxMemory', async () => {
  const api = createMockApi({ seed: 1, count: 3, maxMemory: '256kb', journalSize: 10 })
  for (let i = 0; i < 400; i++) {
    const res = await api.fetch(
      new Request('http://mock/users/1', {
        headers: {
          Authorization: `Bearer ${i}${'t'.repeat(15_000)}`,
          'X-Mockapi-Session': `s${i % 40}`,
        },
      }),
    )
    expect(res.status).toBe(403)
  }
  expect(api.memory()).toEqual({ usedBytes: expect.any(Number), maxBytes: 256 * 1024 })
  expect(api.memory().usedBytes).toBeLessThanOrEqual(256 * 1024)
  const state = await api.fetch(new Request('http://mock/__mockapi/state'))
  expect(((await state.json()) as { memory: unknown }).memory).toEqual(api.memory())
})
