import { describe, expect, it } from 'vitest'
import { createMockApi, type MockApi } from '../create-mock-api.js'
import { CASES, type Write } from './imported-collections.test-support.js'
import type { LoadedOpenApi } from './load-openapi.js'

// Issue 13's HTTP semantics on a collection of each imported document, as built-ins have them.
const NOW = Date.UTC(2030, 0, 1)
const JSON_TYPE = { 'content-type': 'application/json' }

function mock(loaded: LoadedOpenApi, extra: object = {}): MockApi {
  return createMockApi({
    openapi: loaded,
    auth: false,
    rateLimit: false,
    seed: 1,
    count: 3,
    clock: { now: () => NOW },
    ...extra,
  })
}

function send(api: MockApi, write: Write, headers: Record<string, string> = {}) {
  const body = write.body === undefined ? {} : { body: JSON.stringify(write.body) }
  return api.app.request(write.path, {
    method: write.method,
    headers: { ...JSON_TYPE, ...headers },
    ...body,
  })
}

function post(api: MockApi, path: string, body: unknown, key: string) {
  return api.app.request(path, {
    method: 'POST',
    headers: { ...JSON_TYPE, 'Idempotency-Key': key },
    body: JSON.stringify(body),
  })
}

async function read(api: MockApi, path: string) {
  const res = await api.app.request(path)
  expect(res.status).toBe(200)
  return { etag: res.headers.get('etag') ?? '', body: await res.json(), res }
}

async function totalOf(api: MockApi, path: string): Promise<number> {
  return Number((await api.app.request(path)).headers.get('x-total-count'))
}

/** The error's code: the problem's, or the document's own shape's (`{code: 412, message}`). */
async function codeOf(res: Response, shaped: boolean): Promise<unknown> {
  const body = (await res.json()) as { code: unknown; message?: unknown }
  if (shaped) expect(typeof body.message).toBe('string')
  else expect(res.headers.get('content-type')).toBe('application/problem+json')
  return body.code
}

