import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import type { Server } from 'node:http'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCliHarness } from './cli-process.test-support.js'

// json-server 0.17 (a devDependency of this test only), in-process on a loopback port.
interface JsonServer {
  create(): {
    use(handler: unknown): void
    listen(port: number, host: string, done: () => void): Server
  }
  defaults(options: { logger: boolean }): unknown
  router(data: unknown): unknown
}
const jsonServer = createRequire(import.meta.url)('json-server') as JsonServer

// json-server 0.17's README data, with views to sort by.
const DB = {
  posts: [
    { id: 1, title: 'json-server', author: 'typicode', views: 100 },
    { id: 2, title: 'mockapi', author: 'someone', views: 300 },
    { id: 3, title: 'another', author: 'typicode', views: 200 },
  ],
  comments: [
    { id: 1, body: 'some comment', postId: 1 },
    { id: 2, body: 'another comment', postId: 3 },
    { id: 3, body: 'a third', postId: 1 },
  ],
  profile: { name: 'typicode' },
}

// The same requests to both: the records returned must be the same (statuses and error bodies
// differ on purpose, and are not compared).
const READS = [
  '/posts',
  '/posts/2',
  '/profile',
  '/comments?postId=1',
  '/posts?author=typicode',
  '/posts?_sort=views',
  '/posts?_sort=views&_order=desc',
  '/posts?_page=2&_limit=2',
  '/posts?_start=1&_end=3',
  '/posts?_start=1&_limit=1',
  '/posts?_embed=comments',
  '/posts/1?_embed=comments',
  '/comments?_expand=post',
  '/comments/2?_expand=post',
  '/posts?views_gte=200',
  '/posts?title_like=son',
  '/posts?id_ne=2',
]

let dir = ''
let theirs = ''
let server: Server | undefined
const cli = createCliHarness(() => dir)

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mockapi-compare-'))
  await writeFile(join(dir, 'db.json'), JSON.stringify(DB, null, 2))
  const app = jsonServer.create()
  app.use(jsonServer.defaults({ logger: false }))
  app.use(jsonServer.router(structuredClone(DB)))
  await new Promise<void>((resolve) => {
    server = app.listen(0, '127.0.0.1', resolve)
  })
  const address = server?.address()
  theirs = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
})
afterAll(async () => {
  await cli.stopAll()
  server?.close()
  await rm(dir, { recursive: true, force: true })
})

describe('the same requests to json-server 0.17 and to mockapi db.json', () => {
  it.each(READS)('GET %s returns the same records', async (path) => {
    const { url } = await ours()
    const [a, b] = await Promise.all([fetch(`${theirs}${path}`), fetch(`${url}${path}`)])
    expect(await b.json()).toEqual(await a.json())
  })

  it('POST, PATCH and PUT leave the same records', async () => {
    const { url } = await ours()
    const writes: [string, string, unknown][] = [
      ['POST', '/posts', { title: 'new', author: 'me', views: 1 }],
      ['PATCH', '/posts/1', { views: 101 }],
      ['PUT', '/posts/3', { title: 'replaced', author: 'you', views: 5 }],
      ['PATCH', '/profile', { name: 'changed' }],
    ]
    for (const [method, path, body] of writes) {
      const init = {
        method,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }
      const [a, b] = await Promise.all([
        fetch(`${theirs}${path}`, init),
        fetch(`${url}${path}`, init),
      ])
      expect(await b.json()).toEqual(await a.json())
    }
    for (const path of ['/posts', '/profile']) {
      const [a, b] = await Promise.all([fetch(`${theirs}${path}`), fetch(`${url}${path}`)])
      expect(await b.json()).toEqual(await a.json())
    }
  })
})

let started: Promise<{ url: string }> | undefined
function ours(): Promise<{ url: string }> {
  started ??= cli.serve(['db.json', '--no-auth', '--quiet', '--rate-limit', 'off'])
  return started
}
