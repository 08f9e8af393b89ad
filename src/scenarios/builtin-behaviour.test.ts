import { expect, it } from 'vitest'
import { createMockApi, type MockApi } from '../create-mock-api.js'

// Each built-in scenario, run by name as `--scenario NAME` runs it, through HTTP in-process.

const TASK = { title: 'Write the tests', status: 'todo', projectId: 1 }

function start(name: string, seed = 1): MockApi {
  return createMockApi({ seed, count: 5, scenarios: [name] })
}

function send(api: MockApi, method: string, path: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers)
  headers.set('Authorization', 'Bearer dev-token')
  const body = method === 'POST' || method === 'PATCH' ? JSON.stringify(TASK) : null
  if (body) headers.set('Content-Type', 'application/json')
  return api.fetch(new Request(`http://mock${path}`, { ...init, method, headers, body }))
}

async function codeOf(res: Response): Promise<string> {
  return ((await res.json()) as { code: string }).code
}

const tasks = (api: MockApi) => api.resources().find((r) => r.name === 'tasks')?.count

it('ratelimit: the 11th request of a token in 60 s gets 429 with Retry-After and RateLimit headers', async () => {
  const api = start('ratelimit')
  const answers: Response[] = []
  for (let i = 0; i < 11; i++) answers.push(await send(api, 'GET', '/users'))
  expect(answers.map((r) => r.status)).toEqual([...Array(10).fill(200), 429])
  const refused = answers[10] as Response
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(60)
  expect(refused.headers.get('ratelimit-policy')).toBe('"default";q=10;w=60')
  expect(refused.headers.get('x-ratelimit-remaining')).toBe('0')
})

it.each([
  ['unavailable', 503, 'service_unavailable'],
  ['maintenance', 503, 'maintenance'],
  ['unauthorized', 401, 'unauthorized'],
])('%s: every route answers %i (%s), and writes change nothing', async (name, status, code) => {
  const api = start(name)
  for (const [method, path] of [
    ['GET', '/users'],
    ['GET', '/tasks/1'],
    ['POST', '/tasks'],
    ['DELETE', '/tasks/1'],
  ] as const) {
    const res = await send(api, method, path)
    expect(res.status, `${method} ${path}`).toBe(status)
    expect(await codeOf(res)).toBe(code)
    if (status === 503) expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(60)
    if (status === 401) expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /)
  }
  expect(tasks(api)).toBe(10)
})

it('forbidden: reads work, every write gets 403 access_denied', async () => {
  const api = start('forbidden')
  expect((await send(api, 'GET', '/tasks')).status).toBe(200)
  for (const [method, path] of [
    ['POST', '/tasks'],
    ['PATCH', '/tasks/1'],
    ['DELETE', '/tasks/1'],
  ] as const) {
    const res = await send(api, method, path)
    expect(res.status).toBe(403)
    expect(await codeOf(res)).toBe('access_denied')
  }
  expect(tasks(api)).toBe(10)
})

it('notfound: GET /:resource/:id gets 404, lists still work', async () => {
  const api = start('notfound')
  expect((await send(api, 'GET', '/tasks/1')).status).toBe(404)
  expect((await send(api, 'GET', '/users/2')).status).toBe(404)
  expect((await send(api, 'GET', '/tasks')).status).toBe(200)
})

it('flaky layered over notfound: its jitter slows the 404s instead of hiding them', async () => {
  const api = createMockApi({ seed: 1, count: 5, scenarios: ['notfound', 'flaky'] })
  const statuses = new Set<number>()
  for (let i = 0; i < 20; i++) statuses.add((await send(api, 'GET', '/tasks/1')).status)
  // flaky still answers some with 503 or 429; every other answer is notfound's 404, never a 200.
  expect(statuses.has(404)).toBe(true)
  expect(statuses.has(200)).toBe(false)
  const [last] = await api.requests({ status: 404, limit: 1 })
  expect(last?.rule).toEqual({ scenario: 'notfound', index: 0 })
  expect(last?.delayed).toBe(false)
})

it('the journal marks an answer a rule only delayed apart from one it gave', async () => {
  const late = { name: 'late', rules: [{ respond: { delay: '5ms' } }] }
  const api = createMockApi({ seed: 1, count: 5, scenarios: ['notfound', late] })
  expect((await send(api, 'GET', '/tasks')).status).toBe(200)
  expect((await send(api, 'GET', '/tasks/1')).status).toBe(404)
  const [list, record] = await api.requests()
  expect(list).toMatchObject({ status: 200, rule: { scenario: 'late', index: 0 }, delayed: true })
  expect(record).toMatchObject({ status: 404, rule: { scenario: 'notfound' }, delayed: false })
})

