import { describe, expect, it } from 'vitest'
import { checkRateLimitPolicy, formatRateLimit, parseRateLimit } from './parse-rate-limit.js'

describe('parseRateLimit', () => {
  it.each([
    ['100/60s', { limit: 100, windowMs: 60_000 }],
    ['10/1m', { limit: 10, windowMs: 60_000 }],
    ['5000/1h', { limit: 5000, windowMs: 3_600_000 }],
    ['20/500ms', { limit: 20, windowMs: 500 }],
    ['1/1s', { limit: 1, windowMs: 1000 }],
    ['1/1ms', { limit: 1, windowMs: 1 }],
    ['1000000000/24h', { limit: 1_000_000_000, windowMs: 86_400_000 }],
    ['  100/60s\n', { limit: 100, windowMs: 60_000 }],
  ])('reads %j', (text, expected) => {
    expect(parseRateLimit(text)).toEqual(expected)
  })

  it('reads off as no limit', () => {
    expect(parseRateLimit('off')).toBe(false)
  })

  it.each([
    'abc',
    '',
    '100',
    '100/',
    '/60s',
    '100/60',
    '100/60S',
    '100/60 s',
    '100/60sec',
    '-1/1s',
    '1.5/1s',
    '100/1.5s',
    '100/60s/2',
    'OFF',
  ])('rejects the malformed %j with the expected form', (text) => {
    expect(() => parseRateLimit(text)).toThrow(
      new RangeError(
        `rate limit must look like 100/60s (requests/window with ms, s, m or h) or be "off", got ${JSON.stringify(text)}`,
      ),
    )
  })

  it.each([
    ['0/1s', 'must allow 1 to 1000000000 requests per window'],
    ['1000000001/1s', 'must allow 1 to 1000000000 requests per window'],
    ['99999999999999999999/1s', 'must allow 1 to 1000000000 requests per window'],
    ['1/0s', 'window must be a whole number of milliseconds from 1ms to 24h'],
    ['1/0ms', 'window must be a whole number of milliseconds from 1ms to 24h'],
    ['1/25h', 'window must be a whole number of milliseconds from 1ms to 24h'],
    ['1/86400001ms', 'window must be a whole number of milliseconds from 1ms to 24h'],
  ])('rejects the out-of-range %j', (text, problem) => {
    expect(() => parseRateLimit(text)).toThrow(
      new RangeError(`rate limit ${problem}, got "${text}"`),
    )
  })
})

describe('formatRateLimit', () => {
  it.each([
    [{ limit: 100, windowMs: 60_000 }, '100/60s'],
    [{ limit: 10, windowMs: 3_600_000 }, '10/3600s'],
    [{ limit: 20, windowMs: 500 }, '20/500ms'],
    [{ limit: 3, windowMs: 1500 }, '3/1500ms'],
  ])('writes %j as %s', (policy, text) => {
    expect(formatRateLimit(policy)).toBe(text)
  })

  it.each(['100/60s', '10/1m', '5000/1h', '20/500ms', '1/1ms'])(
    'writes what parseRateLimit reads back for %s',
    (text) => {
      const policy = parseRateLimit(text)
      if (policy === false) throw new Error('expected a policy')
      expect(parseRateLimit(formatRateLimit(policy))).toEqual(policy)
    },
  )
})

describe('checkRateLimitPolicy', () => {
  it('returns a policy in range', () => {
    const policy = { limit: 5, windowMs: 1000 }
    expect(checkRateLimitPolicy(policy)).toBe(policy)
  })

  it.each([
    { limit: 0, windowMs: 1000 },
    { limit: 1.5, windowMs: 1000 },
    { limit: 1, windowMs: 0 },
    { limit: 1, windowMs: 0.5 },
    { limit: 1, windowMs: Number.NaN },
    { limit: 1, windowMs: 86_400_001 },
  ])('rejects %j', (policy) => {
    expect(() => checkRateLimitPolicy(policy)).toThrow(RangeError)
  })
})
