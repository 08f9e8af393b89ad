import { describe, expect, it } from 'vitest'
import { conductHarness } from './conduct.test-support.js'

const TASK = JSON.stringify({ title: 'Write', status: 'todo', projectId: 1 })

describe('retry-before-retry-after', () => {
  it("after the limiter's 429, any route of that token sent early is a finding", async () => {
    const h = conductHarness({ rateLimit: '2/60s' })
    await h.send('/users')
    await h.send('/users')
    expect(await h.send('/users')).toBe(429)
    h.wait(10_000)
    await h.send('/tasks')
    const [finding] = h.findings()
    expect(h.rules()).toEqual(['retry-before-retry-after'])
    expect(finding).toMatchObject({ client: 'dev-token', session: null, requests: [3, 4] })
    expect(finding?.message).toContain('Retry-After: 60')
    expect(finding?.at).toBe(new Date(Date.UTC(2030, 0, 1, 0, 0, 10)).toISOString())
  })

  it('near miss: the next request comes once Retry-After has passed', async () => {
    const h = conductHarness({ rateLimit: '2/60s' })
    for (let i = 0; i < 3; i++) await h.send('/users')
    h.wait(60_000)
    expect(await h.send('/users')).toBe(200)
    expect(h.rules()).toEqual([])
  })

  it("a scenario's 503 holds for its route only", async () => {
    const h = conductHarness({
      scenarios: [
        { name: 'down', rules: [{ match: { path: '/tasks' }, respond: { status: 503 } }] },
      ],
    })
    expect(await h.send('/tasks')).toBe(503)
    await h.send('/users')
    expect(h.rules()).toEqual([])
    h.wait(1000)
    await h.send('/tasks')
    expect(h.rules()).toEqual(['retry-before-retry-after'])
  })
})

describe('retry-without-backoff', () => {
  const reset = {
    name: 'r',
    rules: [{ match: { path: '/users/1' }, respond: { fault: 'reset' as const } }],
  }

  it('three attempts of a failure without Retry-After at a fixed pace', async () => {
    const h = conductHarness({ scenarios: [reset] })
    for (let i = 0; i < 3; i++) {
      expect(await h.send('/users/1')).toBe(0)
      h.wait(100)
    }
    expect(h.rules()).toEqual(['retry-without-backoff'])
    expect(h.findings()[0]?.requests).toEqual([1, 2, 3])
  })

  it('near miss: gaps that grow (300 ms, 600 ms, 1.2 s)', async () => {
    const h = conductHarness({ scenarios: [reset] })
    for (const gap of [300, 600, 1200, 0]) {
      await h.send('/users/1')
      h.wait(gap)
    }
    expect(h.rules()).toEqual([])
  })
})

describe('retry-storm', () => {
  const failing = { name: 'f', rules: [{ match: { path: '/users/1' }, respond: { status: 500 } }] }

  it('more than 10 attempts of one failed request, even with backoff', async () => {
    const h = conductHarness({ scenarios: [failing] })
    let gap = 1000
    for (let i = 0; i < 11; i++) {
      expect(await h.send('/users/1')).toBe(500)
      h.wait(gap)
      gap = Math.round(gap * 1.5)
    }
    expect(h.rules()).toEqual(['retry-storm'])
    expect(h.findings()[0]?.requests).toHaveLength(11)
  })

  it('near miss: 10 attempts; and retryStorm lowers the limit', async () => {
    for (const [storm, expected] of [
      [undefined, []],
      [5, ['retry-storm']],
    ] as const) {
      const h = conductHarness({
        scenarios: [failing],
        ...(storm === undefined ? {} : { conduct: { retryStorm: storm } }),
      })
      let gap = 1000
      for (let i = 0; i < 10; i++) {
        await h.send('/users/1')
        h.wait(gap)
        gap = Math.round(gap * 1.5)
      }
      expect(h.rules()).toEqual(expected)
    }
  })
})

