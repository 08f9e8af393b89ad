import { expect, it } from 'vitest'
import { createMockApi, type MockApi } from './create-mock-api.js'
import type { Problem } from './http/problem.js'

type Row = { readonly id: number; readonly [field: string]: unknown }

const RESOURCES = ['users', 'projects', 'tasks', 'comments'] as const
const PROBLEM_KEYS = ['code', 'detail', 'instance', 'message', 'status', 'title', 'type']
const NOW = Date.UTC(2030, 0, 1)
const NOW_ISO = new Date(NOW).toISOString()
const VALID_USER = { name: 'Ada Lovelace', email: 'ada@example.test', role: 'admin' }
const VALID_TASK = { title: 'Write the tests', status: 'todo', projectId: 1 }

// The CRUD core alone: tokens and limits have their own tests (src/auth, src/limits).
const CORE = { auth: false, rateLimit: false } as const

// Read-only tests share one instance; a test that writes makes its own.
const seeded = createMockApi({ ...CORE, seed: 1 })

function fresh(): MockApi {
  return createMockApi({ ...CORE, seed: 1, clock: { now: () => NOW } })
}

async function request(api: MockApi, path: string, init?: RequestInit): Promise<Response> {
  return api.app.request(path, init)
}

function withJson(method: string, body: unknown): RequestInit {
  return {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  }
}

async function rows(api: MockApi, path: string): Promise<Row[]> {
  const res = await request(api, path)
  expect(res.status).toBe(200)
  return (await res.json()) as Row[]
}

async function problemOf(res: Response): Promise<Problem> {
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  return (await res.json()) as Problem
}

function ids(records: readonly Row[]): number[] {
  return records.map((record) => record.id)
}

function allowed(res: Response): string[] {
  return (res.headers.get('allow') ?? '')
    .split(',')
    .map((method) => method.trim())
    .filter(Boolean)
    .sort()
}

/** `<url>; rel="next", …` → { next: URL, … } */
function links(res: Response): Record<string, URL> {
  const header = res.headers.get('link') ?? ''
  const entries = header
    .split(/,\s*(?=<)/)
    .filter(Boolean)
    .map((part) => {
      const match = /^<([^>]+)>;\s*rel="([^"]+)"$/.exec(part.trim())
      if (!match?.[1] || !match[2]) throw new Error(`not an RFC 8288 link: ${part}`)
      return [match[2], new URL(match[1])] as const
    })
  return Object.fromEntries(entries)
}

function num(value: unknown): number {
  return typeof value === 'number' ? value : Number.NaN
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : ''
}

function compare(a: unknown, b: unknown): number {
  const x = a as string | number
  const y = b as string | number
  return x < y ? -1 : x > y ? 1 : 0
}

