import { connect, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_QUERY_ERRORS } from '../src/routes/parse-list-query.js'
import { type RunningMockApi, startMockApi } from '../src/start-mock-api.js'

// Hostile requests on a real socket, written byte for byte with node:net: a client library would
// refuse to send most of them, or would tidy them up first. Each must get the one problem+json
// envelope (never a 500, never a crash), leave the server answering, and leave Object.prototype
// as it was.

const AUTH = 'Authorization: Bearer dev-token\r\n'
const JSON_TYPE = 'Content-Type: application/json\r\n'

interface Answer {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
  readonly ms: number
}

interface Row {
  readonly name: string
  /** The bytes to send, or a function that writes them over time. */
  readonly send: string | Buffer | ((socket: Socket) => void)
  readonly status: number
  /** The problem code; undefined for a success (then the answer is plain JSON). */
  readonly code?: string
  readonly check?: (answer: Answer, problem: Record<string, unknown>) => void
}

const request = (method: string, target: string, headers = '', body = ''): string =>
  `${method} ${target} HTTP/1.1\r\nHost: mock\r\nConnection: close\r\n${AUTH}${headers}` +
  (body === '' ? '\r\n' : `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`)

const post = (target: string, body: string, headers = JSON_TYPE) =>
  request('POST', target, headers, body)

const task = (tags: string) => `{"title":"t","status":"todo","projectId":1,"tags":[${tags}]}`
const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels)

const chunked = (target: string, chunks: readonly string[]): string =>
  `POST ${target} HTTP/1.1\r\nHost: mock\r\nConnection: close\r\n${AUTH}${JSON_TYPE}` +
  'Transfer-Encoding: chunked\r\n\r\n' +
  chunks.map((chunk) => `${Buffer.byteLength(chunk).toString(16)}\r\n${chunk}\r\n`).join('') +
  '0\r\n\r\n'

/** Writes `text` a byte at a time, `every` ms apart, for as long as the socket is open. */
const trickle =
  (text: string, every: number) =>
  (socket: Socket): void => {
    let i = 0
    const timer = setInterval(() => {
      if (i < text.length && socket.writable) socket.write(text.charAt(i++))
      else clearInterval(timer)
    }, every)
    socket.once('close', () => clearInterval(timer))
  }

const ROWS: readonly Row[] = [
  {
    name: 'a body over the 1 MB limit, by Content-Length',
    send: post('/users', JSON.stringify({ name: 'x'.repeat(1024 * 1024) })),
    status: 413,
    code: 'payload_too_large',
    check: (_, problem) => expect(problem.detail).toContain('1 MB'),
  },
  {
    name: 'a chunked body over the limit (no Content-Length to judge by)',
    send: chunked('/users', ['{"name":"', 'x'.repeat(700_000), 'x'.repeat(700_000), '"}']),
    status: 413,
    code: 'payload_too_large',
  },
  {
    name: 'JSON nested 10,000 levels deep',
    send: post('/tasks', task(nested(10_000))),
    status: 400,
    code: 'too_deep',
  },
  {
    name: 'JSON nested 100,000 levels deep',
    send: post('/tasks', task(nested(100_000))),
    status: 400,
    code: 'too_deep',
  },
  {
    name: 'a __proto__ key in a body',
    send: post(
      '/users',
      '{"__proto__":{"polluted":"yes"},"name":"a","email":"a@b.co","role":"admin"}',
    ),
    status: 400,
    code: 'validation_failed',
    check: (_, problem) =>
      expect(problem.errors).toEqual([{ field: '__proto__', message: 'is not a field of users' }]),
  },
  {
    name: 'constructor and prototype keys in a PATCH body',
    send: request(
      'PATCH',
      '/users/1',
      JSON_TYPE,
      '{"constructor":{"prototype":{"polluted":"yes"}},"prototype":{"polluted":"yes"}}',
    ),
    status: 400,
    code: 'validation_failed',
  },
  {
    name: 'a __proto__ key inside an array field is stored as data, not as a prototype',
    send: post('/tasks', task('{"__proto__":{"polluted":"yes"}}')),
    status: 201,
    check: (answer) =>
      expect(JSON.parse(answer.body).tags).toEqual([{ ['__proto__']: { polluted: 'yes' } }]),
  },
  {
    name: '__proto__, constructor and prototype in a query string',
    send: request(
      'GET',
      '/users?__proto__[polluted]=yes&constructor[prototype][polluted]=yes&__proto__.polluted=yes&prototype=1',
    ),
    status: 400,
    code: 'invalid_query',
  },
  {
    name: 'a body that is not UTF-8',
    send: Buffer.concat([
      Buffer.from(`POST /users HTTP/1.1\r\nHost: mock\r\nConnection: close\r\n${AUTH}${JSON_TYPE}`),
      Buffer.from('Content-Length: 4\r\n\r\n'),
      Buffer.from([0x22, 0xff, 0xfe, 0x22]),
    ]),
    status: 400,
    code: 'invalid_json',
  },
  {
    name: 'a 15 KB query string of 1,500 unknown parameters',
    send: request('GET', `/users?${Array.from({ length: 1500 }, (_, i) => `p${i}=1`).join('&')}`),
    status: 400,
    code: 'invalid_query',
    check: (_, problem) => expect(problem.errors).toHaveLength(MAX_QUERY_ERRORS),
  },
  {
    name: 'a URL longer than the 16 KB header limit',
    send: request('GET', `/users?q=${'x'.repeat(17_000)}`),
    status: 431,
    code: 'headers_too_large',
  },
  ...[
    'per_page=1e9',
    'per_page=1000000000',
    'per_page=-1',
    'per_page=2.5',
    'page=0',
    'page=1e400',
  ].map(
    (query): Row => ({
      name: `absurd pagination: ${query}`,
      send: request('GET', `/users?${query}`),
      status: 400,
      code: 'invalid_query',
    }),
  ),
  ...[
    '/users/..%2f',
    '/users/..%2f..%2fetc%2fpasswd',
    '//users//1',
    '/users/%00',
    '/users/%E0%A4%A',
  ].map(
    (path): Row => ({
      name: `a path trick: ${path}`,
      send: request('GET', path),
      status: 404,
      code: 'not_found',
    }),
  ),
  {
    name: 'a very long id (8,000 digits)',
    send: request('GET', `/users/${'9'.repeat(8000)}`),
    status: 404,
    code: 'not_found',
    check: (_, problem) => expect(String(problem.detail).length).toBeLessThan(200),
  },
  {
    name: 'two Content-Length headers',
    send: `POST /users HTTP/1.1\r\nHost: mock\r\n${AUTH}${JSON_TYPE}Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}`,
    status: 400,
    code: 'malformed_request',
  },
  {
    name: 'two Authorization headers: the first counts, as Node reads them',
    send: request('GET', '/users/1', 'Authorization: Bearer nope\r\n'),
    status: 200,
  },
  {
    name: 'one header of 20 KB',
    send: request('GET', '/users', `X-Big: ${'a'.repeat(20_000)}\r\n`),
    status: 431,
    code: 'headers_too_large',
  },
  {
    name: '1,000 small headers',
    send: request('GET', '/users/1', 'X-Many: 1\r\n'.repeat(1000)),
    status: 200,
  },
  {
    name: 'a request line that is not HTTP',
    send: 'HELLO THERE\r\n\r\n',
    status: 400,
    code: 'malformed_request',
  },
  {
    name: 'a chunked body that never ends (the request timeout answers)',
    send: (socket) => {
      socket.write(
        `POST /users HTTP/1.1\r\nHost: mock\r\n${AUTH}${JSON_TYPE}Transfer-Encoding: chunked\r\n\r\n2\r\n{"\r\n`,
      )
      trickle('1\r\n \r\n'.repeat(1000), 20)(socket)
    },
    status: 408,
    code: 'request_timeout',
  },
  {
    name: 'headers sent a byte at a time (the headers timeout answers)',
    send: trickle(`GET /users HTTP/1.1\r\nHost: mock\r\n${AUTH}\r\n`, 40),
    status: 408,
    code: 'request_timeout',
  },
]

