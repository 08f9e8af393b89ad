import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createAdaptorServer } from '@hono/node-server'
import { Hono } from 'hono'
import { expect, it } from 'vitest'
import { createMockApi } from '../create-mock-api.js'
import { startMockApi } from '../start-mock-api.js'
import type { RequestEvent } from './admin-status-routes.js'
import { createEventStreams, type SendEvent } from './event-stream.js'

const AUTH = { Authorization: 'Bearer dev-token' }

/** Reads server-sent events from a response body, one `{ event, data }` per call. */
function eventsOf(res: Response) {
  const it = (res.body as ReadableStream<Uint8Array>).getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  return {
    async next(): Promise<{ event: string; data: unknown } | 'end'> {
      for (;;) {
        const cut = buffer.indexOf('\n\n')
        if (cut >= 0) {
          const block = buffer.slice(0, cut)
          buffer = buffer.slice(cut + 2)
          const event = /^event: (.*)$/m.exec(block)?.[1]
          const data = /^data: (.*)$/m.exec(block)?.[1]
          if (event !== undefined && data !== undefined) return { event, data: JSON.parse(data) }
          continue
        }
        const { value, done } = await it.read()
        if (done) return 'end'
        buffer += decoder.decode(value, { stream: true })
      }
    },
    /** Everything up to the end of the stream, as text. */
    async rest(): Promise<string> {
      for (;;) {
        const { value, done } = await it.read()
        if (done) return buffer
        buffer += decoder.decode(value, { stream: true })
      }
    },
    cancel: () => it.cancel(),
  }
}

it('GET /__mockapi/events?recent=N first sends the last N requests, then the live ones', async () => {
  const api = createMockApi({ seed: 1, count: 3 })
  for (const id of [1, 2, 3])
    await api.fetch(new Request(`http://mock/users/${id}`, { headers: AUTH }))
  const events = eventsOf(await api.fetch(new Request('http://mock/__mockapi/events?recent=2')))
  await api.fetch(new Request('http://mock/users', { headers: AUTH }))
  const seen = [await events.next(), await events.next(), await events.next()]
  expect(seen).toMatchObject([
    { event: 'recent', data: { id: 2, path: '/users/2' } },
    { event: 'recent', data: { id: 3, path: '/users/3' } },
    { event: 'request', data: { id: 4, path: '/users' } },
  ])
  await events.cancel()
  const bad = await api.fetch(new Request('http://mock/__mockapi/events?recent=lots'))
  expect(bad.status).toBe(400)
  expect(await bad.json()).toMatchObject({ errors: [{ field: 'recent' }] })
  await api.close()
})

it('GET /__mockapi/events streams each request as it is answered, with the rule that answered', async () => {
  const api = createMockApi({ seed: 1, count: 3, scenarios: ['notfound'] })
  const res = await api.fetch(new Request('http://mock/__mockapi/events'))
  expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
  const events = eventsOf(res)
  await api.fetch(new Request('http://mock/users/1?x=1&x=2', { headers: AUTH }))
  await api.fetch(new Request('http://mock/users', { headers: AUTH }))
  const first = await events.next()
  expect(first).toMatchObject({
    event: 'request',
    data: { id: 1, method: 'GET', path: '/users/1', search: '?x=1&x=2', status: 404 },
  })
  expect(first !== 'end' && (first.data as RequestEvent)).toMatchObject({
    scenario: 'notfound',
    rule: 1,
    fault: null,
  })
  expect(await events.next()).toMatchObject({
    data: { path: '/users', status: 200, scenario: null, rule: null },
  })
  await events.cancel()
  await api.close()
})

it('closing the instance ends its open streams, and a stream opened after ends at once', async () => {
  const api = createMockApi({ seed: 1, count: 3 })
  const open = eventsOf(await api.fetch(new Request('http://mock/__mockapi/events')))
  await api.close()
  expect(await open.next()).toBe('end')
  const late = eventsOf(await api.fetch(new Request('http://mock/__mockapi/events')))
  expect(await late.rest()).toContain(': connected')
})