it('GET a collection answers 200 with the first 20 records and X-Total-Count', async () => {
  const res = await request(seeded, '/users')
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toMatch(/^application\/json/)
  expect(res.headers.get('x-total-count')).toBe('50')
  const body = (await res.json()) as Row[]
  expect(Array.isArray(body)).toBe(true)
  expect(ids(body)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
})

it.each([
  ['page=2', 21, 40],
  ['page=3', 41, 50],
  ['page=2&per_page=5', 6, 10],
  ['per_page=50', 1, 50],
])('GET /users?%s answers records %i to %i', async (query, first, last) => {
  const body = await rows(seeded, `/users?${query}`)
  expect(ids(body)).toEqual(Array.from({ length: last - first + 1 }, (_, i) => first + i))
})

it('GET a page past the end answers 200 with an empty array and the real total', async () => {
  const res = await request(seeded, '/users?page=9')
  expect(res.status).toBe(200)
  expect(await res.json()).toEqual([])
  expect(res.headers.get('x-total-count')).toBe('50')
})

it('per_page goes up to 100 and no further', async () => {
  const big = createMockApi({ ...CORE, seed: 1, count: 150 })
  const res = await request(big, '/users?per_page=100')
  expect(res.headers.get('x-total-count')).toBe('150')
  expect(await res.json()).toHaveLength(100)
  expect((await request(big, '/users?per_page=101')).status).toBe(400)
})

it.each([
  [1, ['first', 'next', 'last']],
  [2, ['first', 'prev', 'next', 'last']],
  [3, ['first', 'prev', 'last']],
])('page %i of three has the Link relations %j', async (page, rels) => {
  const res = await request(seeded, `/users?page=${page}`)
  expect(Object.keys(links(res)).sort()).toEqual([...rels].sort())
})

it('the Link header points at first, prev, next and last pages and keeps the other parameters', async () => {
  const admins = (await rows(seeded, '/users?per_page=100')).filter((u) => u.role === 'admin')
  const last = Math.ceil(admins.length / 5)
  expect(last).toBeGreaterThan(3)
  const res = await request(seeded, '/users?role=admin&page=2&per_page=5')
  const rel = links(res)
  const pageOf = (name: string) => rel[name]?.searchParams.get('page')
  expect([pageOf('first'), pageOf('prev'), pageOf('next'), pageOf('last')]).toEqual([
    '1',
    '1',
    '3',
    String(last),
  ])
  for (const url of Object.values(rel)) {
    expect(url.pathname).toBe('/users')
    expect(url.searchParams.get('role')).toBe('admin')
    expect(url.searchParams.get('per_page')).toBe('5')
  }
})

it('following the next link answers the next page', async () => {
  const res = await seeded.fetch(new Request('http://mock.test/users?role=admin&per_page=5'))
  const next = links(res).next
  expect(next?.origin).toBe('http://mock.test')
  const page2 = await seeded.fetch(new Request(String(next)))
  const admins = (await rows(seeded, '/users?per_page=100')).filter((u) => u.role === 'admin')
  expect(ids((await page2.json()) as Row[])).toEqual(ids(admins.slice(5, 10)))
})

it.each<[string, string, (record: Row) => boolean]>([
  ['tasks', 'status=done', (t) => t.status === 'done'],
  ['tasks', 'status_ne=done', (t) => t.status !== 'done'],
  ['tasks', 'status_in=todo,done', (t) => t.status === 'todo' || t.status === 'done'],
  ['tasks', 'priority_gte=4', (t) => num(t.priority) >= 4],
  ['tasks', 'priority_lte=2', (t) => num(t.priority) <= 2],
  ['tasks', 'estimateHours_lte=300', (t) => num(t.estimateHours) <= 300],
  ['tasks', 'title_like=NEED', (t) => text(t.title).toLowerCase().includes('need')],
  ['tasks', 'assigneeId=null', (t) => t.assigneeId === null],
  ['tasks', 'status=todo&priority_gte=3', (t) => t.status === 'todo' && num(t.priority) >= 3],
  ['users', 'active=true', (u) => u.active === true],
  ['users', 'role=viewer', (u) => u.role === 'viewer'],
  [
    'users',
    'q=HOTMAIL',
    (u) =>
      Object.entries(u).some(
        ([field, value]) =>
          field !== 'createdAt' &&
          field !== 'updatedAt' &&
          text(value).toLowerCase().includes('hotmail'),
      ),
  ],
])('GET /%s?%s answers exactly the matching records', async (resource, query, matches) => {
  const all = await rows(seeded, `/${resource}?per_page=100`)
  const expected = ids(all.filter(matches))
  // A filter that keeps everything or nothing would prove nothing.
  expect(expected.length).toBeGreaterThan(0)
  expect(expected.length).toBeLessThan(all.length)
  const res = await request(seeded, `/${resource}?${query}&per_page=100`)
  expect(res.status).toBe(200)
  expect(res.headers.get('x-total-count')).toBe(String(expected.length))
  expect(ids((await res.json()) as Row[])).toEqual(expected)
})

it.each([
  ['tasks', 'priority', 1],
  ['tasks', '-priority', -1],
  ['users', 'name', 1],
  ['users', '-createdAt', -1],
  ['projects', '-name', -1],
])('GET /%s?sort=%s orders the whole collection by that field', async (resource, sort, sign) => {
  const field = sort.replace(/^-/, '')
  const all = await rows(seeded, `/${resource}?per_page=100`)
  const sorted = await rows(seeded, `/${resource}?sort=${sort}&per_page=100`)
  const values = all.map((record) => record[field])
  expect(new Set(values).size).toBeGreaterThan(1)
  expect(sorted.map((record) => record[field])).toEqual(
    [...values].sort((a, b) => sign * compare(a, b)),
  )
  expect(ids(sorted).sort(compare)).toEqual(ids(all).sort(compare))
})

it.each([
  ['users', 'page=abc', 'page'],
  ['users', 'page=0', 'page'],
  ['users', 'page=1.5', 'page'],
  ['users', 'per_page=-1', 'per_page'],
  ['users', 'per_page=0', 'per_page'],
  ['users', 'per_page=101', 'per_page'],
  ['users', 'per_page=ten', 'per_page'],
  ['users', 'sort=nope', 'sort'],
  ['users', 'sort=-nope', 'sort'],
  ['users', 'nope=1', 'nope'],
  ['users', 'active=maybe', 'active'],
  ['tasks', 'priority_gte=high', 'priority_gte'],
])('GET /%s?%s answers 400 invalid_query naming %s', async (resource, query, parameter) => {
  const res = await request(seeded, `/${resource}?${query}`)
  expect(res.status).toBe(400)
  const problem = await problemOf(res)
  expect(problem.code).toBe('invalid_query')
  expect(problem.errors).toEqual([{ field: parameter, message: expect.any(String) }])
})

it('a query string with several bad parameters lists each of them', async () => {
  const res = await request(seeded, '/users?page=abc&per_page=101&sort=nope&nope=1')
  const problem = await problemOf(res)
  expect(res.status).toBe(400)
  expect(problem.errors?.map((error) => error.field).sort()).toEqual(
    ['nope', 'page', 'per_page', 'sort'].sort(),
  )
})

it('GET one record answers 200 with the record of that id', async () => {
  const res = await request(seeded, '/tasks/7')
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toMatch(/^application\/json/)
  const task = (await res.json()) as Row
  expect(task.id).toBe(7)
  expect(task).toEqual((await rows(seeded, '/tasks?page=2&per_page=6'))[0])
})

it.each(['/users/9999', '/users/abc', '/users/0'])('GET %s answers 404 not_found', async (path) => {
  const res = await request(seeded, path)
  expect(res.status).toBe(404)
  expect((await problemOf(res)).code).toBe('not_found')
})

it('POST answers 201 with the record, its server-set id and times, and a Location that serves it', async () => {
  const api = fresh()
  const res = await api.fetch(new Request('http://mock.test/users', withJson('POST', VALID_USER)))
  expect(res.status).toBe(201)
  const created = (await res.json()) as Row
  expect(created).toMatchObject({ ...VALID_USER, createdAt: NOW_ISO, updatedAt: NOW_ISO })
  expect(typeof created.id).toBe('number')
  const location = res.headers.get('location') ?? ''
  expect(location).toBe(`http://mock.test/users/${created.id}`)
  const again = await api.fetch(new Request(location))
  expect(again.status).toBe(200)
  expect(await again.json()).toEqual(created)
  expect((await request(api, '/users')).headers.get('x-total-count')).toBe('51')
})

it('POST assigns a new id to every record it creates', async () => {
  const api = fresh()
  const first = (await (await request(api, '/users', withJson('POST', VALID_USER))).json()) as Row
  const second = (await (await request(api, '/users', withJson('POST', VALID_USER))).json()) as Row
  expect(first.id).not.toBe(second.id)
  const listed = ids(await rows(api, '/users?per_page=100'))
  expect(listed).toHaveLength(52)
  expect(listed).toEqual(expect.arrayContaining([first.id, second.id]))
})

it('PATCH answers 200 with the merged record and moves updatedAt only', async () => {
  const api = fresh()
  const before = (await (await request(api, '/users/2')).json()) as Row
  const res = await request(api, '/users/2', withJson('PATCH', { role: 'viewer' }))
  expect(res.status).toBe(200)
  const after = (await res.json()) as Row
  expect(after).toEqual({ ...before, role: 'viewer', updatedAt: NOW_ISO })
  expect(after.updatedAt).not.toBe(before.updatedAt)
  expect(await (await request(api, '/users/2')).json()).toEqual(after)
})

it('PATCH does not require the required fields', async () => {
  const api = fresh()
  const res = await request(api, '/tasks/3', withJson('PATCH', { priority: 1 }))
  expect(res.status).toBe(200)
  expect(await res.json()).toMatchObject({ id: 3, priority: 1 })
})

it('PATCH checks the fields it is given', async () => {
  const api = fresh()
  const res = await request(api, '/users/2', withJson('PATCH', { email: 'nope', nickname: 'x' }))
  expect(res.status).toBe(400)
  const problem = await problemOf(res)
  expect(problem.code).toBe('validation_failed')
  expect(problem.errors?.map((error) => error.field).sort()).toEqual(['email', 'nickname'])
})

it('PATCH on an unknown id answers 404 not_found', async () => {
  const res = await request(fresh(), '/users/9999', withJson('PATCH', { role: 'viewer' }))
  expect(res.status).toBe(404)
  expect((await problemOf(res)).code).toBe('not_found')
})

it('DELETE answers 204 with no body and no Content-Type, then the record is gone', async () => {
  const api = fresh()
  const res = await request(api, '/users/5', { method: 'DELETE' })
  expect(res.status).toBe(204)
  expect(res.headers.get('content-type')).toBeNull()
  expect(await res.text()).toBe('')
  expect((await request(api, '/users/5')).status).toBe(404)
  expect((await request(api, '/users')).headers.get('x-total-count')).toBe('49')
  const again = await request(api, '/users/5', { method: 'DELETE' })
  expect(again.status).toBe(404)
  expect((await problemOf(again)).code).toBe('not_found')
})

it.each([
  ['PUT', '/users', ['GET', 'HEAD', 'OPTIONS', 'POST']],
  ['DELETE', '/users', ['GET', 'HEAD', 'OPTIONS', 'POST']],
  ['PATCH', '/users', ['GET', 'HEAD', 'OPTIONS', 'POST']],
  ['PUT', '/users', ['GET', 'HEAD', 'OPTIONS', 'POST']],
  ['POST', '/users/1', ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'PUT']],
])('%s %s answers 405 method_not_allowed with Allow', async (method, path, methods) => {
  const res = await request(seeded, path, withJson(method, {}))
  expect(res.status).toBe(405)
  expect(allowed(res)).toEqual(methods)
  expect((await problemOf(res)).code).toBe('method_not_allowed')
})

