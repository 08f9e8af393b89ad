import { describe, expect, it } from 'vitest'
import { parseConfig } from '../config/parse-config.js'
import { createMockApi, type MockApi } from '../create-mock-api.js'
import { isFileError } from '../errors/file-error.js'
import type { Problem } from '../http/problem.js'
import type { MockApiOptions } from '../options.js'
import { startMockApi } from '../start-mock-api.js'
import { parseScenario } from './parse-scenario.js'

const NOW = Date.UTC(2030, 0, 1)
const TASK = { title: 'Write the tests', status: 'todo', projectId: 1 }

function scenario(yaml: string, name = 'test') {
  return parseScenario(`name: ${name}\n${yaml}`, `${name}.yaml`)
}

function setup(yaml: string | string[], options: MockApiOptions = {}): MockApi {
  const texts = Array.isArray(yaml) ? yaml : [yaml]
  return createMockApi({
    seed: 1,
    count: 5,
    clock: { now: () => NOW },
    scenarios: texts.map((text, i) => scenario(text, `layer${i}`)),
    ...options,
  })
}

interface Call {
  readonly method?: string
  readonly path: string
  readonly token?: string | undefined
  readonly body?: unknown
  readonly headers?: Record<string, string>
  readonly signal?: AbortSignal
}

function send(api: MockApi, call: Call): Promise<Response> {
  const headers = new Headers(call.headers)
  if (call.token !== undefined || !('token' in call)) {
    headers.set('Authorization', `Bearer ${call.token ?? 'dev-token'}`)
  }
  const init: RequestInit = { method: call.method ?? 'GET', headers }
  if (call.signal) init.signal = call.signal
  if (call.body !== undefined) {
    headers.set('Content-Type', 'application/json')
    init.body = JSON.stringify(call.body)
  }
  return api.fetch(new Request(`http://mock${call.path}`, init))
}

async function problemOf(res: Response): Promise<Problem> {
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  return (await res.json()) as Problem
}

async function statuses(api: MockApi, call: Call, times: number): Promise<number[]> {
  const result: number[] = []
  for (let i = 0; i < times; i++) result.push((await send(api, call)).status)
  return result
}

const count = (api: MockApi, name: string) => api.resources().find((r) => r.name === name)?.count

