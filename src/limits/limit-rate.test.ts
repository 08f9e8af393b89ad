import { request as httpRequest } from 'node:http'
import { expect, it } from 'vitest'
import type { TokenSpec } from '../auth/token-spec.js'
import { createMockApi, type MockApi } from '../create-mock-api.js'
import type { Problem } from '../http/problem.js'
import type { MockApiOptions } from '../options.js'
import { startMockApi } from '../start-mock-api.js'

interface Call {
  readonly method?: string
  readonly path: string
  readonly token?: string
  readonly body?: unknown
}

interface Fixture {
  readonly api: MockApi
  /** Moves the injected clock forward. */
  advance(ms: number): void
}

const START = Date.UTC(2030, 0, 1)
const WINDOW_END_S = String((START + 60_000) / 1000)
const RATE_LIMIT_HEADERS = [
  'ratelimit',
  'ratelimit-policy',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
] as const
const VALID_TASK = { title: 'Write the tests', status: 'todo', projectId: 1 }

function setup(options: MockApiOptions = {}): Fixture {
  let now = START
  const api = createMockApi({
    seed: 1,
    count: 5,
    auth: true,
    rateLimit: '5/60s',
    clock: { now: () => now },
    ...options,
  })
  return {
    api,
    advance: (ms) => {
      now += ms
    },
  }
}

function send(api: MockApi, call: Call): Promise<Response> {
  const headers = new Headers()
  if (call.token !== undefined) headers.set('Authorization', `Bearer ${call.token}`)
  const init: RequestInit = { method: call.method ?? 'GET', headers }
  if (call.body !== undefined) {
    headers.set('Content-Type', 'application/json')
    init.body = typeof call.body === 'string' ? call.body : JSON.stringify(call.body)
  }
  return api.fetch(new Request(`http://mock${call.path}`, init))
}

async function statuses(api: MockApi, call: Call, times: number): Promise<number[]> {
  const result: number[] = []
  for (let i = 0; i < times; i++) result.push((await send(api, call)).status)
  return result
}

function limitHeaders(res: Response): Record<string, string | null> {
  return Object.fromEntries(RATE_LIMIT_HEADERS.map((name) => [name, res.headers.get(name)]))
}

function expectedHeaders(limit: number, remaining: number, resetS = 60, endS = WINDOW_END_S) {
  return {
    ratelimit: `"default";r=${remaining};t=${resetS}`,
    'ratelimit-policy': `"default";q=${limit};w=60`,
    'x-ratelimit-limit': String(limit),
    'x-ratelimit-remaining': String(remaining),
    'x-ratelimit-reset': endS,
  }
}

async function expectRateLimited(res: Response): Promise<Problem> {
  expect(res.status).toBe(429)
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(60)
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  const problem = (await res.json()) as Problem
  expect(problem).toMatchObject({
    type: 'urn:mockapi:problem:rate_limited',
    title: 'Too Many Requests',
    status: 429,
    code: 'rate_limited',
  })
  return problem
}

it('allows exactly the limit, counting down, then answers 429 rate_limited', async () => {
  const { api } = setup()
  for (const remaining of [4, 3, 2, 1, 0]) {
    const res = await send(api, { path: '/tasks', token: 'dev-token' })
    expect(res.status).toBe(200)
    expect(limitHeaders(res)).toEqual(expectedHeaders(5, remaining))
    expect(res.headers.get('retry-after')).toBeNull()
  }
  const refused = await send(api, { path: '/tasks', token: 'dev-token' })
  expect(limitHeaders(refused)).toEqual(expectedHeaders(5, 0))
  expect(refused.headers.get('retry-after')).toBe('60')
  const problem = await expectRateLimited(refused)
  expect(problem.instance).toBe('/tasks')
  expect(problem.detail).toContain('5')
  expect(problem.detail).not.toContain('dev-token')
})