it('badrequest: POST and PATCH get 400 with field errors; reads work', async () => {
  const api = start('badrequest')
  for (const [method, path] of [
    ['POST', '/tasks'],
    ['PATCH', '/tasks/1'],
  ] as const) {
    const res = await send(api, method, path)
    expect(res.status).toBe(400)
    const problem = (await res.json()) as { code: string; errors: { field: string }[] }
    expect(problem.code).toBe('validation_failed')
    expect(problem.errors[0]?.field).toBe('title')
  }
  expect((await send(api, 'GET', '/tasks/1')).status).toBe(200)
})

it('recovering: each route fails with 503 twice, then succeeds; a retried POST creates one record', async () => {
  const api = start('recovering')
  const run = async (method: string, path: string) => {
    const codes: number[] = []
    for (let i = 0; i < 3; i++) codes.push((await send(api, method, path)).status)
    return codes
  }
  expect(await run('GET', '/tasks/1')).toEqual([503, 503, 200])
  expect(await run('GET', '/tasks/2')).toEqual([503, 503, 200])
  expect(await run('POST', '/tasks')).toEqual([503, 503, 201])
  expect(tasks(api)).toBe(11)
})

it('slow: every answer is correct and comes 300 to 1500 ms late', async () => {
  const api = start('slow')
  const timed = await Promise.all(
    Array.from({ length: 4 }, async (_, i) => {
      const begin = performance.now()
      const res = await send(api, 'GET', `/users/${i + 1}`)
      return { status: res.status, ms: performance.now() - begin }
    }),
  )
  for (const { status, ms } of timed) {
    expect(status).toBe(200)
    expect(ms).toBeGreaterThanOrEqual(295)
    expect(ms).toBeLessThan(3000)
  }
})

/** `n` requests at once, each with a timeout; what became of each. */
async function burst(api: MockApi, n: number, timeoutMs: number) {
  // One ref'd timer aborts every request still open, as `AbortSignal.timeout` would: under Node 20
  // its unref'd timers were seen not to fire while every request waited, leaving `hang` holding on.
  const controllers = Array.from({ length: n }, () => new AbortController())
  const timer = setTimeout(() => {
    for (const c of controllers) c.abort(new DOMException('The request timed out.', 'TimeoutError'))
  }, timeoutMs)
  const settled = await Promise.allSettled(
    controllers.map(({ signal }) =>
      send(api, 'GET', '/users/1', { signal }).then(async (res) => {
        const text = await res.text()
        return { status: res.status, text }
      }),
    ),
  )
  clearTimeout(timer)
  return settled.map((s) =>
    s.status === 'fulfilled' ? s.value : { status: 0, text: (s.reason as Error).name },
  )
}

it('flaky: about 10% 503 and 5% 429, the same with the same seed', async () => {
  const outcomes = (await burst(start('flaky', 3), 400, 5000)).map((o) => o.status)
  const share = (status: number) => outcomes.filter((s) => s === status).length / outcomes.length
  expect(share(503)).toBeGreaterThan(0.05)
  expect(share(503)).toBeLessThan(0.16)
  expect(share(429)).toBeGreaterThan(0.02)
  expect(share(429)).toBeLessThan(0.1)
  expect(share(200)).toBeGreaterThan(0.75)
  const again = (await burst(start('flaky', 3), 400, 5000)).map((o) => o.status)
  expect(again).toEqual(outcomes)
})

it('timeouts: a fraction of requests never get an answer', async () => {
  const outcomes = await burst(start('timeouts'), 200, 300)
  const hung = outcomes.filter((o) => o.text === 'TimeoutError').length
  expect(hung).toBeGreaterThan(2)
  expect(hung).toBeLessThan(25)
  expect(outcomes.filter((o) => o.status === 200).length).toBe(200 - hung)
})

it('chaos: a mix of network failures, broken bodies, 5xx and 429 among normal answers', async () => {
  const outcomes = await burst(start('chaos'), 300, 10_000)
  const failed = outcomes.filter((o) => o.status === 0).length
  const broken = outcomes.filter((o) => o.status === 200 && !parses(o.text)).length
  const errors = new Set(outcomes.filter((o) => o.status >= 429).map((o) => o.status))
  expect(failed).toBeGreaterThan(0)
  expect(broken).toBeGreaterThan(0)
  expect([...errors].sort()).toEqual([429, 500, 502, 503])
  expect(outcomes.filter((o) => o.status === 200 && parses(o.text)).length).toBeGreaterThan(200)
})

function parses(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}