it('a stream that is cancelled unsubscribes and stops its heartbeat; heartbeats keep it alive', async () => {
  const streams = createEventStreams({ heartbeatMs: 20 })
  const sends: SendEvent[] = []
  let unsubscribed = 0
  const res = streams.open((send) => {
    sends.push(send)
    return () => {
      unsubscribed += 1
    }
  })
  const events = eventsOf(res)
  sends[0]?.('ping', { n: 1 })
  expect(await events.next()).toEqual({ event: 'ping', data: { n: 1 } })
  await new Promise((resolve) => setTimeout(resolve, 60))
  expect(streams.size).toBe(1)
  await events.cancel()
  await expect.poll(() => streams.size).toBe(0)
  expect(unsubscribed).toBe(1)
  streams.close()
  expect(unsubscribed).toBe(1)
})

it('on a socket, a client that goes away is unsubscribed', async () => {
  const streams = createEventStreams()
  let subscribed = 0
  const app = new Hono().get('/events', () =>
    streams.open(() => {
      subscribed += 1
      return () => {
        subscribed -= 1
      }
    }),
  )
  const server = createAdaptorServer({ fetch: app.fetch }) as Server
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  try {
    const abort = new AbortController()
    const res = await fetch(`http://127.0.0.1:${port}/events`, { signal: abort.signal })
    // The first chunk is the `: connected` comment.
    expect((await res.body?.getReader().read())?.done).toBe(false)
    expect(subscribed).toBe(1)
    abort.abort()
    await expect.poll(() => streams.size, { timeout: 2000 }).toBe(0)
    expect(subscribed).toBe(0)
  } finally {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
})

it('an open live log does not hold a graceful close up', async () => {
  const api = await startMockApi({ seed: 1, count: 3 })
  const res = await fetch(`${api.url}/__mockapi/events`)
  const events = eventsOf(res)
  await fetch(`${api.url}/users/1`, { headers: AUTH })
  expect(await events.next()).toMatchObject({ data: { path: '/users/1' } })
  const started = Date.now()
  await api.close()
  // The shutdown timeout is 5 s; a stream that held the close up would take all of it.
  expect(Date.now() - started).toBeLessThan(2500)
  expect(await events.next()).toBe('end')
})

it('drops a client that stops reading once its unread events pass the buffer limit', async () => {
  const streams = createEventStreams({ maxBufferedBytes: 4096 })
  const sends: SendEvent[] = []
  let unsubscribed = 0
  const res = streams.open((send) => {
    sends.push(send)
    return () => {
      unsubscribed += 1
    }
  })
  // Nobody reads `res.body`: each event waits in the stream's queue.
  for (let i = 0; i < 10; i++) sends[0]?.('request', { pad: 'x'.repeat(200) })
  expect(streams.size).toBe(1)
  for (let i = 0; i < 30; i++) sends[0]?.('request', { pad: 'x'.repeat(200) })
  expect(streams.size).toBe(0)
  expect(unsubscribed).toBe(1)
  await expect(res.body?.getReader().read()).rejects.toThrow(/stopped reading/)
})

it('refuses the listener beyond the cap with 503 overloaded and Retry-After', async () => {
  const api = createMockApi({ seed: 1, count: 3 })
  const open = () => api.fetch(new Request('http://mock/__mockapi/events'))
  const listeners = await Promise.all(Array.from({ length: 20 }, open))
  expect(listeners.map((res) => res.status)).toEqual(Array(20).fill(200))
  const refused = await open()
  expect(refused.status).toBe(503)
  expect(refused.headers.get('retry-after')).toBe('60')
  expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  expect(await refused.json()).toMatchObject({ status: 503, code: 'overloaded' })
  await listeners[0]?.body?.cancel()
  expect((await open()).status).toBe(200)
  await api.close()
})

it('the listener cap holds across sessions: one count for the instance and all its sessions', async () => {
  const api = createMockApi({ seed: 1, count: 3, maxEventListeners: 3 })
  const open = (session: string) =>
    api.fetch(
      new Request('http://mock/__mockapi/events', { headers: { 'X-Mockapi-Session': session } }),
    )
  const streams = [
    await open('a'),
    await open('b'),
    await api.fetch(new Request('http://mock/__mockapi/events')),
  ]
  expect(streams.map((res) => res.status)).toEqual([200, 200, 200])
  expect((await open('c')).status).toBe(503)
  await streams[1]?.body?.cancel()
  expect((await open('c')).status).toBe(200)
  await api.close()
})