it.each([
  ['GET', '/nope'],
  ['GET', '/nope/1'],
  ['POST', '/nope'],
  ['DELETE', '/nope/1'],
])('%s %s on an unknown resource answers 404 not_found', async (method, path) => {
  const init = method === 'POST' ? withJson(method, {}) : { method }
  const res = await request(seeded, path, init)
  expect(res.status).toBe(404)
  expect((await problemOf(res)).code).toBe('not_found')
})

it('HEAD on a collection answers 200 with the GET headers and no body', async () => {
  const get = await request(seeded, '/users')
  const head = await request(seeded, '/users', { method: 'HEAD' })
  expect(head.status).toBe(200)
  for (const name of ['content-type', 'x-total-count', 'link']) {
    expect(head.headers.get(name)).toBe(get.headers.get(name))
  }
  expect(head.headers.get('x-total-count')).toBe('50')
  expect(await head.text()).toBe('')
})

it.each([
  ['/users/1', 200],
  ['/users/9999', 404],
])('HEAD %s answers %i with no body', async (path, status) => {
  const res = await request(seeded, path, { method: 'HEAD' })
  expect(res.status).toBe(status)
  expect(await res.text()).toBe('')
})

it.each([
  ['/users', ['GET', 'HEAD', 'OPTIONS', 'POST']],
  ['/users/1', ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'PUT']],
])('OPTIONS %s answers 204 with Allow', async (path, methods) => {
  const res = await request(seeded, path, { method: 'OPTIONS' })
  expect(res.status).toBe(204)
  expect(allowed(res)).toEqual(methods)
  expect(await res.text()).toBe('')
})

