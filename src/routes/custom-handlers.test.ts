import { expect, it } from 'vitest'
import { createMockApi } from '../create-mock-api.js'
import { startMockApi } from '../start-mock-api.js'

const AUTH = { Authorization: 'Bearer dev-token' }

function call(
  api: ReturnType<typeof createMockApi>,
  method: string,
  path: string,
  init: RequestInit = {},
) {
  return api.fetch(new Request(`http://mock${path}`, { method, ...init }))
}

it('a login endpoint in five lines: open to requests without a token, journaled', async () => {
  const api = createMockApi()
  api.handle(
    'POST',
    '/auth/login',
    async (request) => {
      const { user } = (await request.json()) as { user: string }
      return user === 'ada' ? { token: 'dev-token' } : new Response('no', { status: 401 })
    },
    { auth: false },
  )
  const ok = await call(api, 'POST', '/auth/login', { body: JSON.stringify({ user: 'ada' }) })
  expect([ok.status, await ok.json()]).toEqual([200, { token: 'dev-token' }])
  expect(ok.headers.get('x-ratelimit-limit')).toBe('600')
  const refused = await call(api, 'POST', '/auth/login', { body: JSON.stringify({ user: 'x' }) })
  expect(refused.status).toBe(401)
  expect((await api.requests({ path: '/auth/login' })).map((e) => e.status)).toEqual([200, 401])
})

it('a handler gets the path parameters and the collections the CRUD routes use', async () => {
  const api = createMockApi({
    handlers: {
      'GET /projects/:id/summary': (_request, { params, collections }) => ({
        id: params.id,
        tasks: collections.tasks?.list({ projectId: Number(params.id) }).length,
      }),
      'POST /projects/:id/archive': (_request, { params, collections }) =>
        collections.projects?.update(params.id ?? '', { name: 'Archived' }),
    },
  })
  const summary = await call(api, 'GET', '/projects/1/summary', { headers: AUTH })
  const listed = await call(api, 'GET', '/tasks?projectId=1&per_page=100', { headers: AUTH })
  expect(await summary.json()).toEqual({
    id: '1',
    tasks: ((await listed.json()) as unknown[]).length,
  })
  await call(api, 'POST', '/projects/1/archive', { headers: AUTH })
  const project = await call(api, 'GET', '/projects/1', { headers: AUTH })
  expect(((await project.json()) as { name: string }).name).toBe('Archived')
})

it('({ request, params }) works too: the request carries the context', async () => {
  const api = createMockApi({ auth: false })
  api.handle('GET', '/echo/:word', ({ request, params }) => ({
    word: params.word,
    method: request.method,
  }))
  const res = await call(api, 'GET', '/echo/hi%20there')
  expect(await res.json()).toEqual({ word: 'hi there', method: 'GET' })
})

it('a handler overrides a CRUD route, and every natural and injected error still applies', async () => {
  const api = createMockApi({ rateLimit: '2/60s' })
  api.handle('GET', '/users/:id', () => ({ overridden: true }))
  expect(await (await call(api, 'GET', '/users/1', { headers: AUTH })).json()).toEqual({
    overridden: true,
  })
  expect((await call(api, 'GET', '/users/1')).status).toBe(401)
  expect(
    (await call(api, 'GET', '/users/1', { headers: { Authorization: 'Bearer nope' } })).status,
  ).toBe(403)
  const injected = await call(api, 'GET', '/users/1', { headers: { ...AUTH, Prefer: 'code=503' } })
  expect(injected.status).toBe(503)
  // dev-token's second request uses up its 2/60s; the third is refused.
  expect((await call(api, 'GET', '/users/1', { headers: AUTH })).status).toBe(200)
  expect((await call(api, 'GET', '/users/1', { headers: AUTH })).status).toBe(429)
  await api.setMaintenance(true)
  expect((await call(api, 'GET', '/users/1', { headers: AUTH })).status).toBe(503)
})

it('a handler answering nothing is 204; a handler that throws is a 500 problem', async () => {
  const api = createMockApi({ auth: false, onUnexpectedError: () => {} })
  api.handle('DELETE', '/sessions/current', () => undefined)
  api.handle('GET', '/broken', () => {
    throw new Error('oops')
  })
  expect((await call(api, 'DELETE', '/sessions/current')).status).toBe(204)
  const broken = await call(api, 'GET', '/broken')
  expect([broken.status, ((await broken.json()) as { code: string }).code]).toEqual([
    500,
    'internal_error',
  ])
})

it('a handler key that is not "METHOD /path" is refused', () => {
  expect(() => createMockApi({ handlers: { '/no-method': () => 1 } })).toThrow(
    /a handler's key is a method and a path/,
  )
})

it('on a real socket a handler reads the body, and the journal records it too', async () => {
  const api = await startMockApi({ port: 0, maxBodySize: 64 })
  try {
    api.handle('POST', '/auth/login', async (request) => request.json(), { auth: false })
    const res = await fetch(`${api.url}/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ user: 'ada' }),
    })
    expect([res.status, await res.json()]).toEqual([200, { user: 'ada' }])
    const [entry] = await api.requests({ path: '/auth/login', body: { user: 'ada' } })
    expect(entry?.body).toBe('{"user":"ada"}')
    const big = await fetch(`${api.url}/auth/login`, { method: 'POST', body: 'x'.repeat(100) })
    expect(big.status).toBe(413)
  } finally {
    await api.close()
  }
})