it.each([
  ['GET one', { path: '/tasks/1' }],
  ['POST', { method: 'POST', path: '/tasks', body: VALID_TASK }],
  ['PATCH', { method: 'PATCH', path: '/tasks/2', body: { priority: 3 } }],
  ['DELETE', { method: 'DELETE', path: '/comments/3' }],
  ['an unknown resource', { path: '/nope' }],
])('%s counts against the limit like any request', async (_name, call: Call) => {
  const { api } = setup()
  await statuses(api, { path: '/users', token: 'dev-token' }, 5)
  await expectRateLimited(await send(api, { ...call, token: 'dev-token' }))
})

it.each<{ status: number; call: Call }>([
  { status: 200, call: { path: '/tasks', token: 'dev-token' } },
  { status: 200, call: { method: 'HEAD', path: '/tasks', token: 'dev-token' } },
  { status: 201, call: { method: 'POST', path: '/tasks', token: 'dev-token', body: VALID_TASK } },
  { status: 204, call: { method: 'DELETE', path: '/tasks/1', token: 'dev-token' } },
  { status: 400, call: { method: 'POST', path: '/tasks', token: 'dev-token', body: '{' } },
  { status: 401, call: { path: '/tasks' } },
  { status: 401, call: { path: '/tasks?api_token=dev-token' } },
  { status: 403, call: { path: '/tasks', token: 'nope' } },
  { status: 403, call: { path: '/tasks', token: 'revoked-token' } },
  { status: 403, call: { method: 'POST', path: '/tasks', token: 'read-token', body: VALID_TASK } },
  { status: 404, call: { path: '/tasks/999999', token: 'dev-token' } },
  { status: 404, call: { path: '/tasks/1', token: 'other-token' } },
  { status: 404, call: { path: '/nope', token: 'dev-token' } },
  { status: 405, call: { method: 'POST', path: '/tasks/1', token: 'dev-token' } },
])(
  'a $status answer to $call.method $call.path carries the rate-limit headers',
  async ({ status, call }) => {
    const { api } = setup()
    const res = await send(api, call)
    expect(res.status).toBe(status)
    expect(limitHeaders(res)).toEqual(expectedHeaders(5, 4))
    expect(res.headers.get('retry-after')).toBeNull()
  },
)

it('the 429 carries the rate-limit headers and Retry-After', async () => {
  const { api, advance } = setup()
  await statuses(api, { path: '/tasks', token: 'dev-token' }, 5)
  advance(45_500)
  const res = await send(api, { path: '/tasks', token: 'dev-token' })
  // 14.5 s of the window are left; the contract still asks clients to wait at least 60 s.
  expect(limitHeaders(res)).toEqual(expectedHeaders(5, 0, 15))
  expect(res.headers.get('retry-after')).toBe('60')
  await expectRateLimited(res)
})

it('a 1-second window still sends Retry-After of at least 60 on a 429', async () => {
  const { api } = setup({ rateLimit: '1/1s' })
  expect((await send(api, { path: '/tasks', token: 'dev-token' })).status).toBe(200)
  const refused = await send(api, { path: '/tasks', token: 'dev-token' })
  await expectRateLimited(refused)
  expect(refused.headers.get('retry-after')).toBe('60')
})

it('counts per token: each token has its own window', async () => {
  const { api } = setup()
  expect(await statuses(api, { path: '/tasks', token: 'dev-token' }, 6)).toEqual([
    200, 200, 200, 200, 200, 429,
  ])
  for (const token of ['read-token', 'other-token']) {
    const res = await send(api, { path: '/tasks', token })
    expect(res.status, token).toBe(200)
    expect(res.headers.get('x-ratelimit-remaining'), token).toBe('4')
  }
  const anonymous = await send(api, { path: '/tasks' })
  expect(anonymous.status).toBe(401)
  expect(anonymous.headers.get('x-ratelimit-remaining')).toBe('4')
})

it('counts requests without a token per client, apart from any token', async () => {
  const { api } = setup()
  expect(await statuses(api, { path: '/tasks' }, 6)).toEqual([401, 401, 401, 401, 401, 429])
  expect((await send(api, { path: '/tasks?token=dev-token' })).status).toBe(429)
  expect((await send(api, { path: '/tasks', token: 'dev-token' })).status).toBe(200)
})