describe('injected answers', () => {
  it.each<[number, string, Record<string, RegExp>]>([
    [400, 'validation_failed', {}],
    [401, 'unauthorized', { 'www-authenticate': /^Bearer realm="mockapi"$/ }],
    [403, 'access_denied', {}],
    [404, 'not_found', {}],
    [
      429,
      'rate_limited',
      { 'retry-after': /^([6-9]\d|\d{3,})$/, 'x-ratelimit-remaining': /^0$/, ratelimit: /r=0/ },
    ],
    [503, 'service_unavailable', { 'retry-after': /^([6-9]\d|\d{3,})$/ }],
    [500, 'internal_error', {}],
    [502, 'bad_gateway', {}],
    [409, 'conflict', {}],
  ])(
    'status %i answers the problem shape with code %s and its headers',
    async (status, code, headers) => {
      const api = setup(`rules:\n  - respond: { status: ${status} }\n`)
      const res = await send(api, { path: '/tasks/1' })
      expect(res.status).toBe(status)
      const problem = await problemOf(res)
      expect(problem).toMatchObject({
        status,
        code,
        type: `urn:mockapi:problem:${code}`,
        instance: '/tasks/1',
      })
      expect(problem.detail).toContain('scenario layer0, rule 1')
      for (const [name, pattern] of Object.entries(headers)) {
        expect(res.headers.get(name), name).toMatch(pattern)
      }
      // CORS still applies to injected answers.
      expect(res.headers.get('access-control-allow-origin')).toBe('*')
    },
  )

  it('an injected answer carries the rate-limit headers, uncounted; a 429 shows 0 remaining', async () => {
    const api = setup('rules:\n  - match: { path: /users }\n    respond: { status: 503 }\n', {
      rateLimit: '5/60s',
    })
    const injected = await send(api, { path: '/users' })
    expect(injected.headers.get('x-ratelimit-limit')).toBe('5')
    expect(injected.headers.get('x-ratelimit-remaining')).toBe('5')
    const natural = await send(api, { path: '/tasks' })
    expect(natural.headers.get('x-ratelimit-remaining')).toBe('4')
    const forced = await send(api, { path: '/tasks', headers: { Prefer: 'code=429' } })
    expect(forced.headers.get('x-ratelimit-remaining')).toBe('0')
    expect(forced.headers.get('x-ratelimit-limit')).toBe('5')
  })

  it('an injected 400 names a field of the resource in errors', async () => {
    const api = setup('rules:\n  - match: { method: POST }\n    respond: { status: 400 }\n')
    const res = await send(api, { method: 'POST', path: '/tasks', body: TASK })
    const problem = await problemOf(res)
    expect(problem.errors).toEqual([
      { field: 'title', message: expect.stringContaining('rejected') },
    ])
  })

  it('body and headers of the rule replace the defaults', async () => {
    const api = setup(
      'rules:\n  - respond:\n      status: 503\n      body: { error: down }\n      headers: { Retry-After: "120", X-Reason: test }\n',
    )
    const res = await send(api, { path: '/users' })
    expect(res.status).toBe(503)
    expect(await res.json()).toEqual({ error: 'down' })
    expect(res.headers.get('retry-after')).toBe('120')
    expect(res.headers.get('x-reason')).toBe('test')
  })

  it('a rule header in another case replaces the default instead of doubling it', async () => {
    const api = setup(
      'rules:\n  - respond:\n      status: 503\n      headers: { retry-after: "5", content-type: text/plain }\n',
    )
    const res = await send(api, { path: '/users' })
    expect(res.headers.get('retry-after')).toBe('5')
    expect(res.headers.get('content-type')).toBe('text/plain')
  })

  it.each(['POST /tasks', 'PATCH /tasks/1', 'DELETE /tasks/1'])(
    'an injected 503 on %s changes nothing',
    async (route) => {
      const [method = '', path = ''] = route.split(' ')
      const api = setup(
        'rules:\n  - match: { method: [POST, PATCH, DELETE] }\n    respond: { status: 503 }\n',
      )
      const before = await (await send(api, { path: '/tasks/1' })).text()
      const res = await send(api, { method, path, body: method === 'DELETE' ? undefined : TASK })
      expect(res.status).toBe(503)
      expect(count(api, 'tasks')).toBe(10)
      expect(await (await send(api, { path: '/tasks/1' })).text()).toBe(before)
    },
  )

  it('an injected answer overrides the natural one, even a 401 for a missing token', async () => {
    const api = setup('rules:\n  - match: { path: /tasks/:id }\n    respond: { status: 404 }\n')
    expect((await send(api, { path: '/tasks/1', token: undefined })).status).toBe(404)
    expect((await send(api, { path: '/tasks', token: undefined })).status).toBe(401)
  })

  it('a rule with only a delay slows the request and lets it through', async () => {
    const api = setup('rules:\n  - match: { path: /users/1 }\n    respond: { delay: 80ms }\n')
    const start = performance.now()
    const res = await send(api, { path: '/users/1' })
    expect(performance.now() - start).toBeGreaterThanOrEqual(75)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ id: 1 })
  })
})

