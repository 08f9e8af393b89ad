import { request as httpRequest } from 'node:http'
import { expect, it } from 'vitest'
import { createMockApi, type MockApi } from '../create-mock-api.js'
import type { Problem } from '../http/problem.js'
import type { MockApiOptions } from '../options.js'
import { startMockApi } from '../start-mock-api.js'
import type { TokenSpec } from './token-spec.js'

type Row = { readonly id: number; readonly [field: string]: unknown }

interface Call {
  readonly method?: string
  readonly path: string
  /** Sent as `Authorization: Bearer <token>`. */
  readonly token?: string
  readonly headers?: HeadersInit
  /** A string is sent as written, anything else as JSON; both labelled application/json. */
  readonly body?: unknown
}

const NOW = Date.UTC(2030, 0, 1)
const CHALLENGE = 'Bearer realm="mockapi"'
const RESOURCES = ['users', 'projects', 'tasks', 'comments'] as const
const MISSING_ID = 999_999
const TOKEN_NAMES = ['token', 'api_token', 'apiToken', 'access_token'] as const
const MORE_TOKEN_NAMES = ['accessToken', 'api_key', 'apiKey'] as const

function setup(options: MockApiOptions = {}): MockApi {
  return createMockApi({ seed: 1, count: 5, auth: true, clock: { now: () => NOW }, ...options })
}

function send(api: MockApi, call: Call): Promise<Response> {
  const headers = new Headers(call.headers)
  if (call.token !== undefined) headers.set('Authorization', `Bearer ${call.token}`)
  const init: RequestInit = { method: call.method ?? 'GET', headers }
  if (call.body !== undefined) {
    headers.set('Content-Type', 'application/json')
    init.body = typeof call.body === 'string' ? call.body : JSON.stringify(call.body)
  }
  return api.fetch(new Request(`http://mock${call.path}`, init))
}

async function problemOf(res: Response): Promise<Problem> {
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  return (await res.json()) as Problem
}

async function rows(api: MockApi, path: string, token: string): Promise<Row[]> {
  const res = await send(api, { path, token })
  expect(res.status).toBe(200)
  return (await res.json()) as Row[]
}

async function firstId(api: MockApi, resource: string, token: string): Promise<number> {
  const [first] = await rows(api, `/${resource}`, token)
  if (first === undefined) throw new Error(`${token} sees no ${resource}`)
  return first.id
}

function task(projectId: number): Record<string, unknown> {
  return { title: 'Write the tests', status: 'todo', projectId }
}

// --- The defaults, and authentication off ---

it.each<[string, Call, number, string | undefined]>([
  ['no token', { path: '/tasks' }, 401, 'token_missing'],
  ['dev-token reading', { path: '/tasks', token: 'dev-token' }, 200, undefined],
  [
    'dev-token writing',
    { method: 'POST', path: '/tasks', token: 'dev-token', body: task(1) },
    201,
    undefined,
  ],
  ['read-token reading', { path: '/tasks', token: 'read-token' }, 200, undefined],
  [
    'read-token writing',
    { method: 'POST', path: '/tasks', token: 'read-token', body: task(1) },
    403,
    'access_denied',
  ],
  ['revoked-token', { path: '/tasks', token: 'revoked-token' }, 403, 'token_revoked'],
  ['other-token reading', { path: '/tasks', token: 'other-token' }, 200, undefined],
  ['an unknown token', { path: '/tasks', token: 'nope-token' }, 403, 'token_invalid'],
])('with the defaults, %s answers %i', async (_name, call, status, code) => {
  const api = createMockApi({ seed: 1, count: 5 })
  const res = await send(api, call)
  expect(res.status).toBe(status)
  if (code !== undefined) expect(await res.json()).toMatchObject({ status, code })
  expect(res.headers.get('x-ratelimit-limit')).toBe('600')
})

