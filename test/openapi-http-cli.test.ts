import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Agent, request } from 'undici'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createCliHarness } from './cli-process.test-support.js'

// Issue 13's HTTP on a document's collection, as a real client (undici) meets it on the socket of
// the built CLI started with --openapi.
const ROOT = new URL('..', import.meta.url).pathname
const MUSEUM = join(ROOT, 'test/fixtures/openapi/museum.yaml')
const EVENTS = '/_mock/docs/openapi/museum-api/special-events'
// The document's http basic scheme: any user, a token as the password.
const AUTH = { authorization: `Basic ${Buffer.from('visitor:dev-token').toString('base64')}` }
const EVENT = { name: 'Tea', location: 'Hall', eventDescription: 'Tea.', dates: [], price: 1 }

let dir = ''
const cli = createCliHarness(() => dir)
const agents = new Set<Agent>()

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mockapi-openapi-http-'))
  await writeFile(
    join(dir, 'reset-once.yaml'),
    'rules:\n  - match: { method: POST }\n    when: { times: 1 }\n    respond: { fault: reset }\n',
  )
})
afterEach(async () => {
  await Promise.all([...agents].map((agent) => agent.close()))
  agents.clear()
  await cli.stopAll()
})
afterAll(() => rm(dir, { recursive: true, force: true }))

function agent(): Agent {
  const made = new Agent({ connections: 1 })
  agents.add(made)
  return made
}

function send(url: string, method: string, headers: Record<string, string> = {}, body?: unknown) {
  return request(url, {
    method: method as 'GET',
    dispatcher: agent(),
    headers: { ...AUTH, 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
}

async function total(base: string): Promise<number> {
  const res = await send(`${base}${EVENTS}`, 'GET')
  await res.body.dump()
  return Number(res.headers['x-total-count'])
}

describe('mockapi --openapi museum.yaml over a socket', () => {
  it('serves validators and conditional writes, and needs If-Match under --require-if-match', async () => {
    const { url } = await cli.serve(['--openapi', MUSEUM, '--require-if-match'])
    const list = await send(`${url}${EVENTS}`, 'GET')
    const [event] = (await list.body.json()) as { eventId: string }[]
    expect(list.headers.etag).toMatch(/^W\/"/)
    const item = `${url}${EVENTS}/${event?.eventId}`
    const read = await send(item, 'GET')
    await read.body.dump()
    const etag = String(read.headers.etag)
    expect(etag).toMatch(/^"[^"]+"$/)
    expect(read.headers['last-modified']).toMatch(/GMT$/)
    expect(read.headers['cache-control']).toBe('no-cache')

    const cached = await send(item, 'GET', { 'if-none-match': etag })
    expect(cached.statusCode).toBe(304)
    expect(await cached.body.text()).toBe('')

    const bare = await send(item, 'PATCH', {}, { price: 2 })
    expect(bare.statusCode).toBe(428)
    expect(await bare.body.json()).toMatchObject({ code: 'precondition_required' })
    const stale = await send(item, 'PATCH', { 'if-match': '"stale"' }, { price: 2 })
    expect(stale.statusCode).toBe(412)
    expect(await stale.body.json()).toMatchObject({ code: 'precondition_failed' })
    const ok = await send(item, 'PATCH', { 'if-match': etag }, { price: 2 })
    expect(ok.statusCode).toBe(200)
    expect(await ok.body.json()).toMatchObject({ price: 2 })
    expect(ok.headers.etag).not.toBe(etag)
  })

  it('creates exactly one record when a POST is retried with its Idempotency-Key after a reset', async () => {
    const { url } = await cli.serve(['--openapi', MUSEUM, '--scenario', 'reset-once.yaml'])
    const before = await total(url)
    const post = () => send(`${url}${EVENTS}`, 'POST', { 'idempotency-key': 'tea-1' }, EVENT)
    await expect(post()).rejects.toThrow()
    const retry = await post()
    expect(retry.statusCode).toBe(201)
    const created = (await retry.body.json()) as { eventId: string }
    const again = await post()
    expect(again.statusCode).toBe(201)
    expect(again.headers['idempotent-replayed']).toBe('true')
    expect(again.headers.location).toBe(retry.headers.location)
    expect(((await again.body.json()) as { eventId: string }).eventId).toBe(created.eventId)
    expect(await total(url)).toBe(before + 1)
  })
})