it('counts an unknown or revoked token under that token, as sent', async () => {
  const { api } = setup()
  expect(await statuses(api, { path: '/tasks', token: 'nope' }, 6)).toEqual([
    403, 403, 403, 403, 403, 429,
  ])
  expect(await statuses(api, { path: '/tasks', token: 'revoked-token' }, 6)).toEqual([
    403, 403, 403, 403, 403, 429,
  ])
  expect((await send(api, { path: '/tasks', token: 'dev-token' })).status).toBe(200)
})

it('counts requests without a token per client address on a real socket', async () => {
  const api = await startMockApi({ auth: true, rateLimit: '3/60s', count: 2 })
  try {
    const first: number[] = []
    for (let i = 0; i < 4; i++) first.push((await get(api.url, '/tasks', '127.0.0.1')).status)
    expect(first).toEqual([401, 401, 401, 429])
    const other = await get(api.url, '/tasks', '127.0.0.2')
    expect(other.status).toBe(401)
    expect(other.headers['x-ratelimit-remaining']).toBe('2')
    expect((await get(api.url, '/tasks', '127.0.0.1', 'dev-token')).status).toBe(200)
  } finally {
    await api.close()
  }
})

it('with authentication off, counts every request per client address', async () => {
  const { api } = setup({ auth: false, rateLimit: '2/60s' })
  expect(await statuses(api, { path: '/tasks' }, 3)).toEqual([200, 200, 429])
  expect((await send(api, { path: '/tasks', token: 'dev-token' })).status).toBe(429)
})

it('recovers once the window has passed, and refused requests do not extend it', async () => {
  const { api, advance } = setup()
  await statuses(api, { path: '/tasks', token: 'dev-token' }, 5)
  for (const step of [10_000, 20_000, 29_999]) {
    advance(step)
    await expectRateLimited(await send(api, { path: '/tasks', token: 'dev-token' }))
  }
  advance(1)
  const res = await send(api, { path: '/tasks', token: 'dev-token' })
  expect(res.status).toBe(200)
  expect(limitHeaders(res)).toEqual(expectedHeaders(5, 4, 60, String((START + 120_000) / 1000)))
})

it("each key's window starts with that key's first request", async () => {
  const { api, advance } = setup()
  await statuses(api, { path: '/tasks', token: 'dev-token' }, 5)
  advance(30_000)
  await statuses(api, { path: '/tasks', token: 'other-token' }, 5)
  advance(30_000)
  expect((await send(api, { path: '/tasks', token: 'dev-token' })).status).toBe(200)
  const other = await send(api, { path: '/tasks', token: 'other-token' })
  await expectRateLimited(other)
  expect(other.headers.get('ratelimit')).toBe('"default";r=0;t=30')
})

const ownLimits: TokenSpec[] = [
  { token: 'dev-token', workspace: 'A', access: { '*': 'write' } },
  {
    token: 'slow-token',
    workspace: 'A',
    access: { '*': 'write' },
    rateLimit: { limit: 2, windowMs: 10_000 },
  },
  { token: 'free-token', workspace: 'A', access: { '*': 'read' }, rateLimit: false },
]

it('a token with its own rate limit gets that limit, the others the server one', async () => {
  const { api, advance } = setup({ auth: { tokens: ownLimits } })
  const slow = await statuses(api, { path: '/tasks', token: 'slow-token' }, 3)
  expect(slow).toEqual([200, 200, 429])
  const refused = await send(api, { path: '/tasks', token: 'slow-token' })
  expect(refused.headers.get('x-ratelimit-limit')).toBe('2')
  expect(refused.headers.get('ratelimit-policy')).toBe('"default";q=2;w=10')
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(60)
  expect(await statuses(api, { path: '/tasks', token: 'dev-token' }, 6)).toEqual([
    200, 200, 200, 200, 200, 429,
  ])
  advance(10_000)
  expect((await send(api, { path: '/tasks', token: 'slow-token' })).status).toBe(200)
  await expectRateLimited(await send(api, { path: '/tasks', token: 'dev-token' }))
})