it('with auth: false a request without a token gets 200 and no auth or rate-limit headers', async () => {
  const api = createMockApi({ seed: 1, count: 5, auth: false, rateLimit: false })
  for (const call of [
    { path: '/tasks' },
    { path: '/tasks/1' },
    { path: '/tasks', method: 'POST', body: task(1) },
  ]) {
    const res = await send(api, call)
    expect(res.status, `${call.method ?? 'GET'} ${call.path}`).toBeLessThan(300)
    const names = [...res.headers.keys()]
    expect(names.filter((name) => /ratelimit|retry-after|www-authenticate/i.test(name))).toEqual([])
  }
})

it('with auth: false a token of another workspace still sees every record', async () => {
  const api = createMockApi({ seed: 1, count: 5, auth: false })
  const res = await send(api, { path: '/tasks', token: 'other-token' })
  expect(res.status).toBe(200)
  expect(res.headers.get('x-total-count')).toBe('5')
})

// --- 401 token_missing ---

it.each<{ name: string; headers: HeadersInit }>([
  { name: 'no Authorization header', headers: {} },
  { name: 'an empty Authorization header', headers: { Authorization: '' } },
  { name: 'Bearer with nothing after it', headers: { Authorization: 'Bearer' } },
  { name: 'Bearer followed by spaces only', headers: { Authorization: 'Bearer    ' } },
  { name: 'another scheme (Basic xyz)', headers: { Authorization: 'Basic xyz' } },
  { name: 'a bare token without a scheme', headers: { Authorization: 'dev-token' } },
  { name: 'the token in another header', headers: { 'X-API-Token': 'dev-token' } },
])('$name is 401 token_missing with a Bearer challenge', async ({ headers }) => {
  const api = setup()
  const res = await send(api, { path: '/tasks', headers })
  expect(res.status).toBe(401)
  expect(res.headers.get('www-authenticate')).toBe(CHALLENGE)
  expect(await problemOf(res)).toMatchObject({
    type: 'urn:mockapi:problem:token_missing',
    title: 'Unauthorized',
    status: 401,
    code: 'token_missing',
    instance: '/tasks',
    detail: expect.stringContaining('Authorization'),
  })
})

it.each([
  { method: 'GET', path: '/users' },
  { method: 'GET', path: '/projects/1' },
  { method: 'HEAD', path: '/tasks' },
  { method: 'POST', path: '/tasks', body: task(1) },
  { method: 'PATCH', path: '/comments/1', body: { body: 'edited' } },
  { method: 'DELETE', path: '/tasks/1' },
])('$method $path without a token is 401 token_missing', async (call) => {
  const api = setup()
  const res = await send(api, call)
  expect(res.status).toBe(401)
  expect(res.headers.get('www-authenticate')).toBe(CHALLENGE)
  if (call.method !== 'HEAD') expect((await problemOf(res)).code).toBe('token_missing')
})

it('a refused write without a token changes nothing', async () => {
  const api = setup()
  await send(api, { method: 'DELETE', path: '/tasks/1' })
  await send(api, { method: 'PATCH', path: '/tasks/1', body: { title: 'Changed' } })
  await send(api, { method: 'POST', path: '/tasks', body: task(1) })
  const res = await send(api, { path: '/tasks/1', token: 'dev-token' })
  expect(res.status).toBe(200)
  expect(((await res.json()) as Row).title).not.toBe('Changed')
  expect(api.resources().find((r) => r.name === 'tasks')?.count).toBe(10)
})

it('the first workspace gets --count records and the others the same up to 1,000', () => {
  const small = createMockApi({ seed: 1, count: 7 }).resources()
  expect(small.map((r) => r.workspaces)).toEqual(small.map(() => ({ A: 7, B: 7 })))
  const big = createMockApi({ seed: 1, count: 1500 }).resources()
  expect(big.map((r) => r.workspaces)).toEqual(big.map(() => ({ A: 1500, B: 1000 })))
})

// --- 401 token_not_in_header ---