describe('triggers', () => {
  it('times: 2 fails the first two matches, then the natural answer; nothing is created', async () => {
    const api = setup(
      'rules:\n  - match: { method: POST, path: /tasks }\n    when: { times: 2 }\n    respond: { status: 503 }\n',
    )
    const codes = await statuses(api, { method: 'POST', path: '/tasks', body: TASK }, 4)
    expect(codes).toEqual([503, 503, 201, 201])
    expect(count(api, 'tasks')).toBe(12)
    expect((await send(api, { path: '/tasks' })).status).toBe(200)
  })

  it('after, every and sequence count the matches of their rule', async () => {
    const after = setup('rules:\n  - when: { after: 2 }\n    respond: { status: 500 }\n')
    expect(await statuses(after, { path: '/users' }, 4)).toEqual([200, 200, 500, 500])
    const every = setup('rules:\n  - when: { every: 3 }\n    respond: { status: 502 }\n')
    expect(await statuses(every, { path: '/users' }, 6)).toEqual([200, 200, 502, 200, 200, 502])
    const sequence = setup(
      'rules:\n  - when: { sequence: [503, 429, pass, 500] }\n    respond: {}\n',
    )
    expect(await statuses(sequence, { path: '/users' }, 5)).toEqual([503, 429, 200, 500, 200])
  })

  it('per: route counts each method and path apart (recovering)', async () => {
    const api = setup('rules:\n  - when: { times: 2, per: route }\n    respond: { status: 503 }\n')
    expect(await statuses(api, { path: '/users/1' }, 3)).toEqual([503, 503, 200])
    expect(await statuses(api, { path: '/users/2' }, 3)).toEqual([503, 503, 200])
    const created = await statuses(api, { method: 'POST', path: '/tasks', body: TASK }, 3)
    expect(created).toEqual([503, 503, 201])
    expect(count(api, 'tasks')).toBe(11)
  })

  it('per: token counts each token apart', async () => {
    const api = setup('rules:\n  - when: { times: 1, per: token }\n    respond: { status: 429 }\n')
    expect(await statuses(api, { path: '/users' }, 2)).toEqual([429, 200])
    expect(await statuses(api, { path: '/users', token: 'other-token' }, 2)).toEqual([429, 200])
  })

  it('match by method, path pattern, header, query and token', async () => {
    const api = setup(
      [
        'rules:',
        '  - match: { method: GET, path: /projects/:id, headers: { x-tenant: acme } }',
        '    respond: { status: 404 }',
        '  - match: { path: /comments/** }',
        '    respond: { status: 500 }',
        '  - match: { query: { debug: "1" } }',
        '    respond: { status: 502 }',
        '  - match: { token: read-token }',
        '    respond: { status: 403 }',
      ].join('\n'),
    )
    const tenant = { 'x-tenant': 'acme' }
    expect((await send(api, { path: '/projects/1', headers: tenant })).status).toBe(404)
    expect((await send(api, { path: '/projects/1' })).status).toBe(200)
    expect((await send(api, { path: '/projects', headers: tenant })).status).toBe(200)
    expect((await send(api, { path: '/comments' })).status).toBe(500)
    expect((await send(api, { path: '/comments/1' })).status).toBe(500)
    expect((await send(api, { path: '/users?debug=1' })).status).toBe(502)
    expect((await send(api, { path: '/users', token: 'read-token' })).status).toBe(403)
    expect((await send(api, { path: '/users' })).status).toBe(200)
  })

  it('a window is active only from its start until its end after activation', async () => {
    let now = NOW
    const api = setup(
      'rules:\n  - when: { window: { from: 10s, until: 40s } }\n    respond: { status: 503 }\n',
      {
        clock: { now: () => now },
      },
    )
    const at = async (seconds: number) => {
      now = NOW + seconds * 1000
      return (await send(api, { path: '/users' })).status
    }
    expect([await at(0), await at(10), await at(39), await at(40)]).toEqual([200, 503, 503, 200])
  })

  it('the same seed and requests give the same outcomes; another seed other ones', async () => {
    const run = async (seed: number) =>
      statuses(
        setup('rules:\n  - when: { probability: 0.3 }\n    respond: { status: 503 }\n', { seed }),
        { path: '/users/1' },
        60,
      )
    const first = await run(7)
    expect(await run(7)).toEqual(first)
    expect(await run(8)).not.toEqual(first)
    expect(first.filter((s) => s === 503).length).toBeGreaterThan(5)
  })

  it('a later scenario is tried before an earlier one', async () => {
    const api = setup([
      'rules:\n  - respond: { status: 503 }\n',
      'rules:\n  - match: { path: /users }\n    respond: { status: 404 }\n',
    ])
    expect((await send(api, { path: '/users' })).status).toBe(404)
    expect((await send(api, { path: '/tasks' })).status).toBe(503)
  })

  it('reset() starts the counters over', async () => {
    const api = setup('rules:\n  - when: { times: 1 }\n    respond: { status: 503 }\n')
    expect(await statuses(api, { path: '/users' }, 2)).toEqual([503, 200])
    await api.reset()
    expect(await statuses(api, { path: '/users' }, 2)).toEqual([503, 200])
  })
})

describe('settings while a scenario is active', () => {
  it('rateLimit lowers the real limiter, with its headers', async () => {
    const api = setup('settings: { rateLimit: 3/60s }\n')
    const codes = await statuses(api, { path: '/users' }, 4)
    expect(codes).toEqual([200, 200, 200, 429])
    const res = await send(api, { path: '/users', token: 'other-token' })
    expect(res.headers.get('x-ratelimit-limit')).toBe('3')
    expect(api.settings().rateLimit).toEqual({ limit: 3, windowMs: 60_000 })
  })

  it('maintenance answers 503 maintenance until the scenario is dropped', async () => {
    const api = setup('settings: { maintenance: true }\n')
    const res = await send(api, { path: '/users' })
    expect(res.status).toBe(503)
    expect((await problemOf(res)).code).toBe('maintenance')
    expect(api.settings().maintenance).toBe(true)
    await api.useScenarios([])
    expect((await send(api, { path: '/users' })).status).toBe(200)
    expect(api.settings()).toMatchObject({ maintenance: false, rateLimit: { limit: 600 } })
  })
})

