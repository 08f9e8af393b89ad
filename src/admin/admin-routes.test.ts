import { createHash } from 'node:crypto'
import { expect, it } from 'vitest'
import { createMockApi, type MockApi } from '../create-mock-api.js'
import type { Problem } from '../http/problem.js'

const NOW = Date.UTC(2030, 0, 1)
const AUTH = { Authorization: 'Bearer dev-token' }

function admin(api: MockApi, method: string, path: string, body?: unknown, headers = {}) {
  return api.fetch(
    new Request(`http://mock/__mockapi${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  )
}

const get = (api: MockApi, path: string) =>
  api.fetch(new Request(`http://mock${path}`, { headers: AUTH }))

it('GET /scenarios lists every scenario with its description and which are active', async () => {
  const api = createMockApi({ scenarios: ['flaky'] })
  const res = await admin(api, 'GET', '/scenarios')
  expect(res.status).toBe(200)
  const body = (await res.json()) as {
    active: string[]
    scenarios: { name: string; description: string; builtin: boolean; active: boolean }[]
  }
  expect(body.active).toEqual(['flaky'])
  expect(body.scenarios.find((s) => s.name === 'flaky')).toMatchObject({
    active: true,
    builtin: true,
  })
  expect(body.scenarios.find((s) => s.name === 'ratelimit')?.description).toMatch(
    /Your client should/,
  )
  expect(body.scenarios.filter((s) => s.active)).toHaveLength(1)
})

it('PUT /scenarios/active switches scenarios; a bad name is a 400 that changes nothing', async () => {
  const api = createMockApi({ seed: 1, count: 3 })
  const put = await admin(api, 'PUT', '/scenarios/active', { names: ['unavailable'] })
  expect(put.status).toBe(200)
  expect(await put.json()).toEqual({ active: ['unavailable'] })
  expect((await get(api, '/users')).status).toBe(503)
  const bad = await admin(api, 'PUT', '/scenarios/active', { names: ['nope'] })
  expect(bad.status).toBe(400)
  const problem = (await bad.json()) as Problem
  expect(problem.code).toBe('invalid_scenario')
  expect(problem.errors?.[0]?.message).toContain('unknown scenario "nope"')
  for (const body of [{ names: ['../../etc/passwd.yaml'] }, { names: 'flaky' }, {}]) {
    expect((await admin(api, 'PUT', '/scenarios/active', body)).status).toBe(400)
  }
  expect(api.settings().scenarios.map((s) => s.name)).toEqual(['unavailable'])
  expect((await admin(api, 'PUT', '/scenarios/active', { names: [] })).status).toBe(200)
  expect((await get(api, '/users')).status).toBe(200)
})

it('POST /reset puts the data back; GET and DELETE /requests read and empty the journal', async () => {
  const api = createMockApi({ seed: 1, count: 3 })
  await api.fetch(new Request('http://mock/tasks/1', { method: 'DELETE', headers: AUTH }))
  await get(api, '/tasks?status=done')
  const journal = await admin(api, 'GET', '/requests?method=GET&limit=5')
  expect(journal.status).toBe(200)
  expect(((await journal.json()) as { path: string }[]).map((e) => e.path)).toEqual(['/tasks'])
  expect((await admin(api, 'GET', '/requests?status=abc')).status).toBe(400)
  expect((await admin(api, 'DELETE', '/requests')).status).toBe(204)
  expect(await api.requests()).toEqual([])
  expect((await get(api, '/tasks/1')).status).toBe(404)
  expect((await admin(api, 'POST', '/reset')).status).toBe(204)
  expect((await get(api, '/tasks/1')).status).toBe(200)
})

it('GET /clock and POST /clock/advance move virtual time', async () => {
  const api = createMockApi({ seed: 1, count: 3, rateLimit: '1/60s', clock: { now: () => NOW } })
  expect((await get(api, '/users')).status).toBe(200)
  expect((await get(api, '/users')).status).toBe(429)
  const moved = await admin(api, 'POST', '/clock/advance', { by: '60s' })
  expect(await moved.json()).toEqual({
    now: new Date(NOW + 60_000).toISOString(),
    offsetMs: 60_000,
  })
  expect((await get(api, '/users')).status).toBe(200)
  expect(await (await admin(api, 'GET', '/clock')).json()).toMatchObject({ offsetMs: 60_000 })
  const bad = await admin(api, 'POST', '/clock/advance', { by: 'soon' })
  expect(bad.status).toBe(400)
  expect(((await bad.json()) as Problem).errors?.[0]?.field).toBe('by')
})

it('PUT /maintenance switches maintenance mode', async () => {
  const api = createMockApi({ seed: 1, count: 3 })
  const on = await admin(api, 'PUT', '/maintenance', { enabled: true })
  expect(await on.json()).toEqual({ enabled: true })
  expect((await get(api, '/users')).status).toBe(503)
  expect((await admin(api, 'PUT', '/maintenance', { enabled: 'yes' })).status).toBe(400)
  await admin(api, 'PUT', '/maintenance', { enabled: false })
  expect((await get(api, '/users')).status).toBe(200)
})

it('admin routes are never faulted, rate-limited or journaled', async () => {
  const api = createMockApi({ seed: 1, count: 3, scenarios: ['chaos'], rateLimit: '1/60s' })
  for (let i = 0; i < 20; i++) expect((await admin(api, 'GET', '/clock')).status).toBe(200)
  expect(await api.requests()).toEqual([])
})

it('with an admin token, the controls need it; health and version do not', async () => {
  const api = createMockApi({ adminToken: 'sesame' })
  expect((await admin(api, 'GET', '/health')).status).toBe(200)
  const missing = await admin(api, 'GET', '/clock')
  expect(missing.status).toBe(401)
  expect(((await missing.json()) as Problem).code).toBe('admin_token_missing')
  const wrong = await admin(api, 'GET', '/clock', undefined, { Authorization: 'Bearer nope' })
  expect(wrong.status).toBe(403)
  const right = await admin(api, 'GET', '/clock', undefined, { Authorization: 'Bearer sesame' })
  expect(right.status).toBe(200)
  expect(api.settings().admin).toBe('token')
})

it('a server reachable from the network keeps the controls locked until a token is set', async () => {
  // What startMockApi does for a host beyond loopback (tests bind 127.0.0.1 only).
  const api = createMockApi({}, { networked: true })
  expect(api.settings().admin).toBe('locked')
  expect((await admin(api, 'GET', '/health')).status).toBe(200)
  const locked = await admin(api, 'POST', '/reset')
  expect(locked.status).toBe(403)
  expect(((await locked.json()) as Problem).code).toBe('admin_locked')
  const opened = createMockApi({ adminToken: 'sesame' }, { networked: true })
  const right = await admin(opened, 'POST', '/reset', undefined, { Authorization: 'Bearer sesame' })
  expect(right.status).toBe(204)
})

it('serves the control page at /__mockapi and /__mockapi/ without the admin token', async () => {
  const api = createMockApi({ adminToken: 'sesame' })
  for (const path of ['', '/']) {
    const res = await admin(api, 'GET', path)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'sha256-[^']+'/)
    const html = await res.text()
    expect(html).toContain('<title>mockapi control</title>')
    // No CDN, no external font: nothing is loaded from another origin.
    expect(html).not.toMatch(/(src|href)="https?:/)
    const script = html.slice(html.indexOf('<script>') + 8, html.lastIndexOf('</script>'))
    expect(() => new Function(script)).not.toThrow()
  }
  expect((await admin(api, 'GET', '/state')).status).toBe(401)
})

it('GET /resources and GET /state give record counts, scenarios, clock and maintenance', async () => {
  const api = createMockApi({ seed: 1, count: 3 })
  await api.fetch(new Request('http://mock/tasks/1', { method: 'DELETE', headers: AUTH }))
  await api.useScenarios(['maintenance'])
  const resources = (await (await admin(api, 'GET', '/resources')).json()) as {
    resources: { name: string; count: number }[]
  }
  expect(resources.resources.find((r) => r.name === 'tasks')?.count).toBe(5)
  const res = await admin(api, 'GET', '/state')
  expect(res.status).toBe(200)
  const state = (await res.json()) as Record<string, unknown>
  expect(state).toMatchObject({
    seed: 1,
    auth: true,
    admin: 'open',
    maintenance: true,
    maintenanceBy: ['maintenance'],
    rateLimitBy: [],
    active: ['maintenance'],
    clock: { offsetMs: 0 },
    rateLimits: { policy: { limit: 600, windowMs: 60_000 } },
  })
  expect((state.scenarios as { name: string }[]).map((s) => s.name)).toContain('unavailable')
})

it('GET /rate-limits shows each token, then other keys seen, without counting', async () => {
  const api = createMockApi({ seed: 1, count: 3, rateLimit: '3/60s', clock: { now: () => NOW } })
  await get(api, '/users')
  await get(api, '/users')
  await api.fetch(new Request('http://mock/users', { headers: { Authorization: 'Bearer nope' } }))
  const res = await admin(api, 'GET', '/rate-limits')
  const body = (await res.json()) as {
    policy: unknown
    keys: { key: string; token: string | null; used: number; remaining: number | null }[]
  }
  expect(body.policy).toEqual({ limit: 3, windowMs: 60_000 })
  expect(body.keys.map((k) => k.key)).toEqual([
    'token dev-token',
    'token read-token',
    'token revoked-token',
    'token other-token',
    // A token that is not a default one shows as a stable fingerprint, never as itself.
    `token#${createHash('sha256').update('nope').digest('hex').slice(0, 8)}`,
  ])
  expect(body.keys[0]).toEqual({
    key: 'token dev-token',
    token: 'dev-token',
    limit: 3,
    used: 2,
    remaining: 1,
    resetMs: 60_000,
  })
  expect(body.keys[1]).toMatchObject({ used: 0, remaining: 3, resetMs: null })
  expect(body.keys[4]).toMatchObject({ token: null, used: 1, remaining: 2 })
  // Reading the status counted nothing.
  expect(api.rateLimits()[0]?.used).toBe(2)
  const off = createMockApi({ rateLimit: false })
  expect(off.rateLimits()[0]).toMatchObject({ limit: null, remaining: null })
})

it('the status routes need the admin token when there is one', async () => {
  const api = createMockApi({ adminToken: 'sesame' })
  for (const path of ['/state', '/resources', '/rate-limits', '/events']) {
    expect((await admin(api, 'GET', path)).status).toBe(401)
    const right = await admin(api, 'GET', path, undefined, { Authorization: 'Bearer sesame' })
    expect(right.status).toBe(200)
    await right.body?.cancel()
  }
  await api.close()
})

it('PUT /scenarios/active takes inline definitions beside names', async () => {
  const api = createMockApi({ seed: 1, count: 3 })
  const down = {
    name: 'tasks-down',
    rules: [{ match: { path: '/tasks' }, respond: { status: 503 } }],
  }
  const put = await admin(api, 'PUT', '/scenarios/active', { scenarios: [down, 'notfound'] })
  expect(put.status).toBe(200)
  expect(await put.json()).toEqual({ active: ['tasks-down', 'notfound'] })
  expect((await get(api, '/tasks')).status).toBe(503)
})

it('a bad inline definition is 400 invalid_scenario naming every problem, and changes nothing', async () => {
  const api = createMockApi({ seed: 1, count: 3 })
  await admin(api, 'PUT', '/scenarios/active', { names: ['unavailable'] })
  const bad = await admin(api, 'PUT', '/scenarios/active', {
    scenarios: [
      { name: 'a', rules: [{ respond: { status: 200 } }] },
      { name: 'b', rules: [{ match: { method: 'FETCH' }, respond: { status: 503 } }] },
      'nope',
    ],
  })
  expect(bad.status).toBe(400)
  const problem = (await bad.json()) as Problem
  expect(problem.code).toBe('invalid_scenario')
  const messages = (problem.errors ?? []).map((e) => `${e.field}: ${e.message}`).join('\n')
  expect(messages).toContain('inline:a')
  expect(messages).toContain('inline:b')
  expect(messages).toContain('unknown scenario "nope"')
  for (const body of [{ scenarios: 'flaky' }, { scenarios: [3] }, { scenarios: ['x.yaml'] }]) {
    expect((await admin(api, 'PUT', '/scenarios/active', body)).status).toBe(400)
  }
  expect(api.settings().scenarios.map((s) => s.name)).toEqual(['unavailable'])
})
