import { connect } from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type RunningMockApi, startMockApi } from '../start-mock-api.js'

// Node-level refusals on a real socket, each in the contract's problem+json shape.

let api: RunningMockApi
beforeAll(async () => {
  api = await startMockApi({ seed: 1, count: 3 })
})
afterAll(() => api.close())

/** Sends raw bytes; resolves with the status and the parsed problem body. */
function send(
  raw: string,
): Promise<{ status: number; type: string; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(api.port, '127.0.0.1')
    let answer = ''
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => {
      answer += chunk
    })
    socket.on('end', () => {
      const [head = '', body = ''] = answer.split('\r\n\r\n')
      resolve({
        status: Number(head.slice(9, 12)),
        type: /content-type: (.*)/i.exec(head)?.[1] ?? '',
        body: JSON.parse(body) as Record<string, unknown>,
      })
    })
    socket.on('error', reject)
    socket.write(raw)
  })
}

it.each([
  ['no Host', 'GET /users/1 HTTP/1.1\r\n\r\n', /no Host header/],
  ['two Host headers', 'GET /users/1 HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n', /more than one Host/],
  ['an invalid Host', 'GET /users/1 HTTP/1.1\r\nHost: a b/c\r\n\r\n', /not a valid host/],
])('answers a request with %s 400 invalid_host in problem+json', async (_, raw, detail) => {
  const { status, type, body } = await send(raw)
  expect(status).toBe(400)
  expect(type).toMatch(/^application\/problem\+json/)
  expect(body).toMatchObject({ status: 400, code: 'invalid_host', instance: '/users/1' })
  expect(body.detail).toMatch(detail)
})

it('answers an unsupported Expect 417 expectation_failed in problem+json', async () => {
  const raw = 'POST /tasks HTTP/1.1\r\nHost: x\r\nExpect: 200-ok\r\nContent-Length: 2\r\n\r\n{}'
  const { status, type, body } = await send(raw)
  expect(status).toBe(417)
  expect(type).toMatch(/^application\/problem\+json/)
  expect(body).toMatchObject({
    title: 'Expectation Failed',
    code: 'expectation_failed',
    instance: '/tasks',
  })
})

it('gives a malformed request a non-empty instance', async () => {
  const { status, body } = await send('GET /users/1 HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n')
  expect(status).toBe(400)
  expect(body).toMatchObject({ code: 'malformed_request', instance: '/users/1' })
})

it('still serves a request with one valid Host, and HTTP/1.0 without one', async () => {
  expect((await fetch(`${api.url}/__mockapi/health`)).status).toBe(200)
  const old = await new Promise<string>((resolve) => {
    const socket = connect(api.port, '127.0.0.1')
    let answer = ''
    socket.on('data', (chunk) => {
      answer += chunk
    })
    socket.on('end', () => resolve(answer))
    socket.write('GET /__mockapi/health HTTP/1.0\r\n\r\n')
  })
  expect(old.slice(9, 12)).toBe('200')
})
