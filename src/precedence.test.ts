import { expect, it } from 'vitest'
import { createMockApi, type MockApi } from './create-mock-api.js'
import type { Problem } from './http/problem.js'

interface Call {
  readonly method?: string
  readonly path: string
  /** Sent as `Authorization: Bearer <token>`. */
  readonly token?: string
  /** Sent as written. */
  readonly body?: string
  /** Default `application/json` when there is a body. */
  readonly contentType?: string
}

interface Case {
  readonly name: string
  /** Switched on after `exhaust`, so the requests that use up the limit are counted. */
  readonly maintenance?: boolean
  /** Uses up the limit (2 per minute) first with the same credentials. */
  readonly exhaust?: boolean
  readonly call: Call
  readonly status: number
  readonly code: string
}

const NOW = Date.UTC(2030, 0, 1)
const LIMIT = 2
// With count 5 and the default tokens, ids 1–5 are workspace A's, 6–10 workspace B's.
const A_ID = 1
const MISSING_ID = 999_999
const INVALID_JSON = '{"title": '
const BAD_FIELDS = JSON.stringify({ status: 'not-a-status', priority: 99, nope: true })
const VALID_TASK = JSON.stringify({ title: 'Write the tests', status: 'todo', projectId: 1 })

// The contract's order: 503 → 429 → 401 → 403 → 400 malformed → 404 → 400 fields. Each case
// breaks the rule it expects and at least one rule that comes later.
const CASES: readonly Case[] = [
  {
    name: 'maintenance + no token',
    maintenance: true,
    call: { path: '/tasks' },
    status: 503,
    code: 'maintenance',
  },
  {
    name: 'maintenance + over the limit',
    maintenance: true,
    exhaust: true,
    call: { path: '/tasks', token: 'dev-token' },
    status: 503,
    code: 'maintenance',
  },
  {
    name: 'maintenance + revoked token + invalid JSON on a missing id',
    maintenance: true,
    call: { method: 'PATCH', path: `/tasks/${MISSING_ID}`, token: 'revoked-token', body: '{' },
    status: 503,
    code: 'maintenance',
  },
  {
    name: 'maintenance + read-token writing bad fields',
    maintenance: true,
    call: { method: 'POST', path: '/tasks', token: 'read-token', body: BAD_FIELDS },
    status: 503,
    code: 'maintenance',
  },
  {
    name: 'maintenance + an unknown route',
    maintenance: true,
    call: { path: '/no/such/route' },
    status: 503,
    code: 'maintenance',
  },
  {
    name: 'over the limit + no token',
    exhaust: true,
    call: { path: '/tasks' },
    status: 429,
    code: 'rate_limited',
  },
  {
    name: 'over the limit + token in the query',
    exhaust: true,
    call: { path: '/tasks?api_token=dev-token' },
    status: 429,
    code: 'rate_limited',
  },
  {
    name: 'over the limit + revoked token',
    exhaust: true,
    call: { path: '/tasks', token: 'revoked-token' },
    status: 429,
    code: 'rate_limited',
  },
  {
    name: 'over the limit + unknown token + invalid JSON',
    exhaust: true,
    call: { method: 'POST', path: '/tasks', token: 'nope', body: INVALID_JSON },
    status: 429,
    code: 'rate_limited',
  },
  {
    name: 'over the limit + read-token writing',
    exhaust: true,
    call: { method: 'DELETE', path: `/tasks/${A_ID}`, token: 'read-token' },
    status: 429,
    code: 'rate_limited',
  },
  {
    name: 'over the limit + valid token + missing id',
    exhaust: true,
    call: { path: `/tasks/${MISSING_ID}`, token: 'dev-token' },
    status: 429,
    code: 'rate_limited',
  },
  {
    name: 'no token + invalid JSON',
    call: { method: 'POST', path: '/tasks', body: INVALID_JSON },
    status: 401,
    code: 'token_missing',
  },
  {
    name: 'no token + a body without Content-Type JSON',
    call: { method: 'POST', path: '/tasks', body: VALID_TASK, contentType: 'text/plain' },
    status: 401,
    code: 'token_missing',
  },
  {
    name: 'no token + missing id',
    call: { path: `/tasks/${MISSING_ID}` },
    status: 401,
    code: 'token_missing',
  },
  {
    name: 'no token + unknown resource',
    call: { path: '/no-such-resource' },
    status: 401,
    code: 'token_missing',
  },
  {
    name: 'token in the JSON body + bad fields',
    call: {
      method: 'POST',
      path: '/tasks',
      body: JSON.stringify({ token: 'dev-token', status: 'nope' }),
    },
    status: 401,
    code: 'token_not_in_header',
  },
  {
    name: 'token in the query + invalid JSON on a missing id',
    call: { method: 'PATCH', path: `/tasks/${MISSING_ID}?token=dev-token`, body: INVALID_JSON },
    status: 401,
    code: 'token_not_in_header',
  },
  {
    name: 'revoked token + invalid JSON',
    call: { method: 'POST', path: '/tasks', token: 'revoked-token', body: INVALID_JSON },
    status: 403,
    code: 'token_revoked',
  },
  {
    name: 'unknown token + missing id',
    call: { path: `/tasks/${MISSING_ID}`, token: 'nope' },
    status: 403,
    code: 'token_invalid',
  },
  {
    name: 'unknown token + token in the query too',
    call: { path: '/tasks?token=dev-token', token: 'nope' },
    status: 403,
    code: 'token_invalid',
  },
  {
    name: 'read-token + POST with invalid JSON',
    call: { method: 'POST', path: '/tasks', token: 'read-token', body: INVALID_JSON },
    status: 403,
    code: 'access_denied',
  },
  {
    name: 'read-token + PATCH of a missing id with bad fields',
    call: { method: 'PATCH', path: `/tasks/${MISSING_ID}`, token: 'read-token', body: BAD_FIELDS },
    status: 403,
    code: 'access_denied',
  },
  {
    name: 'read-token + DELETE of a missing id',
    call: { method: 'DELETE', path: `/tasks/${MISSING_ID}`, token: 'read-token' },
    status: 403,
    code: 'access_denied',
  },
  {
    name: 'valid token + invalid JSON on PATCH of a missing id',
    call: { method: 'PATCH', path: `/tasks/${MISSING_ID}`, token: 'dev-token', body: '{' },
    status: 400,
    code: 'invalid_json',
  },
  {
    name: 'valid token + invalid JSON on PATCH of another workspace’s id',
    call: { method: 'PATCH', path: `/tasks/${A_ID}`, token: 'other-token', body: INVALID_JSON },
    status: 400,
    code: 'invalid_json',
  },
  {
    name: 'valid token + empty body on PATCH of a missing id',
    call: { method: 'PATCH', path: `/tasks/${MISSING_ID}`, token: 'dev-token', body: '' },
    status: 400,
    code: 'invalid_json',
  },
  {
    name: 'valid token + wrong Content-Type on PATCH of a missing id',
    call: {
      method: 'PATCH',
      path: `/tasks/${MISSING_ID}`,
      token: 'dev-token',
      body: BAD_FIELDS,
      contentType: 'text/plain',
    },
    status: 400,
    code: 'unsupported_content_type',
  },
  {
    name: 'valid token + valid JSON with bad fields on a missing id',
    call: { method: 'PATCH', path: `/tasks/${MISSING_ID}`, token: 'dev-token', body: BAD_FIELDS },
    status: 404,
    code: 'not_found',
  },
  {
    name: 'valid token + bad fields on another workspace’s id',
    call: { method: 'PATCH', path: `/tasks/${A_ID}`, token: 'other-token', body: BAD_FIELDS },
    status: 404,
    code: 'not_found',
  },
  {
    name: 'valid token + bad fields on an unknown resource',
    call: { method: 'POST', path: '/no-such-resource', token: 'dev-token', body: BAD_FIELDS },
    status: 404,
    code: 'not_found',
  },
  {
    name: 'valid token + bad fields on an existing id',
    call: { method: 'PATCH', path: `/tasks/${A_ID}`, token: 'dev-token', body: BAD_FIELDS },
    status: 400,
    code: 'validation_failed',
  },
  {
    name: 'valid token + POST with bad fields',
    call: { method: 'POST', path: '/tasks', token: 'dev-token', body: BAD_FIELDS },
    status: 400,
    code: 'validation_failed',
  },
]