it.each([
  ['a record', '/users/1', 200],
  ['a collection', '/users', 200],
  ['a missing record', '/users/9999', 404],
  ['an unknown resource', '/nope', 404],
  ['a bad query', '/users?page=abc', 400],
])('CORS allows any origin on %s (%s answers %i)', async (_, path, status) => {
  const res = await request(seeded, path, { headers: { Origin: 'http://localhost:5173' } })
  expect(res.status).toBe(status)
  expect(res.headers.get('access-control-allow-origin')).toBe('*')
})

it('CORS lets browser code read the paging and Location headers', async () => {
  const res = await request(seeded, '/users', { headers: { Origin: 'http://localhost:5173' } })
  const exposed = (res.headers.get('access-control-expose-headers') ?? '').toLowerCase()
  for (const name of ['x-total-count', 'link', 'location']) expect(exposed).toContain(name)
})

it('CORS answers a preflight with the allowed methods and the requested headers', async () => {
  const res = await request(seeded, '/users/1', {
    method: 'OPTIONS',
    headers: {
      Origin: 'http://localhost:5173',
      'Access-Control-Request-Method': 'PATCH',
      'Access-Control-Request-Headers': 'content-type',
    },
  })
  expect(res.status).toBe(204)
  expect(res.headers.get('access-control-allow-origin')).toBe('*')
  const methods = res.headers.get('access-control-allow-methods') ?? ''
  for (const method of ['GET', 'POST', 'PATCH', 'DELETE']) expect(methods).toContain(method)
  expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type')
})

