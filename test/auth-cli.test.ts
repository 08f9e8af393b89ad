import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { createCliHarness, waitFor } from './cli-process.test-support.js'

const RATE_LIMIT_HEADERS = [
  'ratelimit',
  'ratelimit-policy',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
] as const
const VALID_TASK = { title: 'Write the tests', status: 'todo', projectId: 1 }

interface Problem {
  readonly status: number
  readonly code: string
  readonly detail: string
}

// An empty working directory, so no mockapi.yaml is picked up.
let cwd = ''
const { launch, serve, run, stopAll } = createCliHarness(() => cwd)

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'mockapi-auth-cli-'))
})

afterEach(stopAll)

afterAll(async () => {
  await rm(cwd, { recursive: true, force: true })
})

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

function call(url: string, token?: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers)
  if (token !== undefined) headers.set('Authorization', `Bearer ${token}`)
  return fetch(url, { ...init, headers })
}

function post(url: string, token: string | undefined, body: unknown): Promise<Response> {
  return call(url, token, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
}

async function problemOf(res: Response): Promise<Problem> {
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  return (await res.json()) as Problem
}

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '')
}

const TOKEN_LINES = [
  /^\s+Tokens\s+dev-token\s+read\/write all, workspace A$/m,
  /^\s+read-token\s+read all, workspace A$/m,
  /^\s+revoked-token\s+revoked$/m,
  /^\s+other-token\s+read\/write all, workspace B$/m,
]

it.each([
  ['stderr, with --ready-json', true],
  ['stdout, without --ready-json', false],
])('the banner on %s lists the four default tokens and the rate limit', async (_name, ready) => {
  const port = ready ? 0 : await freePort()
  const cli = launch([
    '--port',
    String(port),
    ...(ready ? ['--ready-json'] : []),
    '--auth',
    '--rate-limit',
    '3/60s',
  ])
  const banner = () => (ready ? cli.stderr : cli.stdout)
  await waitFor(cli, () => banner().includes('Try: curl'), 'the banner')
  for (const line of TOKEN_LINES) expect(banner()).toMatch(line)
  expect(banner()).toMatch(/^\s+Auth\s+Authorization header: Bearer <token>$/m)
  expect(banner()).toMatch(/^\s+Rate limit\s+3\/60s per token or client address$/m)
  expect(banner()).toContain("curl -H 'Authorization: Bearer dev-token' http://127.0.0.1:")
  if (ready) expect(lines(cli.stdout)).toHaveLength(1)
})

it.each<[string, string | undefined, string, number, string | undefined]>([
  ['dev-token', 'dev-token', 'GET', 200, undefined],
  ['read-token', 'read-token', 'GET', 200, undefined],
  ['other-token', 'other-token', 'GET', 200, undefined],
  ['revoked-token', 'revoked-token', 'GET', 403, 'token_revoked'],
  ['an unknown token', 'not-a-token', 'GET', 403, 'token_invalid'],
  ['no token', undefined, 'GET', 401, 'token_missing'],
  ['dev-token', 'dev-token', 'POST', 201, undefined],
  ['other-token', 'other-token', 'POST', 201, undefined],
  ['read-token', 'read-token', 'POST', 403, 'access_denied'],
  ['revoked-token', 'revoked-token', 'POST', 403, 'token_revoked'],
  ['no token', undefined, 'POST', 401, 'token_missing'],
])('with --auth, %s on %s /tasks gets %i', async (_name, token, method, status, code) => {
  const { url } = await serve(['--auth', '--rate-limit', '3/60s'])
  const projectId = token === 'other-token' ? await firstId(`${url}/projects`, token) : 1
  const res =
    method === 'POST'
      ? await post(`${url}/tasks`, token, { ...VALID_TASK, projectId })
      : await call(`${url}/tasks`, token)
  expect(res.status).toBe(status)
  expect(res.headers.get('x-ratelimit-limit')).toBe('3')
  if (code !== undefined) expect((await problemOf(res)).code).toBe(code)
  if (status === 401) expect(res.headers.get('www-authenticate')).toBe('Bearer realm="mockapi"')
})