describe('retried-unretryable', () => {
  it('the same invalid POST sent again unchanged', async () => {
    const h = conductHarness()
    const bad = JSON.stringify({ title: 5 })
    expect(await h.send('/tasks', { method: 'POST', body: bad })).toBe(400)
    h.wait(5000)
    expect(await h.send('/tasks', { method: 'POST', body: bad })).toBe(400)
    expect(h.rules()).toEqual(['retried-unretryable'])
    expect(h.findings()[0]?.message).toContain('400 validation_failed')
  })

  it('a 404 asked again unchanged', async () => {
    const h = conductHarness()
    await h.send('/users/999')
    await h.send('/users/999')
    expect(h.rules()).toEqual(['retried-unretryable'])
  })

  it('near miss: the body fixed; or the record created in between', async () => {
    const h = conductHarness()
    await h.send('/tasks', { method: 'POST', body: JSON.stringify({ title: 5 }) })
    expect(await h.send('/tasks', { method: 'POST', body: TASK })).toBe(201)
    await h.send('/tasks/99')
    await h.send('/tasks', { method: 'POST', body: TASK })
    await h.send('/tasks/99')
    expect(h.rules()).toEqual([])
  })
})

describe('duplicate-write', () => {
  const once503 = {
    name: 'once',
    rules: [
      { match: { method: 'POST', path: '/tasks' }, when: { times: 1 }, respond: { status: 503 } },
    ],
  }

  it('a POST re-sent after a 503 without an Idempotency-Key', async () => {
    const h = conductHarness({ scenarios: [once503] })
    expect(await h.send('/tasks', { method: 'POST', body: TASK })).toBe(503)
    h.wait(61_000)
    expect(await h.send('/tasks', { method: 'POST', body: TASK })).toBe(201)
    expect(h.rules()).toEqual(['duplicate-write'])
    expect(h.findings()[0]?.requests).toEqual([1, 2])
  })

  it('a POST abandoned while held is dropped unwritten; its re-send is still flagged', async () => {
    // A client that gives up on a delayed request lets go of it before the write (no timer
    // lingers), so the mock sees an ambiguous failure but no record made twice.
    const slow = {
      name: 'slow',
      rules: [{ match: { method: 'POST' }, when: { times: 1 }, respond: { delay: '40ms' } }],
    }
    const h = conductHarness({ scenarios: [slow] })
    const before = h.api.resources().find((r) => r.name === 'tasks')?.count
    await h.send('/tasks', { method: 'POST', body: TASK, signal: AbortSignal.timeout(5) })
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect(await h.send('/tasks', { method: 'POST', body: TASK })).toBe(201)
    expect(h.rules()).toEqual(['duplicate-write'])
    expect(h.findings()[0]?.message).not.toContain('created the same record twice')
    expect(h.api.resources().find((r) => r.name === 'tasks')?.count).toBe((before ?? 0) + 1)
  })

  it('a POST re-sent after its connection was reset (its body unknown to the mock)', async () => {
    const reset = {
      name: 'reset-post',
      rules: [
        { match: { method: 'POST' }, when: { times: 1 }, respond: { fault: 'reset' as const } },
      ],
    }
    const h = conductHarness({ scenarios: [reset] })
    expect(await h.send('/tasks', { method: 'POST', body: TASK })).toBe(0)
    h.wait(2000)
    expect(await h.send('/tasks', { method: 'POST', body: TASK })).toBe(201)
    expect(h.rules()).toEqual(['duplicate-write'])
    expect(h.findings()[0]?.message).toContain('ambiguous failure (reset)')
  })

  it('near miss: the re-send carries an Idempotency-Key', async () => {
    const h = conductHarness({ scenarios: [once503] })
    const headers = { 'Idempotency-Key': 'k-1' }
    await h.send('/tasks', { method: 'POST', body: TASK, headers })
    h.wait(61_000)
    await h.send('/tasks', { method: 'POST', body: TASK, headers })
    expect(h.rules()).toEqual([])
  })
})