it('cors: false sends no CORS headers, not even to a preflight', async () => {
  const api = createMockApi({ ...CORE, seed: 1, cors: false })
  const get = await request(api, '/users/1', { headers: { Origin: 'http://a.test' } })
  const preflight = await request(api, '/users', {
    method: 'OPTIONS',
    headers: { Origin: 'http://a.test', 'Access-Control-Request-Method': 'POST' },
  })
  expect(get.status).toBe(200)
  for (const res of [get, preflight]) {
    const names = [...res.headers.keys()].filter((name) => name.startsWith('access-control-'))
    expect(names).toEqual([])
  }
})

it.each([
  ['the listed origin on a record', 'http://a.test', '/users/1', 'http://a.test'],
  ['the listed origin on an error', 'http://a.test', '/nope', 'http://a.test'],
  ['another origin', 'http://b.test', '/users/1', null],
])('cors with an origin list allows %s', async (_, origin, path, expected) => {
  const api = createMockApi({ ...CORE, seed: 1, cors: { origin: ['http://a.test'] } })
  const res = await request(api, path, { headers: { Origin: origin } })
  expect(res.headers.get('access-control-allow-origin')).toBe(expected)
  const preflight = await request(api, '/users', {
    method: 'OPTIONS',
    headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' },
  })
  expect(preflight.headers.get('access-control-allow-origin')).toBe(expected)
})

it.each([
  ['a body that is not JSON', '{"name": ', 'invalid_json'],
  ['an empty body', '', 'invalid_json'],
  ['a truncated body', '{"name": "Ada"', 'invalid_json'],
])('POST with %s answers 400 %s', async (_, body, code) => {
  const res = await request(fresh(), '/users', withJson('POST', body))
  expect(res.status).toBe(400)
  expect((await problemOf(res)).code).toBe(code)
})

it.each<[string, Record<string, string>]>([
  ['no Content-Type', {}],
  ['Content-Type: text/plain', { 'Content-Type': 'text/plain' }],
  [
    'Content-Type: application/x-www-form-urlencoded',
    { 'Content-Type': 'application/x-www-form-urlencoded' },
  ],
])('a JSON body sent with %s answers 400 unsupported_content_type', async (_, headers) => {
  // Bytes, not a string: a string body would make fetch add text/plain on its own.
  const body = new TextEncoder().encode(JSON.stringify(VALID_USER))
  for (const [method, path] of [
    ['POST', '/users'],
    ['PATCH', '/users/1'],
  ] as const) {
    const res = await request(fresh(), path, { method, headers, body })
    expect(res.status).toBe(400)
    expect((await problemOf(res)).code).toBe('unsupported_content_type')
  }
})