function setup(limit = LIMIT): MockApi {
  return createMockApi({
    seed: 1,
    count: 5,
    auth: true,
    rateLimit: `${limit}/60s`,
    clock: { now: () => NOW },
  })
}

function send(api: MockApi, call: Call): Promise<Response> {
  const headers = new Headers()
  if (call.token !== undefined) headers.set('Authorization', `Bearer ${call.token}`)
  const init: RequestInit = { method: call.method ?? 'GET', headers }
  if (call.body !== undefined) {
    headers.set('Content-Type', call.contentType ?? 'application/json')
    init.body = call.body
  }
  return api.fetch(new Request(`http://mock${call.path}`, init))
}

it.each(CASES)('$name → $status $code', async ({ maintenance, exhaust, call, status, code }) => {
  const api = setup()
  if (exhaust) {
    const same: Call = {
      path: '/tasks',
      ...(call.token === undefined ? {} : { token: call.token }),
    }
    for (let i = 0; i < LIMIT; i++) await send(api, same)
  }
  if (maintenance) await api.setMaintenance(true)
  const res = await send(api, call)
  expect(res.status).toBe(status)
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  const problem = (await res.json()) as Problem
  expect(problem).toMatchObject({ status, code, type: `urn:mockapi:problem:${code}` })
  if (status === 503 || status === 429) {
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(60)
  }
  if (status === 401) expect(res.headers.get('www-authenticate')).toBe('Bearer realm="mockapi"')
  if (code === 'validation_failed') {
    expect(problem.errors?.map((e) => e.field).sort()).toEqual(
      call.method === 'POST'
        ? ['nope', 'priority', 'projectId', 'status', 'title']
        : ['nope', 'priority', 'status'],
    )
  }
})

it('no refused write changes any data', async () => {
  const api = setup(1000)
  const before = await (await send(api, { path: `/tasks/${A_ID}`, token: 'dev-token' })).text()
  for (const { call, maintenance } of CASES) {
    if (call.method === undefined) continue
    await api.setMaintenance(maintenance === true)
    await send(api, call)
  }
  await api.setMaintenance(false)
  const after = await send(api, { path: `/tasks/${A_ID}`, token: 'dev-token' })
  expect(await after.text()).toBe(before)
  expect(api.resources().find((r) => r.name === 'tasks')?.count).toBe(10)
})

it('the precedence table covers every step of the contract’s order', () => {
  const steps = [...new Set(CASES.map((c) => `${c.status} ${c.code}`))]
  expect(steps).toEqual([
    '503 maintenance',
    '429 rate_limited',
    '401 token_missing',
    '401 token_not_in_header',
    '403 token_revoked',
    '403 token_invalid',
    '403 access_denied',
    '400 invalid_json',
    '400 unsupported_content_type',
    '404 not_found',
    '400 validation_failed',
  ])
})
