import { describe, expect, it } from 'vitest'
import type { Clock } from '../clock/clock.js'
import { createRateLimiter, type RateLimiter } from './create-rate-limiter.js'
import type { RateLimitPolicy } from './parse-rate-limit.js'

const threePerMinute: RateLimitPolicy = { limit: 3, windowMs: 60_000 }

function setup(policy = threePerMinute, maxKeys?: number) {
  const time = { now: 0 }
  const clock: Clock = { now: () => time.now }
  const limiter: RateLimiter = createRateLimiter({
    policy,
    clock,
    ...(maxKeys === undefined ? {} : { maxKeys }),
  })
  return { time, limiter }
}

function hits(limiter: RateLimiter, key: string, count: number, policy?: RateLimitPolicy) {
  return Array.from({ length: count }, () => limiter.hit(key, policy))
}

describe('createRateLimiter', () => {
  it('allows exactly the limit then refuses, counting remaining down to 0', () => {
    const { limiter } = setup()
    const decisions = hits(limiter, 'a', 5)
    expect(decisions.map((d) => [d.allowed, d.remaining])).toEqual([
      [true, 2],
      [true, 1],
      [true, 0],
      [false, 0],
      [false, 0],
    ])
    expect(decisions.every((d) => d.limit === 3 && d.policy === threePerMinute)).toBe(true)
  })

  it('reports the time left in the window opened by the first request', () => {
    const { time, limiter } = setup()
    time.now = 1000
    expect(limiter.hit('a').resetMs).toBe(60_000)
    time.now = 21_000
    expect(limiter.hit('a').resetMs).toBe(40_000)
  })

  it('recovers with a fresh window once the window has passed', () => {
    const { time, limiter } = setup()
    hits(limiter, 'a', 4)
    time.now = 59_999
    expect(limiter.hit('a').allowed).toBe(false)
    time.now = 60_000
    expect(limiter.hit('a')).toMatchObject({ allowed: true, remaining: 2, resetMs: 60_000 })
  })

  it('does not extend the window for refused requests', () => {
    const { time, limiter } = setup()
    hits(limiter, 'a', 3)
    for (const now of [10_000, 30_000, 59_000]) {
      time.now = now
      expect(limiter.hit('a')).toMatchObject({ allowed: false, resetMs: 60_000 - now })
    }
    time.now = 60_000
    expect(limiter.hit('a').allowed).toBe(true)
  })

  it('keeps separate keys independent', () => {
    const { time, limiter } = setup()
    hits(limiter, 'a', 3)
    time.now = 30_000
    expect(limiter.hit('a').allowed).toBe(false)
    expect(limiter.hit('b')).toMatchObject({ allowed: true, remaining: 2, resetMs: 60_000 })
  })

  it('applies a per-key policy instead of the default', () => {
    const { limiter } = setup()
    const onePerSecond = { limit: 1, windowMs: 1000 }
    expect(hits(limiter, 'token', 2, onePerSecond).map((d) => d.allowed)).toEqual([true, false])
    expect(limiter.hit('token', onePerSecond)).toMatchObject({
      limit: 1,
      resetMs: 1000,
      policy: onePerSecond,
    })
    expect(limiter.hit('other').limit).toBe(3)
  })

  it('starts a key afresh when its policy changes, but not for an equal policy object', () => {
    const { limiter } = setup()
    hits(limiter, 'token', 3)
    expect(limiter.hit('token', { limit: 3, windowMs: 60_000 }).allowed).toBe(false)
    expect(limiter.hit('token', { limit: 5, windowMs: 60_000 })).toMatchObject({
      allowed: true,
      remaining: 4,
    })
  })

  it.each([
    // [window, when refused, Retry-After]
    [1000, 0, 60],
    [60_000, 0, 60],
    [61_000, 0, 61],
    [3_600_000, 0, 3600],
    [3_600_000, 1_799_500, 1801],
  ])(
    'sets Retry-After to at least 60 s (window %i ms, refused at %i ms)',
    (windowMs, at, seconds) => {
      const { time, limiter } = setup({ limit: 1, windowMs })
      limiter.hit('a')
      time.now = at
      expect(limiter.hit('a')).toMatchObject({ allowed: false, retryAfterSeconds: seconds })
    },
  )

  it('peeks at a key without counting a request', () => {
    const { time, limiter } = setup()
    expect(limiter.peek('a')).toBeUndefined()
    hits(limiter, 'a', 2)
    time.now = 15_000
    expect(limiter.peek('a')).toEqual({ used: 2, resetMs: 45_000 })
    expect(limiter.peek('a')).toEqual({ used: 2, resetMs: 45_000 })
    hits(limiter, 'a', 5)
    expect(limiter.peek('a')).toEqual({ used: 3, resetMs: 45_000 })
    time.now = 60_000
    expect(limiter.peek('a')).toBeUndefined()
  })

  it('inspects a key as a hit would decide, without counting', () => {
    const { time, limiter } = setup()
    expect(limiter.inspect('a')).toMatchObject({ allowed: true, remaining: 3, resetMs: 60_000 })
    expect(limiter.size).toBe(0)
    hits(limiter, 'a', 2)
    time.now = 15_000
    expect(limiter.inspect('a')).toMatchObject({ allowed: true, remaining: 1, resetMs: 45_000 })
    hits(limiter, 'a', 1)
    expect(limiter.inspect('a')).toMatchObject({
      allowed: false,
      remaining: 0,
      retryAfterSeconds: 60,
    })
    expect(limiter.peek('a')).toEqual({ used: 3, resetMs: 45_000 })
  })

  it('forgets every key on clear', () => {
    const { limiter } = setup()
    hits(limiter, 'a', 3)
    hits(limiter, 'b', 1)
    limiter.clear()
    expect(limiter.size).toBe(0)
    expect(limiter.hit('a')).toMatchObject({ allowed: true, remaining: 2 })
  })

  it('evicts the key whose window started first when full, which then starts over', () => {
    const { time, limiter } = setup(threePerMinute, 2)
    hits(limiter, 'a', 3)
    time.now = 1
    hits(limiter, 'b', 1)
    time.now = 2
    hits(limiter, 'c', 1)
    expect(limiter.size).toBe(2)
    expect(limiter.peek('a')).toBeUndefined()
    expect(limiter.peek('b')).toEqual({ used: 1, resetMs: 59_999 })
    expect(limiter.hit('a')).toMatchObject({ allowed: true, remaining: 2 })
  })

  it('still evicts the oldest key after clear', () => {
    const { limiter } = setup(threePerMinute, 2)
    for (const key of ['a', 'b']) limiter.hit(key)
    limiter.clear()
    for (const key of ['c', 'd', 'e']) limiter.hit(key)
    expect([limiter.size, limiter.peek('c'), limiter.peek('d')?.used]).toEqual([2, undefined, 1])
  })

  it('holds at most maxKeys keys and drops expired ones on the next hit', () => {
    const { time, limiter } = setup({ limit: 10, windowMs: 1000 }, 100_000)
    for (let i = 0; i < 300_000; i += 1) limiter.hit(`client-${i}`)
    expect(limiter.size).toBe(100_000)
    time.now = 1000
    limiter.hit('late')
    expect(limiter.size).toBe(1)
  })

  it('defaults to holding 100,000 keys', () => {
    const { limiter } = setup()
    for (let i = 0; i < 100_001; i += 1) limiter.hit(`client-${i}`)
    expect(limiter.size).toBe(100_000)
  })

  it('drops expired keys of a shorter policy once the longer windows ahead of them expire', () => {
    const { time, limiter } = setup()
    limiter.hit('long')
    limiter.hit('short', { limit: 1, windowMs: 1000 })
    time.now = 1000
    expect(limiter.peek('short')).toBeUndefined()
    time.now = 60_000
    limiter.hit('next')
    expect(limiter.size).toBe(1)
  })

  it.each([
    [{ policy: { limit: 0, windowMs: 1000 } }],
    [{ policy: threePerMinute, maxKeys: 0 }],
    [{ policy: threePerMinute, maxKeys: 1.5 }],
  ])('rejects the options %j', (options) => {
    expect(() => createRateLimiter({ ...options, clock: { now: () => 0 } })).toThrow(RangeError)
  })

  it('rejects an out-of-range per-key policy', () => {
    const { limiter } = setup()
    expect(() => limiter.hit('a', { limit: 1, windowMs: 0 })).toThrow(RangeError)
  })
})