it.each([
  ['users', VALID_USER],
  ['tasks', VALID_TASK],
  ['tasks', { ...VALID_TASK, assigneeId: null, dueAt: '2030-02-01T09:30:00+01:00', priority: 5 }],
  ['projects', { name: 'Apollo', status: 'active', ownerId: 1, homepage: 'https://a.test/x' }],
  ['comments', { body: 'Looks good', taskId: 1, authorId: 2 }],
])('POST /%s with valid fields %j answers 201', async (resource, body) => {
  const res = await request(fresh(), `/${resource}`, withJson('POST', body))
  expect(res.status).toBe(201)
  expect(await res.json()).toMatchObject(body)
})

it.each<[string, string, Record<string, unknown>, string, RegExp]>([
  ['an unknown field', 'users', { ...VALID_USER, nickname: 'ada' }, 'nickname', /not a field/],
  ['a string of the wrong type', 'users', { ...VALID_USER, name: 42 }, 'name', /string/],
  ['a boolean of the wrong type', 'users', { ...VALID_USER, active: 'yes' }, 'active', /boolean/],
  ['a fractional integer', 'tasks', { ...VALID_TASK, priority: 2.5 }, 'priority', /integer/],
  ['null in a non-nullable field', 'users', { ...VALID_USER, name: null }, 'name', /null/],
  ['a missing required field', 'users', { name: 'Ada', role: 'admin' }, 'email', /required/],
  ['a written id', 'users', { ...VALID_USER, id: 999 }, 'id', /read-only/],
  ['a written createdAt', 'users', { ...VALID_USER, createdAt: NOW_ISO }, 'createdAt', /read-only/],
  ['a written updatedAt', 'users', { ...VALID_USER, updatedAt: NOW_ISO }, 'updatedAt', /read-only/],
  ['a value outside the enum', 'users', { ...VALID_USER, role: 'owner' }, 'role', /admin/],
  ['an integer below min', 'tasks', { ...VALID_TASK, priority: 0 }, 'priority', /1/],
  ['an integer above max', 'tasks', { ...VALID_TASK, priority: 6 }, 'priority', /5/],
  [
    'a number above max',
    'tasks',
    { ...VALID_TASK, estimateHours: 1000.5 },
    'estimateHours',
    /1000/,
  ],
  ['a string below min length', 'users', { ...VALID_USER, name: '' }, 'name', /1/],
  ['a string above max length', 'users', { ...VALID_USER, name: 'x'.repeat(101) }, 'name', /100/],
  [
    'an array above max length',
    'tasks',
    { ...VALID_TASK, tags: Array(11).fill('t') },
    'tags',
    /10/,
  ],
  ['a bad email', 'users', { ...VALID_USER, email: 'ada-at-example' }, 'email', /email/i],
  ['a bad url', 'users', { ...VALID_USER, avatarUrl: 'not a url' }, 'avatarUrl', /url/i],
  [
    'a non-http url',
    'projects',
    { name: 'A', status: 'active', ownerId: 1, homepage: 'ftp://a.test' },
    'homepage',
    /url/i,
  ],
  ['a bad uuid', 'users', { ...VALID_USER, externalId: '1234' }, 'externalId', /uuid/i],
  ['a bad date-time', 'tasks', { ...VALID_TASK, dueAt: 'tomorrow' }, 'dueAt', /date-time/i],
  [
    'an impossible date-time',
    'tasks',
    { ...VALID_TASK, dueAt: '2030-02-30T10:00:00Z' },
    'dueAt',
    /date-time/i,
  ],
  [
    'a reference to a missing record',
    'tasks',
    { ...VALID_TASK, projectId: 9999 },
    'projectId',
    /projects/,
  ],
  [
    'a reference to a missing user',
    'comments',
    { body: 'x', taskId: 1, authorId: 9999 },
    'authorId',
    /users/,
  ],
])(
  'POST with %s answers 400 validation_failed naming that field',
  async (_, resource, body, field, message) => {
    const res = await request(fresh(), `/${resource}`, withJson('POST', body))
    expect(res.status).toBe(400)
    const problem = await problemOf(res)
    expect(problem.code).toBe('validation_failed')
    expect(problem.errors).toEqual([{ field, message: expect.stringMatching(message) }])
  },
)

