import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCliHarness } from './cli-process.test-support.js'
import {
  type Collection,
  createCaller,
  createJudge,
  type Doc,
  declared,
  jsonBodyOf,
  type Operation,
  readDoc,
  sample,
  type WalkedDocument,
} from './openapi-walk.test-support.js'

const ROOT = new URL('..', import.meta.url).pathname
const cli = createCliHarness(() => ROOT)

/** The three documents, with the collections a reader of each sees in it (written by hand). */
const DOCUMENTS: readonly WalkedDocument[] = [
  {
    file: 'museum.yaml',
    base: '/_mock/docs/openapi/museum-api',
    auth: { authorization: `Basic ${Buffer.from('walker:dev-token').toString('base64')}` },
    collections: [
      {
        path: '/special-events',
        item: '/special-events/{eventId}',
        param: 'eventId',
        key: 'eventId',
      },
    ],
  },
  {
    file: 'petstore3.yaml',
    base: '/api/v3',
    auth: { authorization: 'Bearer dev-token', api_key: 'dev-token' },
    collections: [
      { path: '/pet', item: '/pet/{petId}', param: 'petId', key: 'id' },
      { path: '/store/order', item: '/store/order/{orderId}', param: 'orderId', key: 'id' },
      { path: '/user', item: '/user/{username}', param: 'username', key: 'username' },
    ],
  },
  {
    file: 'petstore-expanded.yaml',
    base: '/v2',
    auth: {},
    collections: [{ path: '/pets', item: '/pets/{id}', param: 'id', key: 'id' }],
  },
]

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const

describe.each(DOCUMENTS)('the mock of $file, through the CLI', (d) => {
  let url = ''
  let doc: Doc
  let judge: ReturnType<typeof createJudge>
  beforeAll(async () => {
    doc = await readDoc(`${ROOT}test/fixtures/openapi/${d.file}`)
    judge = createJudge(doc)
    url =
      (await cli.serve(['--openapi', `test/fixtures/openapi/${d.file}`, '--count', '5', '--quiet']))
        .url + d.base
  }, 30_000)
  afterAll(() => cli.stopAll())

  const call = createCaller(() => url, d.auth)

  /** Asserts the answer is a status the operation declares, its body valid against that schema. */
  function judgeAnswer(
    op: Operation,
    what: string,
    answer: { status: number; type: string; text: string },
  ) {
    const response = declared(op, answer.status)
    expect(
      response,
      `${what} answered ${answer.status}, which it does not declare: ${answer.text}`,
    ).toBeDefined()
    const media = Object.entries(response?.content ?? {}).find(([t]) => /json/.test(t))
    if (media?.[1].schema === undefined || answer.text === '') return
    const problem = judge(media[1].schema, JSON.parse(answer.text))
    expect(problem, `${what} ${answer.status}: ${answer.text.slice(0, 300)}`).toBeUndefined()
  }

  async function newRecord(c: Collection): Promise<string> {
    const op = doc.paths[c.path]?.post ?? doc.paths[c.path]?.put
    const answer = await call('post', c.path, jsonBodyOf(op as Operation))
    expect(answer.status, answer.text).toBeLessThan(300)
    const body = JSON.parse(answer.text) as Record<string, unknown>
    return String(body[c.key])
  }

  it('answers every operation with a status it declares and a body valid against its schema', async () => {
    for (const [template, item] of Object.entries(doc.paths)) {
      for (const method of METHODS) {
        const op = item[method]
        if (op === undefined) continue
        const collection = d.collections.find((c) => c.item === template)
        const key = collection ? await newRecord(collection) : undefined
        const params = [...(item.parameters ?? []), ...(op.parameters ?? [])]
        let path = template
        const query = new URLSearchParams()
        for (const p of params) {
          const value =
            p.in === 'path' && key !== undefined ? key : String(sample(p.schema, p.name))
          if (p.in === 'path') path = path.replace(`{${p.name}}`, encodeURIComponent(value))
          else if (p.in === 'query' && p.required) query.set(p.name, value)
        }
        const qs = query.size > 0 ? `?${query}` : ''
        const body = op.requestBody?.content?.['application/json'] ? jsonBodyOf(op) : undefined
        const answer = await call(
          method,
          path + qs,
          method === 'put' && collection === undefined && body && typeof body === 'object'
            ? await withKey(template, body)
            : body,
        )
        judgeAnswer(op, `${method.toUpperCase()} ${template}`, answer)
        expect(answer.status, `${method.toUpperCase()} ${template}: ${answer.text}`).toBeLessThan(
          300,
        )
      }
    }
  }, 60_000)

  /** A collection-path PUT (`PUT /pet`) updates the record whose key is in the body. */
  async function withKey(template: string, body: object) {
    const c = d.collections.find((x) => x.path === template)
    return c ? { ...body, [c.key]: coerceKey(await newRecord(c)) } : body
  }

  it.each(d.collections)('keeps $path: create → read → list → update → delete → 404', async (c) => {
    const ops = { collection: doc.paths[c.path] ?? {}, item: doc.paths[c.item] ?? {} }
    const key = await newRecord(c)
    const at = c.item.replace(`{${c.param}}`, encodeURIComponent(key))
    const read = await call('get', at)
    expect(read.status).toBe(200)
    judgeAnswer(ops.item.get as Operation, 'read', read)
    expect(JSON.parse(read.text)[c.key]).toEqual(coerceKey(key))
    if (ops.collection.get) {
      const pages: string[] = []
      for (let page = 1; page <= 20 && !pages.some((p) => p.includes(key)); page++) {
        const list = await call('get', `${c.path}?page=${page}`)
        judgeAnswer(ops.collection.get, 'list', list)
        pages.push(list.text)
      }
      expect(pages.join('')).toContain(key)
    }
    const update = ops.item.patch ?? ops.item.put ?? ops.collection.put
    if (update) {
      const viaCollection = update === ops.collection.put
      const changed = {
        ...(jsonBodyOf(update) as object),
        ...(viaCollection ? { [c.key]: coerceKey(key) } : {}),
      }
      const answer = await call(
        update === ops.item.patch ? 'patch' : 'put',
        viaCollection ? c.path : at,
        changed,
      )
      expect(answer.status, answer.text).toBeLessThan(300)
      judgeAnswer(update, 'update', answer)
      const again = JSON.parse((await call('get', at)).text) as Record<string, unknown>
      for (const [field, value] of Object.entries(changed)) {
        if (field !== c.key && field !== 'username') expect(again[field]).toEqual(value)
      }
    }
    const removed = await call('delete', at)
    expect(removed.status).toBeLessThan(300)
    judgeAnswer(ops.item.delete as Operation, 'delete', removed)
    const gone = await call('get', at)
    expect(gone.status).toBe(404)
    judgeAnswer(ops.item.get as Operation, 'read after delete', gone)
  })
})

function coerceKey(key: string): string | number {
  return /^\d+$/.test(key) ? Number(key) : key
}