it.each([...TOKEN_NAMES, ...MORE_TOKEN_NAMES])(
  'a token in the query string as %s is 401 token_not_in_header naming the query',
  async (name) => {
    const api = setup()
    const res = await send(api, { path: `/tasks?${name}=dev-token` })
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toBe(CHALLENGE)
    const problem = await problemOf(res)
    expect(problem).toMatchObject({ status: 401, code: 'token_not_in_header' })
    expect(problem.detail).toContain('query string')
    expect(problem.detail).toContain(name)
    expect(problem.detail).toContain('Authorization')
    expect(problem.detail).not.toContain('dev-token')
  },
)

it.each(
  TOKEN_NAMES.flatMap((name) => [
    { name, method: 'POST', path: '/tasks', body: { ...task(1), [name]: 'dev-token' } },
    { name, method: 'PATCH', path: '/tasks/1', body: { title: 'Changed', [name]: 'dev-token' } },
  ]),
)(
  'a token in the JSON body of a $method as $name is 401 token_not_in_header naming the body',
  async ({ name, ...call }) => {
    const api = setup()
    const res = await send(api, call)
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toBe(CHALLENGE)
    const problem = await problemOf(res)
    expect(problem).toMatchObject({ status: 401, code: 'token_not_in_header' })
    expect(problem.detail).toContain('JSON body')
    expect(problem.detail).toContain(name)
    expect(problem.detail).not.toContain('dev-token')
  },
)

it('a misplaced token is reported as misplaced even when it is not a valid token', async () => {
  const api = setup()
  const res = await send(api, { path: '/tasks?token=no-such-token' })
  expect(res.status).toBe(401)
  expect((await problemOf(res)).code).toBe('token_not_in_header')
})

it('the messages for a missing and a misplaced token say which of the two happened', async () => {
  const api = setup()
  const missing = await problemOf(await send(api, { path: '/tasks' }))
  const misplaced = await problemOf(await send(api, { path: '/tasks?token=dev-token' }))
  expect(missing.detail).not.toBe(misplaced.detail)
  expect(missing.detail).not.toMatch(/query|body/i)
})

it('a token in the header wins over a token-like query parameter or body field', async () => {
  const api = setup()
  const get = await send(api, { path: '/tasks/1?token=whatever', token: 'dev-token' })
  expect(get.status).toBe(200)
  const post = await send(api, {
    method: 'POST',
    path: '/tasks',
    token: 'dev-token',
    body: { ...task(1), token: 'whatever' },
  })
  // The body field is then just an unknown field of the record.
  expect(post.status).toBe(400)
  expect((await problemOf(post)).errors).toEqual([expect.objectContaining({ field: 'token' })])
})

// --- 403 token_invalid and token_revoked ---

it.each<{ name: string; headers: HeadersInit; code: string }>([
  { name: 'an unknown token', headers: { Authorization: 'Bearer nope' }, code: 'token_invalid' },
  {
    name: 'a 10 kB token',
    headers: { Authorization: `Bearer ${'x'.repeat(10_240)}` },
    code: 'token_invalid',
  },
  {
    name: 'a token of non-ASCII bytes',
    headers: { Authorization: 'Bearer caf\u00e9-t\u00f6k\u00ebn-\u00ff\u0080' },
    code: 'token_invalid',
  },
  {
    name: 'a known token in the wrong case',
    headers: { Authorization: 'Bearer DEV-TOKEN' },
    code: 'token_invalid',
  },
  {
    name: 'a known token with a suffix',
    headers: { Authorization: 'Bearer dev-token2' },
    code: 'token_invalid',
  },
  {
    name: 'the revoked token',
    headers: { Authorization: 'Bearer revoked-token' },
    code: 'token_revoked',
  },
])('$name is 403 $code', async ({ headers, code }) => {
  const api = setup()
  for (const method of ['GET', 'POST']) {
    const res = await send(api, {
      method,
      path: '/tasks',
      headers,
      ...(method === 'POST' ? { body: task(1) } : {}),
    })
    expect(res.status, method).toBe(403)
    const problem = await problemOf(res)
    expect(problem).toMatchObject({ title: 'Forbidden', status: 403, code, instance: '/tasks' })
    expect(problem.detail).not.toMatch(/x{100}|caf|dev-token|revoked-token/)
  }
})