async function firstId(url: string, token: string): Promise<number> {
  const res = await call(url, token)
  const [first] = (await res.json()) as { id: number }[]
  return first?.id ?? 0
}

it('with --auth, a token in the query or the body gets 401 token_not_in_header', async () => {
  const { url } = await serve(['--auth'])
  const query = await call(`${url}/tasks?api_token=dev-token`)
  expect(query.status).toBe(401)
  expect((await problemOf(query)).detail).toContain('query string')
  const body = await post(`${url}/tasks`, undefined, { ...VALID_TASK, token: 'dev-token' })
  expect(body.status).toBe(401)
  expect((await problemOf(body)).detail).toContain('JSON body')
})

it('with --auth, other-token gets 404 for a record of workspace A, as for a missing id', async () => {
  const { url } = await serve(['--auth'])
  const idA = await firstId(`${url}/tasks`, 'dev-token')
  const hidden = await call(`${url}/tasks/${idA}`, 'other-token')
  expect(hidden.status).toBe(404)
  expect((await problemOf(hidden)).code).toBe('not_found')
  expect((await call(`${url}/tasks/${idA}`, 'dev-token')).status).toBe(200)
})

it('with --rate-limit 3/60s the 4th request of a token is 429, other tokens still pass', async () => {
  const { url } = await serve(['--auth', '--rate-limit', '3/60s'])
  const answers: Response[] = []
  for (let i = 0; i < 4; i++) answers.push(await call(`${url}/users`, 'dev-token'))
  expect(answers.map((res) => res.status)).toEqual([200, 200, 200, 429])
  expect(answers.map((res) => res.headers.get('x-ratelimit-remaining'))).toEqual([
    '2',
    '1',
    '0',
    '0',
  ])
  for (const res of answers) {
    for (const name of RATE_LIMIT_HEADERS) expect(res.headers.get(name), name).not.toBeNull()
  }
  const refused = answers[3] as Response
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(60)
  expect((await problemOf(refused)).code).toBe('rate_limited')
  expect((await call(`${url}/users`, 'other-token')).status).toBe(200)
})

it('with --rate-limit 3/60s the 4th request without a token is 429', async () => {
  const { url } = await serve(['--auth', '--rate-limit', '3/60s'])
  const codes: number[] = []
  for (let i = 0; i < 4; i++) codes.push((await call(`${url}/users`)).status)
  expect(codes).toEqual([401, 401, 401, 429])
  expect((await call(`${url}/users`, 'dev-token')).status).toBe(200)
})

it.each<[string, string[], Record<string, string>, RegExp]>([
  ['--rate-limit abc', ['--rate-limit', 'abc'], {}, /--rate-limit.*100\/60s.*"abc"/],
  ['--rate-limit 0/60s', ['--rate-limit', '0/60s'], {}, /--rate-limit.*"0\/60s"/],
  ['--rate-limit 5/60', ['--rate-limit', '5/60'], {}, /--rate-limit.*"5\/60"/],
  ['--rate-limit without a value', ['--rate-limit'], {}, /rate-limit/],
  [
    'MOCKAPI_RATE_LIMIT=abc',
    [],
    { MOCKAPI_RATE_LIMIT: 'abc' },
    /rate-limit.*"abc"|RATE_LIMIT.*"abc"/,
  ],
  ['MOCKAPI_AUTH=maybe', [], { MOCKAPI_AUTH: 'maybe' }, /MOCKAPI_AUTH.*"maybe"/],
  ['--max-inflight 0', ['--max-inflight', '0'], {}, /--max-inflight.*"0"/],
])('%s exits 2 with one line on stderr', async (_name, args, env, message) => {
  const { code, stdout, stderr } = await run(['--port', '0', ...args], env)
  expect(code).toBe(2)
  expect(stdout).toBe('')
  expect(lines(stderr)).toHaveLength(1)
  expect(stderr).toMatch(/^mockapi: /)
  expect(stderr).toMatch(message)
  expect(stderr).not.toMatch(/^\s+at /m)
})

