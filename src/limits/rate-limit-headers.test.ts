import { describe, expect, it } from 'vitest'
import type { RateLimitDecision } from './create-rate-limiter.js'
import { rateLimitHeaders } from './rate-limit-headers.js'

const now = 1_767_225_600_000 // 2026-01-01T00:00:00Z

function decision(overrides: Partial<RateLimitDecision>): RateLimitDecision {
  return {
    allowed: true,
    limit: 100,
    remaining: 99,
    resetMs: 60_000,
    retryAfterSeconds: 60,
    policy: { limit: 100, windowMs: 60_000 },
    ...overrides,
  }
}

describe('rateLimitHeaders', () => {
  it('describes the limit on an allowed response, without Retry-After', () => {
    expect(rateLimitHeaders(decision({}), now)).toEqual({
      'RateLimit-Policy': '"default";q=100;w=60',
      RateLimit: '"default";r=99;t=60',
      'X-RateLimit-Limit': '100',
      'X-RateLimit-Remaining': '99',
      'X-RateLimit-Reset': '1767225660',
    })
  })

  it('adds Retry-After to a refused response', () => {
    const refused = decision({ allowed: false, remaining: 0, resetMs: 12_300 })
    expect(rateLimitHeaders(refused, now)).toEqual({
      'RateLimit-Policy': '"default";q=100;w=60',
      RateLimit: '"default";r=0;t=13',
      'X-RateLimit-Limit': '100',
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset': '1767225613',
      'Retry-After': '60',
    })
  })

  it.each([
    // [window, reset, now, w, t, epoch reset]
    [500, 200, now, '1', '1', '1767225601'],
    [1000, 1000, now + 1, '1', '1', '1767225602'],
    [1500, 1499, now + 500, '2', '2', '1767225602'],
    [3_600_000, 3_599_999, now, '3600', '3600', '1767229200'],
  ])('rounds seconds up (window %i ms, reset in %i ms)', (windowMs, resetMs, at, w, t, reset) => {
    const headers = rateLimitHeaders(
      decision({ limit: 5, remaining: 4, resetMs, policy: { limit: 5, windowMs } }),
      at,
    )
    expect(headers['RateLimit-Policy']).toBe(`"default";q=5;w=${w}`)
    expect(headers.RateLimit).toBe(`"default";r=4;t=${t}`)
    expect(headers['X-RateLimit-Reset']).toBe(reset)
  })
})