it('a token whose own rate limit is false is never limited', async () => {
  const { api } = setup({ auth: { tokens: ownLimits } })
  const results = await statuses(api, { path: '/tasks', token: 'free-token' }, 20)
  expect(results.every((status) => status === 200)).toBe(true)
})

it("a token's own rate limit applies even when the server has no rate limit", async () => {
  const { api } = setup({ auth: { tokens: ownLimits }, rateLimit: false })
  expect(await statuses(api, { path: '/tasks', token: 'slow-token' }, 3)).toEqual([200, 200, 429])
  expect(await statuses(api, { path: '/tasks', token: 'dev-token' }, 10)).toEqual(
    Array(10).fill(200),
  )
})

it('reset() forgets every count', async () => {
  const { api } = setup()
  await statuses(api, { path: '/tasks', token: 'dev-token' }, 6)
  await statuses(api, { path: '/tasks' }, 6)
  await api.reset()
  const res = await send(api, { path: '/tasks', token: 'dev-token' })
  expect(res.status).toBe(200)
  expect(res.headers.get('x-ratelimit-remaining')).toBe('4')
  expect((await send(api, { path: '/tasks' })).status).toBe(401)
})

it('two instances count separately', async () => {
  const one = setup()
  const two = setup()
  await statuses(one.api, { path: '/tasks', token: 'dev-token' }, 6)
  const res = await send(two.api, { path: '/tasks', token: 'dev-token' })
  expect(res.status).toBe(200)
  expect(res.headers.get('x-ratelimit-remaining')).toBe('4')
})

it('with the defaults a token gets 600 requests per 60 s, then 429, and the window recovers', async () => {
  let now = START
  const api = createMockApi({ seed: 1, count: 5, clock: { now: () => now } })
  const ok = await statuses(api, { path: '/tasks/1', token: 'dev-token' }, 600)
  expect(new Set(ok)).toEqual(new Set([200]))
  const refused = await send(api, { path: '/tasks/1', token: 'dev-token' })
  expect(refused.status).toBe(429)
  expect(refused.headers.get('x-ratelimit-limit')).toBe('600')
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(60)
  now += 60_000
  expect((await send(api, { path: '/tasks/1', token: 'dev-token' })).status).toBe(200)
})

it.each<[string, MockApiOptions]>([
  ['rateLimit: false', { rateLimit: false }],
  ["rateLimit: 'off'", { rateLimit: 'off' }],
  ['auth off and rateLimit: false', { auth: false, rateLimit: false }],
])('with %s there is no limit and no rate-limit header', async (_name, options) => {
  const api = createMockApi({ seed: 1, count: 5, ...options })
  const token = options.auth === false ? undefined : 'dev-token'
  for (let i = 0; i < 700; i++) {
    const res = await send(api, { path: '/tasks/1', ...(token ? { token } : {}) })
    expect(res.status).toBe(200)
    if (i === 0 || i === 699) {
      expect(limitHeaders(res)).toEqual(
        Object.fromEntries(RATE_LIMIT_HEADERS.map((n) => [n, null])),
      )
    }
  }
})

it('the settings show the rate limit in force', () => {
  expect(setup().api.settings().rateLimit).toEqual({ limit: 5, windowMs: 60_000 })
  expect(createMockApi().settings().rateLimit).toEqual({ limit: 600, windowMs: 60_000 })
  expect(createMockApi({ rateLimit: 'off' }).settings().rateLimit).toBe(false)
})

it.each(['abc', '0/60s', '5/60', '5/1d'])(
  'an invalid rate limit %j is refused at creation',
  (text) => {
    expect(() => createMockApi({ rateLimit: text })).toThrow(RangeError)
  },
)

/** A GET on a real socket from a chosen local address (127.0.0.x are all this machine). */
function get(base: string, path: string, localAddress: string, token?: string) {
  return new Promise<{ status: number; headers: Record<string, unknown> }>((resolve, reject) => {
    const headers: Record<string, string> =
      token === undefined ? {} : { Authorization: `Bearer ${token}` }
    const req = httpRequest(`${base}${path}`, { localAddress, headers, agent: false })
    req.on('error', reject)
    req.on('response', (res) => {
      res.resume()
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }))
    })
    req.end()
  })
}