describe('useScenarios', () => {
  it('switches scenarios at runtime by name, and a bad one changes nothing', async () => {
    const api = createMockApi({ seed: 1, count: 5 })
    expect((await send(api, { path: '/users' })).status).toBe(200)
    await api.useScenarios(['unavailable'])
    expect((await send(api, { path: '/users' })).status).toBe(503)
    const failed = await api.useScenarios(['no-such-scenario']).catch((error: unknown) => error)
    expect(isFileError(failed)).toBe(true)
    expect((failed as Error).message).toContain('unknown scenario "no-such-scenario"')
    expect((await send(api, { path: '/users' })).status).toBe(503)
    expect(api.settings().scenarios.map((s) => s.name)).toEqual(['unavailable'])
  })

  it('takes inline objects written as the file format, checked like a file', async () => {
    const api = createMockApi({ seed: 1, count: 5, clock: { now: () => NOW } })
    await api.useScenarios([
      {
        name: 'outage',
        rules: [
          {
            match: { method: 'get', path: '/users/:id' },
            when: { window: { from: '10s', until: '40s' } },
            respond: { status: 503, delay: '10ms' },
          },
        ],
      },
    ])
    expect((await send(api, { path: '/users/1' })).status).toBe(200)
    await api.advanceClock('10s')
    expect((await send(api, { path: '/users/1' })).status).toBe(503)
    const failed = await api
      .useScenarios([{ name: 'broken', rules: [{ respond: { status: 99 } }] }])
      .catch((error: unknown) => error)
    expect(isFileError(failed)).toBe(true)
    expect((failed as Error).message).toMatch(/^inline:broken:\d+:\d+: rules\[0\]\.respond\.status/)
    expect(api.settings().scenarios.map((s) => s.name)).toEqual(['outage'])
  })

  it('refuses a name that reaches outside the scenario folders', async () => {
    const api = createMockApi()
    for (const name of ['../../etc/passwd', '..', 'a/../../b']) {
      const failed = await api.useScenarios([name]).catch((error: unknown) => error)
      expect(isFileError(failed), name).toBe(true)
    }
    expect(api.settings().scenarios).toEqual([])
  })
})

describe('Prefer', () => {
  it('code= forces that status on one request and says so', async () => {
    const api = createMockApi({ seed: 1, count: 5 })
    const res = await send(api, { path: '/users/1', headers: { Prefer: 'code=429' } })
    expect(res.status).toBe(429)
    expect(res.headers.get('preference-applied')).toBe('code=429')
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(60)
    expect((await problemOf(res)).code).toBe('rate_limited')
    expect((await send(api, { path: '/users/1' })).status).toBe(200)
  })

  it('code= on a write changes nothing', async () => {
    const api = createMockApi({ seed: 1, count: 5 })
    const headers = { Prefer: 'code=503' }
    expect((await send(api, { method: 'POST', path: '/tasks', body: TASK, headers })).status).toBe(
      503,
    )
    expect(count(api, 'tasks')).toBe(10)
  })

  it('delay= adds latency to the natural answer; both together work', async () => {
    const api = createMockApi({ seed: 1, count: 5 })
    let start = performance.now()
    const slow = await send(api, { path: '/users/1', headers: { Prefer: 'delay=80' } })
    expect(performance.now() - start).toBeGreaterThanOrEqual(75)
    expect(slow.status).toBe(200)
    expect(slow.headers.get('preference-applied')).toBe('delay=80')
    start = performance.now()
    const both = await send(api, { path: '/users/1', headers: { Prefer: 'code=404; delay=50' } })
    expect(performance.now() - start).toBeGreaterThanOrEqual(45)
    expect(both.status).toBe(404)
  })

  it('wins over a scenario rule for its request', async () => {
    const api = setup('rules:\n  - respond: { status: 503 }\n')
    const res = await send(api, { path: '/users', headers: { Prefer: 'code=401' } })
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/)
  })

  it.each(['return=minimal', 'code=200', 'code=204, return=representation'])(
    'Prefer: %s leaves the natural answer',
    async (prefer) => {
      const api = createMockApi({ seed: 1, count: 5 })
      const res = await send(api, { path: '/users/1', headers: { Prefer: prefer } })
      expect(res.status).toBe(200)
    },
  )

  it.each(['code=abc', 'code=999', 'code=42', 'delay=-5', 'delay=soon', 'delay=11m'])(
    'Prefer: %s is ignored (RFC 7240 §2): the natural answer, no Preference-Applied',
    async (prefer) => {
      const api = createMockApi({ seed: 1, count: 5 })
      const res = await send(api, { path: '/users/1', headers: { Prefer: prefer } })
      expect(res.status).toBe(200)
      expect(res.headers.get('preference-applied')).toBeNull()
    },
  )

  it('is ignored with prefer: false in the config', async () => {
    const config = parseConfig('prefer: false\n', 'mockapi.yaml')
    const api = createMockApi({ seed: 1, count: 5, config })
    expect((await send(api, { path: '/users/1', headers: { Prefer: 'code=503' } })).status).toBe(
      200,
    )
    expect(api.settings().prefer).toBe(false)
  })

  it('is ignored with prefer: false', async () => {
    const api = createMockApi({ seed: 1, count: 5, prefer: false })
    const res = await send(api, { path: '/users/1', headers: { Prefer: 'code=503' } })
    expect(res.status).toBe(200)
    expect(res.headers.get('preference-applied')).toBeNull()
  })
})