describe.each(CASES)('a collection of $document', (t) => {
  it('carries a strong ETag, Last-Modified and no-cache, stable until a write changes it', async () => {
    const api = mock(t.loaded)
    const key = await t.key(api)
    const first = await read(api, t.item(key))
    expect(first.etag).toMatch(/^"[^"]+"$/)
    expect(first.res.headers.get('last-modified')).toBe(new Date(NOW).toUTCString())
    expect(first.res.headers.get('cache-control')).toBe('no-cache')
    expect((await read(api, t.item(key))).etag).toBe(first.etag)
    const list = await read(api, t.list)
    expect(list.etag).toMatch(/^W\/"[^"]+"$/)
    expect((await read(api, t.list)).etag).toBe(list.etag)

    const written = await send(api, t.write(key), { 'If-Match': first.etag })
    expect(written.status).toBeLessThan(300)
    expect((await read(api, t.list)).etag).not.toBe(list.etag)
    if (t.write(key).method === 'DELETE') return
    const after = await read(api, t.item(key))
    expect(after.etag).not.toBe(first.etag)
    expect(written.headers.get('etag')).toBe(after.etag)
  })

  it('answers GET and HEAD 304 with no body while If-None-Match matches, a record or a list', async () => {
    const api = mock(t.loaded)
    for (const path of [t.item(await t.key(api)), t.list]) {
      const { etag } = await read(api, path)
      for (const method of ['GET', 'HEAD']) {
        const res = await api.app.request(path, { method, headers: { 'If-None-Match': etag } })
        expect(res.status).toBe(304)
        expect(await res.text()).toBe('')
        expect(res.headers.get('etag')).toBe(etag)
      }
      const stale = await api.app.request(path, { headers: { 'If-None-Match': '"stale"' } })
      expect(stale.status).toBe(200)
    }
  })

  it('refuses a write whose If-Match or If-Unmodified-Since does not hold with 412, changing nothing', async () => {
    const api = mock(t.loaded)
    const key = await t.key(api)
    const before = await read(api, t.item(key))
    const old = new Date(Date.UTC(2000, 0, 1)).toUTCString()
    for (const headers of [{ 'If-Match': '"stale"' }, { 'If-Unmodified-Since': old }]) {
      const res = await send(api, t.write(key), headers)
      expect(res.status).toBe(412)
      expect(await codeOf(res, t.shaped)).toBe(t.shaped ? 412 : 'precondition_failed')
    }
    const after = await read(api, t.item(key))
    expect(after.body).toEqual(before.body)
    expect(after.etag).toBe(before.etag)
  })

  it('answers 428 to a write without If-Match under requireIfMatch, and lets a matching one through', async () => {
    const api = mock(t.loaded, { requireIfMatch: true })
    const key = await t.key(api)
    const bare = await send(api, t.write(key))
    expect(bare.status).toBe(428)
    expect(await codeOf(bare, t.shaped)).toBe(t.shaped ? 428 : 'precondition_required')
    const { etag } = await read(api, t.item(key))
    expect((await send(api, t.write(key), { 'If-Match': etag })).status).toBeLessThan(300)
  })

  it('creates once per Idempotency-Key: the retry is replayed, another body with the key is 422', async () => {
    const api = mock(t.loaded)
    const before = await totalOf(api, t.list)
    const first = await post(api, t.create.path, t.create.body, 'order-1')
    expect(first.status).toBe(t.create.status)
    const retry = await post(api, t.create.path, t.create.body, 'order-1')
    expect(retry.status).toBe(t.create.status)
    expect(retry.headers.get('idempotent-replayed')).toBe('true')
    expect(first.headers.get('idempotent-replayed')).toBeNull()
    expect(await retry.json()).toEqual(await first.json())
    expect(retry.headers.get('etag')).toBe(first.headers.get('etag'))
    expect(retry.headers.get('location')).toBe(first.headers.get('location'))
    expect(await totalOf(api, t.list)).toBe(before + 1)

    const other = await post(api, t.create.path, { ...(t.create.body as object) }, 'order-2')
    expect(other.status).toBe(t.create.status)
    const reused = await post(
      api,
      t.create.path,
      { ...(t.create.body as object), name: 'B' },
      'order-1',
    )
    expect(reused.status).toBe(422)
    expect(await codeOf(reused, t.shaped)).toBe(t.shaped ? 422 : 'idempotency_key_reused')
    expect(await totalOf(api, t.list)).toBe(before + 2)
  })

  it('lets a POST retried with its key through recovering create exactly one record', async () => {
    const before = await totalOf(mock(t.loaded), t.list)
    const api = mock(t.loaded, { scenarios: ['recovering'] })
    const statuses: number[] = []
    for (let i = 0; i < 4; i++) {
      const res = await post(api, t.create.path, t.create.body, 'retry-1')
      statuses.push(res.status)
      if (i === 3) expect(res.headers.get('idempotent-replayed')).toBe('true')
    }
    expect(statuses).toEqual([503, 503, t.create.status, t.create.status])
    // The list's own two failures, then its count.
    for (let i = 0; i < 2; i++) expect((await api.app.request(t.list)).status).toBe(503)
    expect(await totalOf(api, t.list)).toBe(before + 1)
  })

  it('under the conflict scenario fails the first write to the record with 412, then lets the re-read retry through', async () => {
    const api = mock(t.loaded, { scenarios: ['conflict'] })
    const key = await t.key(api)
    const { etag } = await read(api, t.item(key))
    const first = await send(api, t.itemWrite(key), { 'If-Match': etag })
    expect(first.status).toBe(412)
    expect(await codeOf(first, t.shaped)).toBe(t.shaped ? 412 : 'precondition_failed')
    const fresh = await read(api, t.item(key))
    expect(fresh.etag).toBe(etag)
    const retry = await send(api, t.itemWrite(key), { 'If-Match': fresh.etag })
    expect(retry.status).toBeLessThan(300)
  })
})