it('--maintenance answers 503 on /users but 200 on /__mockapi/health', async () => {
  const { cli, url } = await serve(['--maintenance', '--auth'])
  for (const token of [undefined, 'dev-token']) {
    const res = await call(`${url}/users`, token)
    expect(res.status).toBe(503)
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(60)
    expect((await problemOf(res)).code).toBe('maintenance')
  }
  expect((await call(`${url}/no/such/route`)).status).toBe(503)
  expect((await call(`${url}/__mockapi/health`)).status).toBe(200)
  await waitFor(cli, () => cli.stderr.includes('Try: curl'), 'the banner')
  expect(cli.stderr).toMatch(/^\s+Maintenance\s+ON/m)
})

it('MOCKAPI_MAINTENANCE=true starts in maintenance too', async () => {
  const { url } = await serve([], { MOCKAPI_MAINTENANCE: 'true' })
  expect((await call(`${url}/users`)).status).toBe(503)
})

it('MOCKAPI_AUTH=true and MOCKAPI_RATE_LIMIT=3/60s switch authentication and the limit on', async () => {
  const { cli, url } = await serve([], { MOCKAPI_AUTH: 'true', MOCKAPI_RATE_LIMIT: '3/60s' })
  const missing = await call(`${url}/users`)
  expect(missing.status).toBe(401)
  expect((await problemOf(missing)).code).toBe('token_missing')
  const ok = await call(`${url}/users`, 'dev-token')
  expect(ok.status).toBe(200)
  expect(ok.headers.get('x-ratelimit-limit')).toBe('3')
  await waitFor(cli, () => cli.stderr.includes('Try: curl'), 'the banner')
  for (const line of TOKEN_LINES) expect(cli.stderr).toMatch(line)
})

it('--no-auth wins over MOCKAPI_AUTH=true and --rate-limit off over MOCKAPI_RATE_LIMIT', async () => {
  const { url } = await serve(['--no-auth', '--rate-limit', 'off'], {
    MOCKAPI_AUTH: 'true',
    MOCKAPI_RATE_LIMIT: '3/60s',
  })
  for (let i = 0; i < 5; i++) {
    const res = await call(`${url}/users`)
    expect(res.status).toBe(200)
    expect(res.headers.get('x-ratelimit-limit')).toBeNull()
  }
})

it('by default tokens are required, the limit is 600/60s and the banner says both', async () => {
  const { cli, url } = await serve([])
  const missing = await call(`${url}/users`)
  expect(missing.status).toBe(401)
  expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="mockapi"')
  expect((await problemOf(missing)).code).toBe('token_missing')
  const ok = await call(`${url}/users`, 'dev-token')
  expect(ok.status).toBe(200)
  expect(ok.headers.get('x-ratelimit-limit')).toBe('600')
  expect(ok.headers.get('ratelimit-policy')).toBe('"default";q=600;w=60')
  await waitFor(cli, () => cli.stderr.includes('Try: curl'), 'the banner')
  for (const line of TOKEN_LINES) expect(cli.stderr).toMatch(line)
  expect(cli.stderr).toMatch(/^\s+Rate limit\s+600\/60s per token or client address$/m)
  expect(cli.stderr).toMatch(/^\s+Resources\s+users \(50\).* in each workspace \(A, B\)$/m)
})

it.each<[string, string[], Record<string, string>]>([
  ['--no-auth', ['--no-auth'], {}],
  ['MOCKAPI_AUTH=false', [], { MOCKAPI_AUTH: 'false' }],
])('%s serves without a token and the banner says auth is off', async (_name, args, env) => {
  const { cli, url } = await serve(args, env)
  const res = await call(`${url}/users`)
  expect(res.status).toBe(200)
  expect(res.headers.get('x-total-count')).toBe('50')
  expect(res.headers.get('www-authenticate')).toBeNull()
  await waitFor(cli, () => cli.stderr.includes('Try: curl'), 'the banner')
  expect(cli.stderr).toMatch(/^\s+Auth\s+off/m)
  expect(cli.stderr).not.toContain('dev-token')
})

it('--help lists the flags for tokens, rate limits, maintenance and overload', async () => {
  const { code, stdout } = await run(['--help'])
  expect(code).toBe(0)
  for (const flag of ['--auth', '--no-auth', '--rate-limit', '--maintenance', '--max-inflight']) {
    expect(stdout, flag).toContain(flag)
  }
})