describe('network faults in-process', () => {
  it.each(['reset', 'empty'])('%s makes fetch reject as a network failure would', async (fault) => {
    const api = setup(`rules:\n  - respond: { fault: ${fault} }\n`)
    const error = await send(api, { path: '/users' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TypeError)
    expect((error as TypeError).message).toBe('fetch failed')
  })

  // On a socket: in-process, Node 20's Request follows its client's signal through a controller
  // it holds only weakly, so after a garbage collection an abort may never reach the mock.
  it('hang never answers; the request ends when the client aborts it', async () => {
    const hang = scenario('rules:\n  - respond: { fault: hang }\n')
    const api = await startMockApi({ port: 0, seed: 1, count: 5, scenarios: [hang] })
    try {
      const error = await fetch(`${api.url}/users`, {
        headers: { Authorization: 'Bearer dev-token' },
        signal: AbortSignal.timeout(100),
      }).catch((e: unknown) => e)
      expect((error as Error).name).toBe('TimeoutError')
      await expect.poll(async () => (await api.requests()).map((e) => e.status)).toEqual([0])
    } finally {
      await api.close()
    }
  })

  it('hang ends when the instance closes', async () => {
    const api = setup('rules:\n  - respond: { fault: hang }\n')
    const pending = send(api, { path: '/users' }).catch((e: unknown) => e)
    await new Promise((resolve) => setTimeout(resolve, 20))
    await api.close()
    expect(((await pending) as Error).name).toBe('AbortError')
  })

  it('malformed answers JSON cut in half; a write is not carried out', async () => {
    const api = setup('rules:\n  - respond: { fault: malformed }\n')
    const read = await send(api, { path: '/users/1' })
    expect(read.status).toBe(200)
    expect(read.headers.get('content-type')).toMatch(/^application\/json/)
    const text = await read.text()
    expect(text.startsWith('{"id":1')).toBe(true)
    expect(() => JSON.parse(text)).toThrow(SyntaxError)
    const write = await send(api, { method: 'POST', path: '/tasks', body: TASK })
    expect(() => JSON.parse('x')).toThrow()
    await expect(write.json()).rejects.toThrow(SyntaxError)
    expect(count(api, 'tasks')).toBe(10)
  })

  it('drip sends the natural answer in pieces over time', async () => {
    const api = setup('rules:\n  - match: { path: /users/1 }\n    respond: { fault: drip }\n')
    const start = performance.now()
    const res = await send(api, { path: '/users/1' })
    const reader = (res.body as ReadableStream<Uint8Array>).getReader()
    const pieces: Uint8Array[] = []
    for (let next = await reader.read(); !next.done; next = await reader.read())
      pieces.push(next.value)
    expect(pieces.length).toBeGreaterThanOrEqual(10)
    expect(performance.now() - start).toBeGreaterThanOrEqual(1000)
    const text = Buffer.concat(pieces).toString('utf8')
    expect(JSON.parse(text)).toMatchObject({ id: 1 })
  })
})