it('a POST with many bad fields lists every one of them', async () => {
  const body = {
    name: 3,
    email: 'x',
    role: 'owner',
    avatarUrl: 'x',
    externalId: 'x',
    id: 1,
    mood: 'ok',
  }
  const res = await request(fresh(), '/users', withJson('POST', body))
  const problem = await problemOf(res)
  expect(res.status).toBe(400)
  expect(problem.errors?.map((error) => error.field).sort()).toEqual(Object.keys(body).sort())
})

it('a reference to a missing record is listed alongside the other bad fields', async () => {
  // status (required) is missing as well.
  const body = {
    title: 5,
    priority: 9,
    dueAt: 'tomorrow',
    projectId: 9999,
    createdAt: 'x',
    nope: 1,
  }
  const res = await request(fresh(), '/tasks', withJson('POST', body))
  const problem = await problemOf(res)
  expect(res.status).toBe(400)
  expect(problem.errors?.map((error) => error.field).sort()).toEqual(
    [...Object.keys(body), 'status'].sort(),
  )
})

it('a PATCH with invalid JSON to an unknown id answers 400: a malformed body beats 404', async () => {
  const res = await request(fresh(), '/users/9999', withJson('PATCH', '{"role": '))
  expect(res.status).toBe(400)
  expect((await problemOf(res)).code).toBe('invalid_json')
})

it('a PATCH with a non-JSON Content-Type to an unknown id answers 400, not 404', async () => {
  const res = await request(fresh(), '/users/9999', {
    method: 'PATCH',
    headers: { 'Content-Type': 'text/plain' },
    body: '{}',
  })
  expect(res.status).toBe(400)
  expect((await problemOf(res)).code).toBe('unsupported_content_type')
})

it('a PATCH with valid JSON but bad fields to an unknown id answers 404: 404 beats field errors', async () => {
  const res = await request(fresh(), '/users/9999', withJson('PATCH', { email: 'x', nope: 1 }))
  expect(res.status).toBe(404)
  expect((await problemOf(res)).code).toBe('not_found')
})