let api: RunningMockApi
const unexpected: unknown[] = []

beforeAll(async () => {
  api = await startMockApi({
    rateLimit: false,
    // The rows say `Host: mock`, a name of their own.
    allowedHosts: ['mock'],
    // Small timeouts keep the slow-client rows fast; the defaults are 30 s and 10 s.
    requestTimeout: 600,
    headersTimeout: 300,
    onUnexpectedError: (error) => unexpected.push(error),
  })
})

afterAll(() => api.close())

describe('hostile input on a real socket', () => {
  it.each(ROWS)('$name → $status $code', async (row) => {
    const answer = await exchange(api.port, row.send)
    expect(answer.status).toBe(row.status)
    if (row.code === undefined) {
      expect(answer.headers['content-type']).toMatch(/^application\/json/)
    } else {
      expect(answer.headers['content-type']).toBe('application/problem+json')
      const problem = JSON.parse(answer.body) as Record<string, unknown>
      expect(problem).toMatchObject({ status: row.status, code: row.code })
      row.check?.(answer, problem)
    }
    if (row.code === undefined) row.check?.(answer, {})
    // The server still answers, nothing went through an unexpected-error path, and no key
    // reached Object.prototype.
    const health = await fetch(`${api.url}/__mockapi/health`)
    expect(health.status).toBe(200)
    expect(unexpected).toEqual([])
    expect(Object.keys(Object.prototype)).toEqual([])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('frees the socket of a request that timed out: the server closes it', async () => {
    // `exchange` resolves only once the server closes the connection (and fails after 5 s).
    const answer = await exchange(api.port, trickle('GET /users HTTP/1.1\r\n', 100))
    expect(answer.status).toBe(408)
    expect(answer.headers.connection).toBe('close')
  })
})

/** Sends the bytes and reads the whole answer, until the server closes the connection. */
function exchange(port: number, send: Row['send']): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const socket = connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    const giveUp = setTimeout(() => {
      socket.destroy()
      reject(new Error('the server did not close the connection within 5 s'))
    }, 5000)
    socket.on('data', (chunk) => chunks.push(chunk))
    // A reset after the answer (the server stops reading an unwanted body) is not a failure.
    socket.on('error', () => {})
    socket.on('close', () => {
      clearTimeout(giveUp)
      const text = Buffer.concat(chunks).toString('utf8')
      const answer = parseAnswer(text, performance.now() - started)
      if (answer === undefined) reject(new Error(`no HTTP answer, got: ${text.slice(0, 200)}`))
      else resolve(answer)
    })
    if (typeof send === 'function') send(socket)
    else socket.write(send)
  })
}

function parseAnswer(text: string, ms: number): Answer | undefined {
  const end = text.indexOf('\r\n\r\n')
  const status = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]
  if (end === -1 || status === undefined) return undefined
  const headers: Record<string, string> = {}
  for (const line of text.slice(0, end).split('\r\n').slice(1)) {
    const cut = line.indexOf(':')
    headers[line.slice(0, cut).trim().toLowerCase()] = line.slice(cut + 1).trim()
  }
  return { status: Number(status), headers, body: text.slice(end + 4), ms }
}
