import { request as httpRequest } from 'node:http'
import { afterEach, expect, it } from 'vitest'
import { type RunningMockApi, type StartMockApiOptions, startMockApi } from '../src/index.js'

// Raw node:http: a browser's headers (Origin, Sec-Fetch-Site, a rebinding Host) sent exactly.
interface Answer {
  readonly status: number
  readonly headers: Readonly<Record<string, string | string[] | undefined>>
  readonly body: string
}

let api: RunningMockApi | undefined

afterEach(async () => {
  await api?.close()
  api = undefined
})

async function start(options: StartMockApiOptions = {}): Promise<RunningMockApi> {
  api = await startMockApi({ seed: 1, count: 3, ...options })
  return api
}

function send(
  server: RunningMockApi,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: server.port, method, path, headers },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => {
          text += chunk
        })
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }),
        )
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

const corsHeaders = (answer: Answer) =>
  Object.keys(answer.headers).filter((name) => name.startsWith('access-control-'))
const codeOf = (answer: Answer) => (JSON.parse(answer.body) as { code: string }).code
const ATTACKER = 'http://127.0.0.1:9'
const JSON_TYPE = { 'content-type': 'application/json' }

it.each([
  ['the journal', 'GET', '/__mockapi/requests'],
  ['the state', 'GET', '/__mockapi/state'],
  ['the control page', 'GET', '/__mockapi/'],
  ['an unknown admin path', 'GET', '/__mockapi/nope'],
])(
  'the admin surface sends no CORS headers, even to a foreign Origin: %s',
  async (_, method, path) => {
    const server = await start()
    const answer = await send(server, method, path, { origin: ATTACKER })
    expect(corsHeaders(answer)).toEqual([])
  },
)

it('the live log (event stream) sends no CORS headers', async () => {
  const server = await start()
  const res = await fetch(`${server.url}/__mockapi/events`, { headers: { origin: ATTACKER } })
  expect(res.status).toBe(200)
  expect([...res.headers.keys()].filter((n) => n.startsWith('access-control-'))).toEqual([])
  await res.body?.cancel()
})

it('a cross-origin preflight to an admin route is answered without CORS headers', async () => {
  const server = await start()
  const answer = await send(server, 'OPTIONS', '/__mockapi/scenarios/active', {
    origin: ATTACKER,
    'access-control-request-method': 'PUT',
    'access-control-request-headers': 'content-type',
  })
  expect(answer.status).toBe(204)
  expect(corsHeaders(answer)).toEqual([])
})

it('health and version stay open to any origin, and resource routes keep their CORS', async () => {
  const server = await start()
  for (const path of ['/__mockapi/health', '/__mockapi/version']) {
    const answer = await send(server, 'GET', path, { origin: ATTACKER })
    expect(answer.status).toBe(200)
    expect(answer.headers['access-control-allow-origin']).toBe('*')
  }
  const users = await send(server, 'GET', '/users/1', {
    origin: ATTACKER,
    authorization: 'Bearer dev-token',
  })
  expect(users.status).toBe(200)
  expect(users.headers['access-control-allow-origin']).toBe('*')
})

it.each([
  [
    'a JSON PUT from another origin',
    'PUT',
    '/__mockapi/scenarios/active',
    { origin: ATTACKER, ...JSON_TYPE },
    '{"names":["notfound"]}',
  ],
  [
    'a simple text/plain POST (no preflight guards it)',
    'POST',
    '/__mockapi/reset',
    { origin: ATTACKER, 'content-type': 'text/plain' },
    '{}',
  ],
  [
    'Origin: null (a sandboxed frame, a file: page)',
    'PUT',
    '/__mockapi/scenarios/active',
    { origin: 'null', ...JSON_TYPE },
    '{"names":["notfound"]}',
  ],
  [
    'no Origin but Sec-Fetch-Site: cross-site',
    'PUT',
    '/__mockapi/maintenance',
    { 'sec-fetch-site': 'cross-site', ...JSON_TYPE },
    '{"enabled":true}',
  ],
  [
    'a DELETE of the journal from another origin',
    'DELETE',
    '/__mockapi/requests',
    { origin: 'https://evil.example' },
    undefined,
  ],
  [
    'an Origin of the same host on another port',
    'POST',
    '/__mockapi/clock/advance',
    { origin: 'http://127.0.0.1:1', ...JSON_TYPE },
    '{"by":"1h"}',
  ],
])(
  'refuses %s with 403 cross_site_request and changes nothing',
  async (_, method, path, headers, body) => {
    const server = await start()
    await send(server, 'GET', '/users/1', { authorization: 'Bearer dev-token' })
    const answer = await send(server, method, path, headers as Record<string, string>, body)
    expect(answer.status).toBe(403)
    expect(codeOf(answer)).toBe('cross_site_request')
    expect(corsHeaders(answer)).toEqual([])
    const settings = server.settings()
    expect(settings.scenarios).toEqual([])
    expect(settings.maintenance).toBe(false)
    expect(server.clock().offsetMs).toBe(0)
    expect(await server.requests()).toHaveLength(1)
  },
)

