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

/**
 * More real documents nobody here wrote (see test/fixtures/openapi/README.md), with the collections
 * a reader sees in each (written by hand; a child collection comes after its parent). Unlike the
 * walk of the first three, records may come wrapped (`{"article": {...}}`) and collections nested.
 */
const DOCUMENTS: readonly WalkedDocument[] = [
  {
    file: 'realworld.yml',
    base: '/api',
    auth: { authorization: 'Token dev-token' },
    collections: [
      { path: '/articles', item: '/articles/{slug}', param: 'slug', key: 'slug' },
      {
        path: '/articles/{slug}/comments',
        item: '/articles/{slug}/comments/{id}',
        param: 'id',
        key: 'id',
      },
    ],
  },
  {
    file: 'link-example.yaml',
    base: '',
    auth: {},
    collections: [
      {
        path: '/2.0/repositories/{username}/{slug}/pullrequests',
        item: '/2.0/repositories/{username}/{slug}/pullrequests/{pid}',
        param: 'pid',
        key: 'id',
      },
    ],
  },
  {
    file: 'petclinic.yml',
    base: '/petclinic/api',
    auth: {},
    collections: [
      { path: '/owners', item: '/owners/{ownerId}', param: 'ownerId', key: 'id' },
      {
        path: '/owners/{ownerId}/pets',
        item: '/owners/{ownerId}/pets/{petId}',
        param: 'petId',
        key: 'id',
      },
      { path: '/pettypes', item: '/pettypes/{petTypeId}', param: 'petTypeId', key: 'id' },
      { path: '/pets', item: '/pets/{petId}', param: 'petId', key: 'id' },
      { path: '/visits', item: '/visits/{visitId}', param: 'visitId', key: 'id' },
      { path: '/specialties', item: '/specialties/{specialtyId}', param: 'specialtyId', key: 'id' },
      { path: '/vets', item: '/vets/{vetId}', param: 'vetId', key: 'id' },
    ],
  },
  { file: 'uspto.yaml', base: '/ds-api', auth: {}, collections: [] },
  { file: 'api-with-examples.yaml', base: '', auth: {}, collections: [] },
  { file: 'callback-example.yaml', base: '', auth: {}, collections: [] },
  {
    file: 'tictactoe.yaml',
    base: '',
    auth: { authorization: 'Bearer dev-token', 'api-key': 'dev-token' },
    collections: [],
  },
  { file: 'webhook-example.yaml', base: '', auth: {}, collections: [] },
  {
    file: 'non-oauth-scopes.yaml',
    base: '',
    auth: { authorization: 'Bearer dev-token' },
    collections: [],
  },
  {
    file: 'petstore.yaml',
    base: '/v1',
    auth: {},
    collections: [{ path: '/pets', item: '/pets/{petId}', param: 'petId', key: 'id' }],
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
      (await cli.serve(['--openapi', `test/fixtures/openapi/${d.file}`, '--count', '3', '--quiet']))
        .url + d.base
  }, 30_000)
  afterAll(() => cli.stopAll())

  const call = createCaller(() => url, d.auth)

  type Answer = Awaited<ReturnType<typeof call>>

  /** Asserts the answer is a status the operation declares, its body valid against that schema. */
  function judgeAnswer(op: Operation, what: string, answer: Answer, undeclaredOk = false) {
    // 3.1 lets an operation declare no responses at all (non-oauth-scopes.yaml): any will do.
    if (op.responses === undefined) return
    const response = declared(op, answer.status)
    if (response === undefined && undeclaredOk) return
    // A success the operation declares some 2xx for must be one of those, not `default`'s.
    const successes = Object.keys(op.responses).filter((s) => /^2/.test(s))
    if (answer.status < 300 && successes.length > 0) {
      const own =
        op.responses[String(answer.status)] ?? op.responses[`${String(answer.status)[0]}XX`]
      expect(own, `${what} answered ${answer.status}, declared: ${successes}`).toBeDefined()
    }
    expect(response, `${what} answered ${answer.status}, undeclared: ${answer.text}`).toBeDefined()
    const media = Object.entries(response?.content ?? {}).find(([t]) => /json/.test(t))
    if (media?.[1].schema === undefined || answer.text === '') return
    expect(answer.type, `${what} ${answer.status}`).toMatch(/json/)
    const problem = judge(media[1].schema, JSON.parse(answer.text))
    expect(problem, `${what} ${answer.status}: ${answer.text.slice(0, 300)}`).toBeUndefined()
  }

  /** `path` with the keys given and a sample of its schema for every other path parameter. */
  function fill(path: string, keys: Record<string, string>): string {
    const item = doc.paths[path]
    const params = [item?.parameters ?? [], ...METHODS.map((m) => item?.[m]?.parameters ?? [])]
    const schemaOf = (name: string) => params.flat().find((p) => p.name === name)?.schema
    return path.replace(/\{([^}]+)\}/g, (_, name: string) =>
      encodeURIComponent(keys[name] ?? String(sample(schemaOf(name) ?? { type: 'string' }, name))),
    )
  }

  /** A record of `c` under the parents in `keys`: a new one when it can be made, else the first. */
  async function someKey(c: Collection, keys: Record<string, string>): Promise<string> {
    const post = doc.paths[c.path]?.post
    const answer = post
      ? await call('post', fill(c.path, keys), jsonBodyOf(post))
      : await call('get', fill(c.path, keys))
    expect(answer.status, answer.text).toBeLessThan(300)
    // A create declared without content (petstore.yaml's 201 "Null response") says where in Location.
    if (answer.text === '') return decodeURIComponent(answer.location.split('/').pop() ?? '')
    return String(recordIn(JSON.parse(answer.text), c.key)[c.key])
  }

  /** Keys for the collections whose item path `template` is or lies under, parents first. */
  async function keysFor(template: string): Promise<Record<string, string>> {
    const keys: Record<string, string> = {}
    for (const c of d.collections) {
      if (template === c.item || template.startsWith(`${c.item}/`))
        keys[c.param] = await someKey(c, keys)
    }
    return keys
  }

  it('answers every operation with a status it declares and a body valid against its schema', async () => {
    for (const [template, item] of Object.entries(doc.paths ?? {})) {
      for (const method of METHODS) {
        const op = item[method]
        if (op === undefined) continue
        const query = new URLSearchParams()
        for (const p of [...(item.parameters ?? []), ...(op.parameters ?? [])]) {
          if (p.in === 'query' && p.required) query.set(p.name, String(sample(p.schema, p.name)))
        }
        const path = fill(template, await keysFor(template)) + (query.size > 0 ? `?${query}` : '')
        const answer = await call(method, path, jsonBodyOf(op))
        judgeAnswer(op, `${method.toUpperCase()} ${template}`, answer)
        expect(answer.status, `${method.toUpperCase()} ${template}: ${answer.text}`).toBeLessThan(
          300,
        )
      }
    }
  }, 60_000)

  it.each(d.collections)('keeps $path: create → read → list → update → delete → 404', async (c) => {
    const ops = { collection: doc.paths[c.path] ?? {}, item: doc.paths[c.item] ?? {} }
    const keys = await keysFor(c.item)
    const key = keys[c.param] ?? ''
    const at = fill(c.item, keys)
    if (ops.item.get) {
      const read = await call('get', at)
      expect(read.status).toBe(200)
      judgeAnswer(ops.item.get, 'read', read)
      expect(String(recordIn(JSON.parse(read.text), c.key)[c.key])).toBe(key)
    }
    if (ops.collection.get) {
      const list = await call('get', fill(c.path, keys))
      judgeAnswer(ops.collection.get, 'list', list)
      expect(list.text).toContain(JSON.stringify(coerceKey(key)))
    }
    const update = ops.item.patch ?? ops.item.put
    if (update) {
      const changed = jsonBodyOf(update)
      const answer = await call(update === ops.item.patch ? 'patch' : 'put', at, changed)
      expect(answer.status, answer.text).toBeLessThan(300)
      judgeAnswer(update, 'update', answer)
      if (ops.item.get) {
        const again = recordIn(JSON.parse((await call('get', at)).text), c.key)
        const sent = recordIn(changed, c.key)
        for (const [field, value] of Object.entries(sent)) {
          if (field !== c.key) expect(again[field], field).toEqual(value)
        }
      }
    }
    if (!ops.item.delete) return
    const removed = await call('delete', at)
    expect(removed.status, removed.text).toBeLessThan(300)
    judgeAnswer(ops.item.delete, 'delete', removed)
    const gone = await call(ops.item.get ? 'get' : 'delete', at)
    expect(gone.status).toBe(404)
    // A 404 the document does not declare stays the contract's problem+json.
    judgeAnswer((ops.item.get ?? ops.item.delete) as Operation, 'after delete', gone, true)
  })
})

/** The record in an answer: itself, the first of a list, or the one object an envelope wraps. */
function recordIn(body: unknown, key: string): Record<string, unknown> {
  if (Array.isArray(body)) return recordIn(body[0], key)
  const record = (body ?? {}) as Record<string, unknown>
  if (record[key] !== undefined) return record
  const inner = Object.values(record).filter((v) => typeof v === 'object' && v !== null)
  // An envelope: `{"article": {...}}`, or a list's `{"articles": [...], "articlesCount": 3}`.
  const envelope =
    inner.length === 1 && (Object.keys(record).length === 1 || Array.isArray(inner[0]))
  return envelope ? recordIn(inner[0], key) : record
}

function coerceKey(key: string): string | number {
  return /^\d+$/.test(key) ? Number(key) : key
}