it.each<{
  name: string
  path: string
  init?: RequestInit
  status: number
  code: string
  errors: boolean
}>([
  { name: 'a missing record', path: '/users/9999', status: 404, code: 'not_found', errors: false },
  { name: 'an unknown resource', path: '/nope', status: 404, code: 'not_found', errors: false },
  {
    name: 'a bad query',
    path: '/users?page=abc',
    status: 400,
    code: 'invalid_query',
    errors: true,
  },
  {
    name: 'a wrong method',
    path: '/users/1',
    init: { method: 'POST' },
    status: 405,
    code: 'method_not_allowed',
    errors: false,
  },
  {
    name: 'a body that is not JSON',
    path: '/users',
    init: withJson('POST', '{'),
    status: 400,
    code: 'invalid_json',
    errors: false,
  },
  {
    name: 'a body that is not labelled JSON',
    path: '/users',
    init: { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' },
    status: 400,
    code: 'unsupported_content_type',
    errors: false,
  },
  {
    name: 'invalid fields',
    path: '/users',
    init: withJson('POST', {}),
    status: 400,
    code: 'validation_failed',
    errors: true,
  },
  {
    name: 'a delete of a missing record',
    path: '/users/9999',
    init: { method: 'DELETE' },
    status: 404,
    code: 'not_found',
    errors: false,
  },
])('$name answers $status $code in the one problem+json envelope', async (row) => {
  const res = await request(fresh(), row.path, row.init)
  expect(res.status).toBe(row.status)
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  const problem = (await res.json()) as Problem
  const keys = row.errors ? [...PROBLEM_KEYS, 'errors'].sort() : PROBLEM_KEYS
  expect(Object.keys(problem).sort()).toEqual(keys)
  expect(problem).toMatchObject({
    type: expect.stringMatching(/\S/),
    title: expect.stringMatching(/\S/),
    status: row.status,
    detail: expect.stringMatching(/\S/),
    code: row.code,
    instance: new URL(row.path, 'http://localhost').pathname,
  })
  // Clients such as Octokit read `message`: the same text as `detail`.
  expect(problem.message).toBe(problem.detail)
  for (const error of problem.errors ?? []) {
    expect(error).toEqual({ field: expect.any(String), message: expect.any(String) })
  }
})

it('pins the one error envelope', async () => {
  const res = await request(fresh(), '/users', withJson('POST', { email: 'nope', nickname: 'x' }))
  expect(await res.json()).toMatchInlineSnapshot(`
    {
      "code": "validation_failed",
      "detail": "The users record has 4 invalid fields.",
      "errors": [
        {
          "field": "email",
          "message": "must be a valid email address",
        },
        {
          "field": "nickname",
          "message": "is not a field of users",
        },
        {
          "field": "name",
          "message": "is required",
        },
        {
          "field": "role",
          "message": "is required",
        },
      ],
      "instance": "/users",
      "message": "The users record has 4 invalid fields.",
      "status": 400,
      "title": "Bad Request",
      "type": "urn:mockapi:problem:validation_failed",
    }
  `)
})

it('two instances in one process share no data', async () => {
  const a = createMockApi({ ...CORE, seed: 1 })
  const b = createMockApi({ ...CORE, seed: 1 })
  const created = (await (await request(a, '/users', withJson('POST', VALID_USER))).json()) as Row
  expect((await request(a, '/users/3', { method: 'DELETE' })).status).toBe(204)
  expect((await request(b, `/users/${created.id}`)).status).toBe(404)
  expect((await request(b, '/users/3')).status).toBe(200)
  expect((await request(b, '/users')).headers.get('x-total-count')).toBe('50')
})

it('the same seed gives byte-identical data in two instances, another seed other data', async () => {
  const body = async (seed: number) =>
    (await request(createMockApi({ ...CORE, seed }), '/users?per_page=100')).text()
  const [first, second, other] = await Promise.all([body(42), body(42), body(43)])
  expect(first).toBe(second)
  expect(other).not.toBe(first)
  expect(JSON.parse(other)).toHaveLength(50)
})

it.each(RESOURCES)('count: 7 gives /%s seven records', async (resource) => {
  const res = await request(createMockApi({ ...CORE, seed: 1, count: 7 }), `/${resource}`)
  expect(res.headers.get('x-total-count')).toBe('7')
  expect(await res.json()).toHaveLength(7)
})

it('seeded references point at records that exist', async () => {
  const [users, projects, tasks, comments] = await Promise.all(
    RESOURCES.map(async (name) => new Set(ids(await rows(seeded, `/${name}?per_page=100`)))),
  )
  const check = async (resource: string, field: string, target: Set<number> | undefined) => {
    for (const record of await rows(seeded, `/${resource}?per_page=100`)) {
      const value = record[field]
      if (value !== null)
        expect(target?.has(num(value)), `${resource} ${record.id} ${field}`).toBe(true)
    }
  }
  await check('projects', 'ownerId', users)
  await check('tasks', 'projectId', projects)
  await check('tasks', 'assigneeId', users)
  await check('comments', 'taskId', tasks)
  await check('comments', 'authorId', users)
  expect(comments?.size).toBe(50)
})

it('GET /__mockapi/health answers 200', async () => {
  const res = await request(seeded, '/__mockapi/health')
  expect(res.status).toBe(200)
})

it('serves a path with a trailing slash as the same path without one', async () => {
  const api = createMockApi({ ...CORE, seed: 1, count: 3 })
  for (const path of ['/users', '/users/2', '/__mockapi/health']) {
    const plain = await api.fetch(new Request(`http://mock${path}`))
    const slashed = await api.fetch(new Request(`http://mock${path}/`))
    expect(slashed.status).toBe(200)
    expect(await slashed.json()).toEqual(await plain.json())
  }
})