it('two Authorization headers are refused with a problem, never a 500', async () => {
  const api = setup()
  for (const pair of [
    ['Bearer dev-token', 'Bearer dev-token'],
    ['Bearer dev-token', 'Bearer read-token'],
    ['Basic xyz', 'Bearer dev-token'],
  ]) {
    const headers = new Headers()
    for (const value of pair) headers.append('Authorization', value)
    const res = await send(api, { path: '/tasks', headers })
    expect([401, 403], pair.join(' + ')).toContain(res.status)
    expect((await problemOf(res)).status).toBe(res.status)
  }
})

it('odd Authorization headers on a real socket are refused, never a 500', async () => {
  const api = await startMockApi({ auth: true, count: 2 })
  try {
    const cases: [string, string | string[], number][] = [
      ['empty', '', 401],
      ['Bearer alone', 'Bearer', 401],
      ['10 kB', `Bearer ${'y'.repeat(10_240)}`, 403],
      ['latin1 bytes', 'Bearer \u00e9\u00e8\u00ff\u0080', 403],
      ['two headers', ['Bearer nope', 'Bearer dev-token'], 403],
    ]
    for (const [name, value, status] of cases) {
      const res = await rawGet(`${api.url}/tasks`, value)
      expect(res.status, name).toBe(status)
      expect(JSON.parse(res.body) as Problem, name).toMatchObject({ status })
    }
  } finally {
    await api.close()
  }
})