describe('revoked-token-reused', () => {
  it('a revoked token sent twice more after its 403', async () => {
    const h = conductHarness()
    expect(await h.send('/users', { token: 'revoked-token' })).toBe(403)
    await h.send('/tasks', { token: 'revoked-token' })
    await h.send('/projects', { token: 'revoked-token' })
    expect(h.rules()).toEqual(['revoked-token-reused'])
    expect(h.findings()[0]).toMatchObject({ client: 'revoked-token', requests: [1, 2, 3] })
  })

  it('near miss: sent once more only', async () => {
    const h = conductHarness()
    await h.send('/users', { token: 'revoked-token' })
    await h.send('/tasks', { token: 'revoked-token' })
    expect(h.rules()).toEqual([])
  })
})

describe('token-in-url', () => {
  it('a token in the query string, its value never shown', async () => {
    const h = conductHarness({
      auth: { tokens: [{ token: 's3cret-value', workspace: 'A', access: { '*': 'write' } }] },
    })
    expect(await h.send('/users?api_token=s3cret-value', { token: null })).toBe(401)
    const [finding] = h.findings()
    expect(h.rules()).toEqual(['token-in-url'])
    expect(finding?.client).toMatch(/^token#[0-9a-f]{8}$/)
    expect(JSON.stringify(h.api.conduct())).not.toContain('s3cret-value')
  })

  it('near miss: the token in the header', async () => {
    const h = conductHarness()
    await h.send('/users?page=1')
    expect(h.rules()).toEqual([])
  })
})

describe('no-client-timeout', () => {
  const hang = {
    name: 'h',
    rules: [{ match: { path: '/users/1' }, respond: { fault: 'hang' as const } }],
  }

  it('a hung request not aborted within 30 s: shown while open, then with its journal id', async () => {
    const h = conductHarness({ scenarios: [hang] })
    const abort = new AbortController()
    const pending = h.send('/users/1', { signal: abort.signal })
    await new Promise((resolve) => setImmediate(resolve))
    h.wait(29_000)
    expect(h.rules()).toEqual([])
    h.wait(2000)
    expect(h.findings()).toMatchObject([{ rule: 'no-client-timeout', requests: [] }])
    abort.abort()
    expect(await pending).toBe(0)
    expect(h.findings()).toMatchObject([{ rule: 'no-client-timeout', requests: [1] }])
  })

  it('near miss: aborted after 10 s; and hangLimit moves the line', async () => {
    for (const [limit, expected] of [
      [undefined, []],
      ['5s', ['no-client-timeout']],
    ] as const) {
      const h = conductHarness({
        scenarios: [hang],
        ...(limit ? { conduct: { hangLimit: limit } } : {}),
      })
      const abort = new AbortController()
      const pending = h.send('/users/1', { signal: abort.signal })
      await new Promise((resolve) => setImmediate(resolve))
      h.wait(10_000)
      abort.abort()
      await pending
      expect(h.rules()).toEqual(expected)
    }
  })
})

describe('switching rules off, clearing, bounds', () => {
  it('conduct.ignore drops a rule; an unknown id is refused', async () => {
    const h = conductHarness({ conduct: { ignore: ['retried-unretryable'] } })
    await h.send('/users/999')
    await h.send('/users/999')
    expect(h.rules()).toEqual([])
    expect(() => conductHarness({ conduct: { ignore: ['retry-everything'] } })).toThrow(
      /unknown rule "retry-everything"/,
    )
  })

  it('resetConduct() and reset() clear findings and coverage', async () => {
    const h = conductHarness()
    for (const clear of [() => h.api.resetConduct(), () => h.api.reset()]) {
      await h.send('/users/999')
      await h.send('/users/999')
      expect(h.rules()).toEqual(['retried-unretryable'])
      await clear()
      expect(h.api.conduct()).toEqual({ findings: [], coverage: [] })
    }
  })

  it('memory stays bounded: 1,500 misbehaving clients keep at most 1,000 findings', async () => {
    const h = conductHarness({ auth: false, rateLimit: false })
    const app = h.api.app
    for (let i = 0; i < 1500; i++) {
      const env = {
        incoming: {
          headers: {},
          socket: { remoteAddress: `10.0.${i >> 8}.${i & 255}`, destroyed: false },
        },
      }
      await app.request('/users/999', {}, env as never)
      await app.request('/users/999', {}, env as never)
    }
    expect(h.findings()).toHaveLength(1000)
  })
})