it('takes changes from its own origin, by whatever Host it is reached (-p 8080:4000)', async () => {
  const server = await start({ allowedHosts: ['mock.example'] })
  const own = await send(
    server,
    'PUT',
    '/__mockapi/scenarios/active',
    { origin: server.url, 'sec-fetch-site': 'same-origin', ...JSON_TYPE },
    '{"names":["notfound"]}',
  )
  expect(own.status).toBe(200)
  const mapped = await send(server, 'POST', '/__mockapi/reset', {
    host: 'localhost:8080',
    origin: 'http://localhost:8080',
  })
  expect(mapped.status).toBe(204)
  // Behind a proxy that ends TLS, the page's origin is https.
  const proxied = await send(server, 'POST', '/__mockapi/reset', {
    host: 'mock.example',
    origin: 'https://mock.example',
    'x-forwarded-proto': 'https',
  })
  expect(proxied.status).not.toBe(403)
  // Clients that are not browsers send no Origin at all.
  const curl = await send(server, 'PUT', '/__mockapi/maintenance', JSON_TYPE, '{"enabled":true}')
  expect(curl.status).toBe(200)
  expect(server.settings().maintenance).toBe(true)
})

it.each([
  ['a resource route', 'GET', '/users/1'],
  ['health', 'GET', '/__mockapi/health'],
  ['the journal', 'GET', '/__mockapi/requests'],
  ['a change', 'POST', '/__mockapi/reset'],
])(
  'refuses a rebinding Host (evil.example) with 403 host_not_allowed on %s',
  async (_, method, path) => {
    const server = await start()
    const answer = await send(server, method, path, {
      host: `evil.example:${server.port}`,
      authorization: 'Bearer dev-token',
    })
    expect(answer.status).toBe(403)
    expect(codeOf(answer)).toBe('host_not_allowed')
    expect(answer.headers['content-type']).toBe('application/problem+json')
  },
)

it.each([
  ['localhost:PORT', {}],
  ['app.localhost:PORT', {}],
  ['127.0.0.1:PORT', {}],
  ['127.0.0.1', {}],
  ['LOCALHOST.:PORT', {}],
  ['api.test:PORT', { allowedHosts: ['api.test'] }],
  ['a.b.example.test', { allowedHosts: ['.example.test'] }],
  ['evil.example:PORT', { allowedHosts: '*' }],
  ['evil.example', { allowedHosts: ['other.test', '*'] }],
] as const)('serves Host %s with %j', async (host, options) => {
  const server = await start(options)
  const answer = await send(server, 'GET', '/__mockapi/health', {
    host: host.replace('PORT', String(server.port)),
  })
  expect(answer.status).toBe(200)
})

it('serves the bound address and ::1 when bound to ::1', async () => {
  const server = await startMockApi({ seed: 1, count: 1, host: '::1', port: 0 }).catch(
    () => undefined,
  )
  if (server === undefined) return // No IPv6 loopback on this machine.
  api = server
  const res = await fetch(`${server.url}/__mockapi/health`)
  expect(res.status).toBe(200)
})

it('the control page cannot be framed', async () => {
  const server = await start()
  const answer = await send(server, 'GET', '/__mockapi/')
  expect(answer.headers['x-frame-options']).toBe('DENY')
  expect(answer.headers['content-security-policy']).toContain("frame-ancestors 'none'")
})

it('the admin token is still checked: wrong, right, and one of another length', async () => {
  const server = await start({ adminToken: 'the-admin-token' })
  const as = (token: string) =>
    send(server, 'GET', '/__mockapi/state', { authorization: `Bearer ${token}` })
  expect((await as('the-admin-token')).status).toBe(200)
  expect(codeOf(await as('the-admin-tokex'))).toBe('admin_token_invalid')
  expect(codeOf(await as('t'))).toBe('admin_token_invalid')
})

it('a browser app reached by a name not allowed can read its 403 (CORS on resource routes)', async () => {
  const server = await start()
  const answer = await send(server, 'GET', '/users/1', {
    host: 'devbox.lan',
    origin: 'http://localhost:5173',
  })
  expect(answer.status).toBe(403)
  expect(answer.headers['access-control-allow-origin']).toBe('*')
  const admin = await send(server, 'GET', '/__mockapi/state', {
    host: 'devbox.lan',
    origin: 'http://localhost:5173',
  })
  expect(admin.status).toBe(403)
  expect(corsHeaders(admin)).toEqual([])
})
