import { type ClientRequest, request as httpRequest, type IncomingMessage } from 'node:http'
import { expect, it } from 'vitest'
import { createMockApi, type MockApi } from '../create-mock-api.js'
import type { Problem } from '../http/problem.js'
import type { MockApiOptions } from '../options.js'
import { type RunningMockApi, startMockApi } from '../start-mock-api.js'

interface Call {
  readonly method?: string
  readonly path: string
  readonly token?: string
  readonly body?: unknown
}

interface Answer {
  readonly status: number
  readonly headers: IncomingMessage['headers']
  readonly body: string
}

const NOW = Date.UTC(2030, 0, 1)
const VALID_TASK = { title: 'Write the tests', status: 'todo', projectId: 1 }

function setup(options: MockApiOptions = {}): MockApi {
  return createMockApi({
    seed: 1,
    count: 5,
    auth: true,
    rateLimit: '5/60s',
    clock: { now: () => NOW },
    ...options,
  })
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

async function expectUnavailable(res: Response, code: string): Promise<void> {
  expect(res.status).toBe(503)
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(60)
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  expect((await res.json()) as Problem).toMatchObject({
    type: `urn:mockapi:problem:${code}`,
    title: 'Service Unavailable',
    status: 503,
    code,
  })
}

it.each<Call>([
  { path: '/tasks', token: 'dev-token' },
  { path: '/tasks/1', token: 'dev-token' },
  { method: 'POST', path: '/tasks', token: 'dev-token', body: VALID_TASK },
  { method: 'PATCH', path: '/tasks/1', token: 'dev-token', body: { priority: 2 } },
  { method: 'DELETE', path: '/tasks/1', token: 'dev-token' },
  { path: '/tasks' },
  { path: '/tasks', token: 'revoked-token' },
  { path: '/tasks/999999', token: 'dev-token' },
  { path: '/no-such-resource' },
  { path: '/no/such/route/at/all', token: 'dev-token' },
  { method: 'PUT', path: '/tasks/1', token: 'dev-token' },
  { path: '/' },
])('in maintenance $method $path answers 503 maintenance', async (call) => {
  const api = setup({ maintenance: true })
  await expectUnavailable(await send(api, call), 'maintenance')
})

it('in maintenance the 503 says to retry in at least 60 seconds', async () => {
  const api = setup({ maintenance: true })
  const res = await send(api, { path: '/tasks', token: 'dev-token' })
  expect(res.headers.get('retry-after')).toBe('60')
  expect(((await res.json()) as Problem).detail).toMatch(/maintenance/i)
})

it.each([
  ['the defaults', {}],
  ['auth and a rate limit', { auth: true, rateLimit: '5/60s' }],
] as const)('maintenance works with %s', async (_name, options) => {
  const api = createMockApi({ seed: 1, count: 5, maintenance: true, ...options })
  await expectUnavailable(await send(api, { path: '/users' }), 'maintenance')
})

it('a 503 carries the rate-limit headers of its token without counting against the limit', async () => {
  const api = setup({ maintenance: true })
  for (let i = 0; i < 7; i++) {
    const res = await send(api, { path: '/tasks', token: 'dev-token' })
    expect(res.status).toBe(503)
    expect(res.headers.get('x-ratelimit-limit')).toBe('5')
    expect(res.headers.get('x-ratelimit-remaining')).toBe('5')
    expect(res.headers.get('ratelimit-policy')).toBe('"default";q=5;w=60')
    expect(res.headers.get('retry-after')).toBe('60')
  }
  await api.setMaintenance(false)
  const first = await send(api, { path: '/tasks', token: 'dev-token' })
  expect(first.status).toBe(200)
  expect(first.headers.get('x-ratelimit-remaining')).toBe('4')
})

it.each(['/__mockapi/health', '/__mockapi/version'])(
  'in maintenance %s still answers 200',
  async (path) => {
    const api = setup({ maintenance: true })
    const res = await send(api, { path })
    expect(res.status).toBe(200)
    expect(res.headers.get('retry-after')).toBeNull()
  },
)

it('setMaintenance switches maintenance on and off at runtime', async () => {
  const api = setup()
  expect((await send(api, { path: '/tasks', token: 'dev-token' })).status).toBe(200)
  await api.setMaintenance(true)
  expect(api.settings().maintenance).toBe(true)
  await expectUnavailable(await send(api, { path: '/tasks', token: 'dev-token' }), 'maintenance')
  expect((await send(api, { path: '/__mockapi/health' })).status).toBe(200)
  await api.setMaintenance(false)
  expect(api.settings().maintenance).toBe(false)
  expect((await send(api, { path: '/tasks', token: 'dev-token' })).status).toBe(200)
})

it('setMaintenance(false) restores an instance started in maintenance', async () => {
  const api = setup({ maintenance: true })
  await api.setMaintenance(false)
  expect((await send(api, { path: '/tasks', token: 'dev-token' })).status).toBe(200)
  expect((await send(api, { path: '/tasks' })).status).toBe(401)
})

it('requests answered 503 in maintenance do not count against the rate limit', async () => {
  const api = setup({ maintenance: true })
  for (let i = 0; i < 10; i++) await send(api, { path: '/tasks', token: 'dev-token' })
  await api.setMaintenance(false)
  const res = await send(api, { path: '/tasks', token: 'dev-token' })
  expect(res.status).toBe(200)
  expect(res.headers.get('x-ratelimit-remaining')).toBe('4')
})

it('writes refused in maintenance change nothing', async () => {
  const api = setup({ maintenance: true })
  await send(api, { method: 'DELETE', path: '/tasks/1', token: 'dev-token' })
  await send(api, { method: 'POST', path: '/tasks', token: 'dev-token', body: VALID_TASK })
  await api.setMaintenance(false)
  expect((await send(api, { path: '/tasks/1', token: 'dev-token' })).status).toBe(200)
  expect(api.resources().find((r) => r.name === 'tasks')?.count).toBe(10)
})

it('maintenance in one instance leaves another serving', async () => {
  const one = setup()
  const two = setup()
  await one.setMaintenance(true)
  expect((await send(two, { path: '/tasks', token: 'dev-token' })).status).toBe(200)
})

// --- Overload on a real socket ---

it('with maxInflight 1, a second request while one is in flight gets 503 overloaded at once', async () => {
  const api = await startMockApi({ seed: 1, count: 5, auth: false, maxInflight: 1 })
  try {
    const slow = await startSlowPost(api, '/tasks')
    const probe = await get(api, '/tasks')
    expect(probe.status).toBe(503)
    expect(Number(probe.headers['retry-after'])).toBeGreaterThanOrEqual(60)
    expect(probe.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(JSON.parse(probe.body) as Problem).toMatchObject({
      status: 503,
      code: 'overloaded',
      type: 'urn:mockapi:problem:overloaded',
    })
    // The slow request is still waiting for the rest of its body.
    expect(slow.settled()).toBe(false)
    // The admin area is not subject to the cap.
    expect((await get(api, '/__mockapi/health')).status).toBe(200)
    const created = await slow.finish(`"title":"Slow","status":"todo","projectId":1}`)
    expect(created.status).toBe(201)
    expect((await get(api, '/tasks')).status).toBe(200)
  } finally {
    await api.close()
  }
})

it('overloaded comes before the rate limit and the token check', async () => {
  const api = await startMockApi({
    seed: 1,
    count: 5,
    maxInflight: 1,
    auth: true,
    rateLimit: '1/60s',
  })
  try {
    const slow = await startSlowPost(api, '/tasks', 'dev-token')
    for (const token of [undefined, 'revoked-token', 'dev-token']) {
      const probe = await get(api, '/tasks', token)
      expect(probe.status, String(token)).toBe(503)
      expect((JSON.parse(probe.body) as Problem).code).toBe('overloaded')
    }
    expect((await slow.finish('"title":"Slow","status":"todo","projectId":1}')).status).toBe(201)
    // The overloaded answers were not counted against the limit of 1.
    expect((await get(api, '/tasks')).status).toBe(401)
    expect((await get(api, '/tasks', 'revoked-token')).status).toBe(403)
    expect((await get(api, '/tasks', 'dev-token')).status).toBe(429)
  } finally {
    await api.close()
  }
})

it('with maxInflight 2, two requests in flight are served and the third is refused', async () => {
  const api = await startMockApi({ seed: 1, count: 5, auth: false, maxInflight: 2 })
  try {
    const first = await startSlowPost(api, '/tasks')
    const second = await startSlowPost(api, '/tasks')
    const probe = await get(api, '/users')
    expect(probe.status).toBe(503)
    expect((await first.finish('"title":"A","status":"todo","projectId":1}')).status).toBe(201)
    expect((await get(api, '/users')).status).toBe(200)
    expect((await second.finish('"title":"B","status":"todo","projectId":1}')).status).toBe(201)
  } finally {
    await api.close()
  }
})

/**
 * Starts a POST whose body is sent in two parts. It resolves once the server has the request
 * (it answers `Expect: 100-continue` as soon as it starts handling it); the request then stays in
 * flight until `finish` sends the rest of the body.
 */
function startSlowPost(api: RunningMockApi, path: string, token?: string) {
  return new Promise<{ settled: () => boolean; finish: (rest: string) => Promise<Answer> }>(
    (resolveStarted, reject) => {
      const headers: Record<string, string> = {
        'Content-Type': 'application/json',
        Expect: '100-continue',
        ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }),
      }
      const req: ClientRequest = httpRequest(`${api.url}${path}`, {
        method: 'POST',
        headers,
        agent: false,
      })
      let settled = false
      const answered = new Promise<Answer>((resolve, rejectAnswer) => {
        req.on('response', (res) => {
          collect(res).then((answer) => {
            settled = true
            resolve(answer)
          }, rejectAnswer)
        })
        req.on('error', (error) => {
          settled = true
          rejectAnswer(error)
          reject(error)
        })
      })
      req.on('continue', () => {
        req.write('{')
        resolveStarted({
          settled: () => settled,
          finish: (rest) => {
            req.end(rest)
            return answered
          },
        })
      })
      req.flushHeaders()
    },
  )
}

function get(api: RunningMockApi, path: string, token?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> =
      token === undefined ? {} : { Authorization: `Bearer ${token}` }
    const req = httpRequest(`${api.url}${path}`, { headers, agent: false })
    req.on('error', reject)
    req.on('response', (res) => collect(res).then(resolve, reject))
    req.end()
  })
}

function collect(res: IncomingMessage): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let body = ''
    res.setEncoding('utf8')
    res.on('data', (chunk: string) => {
      body += chunk
    })
    res.on('error', reject)
    res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
  })
}