/** A GET with `Authorization` set exactly as given (an array sends one line per value). */
function rawGet(url: string, authorization: string | string[]) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest(url)
    req.setHeader('Authorization', authorization)
    req.on('error', reject)
    req.on('response', (res) => {
      let body = ''
      res.setEncoding('latin1')
      res.on('data', (chunk: string) => {
        body += chunk
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.end()
  })
}

// --- Schemes and custom headers ---

it.each(['Bearer dev-token', 'bearer dev-token', 'BEARER dev-token', 'Bearer   dev-token'])(
  'the scheme is case- and space-insensitive: %j is accepted',
  async (authorization) => {
    const api = setup()
    const res = await send(api, { path: '/tasks', headers: { Authorization: authorization } })
    expect(res.status).toBe(200)
  },
)

const customTokens: TokenSpec[] = [
  { token: 'key-123', workspace: 'A', access: { '*': 'write' } },
  { token: 'old-key', workspace: 'A', access: { '*': 'write' }, revoked: true },
]

it.each<{ name: string; headers: HeadersInit; status: number; code?: string }>([
  {
    name: 'the custom header with the bare token',
    headers: { 'X-API-Token': 'key-123' },
    status: 200,
  },
  { name: 'the custom header in lower case', headers: { 'x-api-token': 'key-123' }, status: 200 },
  {
    name: 'a scheme in the custom header',
    headers: { 'X-API-Token': 'Bearer key-123' },
    status: 403,
    code: 'token_invalid',
  },
  {
    name: 'a revoked custom token',
    headers: { 'X-API-Token': 'old-key' },
    status: 403,
    code: 'token_revoked',
  },
  {
    name: 'a default token in the custom header',
    headers: { 'X-API-Token': 'dev-token' },
    status: 403,
    code: 'token_invalid',
  },
  {
    name: 'a valid token in Authorization, which is ignored',
    headers: { Authorization: 'Bearer key-123' },
    status: 401,
    code: 'token_missing',
  },
  { name: 'no header at all', headers: {}, status: 401, code: 'token_missing' },
])('with a custom X-API-Token header, $name gives $status', async ({ headers, status, code }) => {
  const api = setup({ auth: { header: 'x-api-token', scheme: undefined, tokens: customTokens } })
  const res = await send(api, { path: '/tasks', headers })
  expect(res.status).toBe(status)
  if (code !== undefined) {
    const problem = await problemOf(res)
    expect(problem.code).toBe(code)
    if (status === 401) expect(problem.detail).toContain('X-Api-Token')
  }
})

it('with a custom header a token in the query is still misplaced, and the message names the header', async () => {
  const api = setup({ auth: { header: 'X-API-Token', scheme: undefined, tokens: customTokens } })
  const res = await send(api, { path: '/tasks?api_token=key-123' })
  expect(res.status).toBe(401)
  const problem = await problemOf(res)
  expect(problem.code).toBe('token_not_in_header')
  expect(problem.detail).toMatch(/X-Api-Token/i)
  expect(problem.detail).not.toContain('key-123')
})

// --- 403 access_denied ---

it.each([
  { method: 'POST', path: '/tasks', body: task(1) },
  { method: 'PATCH', path: '/tasks/1', body: { title: 'Changed' } },
  { method: 'DELETE', path: '/tasks/1' },
  { method: 'POST', path: '/users', body: { name: 'A', email: 'a@example.test', role: 'admin' } },
  { method: 'DELETE', path: '/comments/1' },
])('read-token on $method $path is 403 access_denied', async (call) => {
  const api = setup()
  const res = await send(api, { ...call, token: 'read-token' })
  expect(res.status).toBe(403)
  const problem = await problemOf(res)
  expect(problem).toMatchObject({ status: 403, code: 'access_denied' })
  expect(problem.detail).toContain(call.path.split('/')[1] ?? '')
})

it.each(['/tasks', '/tasks/1', '/users?per_page=2', '/comments/2'])(
  'read-token on GET %s is 200',
  async (path) => {
    const api = setup()
    expect((await send(api, { path, token: 'read-token' })).status).toBe(200)
  },
)

it('read-token writes nothing: the refused record is unchanged and none is added', async () => {
  const api = setup()
  await send(api, { method: 'PATCH', path: '/tasks/1', token: 'read-token', body: { title: 'X' } })
  await send(api, { method: 'DELETE', path: '/tasks/2', token: 'read-token' })
  await send(api, { method: 'POST', path: '/tasks', token: 'read-token', body: task(1) })
  expect(
    ((await (await send(api, { path: '/tasks/1', token: 'dev-token' })).json()) as Row).title,
  ).not.toBe('X')
  expect((await send(api, { path: '/tasks/2', token: 'dev-token' })).status).toBe(200)
  expect(
    (await send(api, { path: '/tasks', token: 'dev-token' })).headers.get('x-total-count'),
  ).toBe('5')
})

const mixedTokens: TokenSpec[] = [
  { token: 'tasks-writer', workspace: 'A', access: { '*': 'read', tasks: 'write' } },
  { token: 'no-users', workspace: 'A', access: { '*': 'write', users: 'none' } },
  { token: 'only-projects', workspace: 'A', access: { projects: 'read' } },
  { token: 'nothing', workspace: 'A', access: {} },
]

it.each<{ token: string; call: Call; status: number }>([
  { token: 'tasks-writer', call: { method: 'GET', path: '/users' }, status: 200 },
  { token: 'tasks-writer', call: { method: 'GET', path: '/tasks' }, status: 200 },
  { token: 'tasks-writer', call: { method: 'POST', path: '/tasks', body: task(1) }, status: 201 },
  {
    token: 'tasks-writer',
    call: { method: 'PATCH', path: '/tasks/1', body: { priority: 2 } },
    status: 200,
  },
  { token: 'tasks-writer', call: { method: 'DELETE', path: '/tasks/1' }, status: 204 },
  {
    token: 'tasks-writer',
    call: { method: 'PATCH', path: '/users/1', body: { active: true } },
    status: 403,
  },
  { token: 'tasks-writer', call: { method: 'DELETE', path: '/projects/1' }, status: 403 },
  { token: 'no-users', call: { method: 'GET', path: '/users' }, status: 403 },
  { token: 'no-users', call: { method: 'GET', path: '/users/1' }, status: 403 },
  { token: 'no-users', call: { method: 'DELETE', path: '/users/1' }, status: 403 },
  { token: 'no-users', call: { method: 'GET', path: '/tasks' }, status: 200 },
  { token: 'no-users', call: { method: 'DELETE', path: '/comments/1' }, status: 204 },
  { token: 'only-projects', call: { method: 'GET', path: '/projects/1' }, status: 200 },
  { token: 'only-projects', call: { method: 'GET', path: '/tasks' }, status: 403 },
  { token: 'only-projects', call: { method: 'DELETE', path: '/projects/1' }, status: 403 },
  { token: 'nothing', call: { method: 'GET', path: '/users' }, status: 403 },
  { token: 'nothing', call: { method: 'GET', path: '/tasks/1' }, status: 403 },
])(
  'per-resource access: $token on $call.method $call.path is $status',
  async ({ token, call, status }) => {
    const api = setup({ auth: { tokens: mixedTokens } })
    const res = await send(api, { ...call, token })
    expect(res.status).toBe(status)
    if (status === 403) {
      const problem = await problemOf(res)
      expect(problem.code).toBe('access_denied')
      expect(problem.detail).toContain(call.path.split('/')[1] ?? '')
    }
  },
)

// --- Workspaces: 404 for records of another workspace ---

it.each<{ method: string; body?: unknown }>([
  { method: 'GET' },
  { method: 'PATCH', body: { title: 'Taken over' } },
  { method: 'PATCH', body: { status: 'not-a-status' } },
  { method: 'DELETE' },
])(
  '$method of a workspace-A id by other-token answers exactly like a missing id',
  async ({ method, body }) => {
    const api = setup()
    const hiddenId = await firstId(api, 'tasks', 'dev-token')
    const call = (id: number): Call => ({
      method,
      path: `/tasks/${id}`,
      token: 'other-token',
      ...(body === undefined ? {} : { body }),
    })
    const hidden = await send(api, call(hiddenId))
    const missing = await send(api, call(MISSING_ID))
    expect(hidden.status).toBe(404)
    expect(missing.status).toBe(404)
    expect(headerNames(hidden)).toEqual(headerNames(missing))
    // The detail echoes the id the client asked for; apart from that and `instance`, equal.
    expect(comparable(await hidden.json(), hiddenId)).toEqual(
      comparable(await missing.json(), MISSING_ID),
    )
  },
)

it('a hidden record answers byte for byte like the same id after it was really deleted', async () => {
  // Without a limit, so the two tokens' rate-limit counts do not differ.
  const hiddenApi = setup({ rateLimit: false })
  const deletedApi = setup({ rateLimit: false })
  const id = await firstId(hiddenApi, 'tasks', 'dev-token')
  expect(
    (await send(deletedApi, { method: 'DELETE', path: `/tasks/${id}`, token: 'dev-token' })).status,
  ).toBe(204)
  for (const method of ['GET', 'PATCH', 'DELETE']) {
    const call: Call = {
      method,
      path: `/tasks/${id}`,
      ...(method === 'PATCH' ? { body: { title: 'x' } } : {}),
    }
    const hidden = await send(hiddenApi, { ...call, token: 'other-token' })
    const deleted = await send(deletedApi, { ...call, token: 'dev-token' })
    expect(hidden.status, method).toBe(deleted.status)
    expect([...hidden.headers], method).toEqual([...deleted.headers])
    expect(await hidden.text(), method).toBe(await deleted.text())
  }
})

it('a refused PATCH or DELETE from another workspace leaves the record as it was', async () => {
  const api = setup()
  const id = await firstId(api, 'tasks', 'dev-token')
  const before = await (await send(api, { path: `/tasks/${id}`, token: 'dev-token' })).json()
  await send(api, {
    method: 'PATCH',
    path: `/tasks/${id}`,
    token: 'other-token',
    body: { title: 'x' },
  })
  await send(api, { method: 'DELETE', path: `/tasks/${id}`, token: 'other-token' })
  const after = await send(api, { path: `/tasks/${id}`, token: 'dev-token' })
  expect(after.status).toBe(200)
  expect(await after.json()).toEqual(before)
})

it.each(RESOURCES)(
  'each workspace lists only its own %s, as many as count, with disjoint ids',
  async (resource) => {
    const api = setup({ count: 7 })
    const seen: Record<string, number[]> = {}
    for (const token of ['dev-token', 'read-token', 'other-token']) {
      const res = await send(api, { path: `/${resource}?per_page=100`, token })
      expect(res.status).toBe(200)
      expect(res.headers.get('x-total-count'), token).toBe('7')
      seen[token] = ((await res.json()) as Row[]).map((r) => r.id)
    }
    expect(seen['read-token']).toEqual(seen['dev-token'])
    const a = new Set(seen['dev-token'])
    expect(seen['other-token']?.filter((id) => a.has(id))).toEqual([])
    for (const id of seen['other-token'] ?? []) {
      expect((await send(api, { path: `/${resource}/${id}`, token: 'dev-token' })).status).toBe(404)
      expect((await send(api, { path: `/${resource}/${id}`, token: 'other-token' })).status).toBe(
        200,
      )
    }
  },
)

it('each workspace references only its own records in the seed data', async () => {
  const api = setup({ count: 7 })
  for (const token of ['dev-token', 'other-token']) {
    const projects = new Set((await rows(api, '/projects?per_page=100', token)).map((r) => r.id))
    for (const t of await rows(api, '/tasks?per_page=100', token)) {
      expect(projects.has(t.projectId as number), `${token} task ${t.id}`).toBe(true)
    }
  }
})

it('a POST with other-token creates a record in workspace B that dev-token cannot see', async () => {
  const api = setup()
  const projectB = await firstId(api, 'projects', 'other-token')
  const created = await send(api, {
    method: 'POST',
    path: '/tasks',
    token: 'other-token',
    body: task(projectB),
  })
  expect(created.status).toBe(201)
  const record = (await created.json()) as Row
  const location = created.headers.get('location') ?? ''
  expect(location).toBe(`http://mock/tasks/${record.id}`)
  const path = new URL(location).pathname
  expect((await send(api, { path, token: 'other-token' })).status).toBe(200)
  expect((await send(api, { path, token: 'dev-token' })).status).toBe(404)
  expect((await send(api, { path, token: 'read-token' })).status).toBe(404)
  expect((await rows(api, '/tasks?per_page=100', 'dev-token')).map((r) => r.id)).not.toContain(
    record.id,
  )
  expect(
    (await send(api, { path: '/tasks', token: 'other-token' })).headers.get('x-total-count'),
  ).toBe('6')
  expect(
    (await send(api, { path: '/tasks', token: 'dev-token' })).headers.get('x-total-count'),
  ).toBe('5')
})

it.each<{
  name: string
  method: string
  field: string
  body: (ids: Ids) => Record<string, unknown>
}>([
  { name: 'POST a task', method: 'POST', field: 'projectId', body: (ids) => task(ids.projectA) },
  {
    name: 'POST a task assigned to a user',
    method: 'POST',
    field: 'assigneeId',
    body: (ids) => ({ ...task(ids.projectB), assigneeId: ids.userA }),
  },
  {
    name: 'PATCH a task',
    method: 'PATCH',
    field: 'projectId',
    body: (ids) => ({ projectId: ids.projectA }),
  },
  {
    name: 'POST a comment',
    method: 'POST',
    field: 'taskId',
    body: (ids) => ({ body: 'Hi', taskId: ids.taskA, authorId: ids.userB }),
  },
])(
  '$name in workspace B naming a record of workspace A is 400 validation_failed on $field',
  async ({ method, field, body }) => {
    const api = setup()
    const ids = await idsOf(api)
    const resource = field === 'taskId' ? 'comments' : 'tasks'
    const path = method === 'POST' ? `/${resource}` : `/${resource}/${ids.taskB}`
    const res = await send(api, { method, path, token: 'other-token', body: body(ids) })
    expect(res.status).toBe(400)
    const problem = await problemOf(res)
    expect(problem.code).toBe('validation_failed')
    expect(problem.errors).toEqual([{ field, message: expect.any(String) }])
    // The same reference is fine from workspace A.
    if (method === 'POST' && field === 'projectId') {
      const own = await send(api, { method, path, token: 'dev-token', body: body(ids) })
      expect(own.status).toBe(201)
    }
  },
)

interface Ids {
  readonly projectA: number
  readonly projectB: number
  readonly userA: number
  readonly userB: number
  readonly taskA: number
  readonly taskB: number
}

async function idsOf(api: MockApi): Promise<Ids> {
  return {
    projectA: await firstId(api, 'projects', 'dev-token'),
    projectB: await firstId(api, 'projects', 'other-token'),
    userA: await firstId(api, 'users', 'dev-token'),
    userB: await firstId(api, 'users', 'other-token'),
    taskA: await firstId(api, 'tasks', 'dev-token'),
    taskB: await firstId(api, 'tasks', 'other-token'),
  }
}

it('two instances share no records, whichever token writes', async () => {
  const one = setup()
  const two = setup()
  for (const token of ['dev-token', 'other-token']) {
    const projectId = await firstId(one, 'projects', token)
    const res = await send(one, { method: 'POST', path: '/tasks', token, body: task(projectId) })
    expect(res.status).toBe(201)
    const { id } = (await res.json()) as Row
    for (const reader of ['dev-token', 'read-token', 'other-token']) {
      expect((await send(two, { path: `/tasks/${id}`, token: reader })).status, reader).toBe(404)
    }
  }
  for (const token of ['dev-token', 'other-token']) {
    expect((await send(two, { path: '/tasks', token })).headers.get('x-total-count')).toBe('5')
    expect((await send(one, { path: '/tasks', token })).headers.get('x-total-count')).toBe('6')
  }
})

it('the index needs a token like every route, and counts only what the token can see', async () => {
  const api = setup()
  expect((await send(api, { path: '/' })).status).toBe(401)
  for (const token of ['dev-token', 'other-token']) {
    const res = await send(api, { path: '/', token })
    expect(res.status).toBe(200)
    const { resources } = (await res.json()) as { resources: { name: string; count: number }[] }
    for (const { name, count } of resources) {
      const list = await send(api, { path: `/${name}`, token })
      expect(count, `${token} ${name}`).toBe(Number(list.headers.get('x-total-count')))
    }
  }
})

it('reset() puts each workspace back to its seed records', async () => {
  const api = setup()
  const projectB = await firstId(api, 'projects', 'other-token')
  await send(api, { method: 'POST', path: '/tasks', token: 'other-token', body: task(projectB) })
  await send(api, { method: 'DELETE', path: '/tasks/1', token: 'dev-token' })
  await api.reset()
  for (const token of ['dev-token', 'other-token']) {
    expect((await send(api, { path: '/tasks', token })).headers.get('x-total-count')).toBe('5')
  }
  expect((await send(api, { path: '/tasks/1', token: 'dev-token' })).status).toBe(200)
})

function headerNames(res: Response): string[] {
  return [...res.headers.keys()].filter((name) => !/ratelimit/i.test(name)).sort()
}

function comparable(body: unknown, id: number): unknown {
  const { instance: _instance, ...rest } = body as Problem
  const masked = rest.detail.replaceAll(String(id), '<id>')
  return { ...rest, detail: masked, message: masked }
}
