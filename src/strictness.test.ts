import { describe, expect, it } from 'vitest'
import { createMockApi } from './create-mock-api.js'
import type { Problem } from './http/problem.js'
import type { RequestLogEntry } from './journal/log-requests.js'

// HTTP as strictly as the best real APIs: each case failed before its fix (issue 13, item 4).

const auth = { authorization: 'Bearer dev-token' }

// RFC 3986 URI-reference characters: unreserved, reserved, and %HH escapes only.
const URI_REFERENCE = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/

describe('instance', () => {
  it.each(['/users/%7C%5E', '/users/a%20b', '/users/%E2%9C%93', '/nope/%25', '/users/%3Fx'])(
    'is a valid URI reference for %s',
    async (path) => {
      const api = createMockApi({ seed: 1, count: 2 })
      const res = await api.app.request(path, { headers: auth })
      expect(res.status).toBe(404)
      const { instance } = (await res.json()) as Problem
      expect(instance).toMatch(URI_REFERENCE)
      expect(decodeURIComponent(instance)).toBe(decodeURIComponent(path))
    },
  )
})

describe('405 with Allow', () => {
  it.each([
    ['POST', '/', 'GET, HEAD, OPTIONS'],
    ['DELETE', '/', 'GET, HEAD, OPTIONS'],
    ['POST', '/__mockapi/health', 'GET, HEAD'],
    ['DELETE', '/__mockapi/openapi.json', 'GET, HEAD'],
    ['GET', '/__mockapi/reset', 'POST'],
    ['POST', '/__mockapi/clock', 'GET, HEAD'],
  ])('answers %s %s with 405 and Allow: %s', async (method, path, allow) => {
    const api = createMockApi({ seed: 1, count: 2 })
    const res = await api.app.request(path, { method, headers: auth })
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe(allow)
    expect(((await res.json()) as Problem).code).toBe('method_not_allowed')
  })

  it('still answers 404 for paths that serve nothing', async () => {
    const api = createMockApi({ seed: 1, count: 2 })
    expect((await api.app.request('/__mockapi/nothing', { method: 'POST' })).status).toBe(404)
  })
})

describe('Prefer', () => {
  it('ignores values the mock cannot honour, warns once in the log, applies the rest', async () => {
    const log: RequestLogEntry[] = []
    const api = createMockApi({ seed: 1, count: 2, onRequest: (e) => log.push(e) })
    const res = await api.app.request('/users/1', {
      headers: { ...auth, prefer: 'code=abc, delay=forever, return=minimal' },
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('preference-applied')).toBeNull()
    expect(log[0]?.warning).toBe(
      'Prefer ignored: code=abc (not an HTTP status from 200 to 599), delay=forever (not a duration up to 10m)',
    )
    const mixed = await api.app.request('/users/1', {
      headers: { ...auth, prefer: 'code=abc, code=503' },
    })
    expect(mixed.status).toBe(503)
    expect(mixed.headers.get('preference-applied')).toBe('code=503')
  })
})

describe('WWW-Authenticate on 403', () => {
  it.each([
    ['nope', 'token_invalid', 'invalid_token'],
    ['revoked-token', 'token_revoked', 'invalid_token'],
  ])('answers the token %s with 403 %s and error="%s"', async (token, code, error) => {
    const api = createMockApi({ seed: 1, count: 2 })
    const res = await api.app.request('/users', { headers: { authorization: `Bearer ${token}` } })
    expect(res.status).toBe(403)
    expect(((await res.json()) as Problem).code).toBe(code)
    expect(res.headers.get('www-authenticate')).toBe(`Bearer realm="mockapi", error="${error}"`)
  })

  it('carries error="insufficient_scope" for access_denied', async () => {
    const api = createMockApi({ seed: 1, count: 2 })
    const res = await api.app.request('/users/1', {
      method: 'DELETE',
      headers: { authorization: 'Bearer read-token' },
    })
    expect(res.status).toBe(403)
    expect(res.headers.get('www-authenticate')).toBe(
      'Bearer realm="mockapi", error="insufficient_scope"',
    )
  })
})

describe('absolute times after advanceClock', () => {
  it('keep X-RateLimit-Reset minus the real now equal to Retry-After', async () => {
    const api = createMockApi({ seed: 1, count: 2, rateLimit: '2/60s' })
    await api.advanceClock('10m')
    let res = await api.app.request('/users', { headers: auth })
    for (let i = 0; i < 2; i++) res = await api.app.request('/users', { headers: auth })
    expect(res.status).toBe(429)
    const reset = Number(res.headers.get('x-ratelimit-reset'))
    const retryAfter = Number(res.headers.get('retry-after'))
    // Octokit's computation: the reset time minus the client's own clock.
    const wait = reset - Math.floor(Date.now() / 1000)
    expect(Math.abs(wait - retryAfter)).toBeLessThanOrEqual(1)
  })

  it('keep Last-Modified at or before the real now', async () => {
    const api = createMockApi({ seed: 1, count: 2, auth: false })
    await api.advanceClock('10m')
    const patched = await api.app.request('/users/1', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Grace' }),
    })
    const lastModified = Date.parse(patched.headers.get('last-modified') ?? '')
    expect(lastModified).toBeLessThanOrEqual(Date.now())
    expect(lastModified).toBeGreaterThan(Date.now() - 60_000)
  })
})

describe('CORS on every answer outside /__mockapi/', () => {
  it('reaches the invalid_session answer', async () => {
    const api = createMockApi({ seed: 1, count: 2 })
    const res = await api.app.request('/users', {
      headers: { ...auth, origin: 'http://app.test', 'x-mockapi-session': '../bad' },
    })
    expect(res.status).toBe(400)
    expect(((await res.json()) as Problem).code).toBe('invalid_session')
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
  })

  it('says Vary: Origin whenever the allowed origin depends on the request', async () => {
    const api = createMockApi({ seed: 1, count: 2, cors: { origin: ['http://app.test'] } })
    for (const origin of ['http://app.test', 'http://evil.test', undefined]) {
      const res = await api.app.request('/users', {
        headers: { ...auth, ...(origin ? { origin } : {}) },
      })
      expect(res.headers.get('vary')).toMatch(/\bOrigin\b/)
    }
  })
})
