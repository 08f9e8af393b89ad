import { connect, type Socket } from 'node:net'
import { Client } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { type RunningMockApi, startMockApi } from '../src/start-mock-api.js'

// Node refuses some requests before our code runs (431, malformed 400, 408). Those answers must
// reach the client on a connection that already served a request, as on a fresh one.

const running = new Set<RunningMockApi>()
const clients = new Set<Client>()
const sockets = new Set<Socket>()

afterEach(async () => {
  for (const socket of sockets) socket.destroy()
  await Promise.all([...clients].map((client) => client.close()))
  await Promise.all([...running].map((api) => api.close()))
  running.clear()
  clients.clear()
  sockets.clear()
})

async function start(options: Parameters<typeof startMockApi>[0] = {}) {
  const api = await startMockApi({ seed: 1, count: 2, auth: false, ...options })
  running.add(api)
  return api
}

describe('a 431 on a keep-alive connection, with undici', () => {
  it('reaches the client with Date, a non-empty instance and CORS', async () => {
    const api = await start()
    const client = new Client(api.url, { pipelining: 1 })
    clients.add(client)
    const first = await client.request({ path: '/users/1', method: 'GET' })
    expect(first.statusCode).toBe(200)
    await first.body.dump()
    const second = await client.request({
      path: '/users/2',
      method: 'GET',
      headers: { origin: 'http://app.test', 'x-big': 'a'.repeat(20_000) },
    })
    expect(second.statusCode).toBe(431)
    expect(second.headers['content-type']).toBe('application/problem+json')
    expect(Number.isNaN(Date.parse(String(second.headers.date)))).toBe(false)
    expect(second.headers['access-control-allow-origin']).toBe('*')
    const problem = (await second.body.json()) as { code: string; instance: string }
    expect(problem.code).toBe('headers_too_large')
    expect(problem.instance).toBe('/users/2')
  })
})

/** Sends `requests` one after another on one socket; resolves with all that came back. */
function exchange(api: RunningMockApi, requests: string[], until: RegExp): Promise<string> {
  const socket = connect(api.port, '127.0.0.1')
  sockets.add(socket)
  return new Promise((resolve, reject) => {
    let received = ''
    let next = 0
    const send = () => {
      const request = requests[next++]
      if (request !== undefined) socket.write(request)
    }
    socket.setEncoding('utf8')
    socket.on('connect', send)
    socket.on('data', (chunk: string) => {
      received += chunk
      if (until.test(received)) resolve(received)
      else if (received.endsWith('}') || received.includes('\r\n\r\n[')) send()
    })
    socket.on('close', () => resolve(received))
    socket.on('error', reject)
  })
}

describe('socket-level answers on a reused connection', () => {
  it('answers a malformed second request 400 malformed_request', async () => {
    const api = await start()
    const received = await exchange(
      api,
      [
        'GET /users/1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
        'GET /users/2 HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header\r\n\r\n',
      ],
      /malformed_request.*\}/s,
    )
    expect(received).toMatch(/^HTTP\/1\.1 200 /)
    expect(received).toMatch(/HTTP\/1\.1 400 Bad Request\r\n/)
    expect(received).toMatch(/\r\nDate: /)
    expect(received).toContain('"instance":"/users/2"')
  })

  it('answers a second request that never ends its headers 408, with CORS', async () => {
    const api = await start({ headersTimeout: 300, requestTimeout: 300 })
    const received = await exchange(
      api,
      ['GET /users/1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', 'GET /users/2 HTTP/1.1\r\nHost: mo'],
      /request_timeout.*\}/s,
    )
    expect(received).toMatch(/HTTP\/1\.1 408 Request Timeout\r\n/)
    expect(received).toMatch(/\r\nAccess-Control-Allow-Origin: \*\r\n/)
    expect(received).toMatch(/"instance":"[^"]+"/)
  })
})
