import { request as httpRequest } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import { Agent, request } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { parseScenario } from '../src/scenarios/parse-scenario.js'
import { type RunningMockApi, startMockApi } from '../src/start-mock-api.js'

// What makes a client's retries safe, as a real HTTP client (undici) meets it on a real socket:
// Idempotency-Key against faults, If-Match against lost updates.

const running = new Set<RunningMockApi>()
const agents = new Set<Agent>()

afterEach(async () => {
  await Promise.all([...agents].map((agent) => agent.close()))
  await Promise.all([...running].map((api) => api.close()))
  running.clear()
  agents.clear()
})

async function start(rules = ''): Promise<RunningMockApi> {
  const scenarios = rules ? [parseScenario(`rules:\n${rules}`, 'test.yaml')] : []
  const api = await startMockApi({ seed: 1, count: 3, auth: false, rateLimit: false, scenarios })
  running.add(api)
  return api
}

function agent(): Agent {
  const made = new Agent({ connections: 1 })
  agents.add(made)
  return made
}

const USER = JSON.stringify({ name: 'Ada Lovelace', email: 'ada@example.test', role: 'admin' })

function postUser(api: RunningMockApi, key: string, dispatcher = agent()) {
  return request(`${api.url}/users`, {
    method: 'POST',
    dispatcher,
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: USER,
  })
}

const users = (api: RunningMockApi) => api.resources().find((r) => r.name === 'users')?.count

describe('a POST retried with its Idempotency-Key', () => {
  it('creates exactly one record after a reset fault', async () => {
    const api = await start(
      '  - match: { method: POST }\n    when: { times: 1 }\n    respond: { fault: reset }\n',
    )
    await expect(postUser(api, 'order-1')).rejects.toThrow()
    const retry = await postUser(api, 'order-1')
    expect(retry.statusCode).toBe(201)
    const created = (await retry.body.json()) as { id: number }
    const again = await postUser(api, 'order-1')
    expect(again.statusCode).toBe(201)
    expect(again.headers['idempotent-replayed']).toBe('true')
    expect(((await again.body.json()) as { id: number }).id).toBe(created.id)
    expect(users(api)).toBe(4)
  })

  it('is consumed by a drip, which carries the write out', async () => {
    const api = await start(
      '  - match: { method: POST }\n    when: { times: 1 }\n    respond: { fault: drip }\n',
    )
    const first = await postUser(api, 'order-2')
    expect(first.statusCode).toBe(201)
    await first.body.json()
    const retry = await postUser(api, 'order-2')
    expect(retry.headers['idempotent-replayed']).toBe('true')
    await retry.body.dump()
    expect(users(api)).toBe(4)
  })

  it('answers 409 idempotency_in_progress while the first is still arriving', async () => {
    const api = await start()
    // The first request sends half its body and waits.
    const first = httpRequest(`${api.url}/users`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(USER)),
        'idempotency-key': 'order-3',
      },
    })
    const firstAnswer = new Promise<number>((resolve, reject) => {
      first.on('response', (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      })
      first.on('error', reject)
    })
    first.write(USER.slice(0, 10))
    // Time for the first request's head to reach its handler: an order, not a speed.
    await sleep(300)
    let second = await postUser(api, 'order-3')
    expect(second.statusCode).toBe(409)
    expect(((await second.body.json()) as { code: string }).code).toBe('idempotency_in_progress')
    first.end(USER.slice(10))
    expect(await firstAnswer).toBe(201)
    second = await postUser(api, 'order-3')
    expect(second.headers['idempotent-replayed']).toBe('true')
    await second.body.dump()
    expect(users(api)).toBe(4)
  })
})

describe('two clients PATCHing the same record with If-Match', () => {
  it('lose no update: the second gets 412, re-reads and succeeds', async () => {
    const api = await start()
    const alice = agent()
    const bob = agent()
    const read = async (dispatcher: Agent) => {
      const res = await request(`${api.url}/users/1`, { dispatcher })
      const body = (await res.body.json()) as { name: string }
      return { etag: String(res.headers.etag), body }
    }
    const write = (dispatcher: Agent, etag: string, name: string) =>
      request(`${api.url}/users/1`, {
        method: 'PATCH',
        dispatcher,
        headers: { 'content-type': 'application/json', 'if-match': etag },
        body: JSON.stringify({ name }),
      })
    const [a, b] = await Promise.all([read(alice), read(bob)])
    const aliceWrite = await write(alice, a.etag, 'Alice')
    expect(aliceWrite.statusCode).toBe(200)
    await aliceWrite.body.dump()
    const bobWrite = await write(bob, b.etag, 'Bob')
    expect(bobWrite.statusCode).toBe(412)
    await bobWrite.body.dump()
    const fresh = await read(bob)
    expect(fresh.body.name).toBe('Alice')
    const retry = await write(bob, fresh.etag, 'Alice and Bob')
    expect(retry.statusCode).toBe(200)
    await retry.body.dump()
    const notModified = await request(`${api.url}/users/1`, {
      dispatcher: alice,
      headers: { 'if-none-match': String(retry.headers.etag) },
    })
    expect(notModified.statusCode).toBe(304)
    await notModified.body.dump()
  })
})

describe('the examples of testing.md', () => {
  it('a lost update: the second If-Match PATCH gets 412', async () => {
    const { createMockApi } = await import('../src/index.js')
    const api = createMockApi({ auth: false })
    const read = await api.fetch(new Request('http://mock/users/1'))
    const etag = read.headers.get('etag') ?? ''
    const patch = (name: string, tag: string) =>
      api.fetch(
        new Request('http://mock/users/1', {
          method: 'PATCH',
          headers: { 'content-type': 'application/json', 'if-match': tag },
          body: JSON.stringify({ name }),
        }),
      )
    expect((await patch('Alice', etag)).status).toBe(200)
    expect((await patch('Bob', etag)).status).toBe(412)
  })

  it('a duplicate POST after a reset fault creates one record', async () => {
    const api = await startMockApi({
      auth: false,
      scenarios: [
        {
          name: 'once',
          rules: [{ match: { method: 'POST' }, when: { times: 1 }, respond: { fault: 'reset' } }],
        },
      ],
    })
    running.add(api)
    const post = () =>
      fetch(`${api.url}/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'order-1' },
        body: JSON.stringify({ name: 'Ada', email: 'ada@example.test', role: 'admin' }),
      })
    await post().catch(() => undefined)
    const retry = await post()
    const again = await post()
    expect(retry.status).toBe(201)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(await again.json()).toEqual(await retry.json())
    expect(users(api)).toBe(51)
  })
})
